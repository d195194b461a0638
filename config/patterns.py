"""Regular expressions written in source specs (``regex:``, ``keep:``/``skip:``, sitemap
``rules``/``follow``/``exclude``), compiled for RE2, whose matching time is linear in
the text: a spec sent by an institution cannot hang a crawl or a preview with a pattern
like ``(a+)+$``. Validation and the spiders compile through this one module.

Python's ``re`` syntax carries over except what needs backtracking (backreferences,
lookarounds, atomic groups), ``(?x)`` and ``\\Z`` (write ``\\z``); those are refused with
a message. ``\\w`` and ``\\d`` keep Python's Unicode meaning (``\\w`` matches ``á``, ``ñ``);
``\\b`` and ``\\s`` are ASCII in RE2.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import re2

from config.spanish_errors import Invalid

MAX_PATTERN_CHARS = 1_000
MAX_REPEAT = 1_000
MAX_PROGRAM_BYTES = 4 << 20  # RE2's max_mem: larger programs are refused, not built
_REPEAT = re.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")
_OPEN_START = re.compile(r"(?<!\\)\{,\d+\}")
_UNICODE = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}"}


class PatternError(Invalid):
    """A spec pattern that cannot run on a linear-time engine; it says why in English
    and in Spanish."""


def _options() -> Any:
    options = re2.Options()
    options.max_mem = MAX_PROGRAM_BYTES
    options.log_errors = False
    return options


def _unicode_classes(pattern: str) -> str:
    r"""``\w``, ``\W``, ``\d``, ``\D`` as Python reads them in text (Unicode), written as
    RE2 property classes; everything else is copied as it is."""
    out: list[str] = []
    i, in_class, class_start = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape == "Q":  # \Q…\E is literal text
                end = pattern.find("\\E", i + 2)
                end = len(pattern) if end < 0 else end + 2
                out.append(pattern[i:end])
                i = end
                continue
            body = _UNICODE.get(escape.lower())
            if body and escape.islower():
                out.append(body if in_class else f"[{body}]")
            elif body and not in_class:
                out.append(f"[^{body}]")
            elif escape == "D":
                out.append(r"\P{Nd}")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if pattern.startswith("[:", i):
                end = pattern.find(":]", i + 2)
                if end > 0:
                    out.append(pattern[i : end + 2])
                    i = end + 2
                    continue
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            class_start = i + 1
            if pattern.startswith("^", class_start):
                class_start += 1
            out.append(pattern[i:class_start])
            i = class_start
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _refuse(spanish: str, english: str) -> PatternError:
    return PatternError(english, spanish)


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> Any:
    """The RE2 program for a spec pattern, or PatternError saying why there is none."""
    if not isinstance(pattern, str):
        raise _refuse("la expresión regular debe ser texto", "a regular expression is text")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise _refuse(
            f"expresión regular demasiado larga (más de {MAX_PATTERN_CHARS} caracteres)",
            f"regular expression too long (over {MAX_PATTERN_CHARS} characters)",
        )
    if found := _OPEN_START.search(pattern):
        raise _refuse(
            f"escriba {{0{found[0][1:]} en vez de {found[0]}",
            f"write {{0{found[0][1:]} instead of {found[0]} (RE2 would read it as text)",
        )
    for match in _REPEAT.finditer(pattern):
        counts = [int(n) for n in match.groups() if n]
        if max(counts) > MAX_REPEAT:
            raise _refuse(
                f"repetición {match[0]} mayor que {MAX_REPEAT}",
                f"repetition {match[0]} is above {MAX_REPEAT}",
            )
    try:
        return re2.compile(_unicode_classes(pattern), _options())
    except (re2.error, ValueError, TypeError, UnicodeError) as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise _refuse(
            f"expresión regular no válida ({reason}): RE2 no admite referencias hacia atrás "
            "ni búsquedas alrededor, ni expresiones demasiado grandes",
            f"invalid regular expression ({reason}): RE2 has no backreferences or "
            "lookarounds and refuses patterns too large",
        ) from exc


def check_pattern(value: str | None) -> str | None:
    """For validators: the pattern unchanged if it compiles (raises PatternError)."""
    if value is not None:
        compile_pattern(value)
    return value


def search(pattern: str, text: str) -> Any:
    """The first match of a spec pattern in ``text`` (None when there is none)."""
    return compile_pattern(pattern).search(text)


def first_group(pattern: str, text: str) -> str | None:
    """The first group of the first match (or the whole match when there are no groups)."""
    match = search(pattern, text)
    if match is None:
        return None
    return match.group(1) if match.groups() else match.group(0)
