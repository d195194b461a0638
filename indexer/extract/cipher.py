"""Text layers in Latin-looking junk: a font whose map shifts or swaps the letters.

Old Word-to-PDF converters wrote subset fonts whose codes are the glyph numbers, each
letter's code 29 below its character (no ToUnicode map, or one that names the codes):
pdfium reads "6HQWHQFLD GH" for "Sentencia de". Other maps swap letters for other
letters. Such text looks like text to :mod:`.legible` (letters, digits, signs), and
indexed it is junk that no search finds. Spanish is told by its letter pairs: most
adjacent letters of any Spanish text (prose, names, tables of headings) form one of its
common pairs ("de", "es", "en", "ci", "os"…), and a shifted or swapped text's do not.
A page whose pairs are not Spanish is undone when one shift makes them clearly Spanish
(the text is then the document's own); otherwise it is a page without a text layer,
for OCR to read. Pages with few letter pairs (a stamp, a table of numbers, a list of
abbreviations) say too little and are kept as read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_PAIRS = 60  # fewer adjacent letter pairs say too little to judge
# Real pages score 0.79 or more (SCJN sentences and transcripts), junk 0.45 at most.
MAX_JUNK_SHARE = 0.5  # a page whose common-pair share is below this is not Spanish
# Below this a page is no language at all: letters swapped at random score 0.14 (median;
# 92 % under it), while pages in Mexico's own languages, which courts publish beside the
# Spanish (Tsotsil, Mixteco, Otomí, Maya: 0.38–0.57), are not Spanish but are text.
MAX_SWAP_SHARE = 0.25
MIN_SPANISH_SHARE = 0.6  # a shift is undone only when its result scores at least this
WORD_SHIFT = 29  # old Word converters' offset: tried first, kept when it reads Spanish
MAX_SHIFT = 64  # codes shifted further than this are not searched
_SEARCH_SAMPLE = 1000  # characters the shift search tries
MAX_WORD_LENGTH = 12  # mean letters a word of recovered text; longer: words run together
MIN_SHOWN_SIGNS = 200  # a page of this many signs and few letter pairs is suspect too
_SAMPLE = 2000  # characters of a page that decide (and bound the shift search)

# The commonest letter pairs of Spanish: 79 % or more of the adjacent letters of each
# page of real SCJN sentences and transcripts, under 20 % of a shifted or swapped one.
_PAIRS = frozenset(
    "de es en el la os ue ar ra re er as on st ad al or ta co an nt se ci to do qu te ic "  # noqa: SIM905
    "io ie ca ro na ac ma lo me un ne tr in ri pa di da ni sa em mo po it ti ec li pr ed "
    "nd ia ce ll so rt id ns am su ol rs gu ga ui vi tu bi ha si im pe ir fi ct cu no "
    "at ab ve ep ul eg mi is om il ay ju uc le va ig".split()
)
_LETTER_RUN = re.compile("[a-z]{2,}")  # ASCII, which the regex reads fast
_SPACES = " \r\n\t"
_TABLE_CODES = 0x300  # shifts are undone within Latin-1 and Latin Extended


def pair_share(text: str) -> tuple[float, int]:
    """The share of adjacent letter pairs that are common Spanish pairs, and their count."""
    runs = _LETTER_RUN.findall(text.lower())  # an accented letter ends a run: pairs unfolded
    total = sum(len(run) for run in runs) - len(runs)
    if not total:
        return 1.0, 0
    joined = " ".join(runs)  # str.count runs in C: a pass per pair, no loop per letter
    common = sum(joined.count(pair) for pair in _PAIRS)
    return min(common / total, 1.0), total


@lru_cache(maxsize=2 * MAX_SHIFT + 1)
def _shift_table(shift: int) -> dict[int, str]:
    table = {}
    for code in range(_TABLE_CODES):
        moved = code + shift
        table[code] = " " if moved <= 32 or 0x7F <= moved < 0xA0 else chr(moved)
    for char in _SPACES:
        table[ord(char)] = char
    return table


def _shifted(text: str, shift: int) -> str:
    """``text`` with every character but whitespace moved ``shift`` code points; one
    that lands on a control becomes a space (where the shifted code of a space lands)."""
    return text.translate(_shift_table(shift))


def not_language(text: str) -> bool:
    """True when a page has enough letters to judge and their pairs are no language's:
    a page in another language (an indigenous one, English) is kept as read."""
    share, pairs = pair_share(text[:_SAMPLE])
    return pairs >= MIN_PAIRS and share < MAX_SWAP_SHARE


def suspect(text: str) -> bool:
    """True when a page's pairs are not Spanish, or when a long page has almost no
    letter pairs (capitals shifted by 29 are digits and signs: "$&&,¶1" for "ACCIÓN")."""
    sample = text[:_SAMPLE]
    share, pairs = pair_share(sample)
    if pairs >= MIN_PAIRS:
        return share < MAX_JUNK_SHARE
    shown = len(sample) - sum(sample.count(char) for char in _SPACES)
    return shown >= MIN_SHOWN_SIGNS and pairs < 0.3 * shown


def unshifted(text: str) -> str | None:
    """The page's text with its letters' shift undone, when one shift makes it clearly
    Spanish; None when none does (a swap, or a language this does not read)."""
    sample = text[:_SEARCH_SAMPLE]
    best, best_score = 0, 0.0
    for shift in [WORD_SHIFT, *_candidates(sample)]:
        moved = _shifted(sample, shift)
        share, pairs = pair_share(moved)
        if pairs < MIN_PAIRS or share < MIN_SPANISH_SHARE:
            continue
        if shift == WORD_SHIFT:  # the converters' own offset, case and digits kept
            best = shift
            break
        # -3 and +29 both make "6HQWHQFLD" Spanish, once lowered: prefer the lower case
        score = share * (1 + _lower_share(moved)) / 2
        if score > best_score:
            best, best_score = shift, score
    if not best:
        return None
    recovered = unicodedata.normalize("NFC", _shifted(text, best))
    words = recovered[:_SAMPLE].split()
    if not words or sum(map(len, words)) > MAX_WORD_LENGTH * len(words):
        return None  # its spaces were lost (a space's code shifted to a control): run together
    return recovered


def _candidates(sample: str) -> list[int]:
    """Shifts that make the sample's commonest non-space characters Spanish's commonest
    letters (e, a, o, s, n): a few tries, not the whole range."""
    counts: dict[str, int] = {}
    for char in sample:
        if not char.isspace():
            counts[char] = counts.get(char, 0) + 1
    top = sorted(counts, key=counts.__getitem__, reverse=True)[:3]
    shifts = {ord(target) - ord(char) for char in top for target in "eaosn"}
    return sorted(s for s in shifts if s and abs(s) <= MAX_SHIFT)


def _lower_share(text: str) -> float:
    letters = sum(1 for char in text if char.isalpha())
    return sum(1 for char in text if char.islower()) / letters if letters else 0.0
