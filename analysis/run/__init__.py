"""Running the notebooks: papermill runs, HTML rendering, and checking notebook parameters."""

import sys


def skip_iri_grammar() -> None:
    """Keep nbformat's import from compiling an IRI grammar that notebooks never need.

    papermill, nbconvert and nbval import nbformat, whose validator imports jsonschema's format
    checkers; one of them (rfc3987_syntax) compiles a grammar on import, 2 to 3 s of CPU per
    process, for IRI formats that notebook schemas never use. jsonschema skips a checker whose
    module cannot be imported. Takes effect only before nbformat is first imported; importing
    this package calls it.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


skip_iri_grammar()
