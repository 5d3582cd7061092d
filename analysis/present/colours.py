"""Colour arithmetic for readable charts and pages: WCAG relative luminance and contrast.

Kept apart from the charts so that a check of a page's colours needs no plotting library.
"""


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour (0 for black to 1 for white)."""
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
