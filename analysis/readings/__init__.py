"""The phrase readers: themes, tone and the indicator catalogue.

Each is a transparent list of phrases in ``analysis/data``; a reader can see which words decided.
"""
