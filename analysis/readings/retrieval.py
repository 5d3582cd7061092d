"""Which texts speak to the same matter: TF-IDF over the documents' own words, themes as synonyms.

A text becomes a bag of terms: its content words (lower case, a plural ``s`` dropped, common
English words and the words every ask uses left out) and one ``theme:<id>`` term per theme whose
signal phrases it holds (:func:`analysis.readings.themes.theme_matches`), so that "MASH" and
"front door" meet even where no word is shared. Terms are weighted by TF-IDF fitted on every text
of the compared documents (:class:`TermSpace`), and two texts are as similar as the cosine of
their weights. The score is a sum of one product per shared term, so the terms with the largest
products are the words that decided it (:meth:`TermSpace.deciding_terms`).
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import snowballstemmer

from analysis.config import PACKAGE_DATA_DIR
from analysis.readings.themes import Theme, load_themes, theme_matches
from analysis.sources.package_data import load_yaml

_WORD = re.compile(r"[a-z][a-z']+")
#: Words that state an ask rather than its matter ("ensure that ... improve ... children").
ASK_WORDS = frozenset(
    {
        "ensure",
        "improve",
        "improved",
        "improvement",
        "improvements",
        "children",
        "child",
        "young",
        "people",
        "person",
        "local",
        "authority",
        "council",
        "services",
        "service",
        "work",
        "appropriate",
        "effective",
        "effectively",
        "timely",
        "including",
        "make",
        "made",
        "sure",
        "needs",
        "need",
        "well",
        "good",
        "robust",
        "focus",
        "focused",
        "strengthen",
        "address",
        "action",
        "actions",
        "take",
        "further",
        "consistent",
        "consistently",
    }
)
#: Common English words (the Glasgow Information Retrieval Group's list; the file says where from).
STOP_WORDS_FILE = PACKAGE_DATA_DIR / "stop_words.yml"
THEME_PREFIX = "theme:"
_STEMMER = snowballstemmer.stemmer("english")


@functools.cache
def _stop_words() -> frozenset[str]:
    """The common English words of :data:`STOP_WORDS_FILE` and :data:`ASK_WORDS`."""
    words = load_yaml(STOP_WORDS_FILE, "stop words", required=("words",))["words"]
    return frozenset(words) | ASK_WORDS


def _words(text: str) -> list[str]:
    """A text's words in lower case, common English and ask words left out."""
    stop = _stop_words()
    words = []
    for word in _WORD.findall(text.lower().replace("\u2019", "'")):
        word = word.removesuffix("'s").strip("'")
        if len(word) > 2 and word not in stop:
            words.append(word)
    return words


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Snowball English stem; a leading ``un`` is dropped ("unassessed" meets "assessment")."""
    stem = _STEMMER.stemWord(word)
    return stem[2:] if stem.startswith("un") and len(stem) > 6 else stem


def _stems(words: list[str]) -> list[str]:
    return [_stem(word) for word in words]


def content_words(text: str) -> list[str]:
    """A text's content words, stemmed, common and ask words left out."""
    return _stems(_words(text))


def terms(text: str, themes: list[Theme] | None = None) -> list[str]:
    """A text's terms: its content words and one ``theme:<id>`` term per theme it signals."""
    theme_terms = [THEME_PREFIX + theme_id for theme_id in theme_matches(text, themes)]
    return content_words(text) + theme_terms


@dataclass
class TermSpace:
    """TF-IDF weights fitted on a set of texts; similarity and its deciding terms.

    The weighting is the textbook one, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
    computes it (the project used that class until its import, over a second in every process
    that compared texts, outweighed these few lines): a term counted ``c`` times in a text weighs
    ``(1 + ln c) * idf``, with ``idf = ln((1 + n) / (1 + df)) + 1`` over the ``n`` fitted texts, of
    which ``df`` hold the term; each text's weights are scaled to length 1. Terms are the columns
    in sorted order, and the arithmetic is done in scikit-learn's order: on the texts of the five
    authorities the key covers, every weight equalled scikit-learn 1.9.1's to the last bit when
    this class replaced it. tests/readings/test_retrieval.py checks a worked example.

    A corpus without a single term (empty, or common words only) gives vectors with no
    columns: every similarity is then 0.

    Args:
        corpus: every text whose words set the weights (the compared documents' paragraphs
            and asks).
        themes: the theme taxonomy for synonym terms; default the package's.
    """

    corpus: list[str]
    themes: list[Theme] | None = None

    def __post_init__(self) -> None:
        self._taxonomy = self.themes if self.themes is not None else load_themes()
        self._analysed: dict[str, list[str]] = {}  # a text read again is not re-read
        documents = [set(self._terms(text)) for text in self.corpus]
        self._names = np.array(sorted(set().union(*documents)), dtype=object)
        self._column = {term: i for i, term in enumerate(self._names)}
        df = np.zeros(len(self._names))
        for terms_of_text in documents:
            df[[self._column[term] for term in terms_of_text]] += 1.0
        df += 1.0  # smoothed, as if one more text held every term
        self._idf = np.full_like(df, len(documents) + 1) / df
        np.log(self._idf, out=self._idf)
        self._idf += 1.0
        # A stem is shown as the word the texts use most for it ("assessment", not "assess").
        forms: dict[str, Counter] = {}
        for text in self.corpus:
            words = _words(text)
            for word, stem in zip(words, _stems(words), strict=True):
                forms.setdefault(stem, Counter())[word] += 1
        self._shown = {
            stem: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for stem, c in forms.items()
        }

    def _terms(self, text: str) -> list[str]:
        if text not in self._analysed:
            self._analysed[text] = terms(text, self._taxonomy)
        return self._analysed[text]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Each text's L2-normalised term weights, one row per text (terms not fitted ignored)."""
        rows, columns, counts = [], [], []
        for row, text in enumerate(texts):
            counted = Counter(self._column[t] for t in self._terms(text) if t in self._column)
            for column in sorted(counted):
                rows.append(row)
                columns.append(column)
                counts.append(counted[column])
        weights = np.log(np.array(counts, dtype=float)) + 1.0
        weights *= self._idf[columns]
        # Each row's length summed term by term in column order: the order fixes the last bit.
        squares = [0.0] * len(texts)
        for row, weight in zip(rows, weights.tolist(), strict=True):
            squares[row] += weight * weight
        lengths = np.sqrt(np.array(squares))
        out = np.zeros((len(texts), len(self._names)))
        out[rows, columns] = weights / lengths[rows]
        return out

    def similarity(self, left: list[str], right: list[str]) -> np.ndarray:
        """Cosine similarity of every left text with every right text (rows: left)."""
        return self.vectors(left) @ self.vectors(right).T

    def shared_themes(self, left: np.ndarray, right: np.ndarray) -> list[str]:
        """The ``theme:<id>`` terms two texts both hold.

        Args:
            left: one text's weights (a row of :meth:`vectors`).
            right: the other's.

        Returns:
            The shared theme terms, in the order of the fitted vocabulary (empty when none).
        """
        both = (left > 0) & (right > 0) & self.theme_columns
        return [str(name) for name in self._names[both]]

    @functools.cached_property
    def theme_columns(self) -> np.ndarray:
        """Which columns of :meth:`vectors` are ``theme:<id>`` terms (one bool per column)."""
        return np.array([str(name).startswith(THEME_PREFIX) for name in self._names], dtype=bool)

    def deciding_terms(self, left: np.ndarray, right: np.ndarray, limit: int = 5) -> list[str]:
        """The shared terms that make up most of two texts' similarity, largest first.

        Args:
            left: one text's weights (a row of :meth:`vectors`).
            right: the other's.
            limit: most terms to return.

        Returns:
            Terms with a positive share of the score; a stem is shown as the word the corpus uses
            most for it ("assessment"), a theme as ``theme:<id>``.
        """
        products = left * right
        order = np.argsort(-products, kind="stable")[:limit]
        return [
            self._shown.get(str(self._names[i]), str(self._names[i]))
            for i in order
            if products[i] > 0
        ]
