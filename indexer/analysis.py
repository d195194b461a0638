"""Spanish text analysis shared by every store: the same words match the same way.

Full text: split on non-alphanumerics, lowercase, fold accents, Snowball Spanish stem.
Keywords (courts, matters, filters): lowercase, fold accents, collapse spaces.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from typing import Any

import tantivy

MAX_TOKEN_CHARS = 40


def _builder() -> tantivy.TextAnalyzerBuilder:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )


STEMMED = _builder().filter(tantivy.Filter.stemmer("spanish")).build()
FOLDED = _builder().build()


def stem_tokens(text: str) -> list[str]:
    """Tokens as the full-text fields index them (``Sentencias`` → ``sentenci``)."""
    return STEMMED.analyze(text)


def fold_tokens(text: str) -> list[str]:
    """Tokens lowercased and accent-folded, not stemmed (for prefix searches)."""
    return FOLDED.analyze(text)


# -- characters no one sees ------------------------------------------------------------
# Format characters (Unicode category Cf) and the default-ignorable code points: the soft
# hyphen, the combining grapheme joiner, zero-width spaces, joiners and non-joiners, the
# word joiner and invisible operators, direction marks, embeddings, overrides and
# isolates, the Arabic letter mark, the Mongolian vowel and free-variation selectors,
# the Hangul fillers, the Khmer inherent vowels, variation selectors, the byte-order mark,
# tag characters, shorthand and musical format controls. A page shows none of them, but
# inside a word the analysers cut it there (``am\u00adparo`` → ``am``, ``paro``) or keep
# it in the word (a Hangul filler is a letter to them): a word holding one, in a question
# or in a document's text, found nothing. Questions and every text the stores index drop
# them (``visible_text``), so both meet in one form. ``tests/unit/test_invisible.py``
# checks that every Cf character of Python's Unicode data is among them.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def _class(low_bound: int, high_bound: int) -> str:
    """The character class of ``_INVISIBLE_RANGES`` between two code points."""
    ranges = [(low, high) for low, high in _INVISIBLE_RANGES if low_bound <= low <= high_bound]
    return "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges) + "]"


INVISIBLE = re.compile(_class(0, 0x10FFFF) + "+")
# the same characters of the Basic Multilingual Plane alone: one table-driven class (5 ns
# a character; with the astral ranges in it the class is a list of ranges tried one by
# one, 25 ns, 75 µs a 3 KB sentence)
_INVISIBLE_BMP = re.compile(_class(0, 0xFFFF) + "+")
# a text of characters up to U+00FF alone (most Spanish sentences) can hold only the soft
# hyphen of them, looked for as a plain character (0.4 µs a 3 KB sentence); in any other
# only the few characters past ASCII are looked at (``_beyond_ascii``): a sentence with
# typographic quotes or dashes cost 26 µs every 3 KB through the class, 1 ms at 120 KB
_SOFT_HYPHEN = "\u00ad"
_ASCII_BYTES = bytes(range(0x80))


def _one_byte(text: str) -> bool:
    """Whether ``text`` holds no character past U+00FF. Asked of its encoding, a copy of
    one byte a character (a text's size would not say: a text handed to SQLite keeps its
    UTF-8 bytes too, and its size grows by them)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _beyond_ascii(text: str) -> str:
    """``text``'s characters past ASCII, in order: its UTF-8 bytes without the ASCII ones
    (a character's bytes past ASCII are all 0x80 or above, so whole characters remain),
    a plain byte deletion. ``text`` itself when it cannot be encoded (a lone surrogate)."""
    try:
        return text.encode().translate(None, _ASCII_BYTES).decode()
    except UnicodeEncodeError:
        return text


def visible_text(text: str) -> str:
    """``text`` without the characters no one sees (``INVISIBLE``): as a question is read
    and as the stores index a text. ASCII holds none of them; a text holding none is
    returned as it is."""
    if text.isascii():
        return text
    if _one_byte(text):
        return text.replace(_SOFT_HYPHEN, "") if _SOFT_HYPHEN in text else text
    beyond = _beyond_ascii(text)
    if max(beyond) <= "\uffff":  # none past the Basic Multilingual Plane: the quick class
        return _INVISIBLE_BMP.sub("", text) if _INVISIBLE_BMP.search(beyond) else text
    return INVISIBLE.sub("", text) if INVISIBLE.search(beyond) else text


# -- compatibility characters ---------------------------------------------------------
# A letter or digit written in another form of itself: mathematical bold or italic
# («𝐚𝐦𝐩𝐚𝐫𝐨», «𝟐𝟎𝟐𝟒», what social networks paste), full-width («ａｍｐａｒｏ»), a
# ligature («ﬁ»), a circled or parenthesised number («①», «⑴»), a Roman numeral sign
# («Ⅳ»), a letterlike symbol («ℌ», «№»), a square unit («㎞»). The analysers keep most of
# them as letters of their own (Tantivy folds a few: «ﬁ», full-width; the engine's
# folding others), so the word found nothing on either store. Questions and every text
# and filter value the stores index are read in NFKC (``compatible_text``) but for what
# the legal texts write on purpose, kept as they are: superscripts and subscripts
# («1º», «2ª» are ordinals ``query.ordinals`` reads; «m²»; NFKC wrote «10²» as «102»),
# vulgar fractions («1½» became «11⁄2», eleven halves), the no-break space, and the
# punctuation whose compatible form is punctuation too («…» → «...»: no word changes,
# the snippets would). A text in NFKC save for those is returned as it is.
_KEPT_TAGS = ("<super>", "<sub>", "<fraction>", "<noBreak>")


def _kept(char: str) -> bool:
    """Whether ``char`` stays as written where its NFKC form differs."""
    tag = unicodedata.decomposition(char).partition(" ")[0]
    if tag in _KEPT_TAGS:
        return True
    folded = unicodedata.normalize("NFKC", char)
    return tag == "<compat>" and not any(c.isalnum() for c in char + folded)


@functools.cache
def _kept_runs() -> re.Pattern[str]:
    """The runs of kept characters, to split a text on (made at the first text not in
    NFKC: a walk of the code points, 0.1 s, that most processes never need). Those of
    the Basic Multilingual Plane only: the class is then one table (a list of ranges
    tried one by one with the astral ones, 300 µs a 3 KB text against 25); the astral
    ones, modifier letters of other scripts, are read plain."""
    kept = (chr(c) for c in range(0x10000) if unicodedata.decomposition(chr(c)).startswith("<"))
    return re.compile("([" + re.escape("".join(filter(_kept, kept))) + "]+)")


# the kept characters real texts hold: a text holding them is not in NFKC, so each is
# blanked (a substring search each, 0.2 µs a 3 KB text) before a second C quick check (4 µs)
# tells a text that needs nothing (nearly all) from one to walk (80-120 µs a 3 KB text)
_COMMON_KEPT = (
    "\u00a0\u00aa\u00ba\u00b2\u00b3\u00b9\u00bd\u00bc\u00be\u00b4\u00a8"  # Latin-1
    "\u2026\u2002\u2003\u2009"  # «…», spaces
)


# An ordinal's letters written as superscript modifier letters after its number, as a
# word processor or the RAE's style writes them: «1ᵒ», «2ᵃ», «1.ᵒ», «1ʳᵒ», «3ᵉʳ». The
# ordinal indicators «º», «ª» are superscript letters too, and the ordinal readers
# (``query.ordinals``) read those: a lone «ᵒ», «ᵃ» is written «º», «ª» («1.ᵒ» → «1º»,
# without its period, as ``_plain_ordinals`` writes «1.º»); longer endings
# are written in plain letters after the number («1ʳᵒ» → «1ro», «1.ᵉʳ» → «1er»), as
# typed. Elsewhere («mᵃ») superscript letters stay as written, like other superscripts.
@functools.cache
def _superscript_ordinal() -> re.Pattern[str]:
    """Superscript Latin letters after a number (made, like ``_kept_runs``, at the first
    text not in NFKC)."""
    letters = []
    for code in range(0x10000):
        shape = unicodedata.decomposition(chr(code))
        if shape.startswith("<super> ") and len(shape.split()) == 2:
            plain = chr(int(shape.split()[1], 16))
            if plain.isascii() and plain.isalpha():
                letters.append(chr(code))
    return re.compile(f"(?<=[0-9])(\\.?)([{''.join(letters)}]+)(?![^\\W_])")


_ORDINAL_INDICATORS = {"o": "\u00ba", "a": "\u00aa"}


def _ordinal_ending(found: re.Match[str]) -> str:
    letters = unicodedata.normalize("NFKC", found.group(2)).lower()
    return _ORDINAL_INDICATORS.get(letters, letters)


# An ordinal indicator after a period, as the RAE writes it («1.º», «2.ª»): the same
# ordinal as «1º», «2ª», read without its period (the analysers split «1.º» into «1» and
# «º», a phrase ``query.ordinals`` spells «1º» did not find it). Only an indicator glued
# to the period: «1. Los» is a numbered paragraph.
_DOTTED_ORDINAL = re.compile(r"(?<=[0-9])\.(?=[\u00aa\u00ba](?![^\W_]))")


def _plain_ordinals(text: str) -> str:
    """``text`` with each «1.º», «2.ª» written «1º», «2ª» (a substring search each
    first: nearly no text holds one)."""
    if ".\u00ba" in text or ".\u00aa" in text:
        return _DOTTED_ORDINAL.sub("", text)
    return text


def compatible_text(text: str) -> str:
    """``text`` in NFKC (``𝐚𝐦𝐩𝐚𝐫𝐨`` → ``amparo``; decomposed accents composed) but for
    the characters kept as written (ordinals, superscripts, fractions: ``_kept``), an
    ordinal's superscript letters as the readers read them (``_superscript_ordinal``),
    and its indicator without the period before it (``_plain_ordinals``)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    probe = text
    for char in _COMMON_KEPT:
        if char in probe:
            probe = probe.replace(char, " ")
    if probe is not text and unicodedata.is_normalized("NFKC", probe):
        return _plain_ordinals(text)
    pieces = _kept_runs().split(text)
    # odd pieces are kept runs; the others go to NFKC
    pieces[::2] = [unicodedata.normalize("NFKC", piece) for piece in pieces[::2]]
    return _plain_ordinals(_superscript_ordinal().sub(_ordinal_ending, "".join(pieces)))


def indexed_text(text: str) -> str:
    """A full text as the stores index it: without the characters no one sees, its
    compatibility characters in their plain form (``compatible_text``), and with a gap
    after every redaction mark that holds no word (``with_gaps``; the gap's own word
    joiners are put in after the invisible characters went)."""
    return with_gaps(compatible_text(visible_text(text)))


# courts, matters and places repeat from document to document: the short values are
# folded once each (bounded: a long or one-off value is folded every time)
KEYWORD_CACHE_SIZE = 8192
KEYWORD_CACHE_CHARS = 300


def fold_keyword(value: str) -> str:
    """A filter value as compared: ``Sala  Penal`` and ``sala penal`` are one court."""
    if len(value) <= KEYWORD_CACHE_CHARS:
        return _folded_keyword(value)
    return _fold_keyword(value)


# a combining mark is never ASCII: only the runs of other characters are walked (an
# opening of 600 characters has a dozen accents, not 600 characters to look at)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run[0] if not unicodedata.combining(c))


def _fold_keyword(value: str) -> str:
    if value.isascii():  # nothing to decompose: the same as below, without the walk
        return " ".join(value.lower().split())
    stripped = _NOT_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", value))
    return " ".join(stripped.lower().split())


_folded_keyword = functools.lru_cache(maxsize=KEYWORD_CACHE_SIZE)(_fold_keyword)


# -- two-word phrases ------------------------------------------------------------------
# Beside each full-text field the index keeps its adjacent pairs of stemmed tokens as
# single terms (``daño moral`` → ``dan_moral``): an exact phrase of two words is then one
# term to look up, not two posting lists whose positions must be compared document by
# document. Tokens hold no ``_`` (the tokenizer splits on it), so a pair is unambiguous.
# The pair at position i is the words at positions i and i + 1: a longer phrase is found
# by a few of its pairs at their offsets (enough to cover every word), not all of them.
PAIR_JOIN = "_"
# stands where a word has no neighbour (a dropped over-long token after it), keeping
# every later pair at its word's position
PAIR_GAP = PAIR_JOIN
_RAW = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()
# a token's stem (None: over-long, dropped by the analysers) by its raw form, and beside
# it the stem with ``PAIR_JOIN`` after it (a pair is then one concatenation). Each filter
# of ``STEMMED`` reads one token alone, so a text's stems are its raw tokens' stems: a
# text is split in Rust, and only the words not met before are stemmed. Bounded: emptied
# when full (numbers and names keep coming); both maps are replaced together.
_Cache = tuple[dict[str, str | None], dict[str, str | None]]
_CACHE: _Cache = ({}, {})
STEM_CACHE_SIZE = 300_000


def _learn(raw: list[str]) -> _Cache:
    """The cache, holding every token of ``raw``."""
    global _CACHE
    stems, heads = _CACHE
    # a token with a head has its stem: the stems are stored first
    unseen = set(raw).difference(heads)
    if not unseen:
        return stems, heads
    if len(heads) + len(unseen) > STEM_CACHE_SIZE:
        # new maps: a thread reading the old ones keeps them whole
        stems, heads = {}, {}
        _CACHE = stems, heads
        unseen = set(raw)
    kept = [t for t in unseen if len(t.encode()) < MAX_TOKEN_CHARS]
    # one call for every new word: each is one token of its own, spaces between
    found = STEMMED.analyze(" ".join(kept))
    if len(found) != len(kept):  # never seen; would misplace every later pair
        raise ValueError("the stemmer split a token")
    new: dict[str, str | None] = dict.fromkeys(unseen)
    new.update(zip(kept, found, strict=True))
    joined = {token: None if stem is None else stem + PAIR_JOIN for token, stem in new.items()}
    stems.update(new)
    heads.update(joined)
    return stems, heads


def token_stems(text: str) -> list[str | None]:
    """Every token of ``text`` in order: its stem as the full-text fields index it, or None
    where the analysers drop it for its length (40+ bytes), keeping later positions."""
    raw = _RAW.analyze(text)
    stems, _ = _learn(raw)
    return list(map(stems.__getitem__, raw))


def phrase_pairs(tokens: list[str]) -> list[str]:
    """The pair terms of a phrase's tokens: ``[a, b, c]`` → ``[a_b, b_c]``."""
    return list(map(PAIR_JOIN.join, itertools.pairwise(tokens)))


def phrase_cover(tokens: list[str]) -> list[tuple[int, str]]:
    """The fewest pairs, at their offsets, that hold every word of a phrase of 2+ tokens:
    the first and the last pair, and between them the more telling of the two pairs that
    hold a word still uncovered (longer words: ``de_la`` is in every document)."""
    pairs = phrase_pairs(tokens)
    last = len(pairs) - 1
    chosen = {0, last}
    covered = {0, 1, last, last + 1}
    for word in range(2, last):
        if word in covered:
            continue
        # pair word - 1 holds (word - 1, word), pair word holds (word, word + 1)
        before, after = word - 1, word
        pick = max(
            (after, before),
            key=lambda i: (
                len(min(tokens[i : i + 2], key=len)),
                len(tokens[i]) + len(tokens[i + 1]),
            ),
        )
        chosen.add(pick)
        covered.update((pick, pick + 1))
    return [(i, pairs[i]) for i in sorted(chosen)]


def python_pair_text(text: str) -> str:
    """``pair_text`` in Python: the fallback where the native extension is missing (the
    two are compared by the tests, word for word)."""
    raw = _RAW.analyze(text)
    stems, heads = _CACHE
    # every token's head: the words met before (most), none dropped (nearly always)
    lefts = list(map(heads.get, raw))
    if None in lefts:
        stems, heads = _learn(raw)
        lefts = list(map(heads.__getitem__, raw))
    if None not in lefts:
        rights = map(stems.__getitem__, itertools.islice(raw, 1, None))
        return " ".join(map(operator.add, lefts, rights))  # type: ignore[arg-type]
    words = list(map(stems.__getitem__, raw))
    return " ".join(
        f"{left}{PAIR_JOIN}{right}" if left is not None and right is not None else PAIR_GAP
        for left, right in itertools.pairwise(words)
    )


def native_pair_terms(max_stems: int = STEM_CACHE_SIZE) -> Any | None:
    """The native extension's ``PairTerms`` (the same analysers in Rust, remembering at
    most ``max_stems`` words), or None where it is not installed (the Docker image)."""
    try:
        from abierto_native import PairTerms  # type: ignore[attr-defined]
    except ImportError:
        return None
    return PairTerms(max_stems)


_NATIVE = native_pair_terms()


def pair_text(text: str) -> str:
    """``text``'s pair terms, space-separated, the pair of the words at positions i and
    i + 1 at position i (the pair fields' whitespace tokenizer numbers them so); where a
    word was dropped for its length, no pair spans it (``PAIR_GAP`` keeps its place).
    Made in Rust when the native extension is installed (most of a document's analysis
    time in Python), else by ``python_pair_text``: the same terms either way."""
    if _NATIVE is not None:
        return _NATIVE.pair_text(text)  # type: ignore[no-any-return]
    return python_pair_text(text)


def pair_texts(texts: list[str]) -> list[str]:
    """``pair_text`` of each of ``texts`` (one call into Rust for a document's fields)."""
    if _NATIVE is not None:
        return _NATIVE.pair_texts(texts)  # type: ignore[no-any-return]
    return [python_pair_text(text) for text in texts]


# -- redactions --------------------------------------------------------------------------
# A public version's marks that hold no word («**********», «█████», «____», «(…)»): the
# analysers drop them, so the words on both sides would stand at adjacent positions and
# «Juan ********** Pérez» would match the phrase "Juan Pérez". Each such mark is followed,
# in the text every store indexes, by ``REDACTION_GAP``: a word of 40 «ʭ» (an IPA letter
# to both stores' tokenizers, in no Spanish text, and among the characters the native
# highlighter reads itself: a Hangul filler sent every hit with a mark to Python's
# highlighter, which refuses a long proximity phrase the native search answered) set
# apart by word joiners, which the analysers drop for its length (80 bytes, 40
# characters) while keeping its position. No phrase spans it, no pair is made across
# it; a proximity phrase counts it as one word (the mark hides one or more). Highlights
# show the text without it (``without_gaps``). Changing this changes the indexes:
# ``abierto reindex``.
GAP_LETTER = "\u02ad"
GAP_JOINER = "\u2060"
REDACTION_GAP = GAP_JOINER + GAP_LETTER * MAX_TOKEN_CHARS + GAP_JOINER
# each mark with the text it always begins with: a pattern opening with a literal is
# found at the speed of a substring search (one alternation of them all, tried at every
# character, cost 100 times as much: 285 ms against 3 for a 134 KB sentence, loaded)
_OMISSION = r"\s*(?:…|\.\s?\.\s?\.)\s*"
_WORDLESS = (
    ("***", r"\*\*\*+"),
    ("█", r"█+"),
    ("▇", r"▇+"),
    ("■■", r"■■+"),
    ("____", r"____+"),
    ("(", rf"\({_OMISSION}\)"),
    ("[", rf"\[{_OMISSION}\]"),
)
# each mark's first character: a text holding none of it (a search of one character,
# at memchr's speed) is not searched for the mark (a search of «____» alone cost 1.6 µs
# a 3 KB text, of «***» 0.9 µs, before the mark's own search)
_WORDLESS_MARKS = tuple((needle[0], re.compile(source)) for needle, source in _WORDLESS)
# the same marks in one pattern, to find them (the tests, the benchmark)
WORDLESS_MARK = re.compile("|".join(source for _, source in _WORDLESS))
_GAP_CHARS = re.compile(f"[{GAP_JOINER}{GAP_LETTER}]+")


def with_gaps(text: str) -> str:
    """``text`` as the stores index it: a gap after every mark that holds no word."""
    # the marks looked for in the text as given: a gap holds no mark's character, so one
    # put in neither makes nor breaks a mark; and looking after one was put in cost a
    # third of the time, the text widened by the gap's characters to two bytes each
    # (a search of two-byte characters, the non-ASCII marks then searched in earnest)
    for mark in [mark for first, mark in _WORDLESS_MARKS if first in text]:
        text = _gapped(mark, text)
    return text


def _gapped(mark: re.Pattern[str], text: str) -> str:
    """``text`` with a gap after each of ``mark``'s matches, but one followed by a gap
    already (a text indexed again keeps one per mark). The pieces are joined once, not
    made by ``re.sub`` calling back into Python for each match (about 2 µs a 3 KB text)."""
    pieces: list[str] = []
    last = 0
    for found in mark.finditer(text):
        end = found.end()
        if not text.startswith(GAP_JOINER, end):
            pieces += (text[last:end], REDACTION_GAP)
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def without_gaps(shown: str) -> str:
    """A fragment of an indexed text as the document writes it (a gap cut in two by the
    fragment's edge goes too)."""
    if GAP_LETTER not in shown and GAP_JOINER not in shown:
        return shown
    return _GAP_CHARS.sub("", shown)
