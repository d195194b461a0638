"""Articles of laws: "artículo 14 de la Constitución Política de los Estados Unidos
Mexicanos", "art. 1o. CPEUM", "artículos 17 y 20 del Código Nacional de Procedimientos
Penales", "fracciones II y III del artículo 5 de la Ley de Amparo", "artículos 14 a 16
constitucionales". Each article is its own citation (``CPEUM art. 14``); an article
whose law is not named (or named as "este ordenamiento" with no law before it) is left
out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.citations.laws import CPEUM, FEDERAL_LAWS, fold, law_at, law_starts
from indexer.citations.model import Citation, citation
from indexer.spots import Spans, checked, matches_at, occurrences, space_before, word_before

MAX_RANGE = 30  # "artículos 1 a 300" names its ends, not three hundred articles
LOOKBACK = 600  # how far back "del mismo ordenamiento" looks for the law it means
LIST_REACH = 400  # how far back a number before "numeral" looks for its list's "artículos"
# The State of Mexico numbers its codes' articles by book: "artículo 4.95".
DOTTED_NUMBERING = ("del Estado de México",)

_ARTICLE_WORD = re.compile(
    r"(?<![\w])(?:articulos?|arts?\.|numeral(?:es)?(?=\s*\d)|(?:el|los)\s+diversos?(?=\s*\d))\s*"
)
_NUMBER = re.compile(
    r"(?P<n>\d{1,4})(?:\.(?P<decimal>\d{1,3}))?(?![\d/,]\d|\.\d)(?:o\.?(?!\w)|°\.?)?"
    r"(?:[\s-]+(?P<suffix>bis|ter|quater|quinquies)(?!\w))?"
)
_SEPARATOR = re.compile(
    r"\s*(?:,?\s*en\s+relacion\s+con\s+(?:el|los)\s+(?:diversos?\s+)?(?:articulos?\s+)?"
    r"|,\s*(?:y\s+|e\s+|o\s+)?|\s(?:y|e|o)\s+)"
)
_RANGE = re.compile(r"\s+(?:a|al)\s+")
_ORDINALS = (
    r"primero|segundo|tercero|cuarto|quinto|sexto|septimo|octavo|noveno|decimo\w*"
    r"|ultimo|penultimo|antepenultimo|inicial|final|unico"
)
# a letter, a roman numeral or an ordinal ("y", "e", "o" are conjunctions, not letters)
_PART_WORD = rf"(?:[a-z]\)|[ivxlc]+\b|(?![yeo]\b)[a-z]\b|(?:{_ORDINALS})\b)"
_PART_LIST = rf"{_PART_WORD}(?:\s*,\s*(?:y\s+|e\s+)?{_PART_WORD}|\s(?:y|e|a)\s+{_PART_WORD})*"
_NUMBERED_LIST = r"\d{1,3}\b(?:\s(?:y|e|a)\s+\d{1,3}\b)*"
_PART = re.compile(
    r"\s*,?\s*(?:"
    rf"(?:fracciones|fraccion|incisos|inciso|sub-?incisos?|apartados?|bases?|segmentos?)"
    rf"\s+{_PART_LIST}"
    rf"|(?:parrafos|parrafo|numerales|numeral|puntos?)\s+(?:{_PART_LIST}|{_NUMBERED_LIST})"
    rf"|(?:primer|segundo|tercer|cuarto|quinto|sexto|ultimo|penultimo)\s+parrafo"
    r"|en\s+(?:su|sus|la|las)\s+porcion(?:es)?\s+normativas?(?:\s+que\s+dice)?\s*"
    r"[\"“«][^\"”»]{0,300}[\"”»]"
    r")"
)
_LAW_LINK = re.compile(
    r"\s*,?\s*(?:(?:todos|ambos|ambas|todas)\s+)?(?:de\s+la|de\s+los|de\s+las|del|de)\s+"
    r"(?:(?:actual|vigente|entonces\s+vigente|abrogad[oa])\s+)?"
)
_CONSTITUTIONAL = re.compile(r"\s*,?\s+constitucional(?:es)?(?!\w)")
_DIRECT = re.compile(r"\s*,?\s*")
_SAME_LAW = re.compile(
    r"\s*,?\s*(?:(?:todos|ambos|ambas)\s+)?(?:de\s+(?:la|el|los|las)\s+|del\s+|de\s+)?"
    r"(?:(?P<before>mism[oa]|citad[oa]|referid[oa]|propi[oa]|dich[oa]|est[ea]|es[ea]"
    r"|aludid[oa]|invocad[oa])\s+)?"
    r"(?P<noun>ordenamiento|codigo|ley|legislacion|tratado|convencion|pacto"
    r"|cuerpo\s+(?:normativo|legal))"
    r"(?:\s+(?P<after>en\s+cita|citad[oa]|invocad[oa]|referid[oa]))?(?!\w)"
)
# "… y 21 de la Ley Orgánica", "así como 3 de la Ley General": another list, its own law
_MORE = re.compile(
    r"\s*[,;]?\s*(?:(?:y|e|asi\s+como|como\s+tambien|en\s+relacion\s+con)\s+)?"
    r"(?:(?:el|los|al|a\s+los)\s+)?(?:diversos?\s+)?(?:articulos?\s+|numeral(?:es)?\s+)?(?=\d)"
)
_LAW_BEFORE = re.compile(
    r"\s*,?\s*(?:en|conforme\s+a|de\s+acuerdo\s+con|segun|con\s+base\s+en)\s+(?:sus?|el|los)\s+$"
)
_LAST = frozenset(("su", "sus", "el", "los"))  # the words ``_LAW_BEFORE`` can end with


def _lead_at_once(pattern: re.Pattern[str], lead: str) -> re.Pattern[str]:
    """``pattern`` for Python's engine with its leading spaces and comma (``lead``) taken
    in one go, never given back: what follows them starts with a letter (or a digit), so
    no shorter take matches, and trying each one at every space of a long run was
    quadratic in it. (The patterns as written go to the Rust scanner, which does not
    backtrack and reads them in linear time.)"""
    if not pattern.pattern.startswith(lead):
        raise ValueError(f"the pattern changed: {pattern.pattern}")
    return re.compile(f"(?>{lead})" + pattern.pattern[len(lead) :], pattern.flags)


_PART_AT = _lead_at_once(_PART, r"\s*,?\s*")
_LAW_LINK_AT = _lead_at_once(_LAW_LINK, r"\s*,?\s*")
_CONSTITUTIONAL_AT = _lead_at_once(_CONSTITUTIONAL, r"\s*,?\s+")
_DIRECT_AT = _lead_at_once(_DIRECT, r"\s*,?\s*")
_SAME_LAW_AT = _lead_at_once(_SAME_LAW, r"\s*,?\s*")
_MORE_AT = _lead_at_once(_MORE, r"\s*[,;]?\s*")
# ``_SEPARATOR``'s spaces before a comma or "en relación" are all taken; its last
# alternative ("… y …") starts with a space of the run, so it is written apart: the run,
# then the conjunction (what the pattern matched after giving back that one space)
_SEPARATOR_AT = re.compile(
    "(?>\\s*)(?:"
    + _SEPARATOR.pattern.removeprefix("\\s*(?:").removesuffix("|\\s(?:y|e|o)\\s+)")
    + ")|\\s+(?:y|e|o)\\s+"
)
_CODES = {c for c, names in FEDERAL_LAWS.items() if fold(names[0]).startswith("codigo")}
_TREATIES = {"CADH", "PIDCP", "CDN"}

Number = tuple[str, str | None, str | None]  # (article, decimal part, suffix)


def _laws_in(original: str, folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Every law named in ``folded[start:end]``: (canonical, start, end)."""
    found = []
    position = start
    for at in law_starts(folded, start, end):
        if at < position:  # inside the law read before
            continue
        law = law_at(original, folded, at)
        if law is not None and law[1] <= end:
            found.append((law[0], at, law[1]))
            position = law[1]
    return found


def _recent_law(original: str, folded: str, before: int, noun: str) -> str | None:
    laws = _laws_in(original, folded, max(0, before - LOOKBACK), before)
    if not laws:
        return None
    law = laws[-1][0]
    code = law in _CODES or law.startswith("Código")
    if noun == "codigo" and not code:
        return None
    if noun == "ley" and (code or law.startswith("Constitución") or law in _TREATIES):
        return None
    if noun in ("tratado", "convencion", "pacto") and law not in _TREATIES:
        return None
    return law


def _numbers(folded: str, position: int) -> tuple[list[Number], int]:
    """The article numbers from ``position``, with what qualifies them skipped, and
    where the list ends."""
    found: list[Number] = []
    while True:
        number = _NUMBER.match(folded, position)
        if number is None:
            break
        span_range = _RANGE.match(folded, number.end())
        upper = _NUMBER.match(folded, span_range.end()) if span_range else None
        plain = not (number["suffix"] or number["decimal"])
        if upper is not None and plain and not (upper["suffix"] or upper["decimal"]):
            low, high = int(number["n"]), int(upper["n"])
            if low < high:
                step = 1 if high - low <= MAX_RANGE else high - low
                found.extend((str(n), None, None) for n in range(low, high + 1, step))
            else:  # "14 a 3" is no range: its two numbers
                found.extend([(str(low), None, None), (str(high), None, None)])
            position = upper.end()
        else:
            found.append((str(int(number["n"])), number["decimal"], number["suffix"]))
            position = number.end()
        while (part := _PART_AT.match(folded, position)) is not None and part.end() > position:
            position = part.end()
        separator = _SEPARATOR_AT.match(folded, position)
        if separator is None or not _NUMBER.match(folded, separator.end()):
            break
        position = separator.end()
    return found, position


def _law_after(original: str, folded: str, position: int) -> tuple[str, int] | None:
    while (part := _PART_AT.match(folded, position)) is not None and part.end() > position:
        position = part.end()
    constitutional = _CONSTITUTIONAL_AT.match(folded, position)
    if constitutional is not None:
        return CPEUM, constitutional.end()
    link = _LAW_LINK_AT.match(folded, position)
    if link is not None:
        law = law_at(original, folded, link.end())
        if law is not None:
            return law
    direct = _DIRECT_AT.match(folded, position)
    law = law_at(original, folded, direct.end()) if direct else None
    if law is not None and original[direct.end() : law[1]].isupper():
        return law  # "art. 1o. CPEUM": only an abbreviation follows the number directly
    same = _SAME_LAW_AT.match(folded, position)
    if same is not None and (same["before"] or same["after"]):
        recent = _recent_law(original, folded, position, same["noun"].split()[0])
        if recent is not None:
            return recent, same.end()
    return None


def _law_before(original: str, folded: str, start: int) -> str | None:
    """ "la Ley de Amparo, en su artículo 5": the law named just before."""
    # the pattern ends with "su", "sus", "el" or "los" and spaces: any other word there
    # (nearly always) and it cannot match, so its search (at each of 40 places) is skipped
    spaces = space_before(folded, start)
    word = word_before(folded, spaces, 3)
    if spaces == start or word is None or folded[word:spaces] not in _LAST:
        return None
    window = max(0, start - 250)
    tail = _LAW_BEFORE.search(folded, max(0, start - 40), start)
    if tail is None:
        return None
    laws = _laws_in(original, folded, window, tail.start())
    if laws and laws[-1][2] == tail.start():
        return laws[-1][0]
    return None


def _key(law: str, number: Number) -> str:
    article, decimal, suffix = number
    if decimal and law.endswith(DOTTED_NUMBERING):
        article = f"{article}.{decimal}"
    return f"{law} art. {article}" + (f" {suffix.capitalize()}" if suffix else "")


def find_articles(original: str, folded: str) -> Iterator[Citation]:
    """Article citations in a text (``folded`` is ``fold(original)``)."""
    taken_until = 0
    names = Spans((start, end) for _, start, end in _laws_in_names(original, folded))
    for word in matches_at(_ARTICLE_WORD, folded, _article_starts(folded)):
        if word.start() < taken_until or word.start() in names:
            continue
        before = _number_before_numeral(folded, word.start())
        if before is not None and (before < taken_until or not _listed(folded, before)):
            continue
        first = word.start() if before is None else before
        start, position = first, word.end() if before is None else before
        while True:
            numbers, position = _numbers(folded, position)
            if not numbers:
                break
            law = _law_after(original, folded, position)
            end = law[1] if law else position
            if law is None and start != first:
                break  # a further list ("; 38 de la Ley Orgánica") names its own law
            canonical = law[0] if law else _law_before(original, folded, start)
            if canonical is None:
                break
            written = " ".join(original[start:end].split())
            for number in dict.fromkeys(numbers):
                yield citation("article", _key(canonical, number), written, start, end)
            taken_until = end
            more = _MORE_AT.match(folded, end) if law else None
            if more is None:
                break
            start, position = more.end(), more.end()


def _number_before_numeral(folded: str, start: int) -> int | None:
    """Where the number before a "numeral" and its comma starts, if the word at ``start``
    is such a "numeral": "… y 53, numeral 1, inciso a), de la LGSMIME" names the
    paragraph 1 of article 53, no article 1."""
    if not folded.startswith("numeral", start):
        return None
    comma = space_before(folded, start)
    if comma == 0 or folded[comma - 1] != ",":
        return None
    end = space_before(folded, comma - 1)
    at = end
    while at > 0 and end - at < 2 and folded[at - 1] in ".°o":
        at -= 1
    digits = at
    while digits > 0 and folded[digits - 1] in "0123456789":
        digits -= 1
    return digits if digits < at else None


def _listed(folded: str, at: int) -> bool:
    """Whether the number at ``at`` goes on a list of articles whose word came before
    ("los artículos 96 … de la Constitución …, y 53, numeral 1, …"): it follows "y",
    "e" or a comma, and "artículos" is written earlier in its paragraph, close by. Else
    it is read as no article (it may be a paragraph's or a point's): none is not wrong."""
    gap = space_before(folded, at)
    if gap == at or gap == 0:
        return False
    if folded[gap - 1] != ",":
        word = word_before(folded, gap, 1)
        if word is None or folded[word:gap] not in ("y", "e"):
            return False
    window = folded[max(0, at - LIST_REACH) : gap]
    named = window.rfind("articulos")
    return named >= 0 and "\n" not in window[named:]


def _article_starts(folded: str) -> Iterator[int]:
    """Where an article can be named: "art", "numeral", and "el"/"los" before "diverso"."""
    yield from occurrences(folded, "art", "numeral")
    for diverso in checked(occurrences(folded, "diverso")):
        start = word_before(folded, space_before(folded, diverso), 3)
        if start is not None:
            yield start


_NAMES_WITH_ARTICLES = re.compile(r"ley\s+(?:de\s+amparo,\s+)?reglamentaria\s+de")


def _laws_in_names(original: str, folded: str) -> list[tuple[str, int, int]]:
    """Laws whose very name cites an article ("Ley Reglamentaria de las Fracciones I y II
    del Artículo 105 …"): the article inside the name is no citation of its own."""
    out: list[tuple[str, int, int]] = []
    if "reglamentaria" not in folded:  # in every such name: quicker to look for than the name
        return out
    for found in checked(_NAMES_WITH_ARTICLES.finditer(folded)):
        law = law_at(original, folded, found.start())
        if law is not None:
            out.append((law[0], found.start(), law[1]))
    return out
