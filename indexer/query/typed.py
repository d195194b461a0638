"""Numbers and joined words a journalist types one way and a sentence writes another:

- a case number with or without leading zeros: «987/2020» finds «0987/2020» and «0123/2023»
  finds «123/2023» (the number's other widths: none, 3, 4 and 5 digits; never another
  number: «1234/2023» does not find «11234/2023», «1234/2022»);
- an amount with or without thousands separators: «1234» finds «1,234» and «1.234»,
  «1,234,000» finds «1234000» (a year, 1900 to 2099 alone, is left as typed: «2023» is
  no «2,023»);
- a word joined by a hyphen, written joined: «socio-económico» finds «socioeconómico».

Found here and spelled out by ``indexer.query.spellings`` like ordinals and abbreviations:
in the tree, so both stores answer alike and the highlighter marks the form the text wrote.
No re-index.
"""

from __future__ import annotations

import re

from indexer.query.written import Written

# one look at the lowered text: a digit run of four, a grouped one, a case number, a
# hyphen between letters
MAYBE = r"\d{4}|\d[.,]\d{3}|\d\s*[/-]\s*(?:19|20)\d\d|[^\W\d_]-[^\W\d_]"

# the number of a case: digits before «/2023» or «-2023» (a year), standing alone before
# («T-45/2024»: after a series' hyphen too); a year before «-2021» is a span of years
_CASE = re.compile(r"(?<![\w/.,])(\d{1,6})(?=\s*([/-])\s*(?:19|20)\d\d(?!\d))")
CASE_WIDTHS = (3, 4, 5)
# an amount: digits in groups of three («1,234», «1.234.000»), or four to twelve digits
# alone, neither part of a case number nor of a longer number
_GROUPED = re.compile(r"(?<![\w/.,])([1-9]\d{0,2}(?:([.,])\d{3})(?:\2\d{3})*)(?![\w/]|[.,]\d)")
_PLAIN = re.compile(r"(?<![\w/.,-])([1-9]\d{3,11})(?![\w/]|[.,]\d|\s*[/-]\s*\d)")
_JOINED = re.compile(r"(?<![\w-])([^\W\d_]{2,})-([^\W\d_]{2,})(?![\w-])")


def _case_forms(number: str) -> tuple[str, ...]:
    bare = number.lstrip("0") or "0"
    forms = [bare, *(bare.zfill(width) for width in CASE_WIDTHS if width > len(bare))]
    return tuple(form for form in dict.fromkeys(forms) if form != number)


def _grouped(digits: str) -> str:
    """``1234000`` → ``1,234,000``."""
    return f"{int(digits):,}"


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2099


def typed_in(text: str) -> list[Written]:
    """Each case number, amount and hyphen-joined word in ``text`` with its other
    spellings, in text order."""
    found: list[Written] = []
    for match in _CASE.finditer(text):
        if match[2] == "-" and _is_year(match[1]):
            continue  # «2020-2021»: two years, no case
        found.append(Written(match.start(1), match.end(1), _case_forms(match[1])))
    for match in _GROUPED.finditer(text):
        found.append(Written(match.start(1), match.end(1), (re.sub(r"[.,]", "", match[1]),)))
    for match in _PLAIN.finditer(text):
        if not _is_year(match[1]):
            found.append(Written(match.start(1), match.end(1), (_grouped(match[1]),)))
    for match in _JOINED.finditer(text):
        found.append(Written(match.start(), match.end(), (match[1] + match[2],)))
    return sorted((w for w in found if w.forms), key=lambda w: w.start)
