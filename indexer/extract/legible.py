"""Text layers that are not text: a font whose character map is broken or missing.

A PDF font says which character each glyph shows (its ToUnicode map, or its encoding);
when that map is wrong, pdfium and pdfminer read the page as whatever it names: CJK
ideographs for the letters of a Spanish sentence (a CID font whose map is the identity),
private-use points (a symbol font), control characters. That is not the document's
text, and indexed it is worse than none: no search finds the page, and a reader sees
garbage. Such a page is read as a page without a text layer: OCR reads the glyphs it
draws, which are right.
"""

from __future__ import annotations

from .sniff import _plausible

MIN_SHOWN = 20  # fewer characters (a page number, a stamp) say too little to judge
MAX_ILLEGIBLE_SHARE = 0.5


def illegible(text: str) -> bool:
    """True when most characters of a page's text are no letter, digit or sign of a
    document in Spanish (Latin, Greek and Cyrillic letters, punctuation and symbols)."""
    shown = [char for char in text if not char.isspace()]
    if len(shown) < MIN_SHOWN:
        return False
    good = sum(1 for char in shown if _plausible(char))
    return good < (1 - MAX_ILLEGIBLE_SHARE) * len(shown)
