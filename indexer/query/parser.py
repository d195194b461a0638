"""A small recursive-descent parser for the query language.

    sentencia "daño moral"          implicit AND
    amparo OR revisión              OR (upper case), AND, NOT, a leading ``-``
    (penal OR civil) -familiar      parentheses
    constitu*                       prefix
    "pensión definitiva"~5          proximity: the words at most 5 positions apart
    matter:penal court:"Sala Penal" field:value (value may be quoted)
    «daño moral», “daño moral”      typographic quotes are quotes too

Anything else typed (``^``, ``NEAR(``, a ``~`` not after a phrase) is text, which the
store's analyzer reduces to words or drops. Only structure the user clearly broke is an
error: an unclosed quote or parenthesis, an operator with nothing to apply to, a field
name that does not exist (``juez:López``: it would otherwise search nothing silently), a
proximity that is no whole number (``"a b"~-1`` would otherwise also require "1").
Every error has an English ``message`` and a Spanish ``mensaje``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from indexer.analysis import compatible_text, visible_text
from indexer.models import KINDS, without_controls
from indexer.query.arrangements import MAX_QUESTION_ARRANGEMENTS, asked_arrangements
from indexer.query.ast import And, Field, MatchAll, Node, Not, Or, Phrase, Prefix, Term
from indexer.query.fields import query_field, query_field_names, spanish_field_names
from indexer.query.foreign import foreign_operator
from indexer.query.single_quotes import as_double_quotes
from indexer.query.spellings import may_have_spellings, with_spellings
from indexer.query.values import keyword_value

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MIN_PREFIX_CHARS = 2
MAX_DEPTH = 32
MAX_SLOP = 50
# words a person may have meant as operators: the lower-case ones, and Spanish «y», «o»,
# «no» (a search that finds nothing suggests the operator, never reads the word as one)
LOWER_OPERATORS = {"or": "OR", "and": "AND", "not": "NOT", "o": "OR", "y": "AND", "no": "NOT"}
_LEADING_OPERATORS = ("not", "no")

_WORD_CHARS = re.compile(r"\w", re.UNICODE)
# ``!amparo``: Lucene's and a programmer's NOT, glued to a word
_BANG = re.compile(r"!+[^\W\d_]")
_YEAR = re.compile(r"[0-9]{4}")
# ``name:`` reads as a field when the name is a word of letters (``10:30``, ``http://``
# and ``art.:`` stay text).
_FIELD_NAME = re.compile(r"[^\W\d_][^\W\d]*")
# Quotes a word processor or a phone types (“…”, «…», „…“, full-width ＂) open and close
# a phrase too: read as letters they made the phrase its words in any order. Each opening
# quote is closed by its partners; other quotes inside a phrase are part of it ("el «daño»
# moral"). Single quotes are quotes only where they stand as a pair of them ('daño
# moral'; ``indexer.query.single_quotes``), else text (an apostrophe: O’Brien).
_CLOSING = {'"': '"”', "“": "”“", "„": "“”", "«": "»", "‟": "”", "＂": "＂", "〝": "〞〟"}
TYPOGRAPHIC_QUOTES = "“”„‟«»〝〞〟＂"
_WORD_ENDS = "()" + "".join(_CLOSING)
# names people write for a date, which is no field of ``q`` but a filter
_DATE_NAMES = {"fecha", "date", "dia", "día", "desde", "hasta", "fecha_resolucion"}
# ``~`` right after a phrase: a whole number, ending where a word would
_SLOP = re.compile(r"~(\d+)(?=[\s()\"“„«‟＂〝]|$)")


class QuerySyntaxError(ValueError):
    """The query cannot be understood; ``position`` is a 0-based character offset,
    ``mensaje`` the same message in Spanish, ``field`` the unknown field if that is it."""

    def __init__(self, message: str, position: int, mensaje: str, field: str | None = None):
        super().__init__(f"{message} (at character {position + 1})")
        self.message = message
        self.position = position
        self.mensaje = mensaje
        self.field = field


class QueryTooCostly(QuerySyntaxError):
    """A query that parses but asks more work than a search may take (a long proximity
    phrase of common words): the user shortens it, as a syntax error is corrected."""

    def __init__(self, message: str, mensaje: str) -> None:
        super().__init__(message, 0, mensaje)


@dataclass(frozen=True)
class _Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS, FIELD
    value: str
    position: int
    field: str = ""
    slop: int = 0
    named: str = ""  # a field's name as it was written (``titulo``, ``Tribunal``)


UNCLOSED_QUOTE = (
    'unclosed quote: a phrase needs a closing "',
    "falta cerrar las comillas de una frase",
)


def _closing_quote(text: str, i: int) -> int:
    """Where the phrase opened at ``i`` closes (by its opening quote's partner). A phrase
    in straight quotes copied with curly ones inside ("alegó “daño moral” en…"): the ”
    closes the “ before it, not the phrase (the phrase ended at it, and the last " was
    an unclosed quote: a 422 for a sentence pasted as it reads)."""
    closers = _CLOSING[text[i]]
    end = min((at for c in closers if (at := text.find(c, i + 1)) >= 0), default=-1)
    if end < 0:
        raise QuerySyntaxError(UNCLOSED_QUOTE[0], i, UNCLOSED_QUOTE[1])
    if text[i] == '"' and text[end] == "”" and "“" in text[i + 1 : end]:
        return _straight_close(text, i)
    return end


def _straight_close(text: str, i: int) -> int:
    """The " or unpaired ” that closes the straight quote at ``i``, each “ inside it
    closed by the next ”."""
    inner = 0
    for at in range(i + 1, len(text)):
        char = text[at]
        if char == "“":
            inner += 1
        elif char == "”" and inner:
            inner -= 1
        elif char in '"”':
            return at
    raise QuerySyntaxError(UNCLOSED_QUOTE[0], i, UNCLOSED_QUOTE[1])


def _slop(text: str, after: int) -> tuple[int, int]:
    """``~5`` right after a closing quote: (slop, characters it takes). Anything else
    glued to that ``~`` (``~-1``, ``~1.5``, ``~`` alone) is an error: read as text it
    would have asked another question (the phrase AND the word "1")."""
    if not text.startswith("~", after):
        return 0, 0
    match = _SLOP.match(text, after)
    if match is None:
        raise QuerySyntaxError(
            "a proximity is a whole number of positions right after the phrase, 0 to "
            f'{MAX_SLOP}: "a b"~5',
            after,
            "la proximidad es un número entero de posiciones justo después de la frase, "
            f'de 0 a {MAX_SLOP}: "a b"~5',
        )
    # any script's digits (``~٣``, ``~３``) read as their values, leading zeros dropped
    # before the length is cut: ``~0000005`` was read as ~0, an exact phrase
    digits = "".join(str(unicodedata.decimal(c)) for c in match.group(1)).lstrip("0")
    slop = int(digits[:6] or "0")
    if slop > MAX_SLOP:
        raise QuerySyntaxError(
            f"proximity too wide: at most ~{MAX_SLOP}",
            after,
            f"la proximidad admite como máximo ~{MAX_SLOP}",
        )
    return slop, match.end() - after


def _doubled(text: str, i: int) -> tuple[str, int] | None:
    """A phrase between doubled (or tripled) straight quotes, as a spreadsheet's cell or a
    CSV writes one (``""daño moral""``, or three quotes each side): (its words, where it
    ends); None when the quotes at ``i`` are no such pair. Read quote by quote it was an
    empty phrase, the words in any order, and another empty phrase."""
    run = 2 if not text.startswith('"""', i) else 3
    start = i + run
    if start >= len(text) or text[start].isspace() or text[start] == '"':
        return None
    if text[start] == "~" or not _WORD_CHARS.search(text, start, _next_quote(text, start)):
        return None  # ``""~5``, ``"" .``: an empty phrase, no doubled quotes around words
    end = text.find('"' * run, start)
    if end < 0 or text[end - 1].isspace() or '"' in text[start:end]:
        if (end < 0 or '"' in text[start:end]) and text.count('"', start) < 2:
            raise QuerySyntaxError(UNCLOSED_QUOTE[0], i, UNCLOSED_QUOTE[1])
        if end < 0 or '"' in text[start:end]:
            # an opening pair with no closing pair: a phrase inside a phrase
            # (``""daño moral" causado"~2``), which would be searched as loose words
            raise QuerySyntaxError(
                "a phrase cannot hold another phrase: write one pair of quotes",
                i,
                "una frase no puede llevar otra dentro: escriba un solo par de comillas "
                '("daño moral causado"~2)',
            )
        return None
    after = end + run
    if after < len(text) and text[after] == '"':
        return None
    return text[start:end], after


def _next_quote(text: str, start: int) -> int:
    at = text.find('"', start)
    return at if at >= 0 else len(text)


def _tokenize(text: str) -> list[_Token]:
    text = as_double_quotes(text)
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif text.startswith('""', i) and (doubled := _doubled(text, i)) is not None:
            words, end = doubled
            slop, taken = _slop(text, end)
            tokens.append(_Token("PHRASE", words, i, slop=slop))
            i = end + taken
        elif char in _CLOSING:
            end = _closing_quote(text, i)
            slop, taken = _slop(text, end + 1)
            tokens.append(_Token("PHRASE", text[i + 1 : end], i, slop=slop))
            i = end + 1 + taken
        elif char in "()":
            tokens.append(_Token("LPAREN" if char == "(" else "RPAREN", char, i))
            i += 1
        elif char == "-" and i + 1 < n and not text[i + 1].isspace() and _starts_term(text, i):
            tokens.append(_Token("MINUS", "-", i))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _WORD_ENDS:
                i += 1
            word = text[start:i]
            quoted_next = i < n and text[i] in _CLOSING
            tokens.append(_field_or_word(word, start, quoted_next))
            if tokens[-1].kind == "FIELD" and tokens[-1].value == "" and quoted_next:
                end = _closing_quote(text, i)
                slop, taken = _slop(text, end + 1)
                field = tokens.pop()
                tokens.append(
                    _Token(
                        "FIELD",
                        text[i + 1 : end],
                        start,
                        field.field + '"',
                        slop=slop,
                        named=field.named,
                    )
                )
                i = end + 1 + taken
    return tokens


def _check_field_value(name: str, value: str, quoted: bool, position: int, named: str = "") -> None:
    """A value no document could hold in the sense it is written is an error, not an
    empty answer: a prefix inside a field (``titulo:amp*`` would look for the word
    "amp"), a year that is not one, a kind that does not exist (the filter parameters
    refuse the same). ``named``: the field's name as written, what the message says."""
    if not quoted:
        _refuse_foreign(value, position + len(named or name) + 1)
    if not quoted and value.endswith("*"):
        shown = named[:40] or name
        raise QuerySyntaxError(
            f"{shown}: a prefix (*) works on words, not inside a field: write the word "
            f"alone ({value}) or the whole value",
            position,
            f"{shown}: el prefijo (*) se usa con palabras sueltas, no dentro de un campo: "
            f"escriba la palabra sola ({value}) o el valor completo",
        )
    if name == "year" and not _YEAR.fullmatch(value):
        raise QuerySyntaxError(
            f"year: a year of four digits, like 2023, not {value[:20]!r}",
            position,
            f"año: un año de cuatro cifras, como 2023, no «{value[:20]}»",
        )
    if name == "redacted" and keyword_value("redacted", value) not in ("si", "no"):
        # only two answers, as the ``redacted`` filter says: any other found nothing
        shown = named[:40] or name
        raise QuerySyntaxError(
            f"{shown}: «sí» or «no», not {value[:20]!r}",
            position,
            f"{shown}: es «sí» o «no», no «{value[:20]}»",
        )
    if name == "kind" and keyword_value("kind", value) not in KINDS:
        raise QuerySyntaxError(
            f"kind: unknown kind {value[:40]!r}; choose from: {', '.join(KINDS)}",
            position,
            f"tipo: no hay documentos de tipo «{value[:40]}»; elija entre: sentencia, sesión, "
            "documento legislativo",
        )


def _refuse_foreign(word: str, position: int) -> None:
    """``amparo~2``, ``amparo^3``, ``amp?ro``: another language's operators, refused with
    what to write (``indexer/query/foreign.py``)."""
    foreign = foreign_operator(word)
    if foreign is not None:
        raise QuerySyntaxError(foreign.message, position + foreign.offset, foreign.mensaje)


def _starts_term(text: str, i: int) -> bool:
    """A ``-`` negates only at the start of a word, not inside ``2020-2021``."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] == "("


def _field_or_word(word: str, start: int, quoted_next: bool) -> _Token:
    # ``ＯＲ`` typed with a CJK input method's full-width Latin is the operator: searched
    # as a word, ``amparo ＯＲ revisión`` asked for documents holding all three
    operator = unicodedata.normalize("NFKC", word) if not word.isascii() else word
    if operator in ("AND", "OR", "NOT"):
        return _Token(operator, word, start)
    if word == "&&":
        return _Token("AND", word, start)
    if word == "||":
        return _Token("OR", word, start)
    name, sep, value = word.partition(":")
    if not sep:
        return _Token("WORD", word, start)
    field = query_field(name)
    if field is not None:
        return _Token("FIELD", value, start, field, named=name)
    if _FIELD_NAME.fullmatch(name) and (value or quoted_next) and not value.startswith("//"):
        valid = ", ".join(query_field_names())
        dates = ""
        if name.lower() in _DATE_NAMES:  # what a person asking by date should write
            dates = (
                "; a date is asked with year:2023 or the date_from and date_to filters",
                "; una fecha se pide con año:2023 o con los filtros desde y hasta "
                "(date_from, date_to: 2023-03-01)",
            )
        raise QuerySyntaxError(
            f"unknown field {name[:40]!r}{dates[0] if dates else ''}; valid fields: {valid}",
            start,
            f"el campo «{name[:40]}» no existe{dates[1] if dates else ''}; los campos son: "
            f"{spanish_field_names()}",
            field=name[:40],
        )
    return _Token("WORD", word, start)


class _Parser:
    def __init__(self, tokens: list[_Token], length: int) -> None:
        self.tokens = tokens
        self.index = 0
        self.length = length
        self.clauses = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            raise _unmatched(token.position)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            while (nxt := self.peek()) is not None and nxt.kind == "OR":
                self.take()  # ``a OR OR b``: one OR, typed twice
            if nxt is not None and nxt.kind == "AND":
                raise _mixed(token, nxt)
            items.append(self.and_expr(after=token))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self, after: _Token | None = None) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                if not items:
                    raise _needs("AND", "before", token.position)
                while (nxt := self.peek()) is not None and nxt.kind == "AND":
                    self.take()  # ``a AND AND b``: one AND, typed twice
                if nxt is not None and nxt.kind == "OR":
                    raise _mixed(token, nxt)
                if nxt is None or nxt.kind == "RPAREN":
                    raise _needs("AND", "after", token.position)
                continue
            node = self.unary()
            if node is not None:
                items.append(node)
        if not items:
            where = after.position if after else (token.position if token else self.length)
            if after is not None:
                raise _needs(after.value, "after", after.position)
            if token is not None and token.kind == "OR":
                raise _needs("OR", "before", token.position)
            if token is not None and token.kind == "RPAREN":
                raise QuerySyntaxError(
                    "empty parentheses or unmatched ')'",
                    where,
                    "paréntesis vacíos o un «)» sin su «(»",
                )
            return MatchAll()
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node | None:
        token = self.take()
        if token.kind in ("NOT", "MINUS", "LPAREN"):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError(
                    f"parentheses or operators nested too deeply: at most {MAX_DEPTH}",
                    token.position,
                    f"demasiados paréntesis u operadores anidados: como máximo {MAX_DEPTH}",
                )
            try:
                return self.nested(token)
            finally:
                self.depth -= 1
        if token.kind == "RPAREN":
            raise _unmatched(token.position)
        self.count(token)
        if token.kind == "PHRASE":
            if not _WORD_CHARS.search(token.value):
                return None
            return Phrase(token.value, token.slop)
        if token.kind == "FIELD":
            return self.field(token)
        return self.word(token)

    def nested(self, token: _Token) -> Node | None:
        if token.kind in ("NOT", "MINUS"):
            nxt = self.peek()
            if nxt is not None and nxt.kind in ("NOT", "MINUS"):
                raise _double_negation(token, nxt)
            if nxt is not None and nxt.kind in ("OR", "AND"):
                raise QuerySyntaxError(
                    f"{token.value} needs a word right after it, not another operator "
                    f"({nxt.value})",
                    token.position,
                    f"{token.value} necesita una palabra justo después, no otro operador "
                    f"({nxt.value}): {token.value}amparo excluye los documentos con «amparo»"
                    if token.kind == "MINUS"
                    else f"NOT necesita una palabra justo después, no otro operador "
                    f"({nxt.value}): NOT amparo excluye los documentos con «amparo»",
                )
            if nxt is None or nxt.kind == "RPAREN":
                raise _needs(token.value, "after", token.position)
            inner = self.unary()
            if inner is None:
                raise _needs(token.value, "after", token.position)
            return Not(inner)
        if token.kind == "LPAREN":
            inner = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise QuerySyntaxError(
                    "unclosed parenthesis", token.position, "falta cerrar un paréntesis"
                )
            self.take()
            return inner
        raise AssertionError(token.kind)

    def count(self, token: _Token) -> None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QuerySyntaxError(
                f"too many words: at most {MAX_CLAUSES}",
                token.position,
                f"demasiadas palabras: como máximo {MAX_CLAUSES}",
            )

    def field(self, token: _Token) -> Node:
        quoted = token.field.endswith('"')
        name = token.field.rstrip('"')
        value = token.value.strip()
        shown = token.named[:40] or name
        if not value:
            raise QuerySyntaxError(
                f"{shown}: needs a value after the colon",
                token.position,
                f"{shown}: necesita un valor después de los dos puntos",
            )
        if name == "year" and value.isdecimal():
            # a year typed in full-width (``２０２４``) or Arabic-Indic (``٢٠٢٤``) digits
            value = "".join(str(unicodedata.decimal(c)) for c in value)
        _check_field_value(name, value, quoted, token.position, token.named)
        return Field(name, value, phrase=quoted, slop=token.slop)

    def word(self, token: _Token) -> Node | None:
        text = token.value
        _refuse_foreign(text, token.position)
        following = self.peek()
        if text.startswith("+-") or text.startswith("+−"):
            # «+» asks for the word and «-» excludes it: read as text it was found
            raise QuerySyntaxError(
                f"{text[:40]}: + (require) and - (exclude) together contradict each "
                f"other; write -{text[2:40]} to exclude the word or {text[2:40]} to find it",
                token.position,
                f"«{text[:40]}»: «+» (exigir) y «-» (excluir) juntos se contradicen; "
                f"escriba -{text[2:40]} para excluir la palabra o {text[2:40]} para buscarla",
            )
        if _BANG.match(text) or (
            text == "!" and following is not None and following.kind in ("WORD", "PHRASE")
        ):
            # another language's NOT: read as text, «!amparo» found the documents with it
            raise QuerySyntaxError(
                "! is no operator here: write NOT amparo or -amparo to exclude a word",
                token.position,
                "«!» no es un operador aquí: para excluir una palabra escriba NOT amparo o -amparo",
            )
        if text.endswith("*"):
            stem = text.rstrip("*")
            if not _WORD_CHARS.search(stem):
                return None
            tail = re.search(r"[^\W_]+$", stem)
            if tail is None or len(tail.group()) < MIN_PREFIX_CHARS or "*" in stem:
                raise QuerySyntaxError(
                    f"a prefix search needs at least {MIN_PREFIX_CHARS} letters before *",
                    token.position,
                    f"una búsqueda por prefijo necesita al menos {MIN_PREFIX_CHARS} letras "
                    "antes de *",
                )
            return Prefix(stem)
        if not _WORD_CHARS.search(text):
            return None
        return Term(text)


def _needs(operator: str, side: str, position: int) -> QuerySyntaxError:
    lado = "antes" if side == "before" else "después"
    return QuerySyntaxError(
        f"{operator} needs a word {side} it",
        position,
        f"{operator} necesita una palabra {lado}",
    )


def _mixed(first: _Token, second: _Token) -> QuerySyntaxError:
    """``a AND OR b``: two operators in a row that say different things."""
    pair = f"{first.value} {second.value}"
    return QuerySyntaxError(
        f"{pair}: two operators in a row; write one between two words (a OR b, a AND b)",
        second.position,
        f"«{pair}»: dos operadores seguidos; escriba uno solo entre dos palabras "
        "(amparo OR revisión, amparo AND revisión)",
    )


def _double_negation(first: _Token, second: _Token) -> QuerySyntaxError:
    """``NOT NOT a``, ``NOT -a``, ``-NOT a``: read as negations they cancel out, and
    whether the person meant to exclude the word or find it nobody can tell."""
    pair = (
        f"{first.value} {second.value}" if first.kind == "NOT" else f"{first.value}{second.value}"
    )
    return QuerySyntaxError(
        f"{pair}: two negations in a row; write one to exclude a word (NOT amparo, "
        "-amparo) or none to find it",
        second.position,
        f"«{pair}»: dos negaciones seguidas; escriba una sola para excluir una palabra "
        "(NOT amparo, -amparo) o ninguna para buscarla",
    )


def _unmatched(position: int) -> QuerySyntaxError:
    return QuerySyntaxError(
        "unmatched closing parenthesis", position, "hay un «)» que no cierra ningún «(»"
    )


def parse_query(text: str | None) -> Node:
    """Parse what a user typed; raise QuerySyntaxError with a precise message."""
    if text is None or not text.strip():
        return MatchAll()
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long: at most {MAX_QUERY_CHARS} characters",
            0,
            f"búsqueda demasiado larga: como máximo {MAX_QUERY_CHARS} caracteres",
        )
    if not text.isascii() or not text.isprintable():
        # a word pasted from a PDF or typed on a Mac may come decomposed (``n`` and a
        # combining tilde): the analysers split it at the mark (``an̈o`` → ``an``, ``o``),
        # so ``año`` would ask for two words and find none of the documents written «año».
        # A word pasted from a web page may hold a character no one sees (a soft hyphen,
        # a zero-width space or joiner, a direction mark): the analysers split there too,
        # while the indexed text holds the word whole (``analysis.indexed_text`` drops
        # them), so ``am\u00adparo`` found nothing.
        # A word written in mathematical bold, full-width or as a ligature (``𝐚𝐦𝐩𝐚𝐫𝐨``)
        # is read in its plain form, as the indexed texts are (``compatible_text``);
        # a few characters are several in that form (``﷽``): still bounded.
        composed = _prepared(text)
        if len(composed) > MAX_QUERY_CHARS:
            raise QuerySyntaxError(
                f"query too long: at most {MAX_QUERY_CHARS} characters",
                0,
                f"búsqueda demasiado larga: como máximo {MAX_QUERY_CHARS} caracteres",
            )
        if composed != text:
            try:
                return _parsed(composed)
            except QuerySyntaxError as exc:
                _say_where_typed(exc, text)
                raise
    return _parsed(text)


def _prepared(text: str) -> str:
    """``text`` as the query is read: in NFC, without the characters no one sees and the
    control characters, its compatibility characters in their plain form, as the stores
    read the texts they index (``analysis.visible_text``, ``models.without_controls``,
    ``analysis.compatible_text``)."""
    return unicodedata.normalize("NFC", compatible_text(without_controls(visible_text(text))))


def _say_where_typed(exc: QuerySyntaxError, typed: str) -> None:
    """``exc``'s position, found in the NFC text, moved to the character the person
    typed: a decomposed «año» is one character fewer, a few characters (``שּׁ``, U+FB2C)
    are more, and the error pointed before or past its place (past the query's end)."""
    at = exc.position
    where = next(
        (i for i in range(len(typed)) if len(_prepared(typed[: i + 1])) > at),
        len(typed) if at else 0,  # a query of invisible characters: its start
    )
    exc.position = where
    exc.args = (f"{exc.message} (at character {where + 1})",)


def _parsed(text: str) -> Node:
    tokens = _tokenize(text)
    node = _Parser(tokens, len(text)).parse() if tokens else MatchAll()
    if isinstance(node, MatchAll):  # no words, or only characters no one sees
        raise QuerySyntaxError(
            "the query has no words to search for", 0, "la búsqueda no tiene palabras que buscar"
        )
    if may_have_spellings(text):
        node = with_spellings(node)  # «1o.», «1º», «primero»; «art.», «artículo»: one search
    if "~" in text and asked_arrangements(node) > MAX_QUESTION_ARRANGEMENTS:
        raise QueryTooCostly(*_REPEATS_TOO_COSTLY)
    return node


_REPEATS_TOO_COSTLY = (
    'too many proximity phrases that repeat a word ("de de"~50): each asks for every '
    "way its words may stand; ask fewer of them, shorten the phrase or reduce the proximity",
    "la búsqueda tiene demasiadas frases con proximidad que repiten una palabra "
    '(como "de de"~50), y cada una pide todas las posiciones posibles de sus palabras: '
    "use menos de ellas, acorte la frase o reduzca la proximidad",
)


def operator_suggestion(text: str | None) -> str | None:
    """``amparo or revisión`` → ``amparo OR revisión``: lower-case ``or``/``and``/``not``
    between words are words (a sentence says "y/o"), but a person may have meant the
    operator; None when there is nothing to suggest."""
    if not text or len(text) > MAX_QUERY_CHARS:
        return None
    try:
        tokens = _tokenize(text)
    except QuerySyntaxError:
        tokens = []
    words = [t for t in tokens if t.kind == "WORD" and t.value in LOWER_OPERATORS]
    inner = [
        t
        for t in words
        if t is not tokens[-1] and (t is not tokens[0] or t.value in _LEADING_OPERATORS)
    ]
    if not inner:
        return None
    out = text
    for token in reversed(inner):
        start = token.position
        out = out[:start] + LOWER_OPERATORS[token.value] + out[start + len(token.value) :]
    return out
