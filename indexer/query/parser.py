"""A small recursive-descent parser for the query language.

    sentencia "daño moral"          implicit AND
    amparo OR revisión              OR (upper case), AND, NOT, a leading ``-``
    (penal OR civil) -familiar      parentheses
    constitu*                       prefix
    matter:penal court:"Sala Penal" field:value (value may be quoted)

Anything else typed (``^``, ``:``, ``NEAR(``, ``~``) is text, which the store's
analyzer reduces to words or drops. Only structure the user clearly broke is an
error: an unclosed quote or parenthesis, an operator with nothing to apply to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.query.ast import And, Field, MatchAll, Node, Not, Or, Phrase, Prefix, Term

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MIN_PREFIX_CHARS = 2
MAX_DEPTH = 32

# Fields a user may name in the query text: full-text fields and keyword filters.
QUERY_FIELDS: dict[str, str] = {
    "title": "text",
    "text": "text",
    "titulo": "text",
    "texto": "text",
    "kind": "keyword",
    "jurisdiction": "keyword",
    "institution": "keyword",
    "court": "keyword",
    "matter": "keyword",
    "expediente": "keyword",
    "session_type": "keyword",
    "congress": "keyword",
    "legislature": "keyword",
    "doc_type": "keyword",
    "source": "keyword",
}
FIELD_ALIASES = {"titulo": "title", "texto": "text", "source": "source_id"}

_WORD_CHARS = re.compile(r"\w", re.UNICODE)


class QuerySyntaxError(ValueError):
    """The query cannot be understood; ``position`` is a 0-based character offset."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position + 1})")
        self.message = message
        self.position = position


@dataclass(frozen=True)
class _Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, AND, OR, NOT, MINUS, FIELD
    value: str
    position: int
    field: str = ""


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError('unclosed quote: a phrase needs a closing "', i)
            tokens.append(_Token("PHRASE", text[i + 1 : end], i))
            i = end + 1
        elif char in "()":
            tokens.append(_Token("LPAREN" if char == "(" else "RPAREN", char, i))
            i += 1
        elif char == "-" and i + 1 < n and not text[i + 1].isspace() and _starts_term(text, i):
            tokens.append(_Token("MINUS", "-", i))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in '()"':
                i += 1
            word = text[start:i]
            tokens.append(_field_or_word(word, start, text, i, tokens))
            if tokens[-1].kind == "FIELD" and tokens[-1].value == "" and i < n and text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    raise QuerySyntaxError('unclosed quote: a phrase needs a closing "', i)
                field = tokens.pop()
                tokens.append(_Token("FIELD", text[i + 1 : end], start, field.field + '"'))
                i = end + 1
    return tokens


def _starts_term(text: str, i: int) -> bool:
    """A ``-`` negates only at the start of a word, not inside ``2020-2021``."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] == "("


def _field_or_word(word: str, start: int, text: str, end: int, tokens: list[_Token]) -> _Token:
    if word in ("AND", "OR", "NOT"):
        return _Token(word, word, start)
    if word == "&&":
        return _Token("AND", word, start)
    if word == "||":
        return _Token("OR", word, start)
    name, sep, value = word.partition(":")
    if sep and name.lower() in QUERY_FIELDS:
        return _Token("FIELD", value, start, name.lower())
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
            raise QuerySyntaxError("unmatched closing parenthesis", token.position)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            items.append(self.and_expr(after=token))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self, after: _Token | None = None) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                if not items:
                    raise QuerySyntaxError("AND needs a word before it", token.position)
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", "RPAREN", "AND"):
                    raise QuerySyntaxError("AND needs a word after it", token.position)
                continue
            node = self.unary()
            if node is not None:
                items.append(node)
        if not items:
            where = after.position if after else (token.position if token else self.length)
            if after is not None:
                raise QuerySyntaxError(f"{after.value} needs a word after it", after.position)
            if token is not None and token.kind == "OR":
                raise QuerySyntaxError("OR needs a word before it", token.position)
            if token is not None and token.kind == "RPAREN":
                raise QuerySyntaxError("empty parentheses or unmatched ')'", where)
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
                )
            try:
                return self.nested(token)
            finally:
                self.depth -= 1
        if token.kind == "RPAREN":
            raise QuerySyntaxError("unmatched closing parenthesis", token.position)
        self.count(token)
        if token.kind == "PHRASE":
            return Phrase(token.value) if _WORD_CHARS.search(token.value) else None
        if token.kind == "FIELD":
            return self.field(token)
        return self.word(token)

    def nested(self, token: _Token) -> Node | None:
        if token.kind in ("NOT", "MINUS"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN", "NOT", "MINUS"):
                raise QuerySyntaxError(f"{token.value} needs a word after it", token.position)
            inner = self.unary()
            if inner is None:
                raise QuerySyntaxError(f"{token.value} needs a word after it", token.position)
            return Not(inner)
        if token.kind == "LPAREN":
            inner = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise QuerySyntaxError("unclosed parenthesis", token.position)
            self.take()
            return inner
        raise AssertionError(token.kind)

    def count(self, token: _Token) -> None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QuerySyntaxError(f"too many words: at most {MAX_CLAUSES}", token.position)

    def field(self, token: _Token) -> Node:
        quoted = token.field.endswith('"')
        name = token.field.rstrip('"')
        name = FIELD_ALIASES.get(name, name)
        value = token.value.strip()
        if not value:
            raise QuerySyntaxError(f"{name}: needs a value after the colon", token.position)
        return Field(name, value, phrase=quoted)

    def word(self, token: _Token) -> Node | None:
        text = token.value
        if text.endswith("*"):
            stem = text.rstrip("*")
            if not _WORD_CHARS.search(stem):
                return None
            tail = re.search(r"[^\W_]+$", stem)
            if tail is None or len(tail.group()) < MIN_PREFIX_CHARS or "*" in stem:
                raise QuerySyntaxError(
                    f"a prefix search needs at least {MIN_PREFIX_CHARS} letters before *",
                    token.position,
                )
            return Prefix(stem)
        if not _WORD_CHARS.search(text):
            return None
        return Term(text)


def parse_query(text: str | None) -> Node:
    """Parse what a user typed; raise QuerySyntaxError with a precise message."""
    if text is None or not text.strip():
        return MatchAll()
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"query too long: at most {MAX_QUERY_CHARS} characters", 0)
    tokens = _tokenize(text)
    if not tokens:
        return MatchAll()
    node = _Parser(tokens, len(text)).parse()
    if isinstance(node, MatchAll):
        raise QuerySyntaxError("the query has no words to search for", 0)
    return node
