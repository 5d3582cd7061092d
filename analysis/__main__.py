"""Entry point for ``python -m analysis``; the commands live in :mod:`analysis.cli`."""

import sys

from analysis.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
