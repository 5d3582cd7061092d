"""Every allowed value of the data contract, declared once.

Tones, judgement areas and their labels, grade words, units, series, document types, registry
columns and label splits: the schema (:mod:`analysis.contract.schema`) checks tables against these,
parsers and readers produce only these, and charts and sentences show them in these orders. This
module imports nothing of the package.
"""

#: Columns the data contract requires in ``sources.csv``; more may follow.
REGISTRY_COLUMNS = (
    "source_id",
    "file",
    "year",
    "published",
    "document_type",
    "title",
    "publisher",
    "local_authority",
    "sha256",
)

DOCUMENT_TYPES = ("inspection_report", "monitoring_letter", "committee_papers", "annual_report")

#: Area keys of the data contract; the judgement frameworks' YAML may use no other.
AREA_KEYS = (
    "overall",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "children_in_care_and_care_leavers",
    "adoption",
    "leadership",
    "quality_of_practice",
    "lscb",
)

#: The area key of a graded judgement whose heading the area vocabulary lacks ("Capacity to
#: improve" in 2013 reports): kept with its printed name, never compared across inspections.
OTHER_AREA = "other"

#: Judgement frameworks the parser knows (``analysis/data/judgement_frameworks.yml``).
FRAMEWORKS = ("child_protection_2012", "looked_after_children_2013", "sif", "ilacs")

#: Order in which judgement areas are shown, broadest first.
AREA_ORDER = [
    "overall",
    "help_and_protection",
    "quality_of_practice",
    "children_in_care_and_care_leavers",
    "children_in_care",
    "adoption",
    "care_leavers",
    "leadership",
    "lscb",
]
AREA_LABELS = {
    "overall": "Overall effectiveness",
    "help_and_protection": "Help and protection",
    "quality_of_practice": "Quality of practice",
    "children_in_care_and_care_leavers": "Children in care and care leavers",
    "children_in_care": "Children in care",
    "adoption": "Adoption",
    "care_leavers": "Care leavers",
    "leadership": "Leadership and management",
    "lscb": "Local safeguarding children board",
}

#: Harmonised grade score to the word charts and sentences show.
GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}

#: The paragraph tones, as the scorer and the schema know them.
TONES = ("positive", "negative", "mixed", "neutral")
#: The same tones in the order tables show them, most favourable first.
TONE_DISPLAY_ORDER = ("positive", "mixed", "negative", "neutral")
#: The order tone bars stack in charts: the weak tones first, neutral last.
TONE_STACK_ORDER = ("negative", "mixed", "positive", "neutral")

#: Units of a stated figure.
UNITS = ("percent", "count", "number", "days", "rate_per_10k", "rate_per_100k", "gbp")
#: Whose figure a stated number is.
SERIES = (
    "la",
    "national",
    "statistical_neighbours",
    "region",
    "core_cities",
    "target",
    "tolerance_low",
    "tolerance_high",
    "other",
)
#: Whether a higher figure is better, as the indicator catalogue says.
POLARITIES = ("higher_is_better", "lower_is_better", "neutral")

#: Splits of a label file: rows used to set the rules, and rows used to choose nothing.
SPLITS = ("tuning", "test")
TEST_SPLIT = "test"

#: What a later year's documents say about one of Ofsted's asks (``docs/concern_codebook.md``).
ASK_STATUSES = (
    "asked_again",
    "reported_improved",
    "mixed",
    "reported_still_weak",
    "not_mentioned",
)
