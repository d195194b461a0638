"""Selectors in source specs: ``css:…`` (the default) or ``xpath:…``, or a mapping with
``select`` and options (``many``, ``join``, ``regex``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from cssselect import SelectorError
from lxml import etree
from parsel.csstranslator import HTMLTranslator
from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.columns import FUNCTION as COLUMN_FUNCTION
from config.patterns import check_pattern
from config.spanish_errors import Invalid, shown

# A page's element is found in a few dozen characters; thousands are no selector a site
# needs, and their translation recurses once per combinator (800 exhausted Python's stack)
MAX_SELECTOR_CHARS = 2000
# ``join`` is written between every two matches: a separator of kilobytes between the
# thousands of matches of a page is a field of gigabytes; a real one is a few characters
MAX_JOIN_CHARS = 16
# ``concat`` is the one XPath function whose value is longer than what it reads: each of
# its arguments may be a node's whole text (``/`` is the page's), so 300 of them over a
# 1 MB page were 300 MB made in one step of libxml2 (250 s of CPU); across an
# expression's ``concat`` calls, at most this many arguments that are not quoted text
MAX_CONCAT_READS = 16
_CONCAT = re.compile(r"(?<![\w.:-])concat\s*\(")
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_PREFIXED_CALL = re.compile(r"(?<![\w:.-])([A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*)\s*\(")
_POSITION = re.compile(r"\bat (\d+)>?$")


class Selector(BaseModel):
    """Where a value is on a page: a CSS or XPath expression and how to read it."""

    model_config = ConfigDict(extra="forbid")

    select: str
    many: bool = False
    join: str | None = Field(None, description="Join many matches with this separator.")
    regex: str | None = Field(None, description="Keep the first group (or whole match).")

    @field_validator("select")
    @classmethod
    def _form(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise Invalid("selector is empty", "el selector está vacío")
        prefix, _, expression = value.partition(":")
        if prefix not in ("css", "xpath"):
            prefix, expression, value = "css", value, f"css:{value}"
        if not expression.strip():
            raise Invalid(
                f"{prefix}: selector has no expression",
                f"el selector «{prefix}:» no dice qué buscar: escriba la expresión tras "
                f"«{prefix}:»",
            )
        _check_syntax(prefix, expression)
        return value

    @field_validator("join")
    @classmethod
    def _join(cls, value: str | None) -> str | None:
        if value is not None and len(value) > MAX_JOIN_CHARS:
            raise Invalid(
                f"join of {len(value)} characters: at most {MAX_JOIN_CHARS} (it is written "
                "between every two matches)",
                f"el separador de «join» admite como máximo {MAX_JOIN_CHARS} caracteres y "
                f"este tiene {len(value)}: se escribe entre cada dos coincidencias",
            )
        return value

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return check_pattern(value)

    @property
    def engine(self) -> Literal["css", "xpath"]:
        return "xpath" if self.select.startswith("xpath:") else "css"

    @property
    def expression(self) -> str:
        return self.select.partition(":")[2]


def _check_syntax(engine: str, expression: str) -> None:
    """Refuse a selector that could never run (``css:a, css:b`` is one CSS expression,
    and ``css:b`` in it is not CSS), when the spec is loaded rather than mid-crawl; and
    one too long or nested too deeply to translate."""
    if len(expression) > MAX_SELECTOR_CHARS:
        raise Invalid(
            f"{engine.upper()} selector of {len(expression)} characters: at most "
            f"{MAX_SELECTOR_CHARS}",
            f"el selector {engine.upper()} admite como máximo {MAX_SELECTOR_CHARS} "
            f"caracteres y este tiene {len(expression)}",
        )
    try:
        if engine == "css":
            HTMLTranslator().css_to_xpath(expression)
        else:
            # compiling reads the syntax; what only evaluation finds (a $variable no one
            # sets, a function that does not exist, ``//a | 3``) is found on one element,
            # where no expression costs more than its length
            etree.XPath(expression)(_ONE_ELEMENT)
    except (SelectorError, etree.XPathError) as exc:
        raise Invalid(
            f"invalid {engine.upper()} selector {expression[:200]!r}: {exc}",
            f"el selector {engine.upper()} no es válido: «{shown(expression)}» no se puede "
            f"leer como {engine.upper()}{_near(str(exc))}",
        ) from exc
    except RecursionError as exc:
        raise Invalid(
            f"{engine.upper()} selector nested too deeply to read",
            f"el selector {engine.upper()} está anidado en exceso: no se puede leer",
        ) from exc
    if engine == "xpath":
        _check_names(expression)
        _check_concat(expression)
        called = _PREFIXED_CALL.search(_STRING_LITERAL.sub("''", expression))
        if called:
            raise Invalid(
                f"{called[1]}: extension functions are not allowed in selectors (EXSLT "
                "regular expressions backtrack); use the selector's regex option",
                f"«{shown(called[1])}»: los selectores no admiten funciones de extensión "
                "(las expresiones regulares de EXSLT pueden tardar sin fin); use la opción "
                "regex del selector",
            )


_ONE_ELEMENT = etree.Element("html")
# XPath 1.0's functions and node tests, parsel's has-class and this project's columna
# (``config.columns``): nothing else is called unprefixed (a prefixed call is refused)
_FUNCTIONS = frozenset(
    {"last", "position", "count", "id", "local-name", "namespace-uri", "name", "string",
     "concat", "starts-with", "contains", "substring-before", "substring-after",
     "substring", "string-length", "normalize-space", "translate", "boolean", "not",
     "true", "false", "lang", "number", "sum", "floor", "ceiling", "round", "node",
     "text", "comment", "processing-instruction", "has-class", "and", "or", "div", "mod",
     COLUMN_FUNCTION}
)  # fmt: skip
_CALL = re.compile(r"(?<![\w:.$@-])([A-Za-z_][\w.-]*)\s*\(")
_VARIABLE = re.compile(r"\$\s*[A-Za-z_]")


def _check_names(expression: str) -> None:
    """A ``$variable`` (the crawl sets none) or a function XPath does not have, refused
    even where evaluating on one element would not reach it (``//a[$v]``, ``//a[foo()]``)."""
    bare = _STRING_LITERAL.sub("''", expression)
    why = None
    if _VARIABLE.search(bare):
        why = ("uses a $variable the crawl never sets", _EVALUATION["Undefined variable"])
    elif (called := _CALL.search(bare)) and called[1] not in _FUNCTIONS:
        why = (f"calls {called[1]}(), no XPath function", _EVALUATION["Unregistered function"])
    if why:
        raise Invalid(
            f"invalid XPATH selector {expression[:200]!r}: {why[0]}",
            f"el selector XPATH no es válido: «{shown(expression)}» {why[1]}",
        )


_EVALUATION = {
    "Undefined variable": "usa una variable ($…) que nada define",
    "Unregistered function": "llama a una función que no existe",
    "Invalid type": "combina valores que no se pueden unir (p. ej. nodos y un número)",
}


def _check_concat(expression: str) -> None:
    """Refuse an expression whose ``concat`` calls read more than ``MAX_CONCAT_READS``
    values from the page (quoted text costs only its own length, already bounded)."""
    bare = _STRING_LITERAL.sub("''", expression)
    reads = 0
    for call in _CONCAT.finditer(bare):
        reads += sum(arg.strip() != "''" for arg in _arguments(bare, call.end()))
    if reads > MAX_CONCAT_READS:
        raise Invalid(
            f"concat reads {reads} values of the page: at most {MAX_CONCAT_READS} (each "
            "may be the whole page's text)",
            f"las llamadas a concat del selector XPath leen {reads} valores de la página y "
            f"se admiten como máximo {MAX_CONCAT_READS}: cada uno puede ser el texto de la "
            "página entera",
        )


def _arguments(text: str, start: int) -> list[str]:
    """The arguments of the call whose ``(`` ends just before ``start``, split at its
    own commas (quoted text already emptied)."""
    args, depth, begin = [], 0, start
    for at in range(start, len(text)):
        char = text[at]
        if char in "([":
            depth += 1
        elif char in ")]":
            if depth == 0:
                args.append(text[begin:at])
                return args
            depth -= 1
        elif char == "," and depth == 0:
            args.append(text[begin:at])
            begin = at + 1
    return args


def _near(reason: str) -> str:
    """Why an XPath cannot be evaluated, or where cssselect stopped reading (``… at 2>``),
    said in Spanish."""
    for english, spanish in _EVALUATION.items():
        if english in reason:
            return f": {spanish}"
    return _position(reason)


def _position(reason: str) -> str:
    """Where cssselect stopped reading (``… at 2>``), said in Spanish."""
    found = _POSITION.search(reason)
    return f" (cerca del carácter {int(found[1]) + 1})" if found else ""


def selector_shorthand(value: Any) -> Any:
    """A bare string is a selector's ``select``."""
    return {"select": value} if isinstance(value, str) else value
