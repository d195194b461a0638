"""Selectors in source specs: ``css:…`` (the default) or ``xpath:…``, or a mapping with
``select`` and options (``many``, ``join``, ``regex``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from cssselect import SelectorError
from lxml import etree
from parsel.csstranslator import HTMLTranslator
from pydantic import BaseModel, ConfigDict, Field, field_validator

from config.patterns import check_pattern

# A page's element is found in a few dozen characters; thousands are no selector a site
# needs, and their translation recurses once per combinator (800 exhausted Python's stack)
MAX_SELECTOR_CHARS = 2000
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_PREFIXED_CALL = re.compile(r"(?<![\w:.-])([A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*)\s*\(")


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
            raise ValueError("selector is empty")
        prefix, _, expression = value.partition(":")
        if prefix not in ("css", "xpath"):
            prefix, expression, value = "css", value, f"css:{value}"
        if not expression.strip():
            raise ValueError(f"{prefix}: selector has no expression")
        _check_syntax(prefix, expression)
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
        raise ValueError(
            f"{engine.upper()} selector of {len(expression)} characters: at most "
            f"{MAX_SELECTOR_CHARS} / el selector admite como máximo {MAX_SELECTOR_CHARS} "
            "caracteres"
        )
    try:
        if engine == "css":
            HTMLTranslator().css_to_xpath(expression)
        else:
            etree.XPath(expression)
    except (SelectorError, etree.XPathError) as exc:
        raise ValueError(f"invalid {engine.upper()} selector {expression[:200]!r}: {exc}") from exc
    except RecursionError as exc:
        raise ValueError(
            f"{engine.upper()} selector nested too deeply to read / selector anidado en exceso"
        ) from exc
    if engine == "xpath":
        called = _PREFIXED_CALL.search(_STRING_LITERAL.sub("''", expression))
        if called:
            raise ValueError(
                f"{called[1]}: extension functions are not allowed in selectors (EXSLT "
                "regular expressions backtrack); use the selector's regex option / no se "
                "admiten funciones de extensión; use la opción regex del selector"
            )


def selector_shorthand(value: Any) -> Any:
    """A bare string is a selector's ``select``."""
    return {"select": value} if isinstance(value, str) else value
