"""Parsers: pure functions from a document's text to rows, each row carrying its text span."""
