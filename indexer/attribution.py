"""Which bodies a publisher may name in its documents' own fields (``congress``, ``court``,
``chamber``, ``committee``): an institution's documents belong to it, so those fields name it
or a body inside it, never another institution.

``congress`` is where a session is listed (``/sesiones``) and whose people its speakers are:
it is the publisher itself. ``court`` and ``chamber`` name a body inside the publisher (a
juzgado, a sala; the Pleno, a committee), which no name list can enumerate, so what is
refused is a name that is provably someone else's: a federal court's bodies (SCJN, TEPJF)
named by any other publisher, the two federal chambers named by a state body or by the
other chamber, another known institution's name, another state ("Estado de Jalisco", or
"de Jalisco" where the name is no municipality's elsewhere too)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from config.jurisdictions import JURISDICTIONS
from indexer.analysis import fold_keyword
from indexer.readers.courts import STATE_CONGRESS, normalise_chamber, normalise_court
from indexer.readers.normalise import visible

OWN_FIELDS = ("congress", "court", "chamber", "committee")
FEDERAL_CHAMBERS = frozenset(("Cámara de Diputados", "Senado de la República", "Congreso General"))
_FEDERAL_COURTS = (
    ("scjn", re.compile(r"\bsuprema corte\b|\bscjn\b")),
    ("tepjf", re.compile(r"\btribunal electoral del poder judicial de la federacion\b|\btepjf\b")),
)
# Federal tribunals outside the federal judiciary, each a court of its own with its own
# bodies: the agrarian tribunals (the Superior and its Unitarios, district by district), the
# administrative one (the TFJA, once "de Justicia Fiscal y Administrativa", and its Salas
# Regionales) and the one of federal workers (TFCA). Their names say "Federal" or
# "Agrario": a state's «Tribunal de Justicia Administrativa del Estado de …» or «Tribunal
# de Conciliación y Arbitraje del Estado de …» is none of them.
_FEDERAL_TRIBUNALS = (
    (
        "agrario",
        re.compile(
            r"\btribunal(?:es)?\s+(?:unitarios?|superior)\s+agrarios?\b|\btribunales\s+agrarios\b"
        ),
    ),
    (
        "tfja",
        re.compile(
            r"\btribunal\s+federal\s+de\s+justicia\s+(?:fiscal\s+y\s+)?administrativa\b|\btfjf?a\b"
        ),
    ),
    ("tfca", re.compile(r"\btribunal\s+federal\s+de\s+conciliacion\s+y\s+arbitraje\b|\btfca\b")),
)
# "Estado de Jalisco", "Ciudad de México": a state named the way courts' names name it
_SURNAMES = re.compile(r"^Estado de | de (?:Zaragoza|Ocampo|Ignacio de la Llave)$")
_STATES = {
    fold_keyword(_SURNAMES.sub("", name)): code
    for code, name in JURISDICTIONS.items()
    if code != "MX"
}
# "Estado de", "Edo. de", "Estado Libre y Soberano de"; the capital as "Ciudad de México",
# "CDMX", "Distrito Federal" or "D.F." (its name until 2016)
_ESTADO_DE = r"\b(?:estado|edo\.?)\s+(?:libre\s+y\s+soberano\s+)?de\s+"
_CAPITAL = r"\b(ciudad de mexico|cdmx|distrito federal)\b|(?<![\w.])(d\.\s?f)\.?(?!\w)"
# A state's own powers named with it ("Tribunal Superior de Justicia de Hidalgo",
# "Congreso de Morelos"): no municipality has a high court or a congress, so the name is
# the state's even where a municipality elsewhere shares it ("México" alone stays unsure).
_POWER_OF = (
    r"\b(?:poder\s+judicial|poder\s+legislativo|congreso|(?:tribunal\s+superior|supremo\s+"
    r"tribunal)\s+de\s+justicia)\s+(?:del\s+(?:estado|edo\.?)\s+(?:libre\s+y\s+soberano\s+)?"
    r"de|de)\s+("
    + "|".join(sorted(map(re.escape, set(_STATES) - {"mexico"}), key=len, reverse=True))
    + r")\b"
)
_STATE_NAMED = re.compile(
    _ESTADO_DE
    + "("
    + "|".join(sorted(map(re.escape, _STATES), key=len, reverse=True))
    + r")\b|"
    + _CAPITAL
    + "|"
    + _POWER_OF
)
# A state's name that is also a municipality's elsewhere (a "Distrito Judicial de Hidalgo"
# in Michoacán, "de Guerrero" in Chihuahua, a Quintana Roo in Yucatán) or the country's:
# without "Estado de" it names no state for sure.
_SHARED_NAMES = frozenset(("hidalgo", "morelos", "guerrero", "tabasco", "mexico", "quintana roo"))
# "Juzgado Segundo Civil de Guanajuato", "con residencia en Jalisco": a state's name said
# bare, after "de" or "en"
_STATE_SAID = re.compile(
    r"(?:\b(?:estado de|de|del|en) |,\s*)("
    + "|".join(sorted(map(re.escape, set(_STATES) - _SHARED_NAMES), key=len, reverse=True))
    + r")\b|"
    + _CAPITAL
    + "|"
    + _ESTADO_DE
    + "(mexico|"
    + "|".join(sorted(map(re.escape, _SHARED_NAMES - {"mexico"}), key=len, reverse=True))
    + r")\b|"
    + _POWER_OF
)
# The federal judiciary's circuit and district bodies: a juzgado de distrito (not a state's
# "distrito judicial"), a tribunal colegiado or unitario de circuito, a pleno regional or de
# circuito, and the bodies that govern them. No state names its courts so.
_FEDERAL_JUDICIARY = re.compile(
    r"\bjuzgados?\s+(?:[a-z]+\s+){0,3}?de\s+distrito\b(?!\s+judicial)"
    r"|\btribunal(?:es)?\s+(?:[a-z]+\s+){0,3}?colegiados?\b"
    r"|\btribunal(?:es)?\s+(?:[a-z]+\s+){0,3}?unitarios?\s+(?:de|del)\s+(?:[a-z]+\s+){0,2}?circuito\b"
    r"|\bplenos?\s+(?:regional(?:es)?|de(?:l)?\s+(?:[a-z]+\s+){0,2}?circuito)\b"
    r"|\bcentro\s+de\s+justicia\s+penal\s+federal\b"
    r"|\bconsejo\s+de\s+la\s+judicatura\s+federal\b"
    r"|\bpoder\s+judicial\s+de\s+la\s+federacion\b"
    r"|\borgano\s+de\s+administracion\s+judicial\b"
)
# A state's judiciary as a whole: its high court, its Poder Judicial, its Consejo
_STATE_JUDICIARY = re.compile(
    r"\b(?:tribunal\s+superior|supremo\s+tribunal)\s+de\s+justicia\b"
    r"|\bpoder\s+judicial\b(?!\s+de\s+la\s+federacion)"
    r"|\bconsejo\s+de\s+la\s+judicatura\b(?!\s+federal)"
)
# A state's courts that are no part of its judiciary: autonomous bodies of their own (the
# administrative court, once «de lo Contencioso Administrativo»; the electoral one; the
# tribunal of the state's workers) or the executive's (the Junta Local). A state's high
# court does not name them as its own, nor does a federal tribunal (the federal ones say
# «Federal»: ``_FEDERAL_TRIBUNALS``; the TEPJF is ``_FEDERAL_COURTS``). One «del Poder
# Judicial del Estado» is refused too: a wrong court is worse than none.
_STATE_AUTONOMOUS = (
    (
        "administrativo",
        re.compile(
            r"\btribunal(?:es)?\s+(?:estatal(?:es)?\s+)?(?:de\s+justicia\s+administrativa"
            r"|de\s+justicia\s+fiscal\s+y\s+administrativa|de\s+lo\s+administrativo"
            r"|de\s+lo\s+contencioso(?:\s+administrativo)?|contencioso\s+administrativo"
            r"|administrativo)\b"
        ),
    ),
    (
        "electoral",
        re.compile(r"\btribunal(?:es)?\s+(?:estatal(?:es)?\s+|local(?:es)?\s+)?electoral(?:es)?\b"),
    ),
    (
        "burocratico",
        re.compile(
            r"\btribunal(?:es)?\s+(?:estatal(?:es)?\s+|burocratico\s+)?de\s+conciliacion\s+y"
            r"\s+arbitraje\b|\bjuntas?\s+(?:locales?|estatal(?:es)?)\s+de\s+conciliacion\b"
            r"|\btribunal\s+de\s+arbitraje\s+y\s+escalafon\b"
        ),
    ),
)
# A state's court named as the state's (its seat said apart: «con sede en», «en el
# Estado de»): a federal publisher sits in every state, but none of the state's courts
# is its own. The federal tribunals' and judiciary's bodies that say a state
# («Sala Regional del Estado de México», «Juzgado … de Distrito del Estado de Sonora»)
# are no state's (``_state_court``).
_STATE_HEAD = re.compile(r"\b(?:tribunal(?:es)?|juntas?|juzgados?|corte|poder\s+judicial)\b")
_STATE_HOLDER = re.compile(
    r"\bestatal(?:es)?\b|\blocal(?:es)?\b|\bdel\s+(?:estado|edo\.?)\b"
    r"|\bde\s+(?:la\s+)?(?:ciudad\s+de\s+mexico|cdmx)\b|\bdel\s+distrito\s+federal\b"
    r"|\bde\s+(" + "|".join(sorted(map(re.escape, _STATES), key=len, reverse=True)) + r")\b"
)
_SEAT_SAID = re.compile(r"[,;(]|\b(?:en|con\s+sede|con\s+residencia|sede)\b")
# Words a federal body's name may leave out when its court field names it
_FILLERS = frozenset(("de", "del", "la", "el", "los", "las", "en", "y", "materia", "materias"))
# A body that judges, as a court's or a session's name says it
_JUDGES = r"juzgados?|tribunal(?:es)?|corte|magistrad[oa]s?|judicial|judicatura"
_JUDGING_BODY = re.compile(rf"\b(?:{_JUDGES})\b")
_JUDGING_COURT = re.compile(rf"\b(?:{_JUDGES}|salas?)\b")
# A publisher that holds courts (a judiciary, a tribunal, a labour board); a congress, a
# ministry or a prosecutor's office holds none, whatever its pages call a court
_HOLDS_COURTS = re.compile(
    r"\b(?:juzgados?|tribunal(?:es)?|corte|judicial|judicatura|salas?|juntas?|jurisdiccional"
    r"|arbitraje)\b"
)
# A legislature, by its kind: a federal chamber is no other chamber nor the Congreso General
_LEGISLATURE = re.compile(
    r"\b(?P<diputados>camara\s+de\s+diputados)\b|\b(?P<senado>senado|camara\s+de\s+senadores)\b"
    r"|\b(?P<legislativo>congreso|poder\s+legislativo|legislatura|asamblea\s+legislativa)\b"
)
# A federal chamber holding a body ("Comisión de Hacienda de la Cámara de Diputados"):
# the body is that chamber's.
_FEDERAL_HOLDER = re.compile(
    r"\b(?:de\s+la|del)\s+(?:h\.\s*)?(camara\s+de\s+diputados|camara\s+de\s+senadores|senado)\b"
)


# Cyrillic and Greek letters drawn like Latin ones: in a Mexican body's name they only
# disguise another's ("Suprеma Corte" with a Cyrillic е). Letters of every other script
# are caught by ``foreign_letter`` (a Mexican body's name is written in Latin letters).
_CYRILLIC_GREEK = (
    "аеорсухіјѕԁһԛԝАВЕКМНОРСТХУІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοινρ",
    "aeopcyxijsdhqwABEKMHOPCTXYIJSABEZHIKMNOPTYXaoivp",
)
# Latin letters that NFKC leaves as they are but a reader reads as a–z: small capitals,
# IPA letters, dotless i and j, the dental click (an l), the Latin iota; and the one
# letterlike symbol drawn as a letter (℮, the estimated sign)
_LATIN_LOOKING = (
    "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢɑɡɩıȷʋǀƖ℮",
    "abcdefghijklmnopqrstuvwyzagiijvlIe",
)
_LOOKALIKES = str.maketrans(
    _CYRILLIC_GREEK[0] + _LATIN_LOOKING[0], _CYRILLIC_GREEK[1] + _LATIN_LOOKING[1]
)
# letters of a script: upper and lower case, and the caseless (Cherokee, Lisu, CJK);
# modifier letters (the saltillo ʼ of Nahuatl spellings) belong to no word's script
_SCRIPT_LETTERS = frozenset(("Lu", "Ll", "Lt", "Lo"))


def unconfused(value: str) -> str:
    """A name as a reader sees it: invisible characters dropped, compatibility forms
    (full-width letters) and Latin-looking Cyrillic, Greek or Latin letters made a–z."""
    return unicodedata.normalize("NFKC", visible(value)).translate(_LOOKALIKES)


def foreign_letter(value: str) -> str | None:
    """The first letter that is not Latin in a name that also has Latin letters (the
    Armenian «օ» of "Suprema Cօrte"), else None. Every script has letters drawn
    like Latin ones (Armenian օ, Cherokee Ꮯ, Lisu ꓳ), and no table of them is complete;
    a Mexican body's name mixes no scripts, so a mixture is refused whatever its letters."""
    read = unicodedata.normalize("NFKC", visible(value))
    letters = [c for c in read if unicodedata.category(c) in _SCRIPT_LETTERS]
    latin = [unicodedata.name(c, "?").startswith("LATIN ") for c in letters]
    if not any(latin):
        return None
    return next((c for c, is_latin in zip(letters, latin, strict=True) if not is_latin), None)


@dataclass(frozen=True)
class Publisher:
    """The institution a registered source publishes for, and the others it must not name."""

    name: str
    jurisdiction: str
    others: tuple[str, ...] = field(default=())


# The TEPJF's chambers as its own documents name them, without the court: a regional one
# by its seat («Sala Regional Monterrey», «…, Nuevo León», «… en materia de …»), never with
# an ordinal (a state administrative court's «Primera Sala Regional Toluca») nor followed by
# «de»/«del» (then the court it says is read); and its «Sala Superior», which a state's
# administrative or electoral court and the TFJA also have, so theirs is left to them.
_TEPJF_SEAT = re.compile(
    r"(?:^|[,;(]\s*)sala regional (?:monterrey|guadalajara|xalapa|jalapa|toluca"
    r"|ciudad de mexico|distrito federal|especializada)\b(?!\s+del?\b)"
)
_BARE_SUPERIOR = re.compile(r"^sala superior\s*(?:[,;(]|$)")


def _tepjf_unnamed(folded: str, mine: str) -> bool:
    """Whether a court's folded name is a TEPJF chamber that leaves the court unsaid and
    ``mine`` (the publisher's folded name) is not a court that has one like it."""
    if federal_court(mine) == "tepjf":
        return False
    if _TEPJF_SEAT.search(folded):
        return True
    holds_superior = _autonomous(mine) or federal_tribunal(mine) is not None
    return _BARE_SUPERIOR.search(folded) is not None and not holds_superior


def federal_court(folded: str) -> str | None:
    """The federal court (``scjn``, ``tepjf``) a folded name names, if any."""
    return next((court for court, words in _FEDERAL_COURTS if words.search(folded)), None)


def federal_tribunal(folded: str) -> str | None:
    """The federal tribunal outside the federal judiciary (``agrario``, ``tfja``,
    ``tfca``) a folded name names, if any."""
    return next((court for court, words in _FEDERAL_TRIBUNALS if words.search(folded)), None)


def named_state(folded: str) -> str | None:
    """The jurisdiction of the first state a folded name names ("… del Estado de
    Jalisco": ``MX-JAL``), if any."""
    for match in _STATE_NAMED.finditer(folded):
        name = match[1] or match[4]
        code = _STATES.get(name) if name else "MX-CMX"
        if code is not None:
            return code
    return None


def _names_another(folded: str, publisher: Publisher) -> bool:
    """Whether another institution's name stands in ``folded`` apart from the
    publisher's own: a body inside the publisher names it ("Sala Penal del Tribunal …"),
    but a name that holds the publisher's name beside another's ("… de Querétaro y del
    Poder Legislativo …") names that other too. A publisher whose own name holds
    another's (a body named after it) still names itself."""
    own = _as_worded(fold_keyword(publisher.name))
    worded = _as_worded(folded)
    rest = worded.replace(own, "\n") if own else worded
    return any(
        (other := _as_worded(fold_keyword(name))) and other != own and other in rest
        for name in publisher.others
    )


# what separates words however it is written («Poder-Legislativo», «Poder_Legislativo»,
# «Poder·Legislativo»), and a state's institution named with or without «del Estado»
# («Tribunal de Justicia Administrativa de Querétaro» is the one «… del Estado de
# Querétaro»)
_BETWEEN_WORDS = re.compile(r"[^\w.]+|_+|(?<=\w)\.(?=\w\w)")
_OF_THE_STATE = re.compile(r"\bdel (?:estado|edo\.?)(?: libre y soberano)? de\b")


# what joins words in place of a space («Cámara_de_Senadores», «Suprema-Corte»)
_WORD_JOINERS = re.compile(r"[_\-\u2010-\u2015\u00b7]+")
# the same, but a seat's commas and brackets kept (``_state_court`` reads them)
_SEPARATORS = re.compile(r"[^\w.,;()]+|_+|(?<=\w)\.(?=\w\w)")


def _spaced(folded: str) -> str:
    """A folded name whose words are separated however people write it
    («Segundo-Tribunal-Colegiado», «Tribunal_Laboral») with single spaces, as the
    patterns of courts read it."""
    return " ".join(_SEPARATORS.sub(" ", folded).split())


def _as_worded(folded: str) -> str:
    """A folded name as its words read, for telling whether one name holds another:
    any run of what separates words one space, «del Estado de» (or «del Edo. de», «del
    Estado Libre y Soberano de») as «de»."""
    return _OF_THE_STATE.sub("de", " ".join(_BETWEEN_WORDS.sub(" ", folded).split()))


def _another_state(folded: str, publisher: Publisher) -> bool:
    if publisher.jurisdiction == "MX":
        return False  # federal bodies sit in every state
    for match in _STATE_SAID.finditer(folded):
        code = "MX-CMX" if match[2] or match[3] else _STATES.get(match[1] or match[4] or match[5])
        if code not in (None, publisher.jurisdiction):
            return True
    return False


def foreign_court(value: str | None, publisher: Publisher) -> bool:
    """Whether ``value``, as a court, names a body outside ``publisher``."""
    name = normalise_court(value, publisher.name)
    if not name:
        return False
    folded = _spaced(fold_keyword(name))
    court = federal_court(folded)
    if court is not None and court != federal_court(fold_keyword(publisher.name)):
        return True
    return (
        _tepjf_unnamed(folded, _spaced(fold_keyword(publisher.name)))
        or _names_another(folded, publisher)
        or _another_state(folded, publisher)
        or _another_judiciary(folded, publisher, _JUDGING_COURT)
    )


def _another_judiciary(folded: str, publisher: Publisher, judging: re.Pattern[str]) -> bool:
    """Whether a court's (or a session's chamber's) folded name is a court outside
    ``publisher``, known by how courts are named rather than from a list: a publisher
    that holds no court (a congress) names none as its own; a federal tribunal outside
    the federal judiciary (an agrarian one, the TFJA, the TFCA) is named only by itself;
    the federal judiciary's circuit and district bodies only by the federal judiciary; a
    state's high court, Poder Judicial or Consejo only by that state's judiciary (another
    state's is ``_another_state``'s)."""
    folded = _spaced(folded)
    mine = _spaced(fold_keyword(unconfused(publisher.name)))
    tribunal = federal_tribunal(folded)
    if tribunal is not None and tribunal != federal_tribunal(mine):
        return True
    federal = federal_court(folded) is None and _FEDERAL_JUDICIARY.search(folded) is not None
    if not _HOLDS_COURTS.search(mine):
        return federal or bool(judging.search(folded))
    if _autonomous(folded) - _autonomous(mine):
        return True  # a state's administrative, electoral or workers' court: its own
    if not federal and _STATE_LOWER_COURT.search(folded) and _outside_state_judiciary(mine):
        return True  # a state judiciary's juzgado or sala: none of theirs
    if publisher.jurisdiction == "MX" and _state_court(folded):
        return True  # a federal publisher's courts are no state's
    if federal:
        if federal_court(mine) is not None or not _FEDERAL_JUDICIARY.search(mine):
            return True
        return _one_federal_body(mine) and not _is_body(folded, mine)
    return bool(_STATE_JUDICIARY.search(folded)) and not _STATE_JUDICIARY.search(mine)


# A state judiciary's own courts, by the names only they bear: a juzgado (one «de
# Distrito» is the federal judiciary's: ``_FEDERAL_JUDICIARY``), a juez de control, the
# trial, appeal and labour tribunals of the accusatory and labour reforms, a sala of a
# judiciary's matters. A state's autonomous tribunals (administrative, electoral,
# workers'), the federal tribunals and the federal judiciary have none of them.
_STATE_LOWER_COURT = re.compile(
    r"\bjuzgados?\b|\bjuez(?:a|es)?\s+de\s+control\b"
    r"|\btribunal(?:es)?\s+de\s+(?:enjuiciamiento|alzada|juicio\s+oral)\b"
    r"|\btribunal(?:es)?\s+laboral(?:es)?\b(?!\s+federal)"
    r"|\bsalas?\s+(?:[a-z]+\s+){0,2}?(?:civil(?:es)?|penal(?:es)?|familiar(?:es)?"
    r"|mercantil(?:es)?|de\s+oralidad|de\s+justicia\s+para\s+adolescentes)\b"
)


def _outside_state_judiciary(mine: str) -> bool:
    """Whether a publisher's folded name is a court outside every state's judiciary: a
    state's autonomous tribunal, a federal tribunal, the SCJN or TEPJF, or the federal
    judiciary or one of its bodies."""
    return bool(
        _autonomous(mine)
        or federal_tribunal(mine)
        or federal_court(mine)
        or _FEDERAL_JUDICIARY.search(mine)
    )


def _autonomous(folded: str) -> set[str]:
    """The kinds of a state's courts outside its judiciary a folded name names."""
    worded = _as_worded(folded)
    return {kind for kind, words in _STATE_AUTONOMOUS if words.search(worded)}


def _state_court(folded: str) -> bool:
    """Whether a folded court's name names a state's court: a tribunal, junta, juzgado
    or judiciary followed, before its seat is said, by the state that holds it («del
    Estado», «Estatal», «Local», «de Guanajuato», «de la Ciudad de México»), where that
    part of the name is no federal tribunal's nor the federal judiciary's."""
    for head in _STATE_HEAD.finditer(folded):
        rest = folded[head.start() :]
        seat = _SEAT_SAID.search(rest, head.end() - head.start())
        part = rest[: seat.start()] if seat is not None else rest
        if not _STATE_HOLDER.search(part, head.end() - head.start()):
            continue
        if federal_tribunal(part) or federal_court(part) or _FEDERAL_JUDICIARY.search(part):
            continue
        return True
    return False


def _one_federal_body(mine: str) -> bool:
    """Whether a publisher's folded name is one circuit or district body of the federal
    judiciary (a colegiado, a juzgado de distrito, a pleno regional), not the judiciary
    or a body that governs it: such a publisher names no other body of the judiciary."""
    governs = re.search(
        r"\bpoder\s+judicial\s+de\s+la\s+federacion\b|\bconsejo\s+de\s+la\s+judicatura"
        r"|\borgano\s+de\s+administracion\s+judicial\b",
        mine,
    )
    return governs is None


def _is_body(folded: str, mine: str) -> bool:
    """Whether a folded court's name is the publisher's own federal body, written as the
    publisher writes it or shorter (its matter or seat left out): its words, fillers
    aside and seat cut, are the publisher's in their order, and it says the body's own
    number as the publisher does (a circuit has several colegiados of one matter:
    «Tribunal Colegiado en Materia Civil del Tercer Circuito» is any of them, not the
    «Primer» one; and a sole colegiado is no «Primer»)."""
    words = _body_words(folded)
    mine_words = _body_words(mine)
    own = iter(mine_words)
    if not (bool(words) and all(word in own for word in words)):
        return False
    return _body_number(words) == _body_number(mine_words)


# the word a federal body's name is headed by, its number beside it («Primer Tribunal»,
# «Juzgado Primero»)
_BODY_HEADS = frozenset(("tribunal", "tribunales", "juzgado", "juzgados", "pleno", "plenos"))


def _body_number(words: list[str]) -> str | None:
    """The number of the body a federal name's words name (the ordinal beside its head
    word: «Primer Tribunal Colegiado», «Juzgado Segundo de Distrito»), None when it
    says none (its circuit's number is no body's)."""
    head = next((n for n, word in enumerate(words) if word in _BODY_HEADS), None)
    if head is None:
        return None
    beside = [words[n] for n in (head - 1, head + 1) if 0 <= n < len(words)]
    return next((word for word in beside if word.isdigit()), None)


def _body_words(folded: str) -> list[str]:
    """A folded federal body's name as the words that tell it apart: its seat cut
    («, con residencia en …»), fillers dropped, words as ``_as_worded`` reads them, an
    ordinal however written one number («Decimoctavo», «Décimo Octavo», «XVIII», «18o.»
    are 18)."""
    name = re.split(r",|\bcon\s+(?:residencia|sede)\b", folded, maxsplit=1)[0]
    words: list[str] = []
    counting = False  # the last word was an ordinal: a next one adds to it (décimo octavo)
    for word in _as_worded(name.replace(".", " ")).split():
        number = _ordinal(word)
        if number is None:
            counting = False
            if word not in _FILLERS:
                words.append(word)
        elif counting:
            words[-1] = str(int(words[-1]) + number)
        else:
            words.append(str(number))
            counting = True
    return words


_UNITS = {
    "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3,
    "tercero": 3, "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5,
    "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7, "setimo": 7, "octavo": 8,
    "octava": 8, "noveno": 9, "novena": 9,
}  # fmt: skip
_TENS = {"decim": 10, "vigesim": 20, "trigesim": 30}
_ROMAN = re.compile(r"(?=[ivx])(x{0,3})(ix|iv|v?i{0,3})")
_NUMBERED = re.compile(r"(\d{1,3})(?:er|ro|ra|do|da|to|ta|vo|va|no|na|mo|ma|o|a)?")


def _ordinal(word: str) -> int | None:
    """The number an ordinal word says («tercer» 3, «decimoctavo» 18, «undécimo» 11,
    «décimo» 10, «XVIII» 18, «18o» 18), None for any other word."""
    if word in _UNITS:
        return _UNITS[word]
    if word in ("undecimo", "undecima"):
        return 11
    if word in ("duodecimo", "duodecima"):
        return 12
    for prefix, tens in _TENS.items():
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if rest in ("o", "a"):
                return tens
            unit = _UNITS.get(rest[1:]) if rest[:1] in ("o", "a") else None
            unit = unit if unit is not None else _UNITS.get(rest)  # decim+octavo
            if unit is not None:
                return tens + unit
    numbered = _NUMBERED.fullmatch(word)
    if numbered:
        return int(numbered[1])
    roman = _ROMAN.fullmatch(word)
    if roman:
        ones = {"": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7}
        ones |= {"viii": 8, "ix": 9}
        return 10 * len(roman[1]) + ones[roman[2]]
    return None


def foreign_chamber(value: str | None, publisher: Publisher) -> bool:
    """Whether ``value``, as a session's chamber, names a body outside ``publisher``: a
    federal chamber is only the federal congress's, and one chamber's is not the other's."""
    name = normalise_chamber(value)
    if not name:
        return False
    # «Cámara_de_Senadores», «Cámara-de-Diputados»: the federal chamber however its
    # words are separated
    spaced = normalise_chamber(_WORD_JOINERS.sub(" ", value or ""))
    name = spaced if spaced in FEDERAL_CHAMBERS else name
    if name in FEDERAL_CHAMBERS:
        return _not_this_chamber(name, publisher)
    folded = _spaced(fold_keyword(name))
    return (
        _another_chamber_holds(folded, publisher)
        or _names_another(folded, publisher)
        or _another_state(folded, publisher)
        or _another_judiciary(folded, publisher, _JUDGING_BODY)
    )


def _not_this_chamber(chamber: str, publisher: Publisher) -> bool:
    """Whether a federal chamber is not ``publisher``'s: a state's, or the other chamber's."""
    own = normalise_chamber(publisher.name)
    mine = own if own in FEDERAL_CHAMBERS else None
    return publisher.jurisdiction != "MX" or (mine is not None and mine != chamber)


def _another_chamber_holds(folded: str, publisher: Publisher) -> bool:
    """Whether a body's name says a federal chamber holds it ("Junta de Coordinación
    Política de la Cámara de Diputados") and that chamber is not ``publisher``'s; a state's
    congress named after it ("… de la Cámara de Diputados del Congreso del Estado de
    Puebla") makes it no federal one."""
    holder = _FEDERAL_HOLDER.search(folded)
    if holder is None or STATE_CONGRESS.search(folded):
        return False
    chamber = normalise_chamber(holder[1])
    return chamber in FEDERAL_CHAMBERS and _not_this_chamber(chamber, publisher)


def foreign_committee(value: str | None, publisher: Publisher) -> bool:
    """Whether ``value``, as a legislative record's committee, is another institution's:
    one named with it ("Comisión de Justicia del Congreso del Estado de Jalisco") or with
    another state."""
    name = " ".join((value or "").split())
    if not name:
        return False
    folded = _spaced(fold_keyword(name))
    return (
        _another_chamber_holds(folded, publisher)
        or _names_another(folded, publisher)
        or _another_state(folded, publisher)
    )


def foreign_value(name: str, value: str | None, publisher: Publisher) -> bool:
    """Whether the document field ``name`` holding ``value`` names another institution
    (as a reader would read it: see :func:`unconfused`), or disguises one with letters of
    another script (see :func:`foreign_letter`)."""
    if name in OWN_FIELDS and value and foreign_letter(value):
        return True
    value = unconfused(value) if value else value
    if name == "congress":
        return bool(value and value.strip()) and value.strip() != publisher.name
    if name == "court":
        return foreign_court(value, publisher)
    if name == "chamber":
        return foreign_chamber(value, publisher)
    if name == "committee":
        return foreign_committee(value, publisher)
    return False


def surely_another(name: str, jurisdiction: str, theirs: str, their_jurisdiction: str) -> bool:
    """Whether the operator's catalogue's institution ``theirs`` is surely not the
    publisher ``name`` under another name (the catalogue's "H. Congreso del Estado de
    Guanajuato" is the "Poder Legislativo del Estado de Guanajuato" that registers itself):
    it is of another jurisdiction, or of another kind (:func:`institution_kind`), or one
    of them has a kind and the other none. A state has one judiciary but also its
    administrative, electoral and workers' tribunals: holding courts makes no two one."""
    if theirs == name:
        return False
    if their_jurisdiction != jurisdiction:
        return True
    return institution_kind(name) != institution_kind(theirs)


def institution_kind(name: str) -> str | None:
    """What kind of institution a name says: one of a state's autonomous tribunals
    (``_STATE_AUTONOMOUS``), a federal chamber, a legislature, a judiciary (any other
    that holds courts), or None (an institute, a prosecutor, a government...)."""
    folded = _spaced(fold_keyword(unconfused(name)))
    autonomous = sorted(_autonomous(folded))
    if autonomous:
        return "+".join(autonomous)
    legislature = _LEGISLATURE.search(folded)
    if legislature is not None:
        return next(kind for kind, said in legislature.groupdict().items() if said)
    return "judicial" if _HOLDS_COURTS.search(folded) else None


def publisher_of(name: str, jurisdiction: str, everyone: Iterable[str]) -> Publisher:
    """A publisher and every other institution's name."""
    return Publisher(name, jurisdiction, tuple(n for n in everyone if n != name))
