"""Documents in: the registry, reading a document's text, text helpers, a document's structure."""
