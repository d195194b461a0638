"""Every process of the application writes its log without the credentials a spec sends.

The crawl process hides the exact keys of its specs (``crawlers.log_secrets``); the
processes it starts (build workers, the indexing process, extraction children), the
``abierto`` commands and the preview child do not hold those keys, yet log addresses and
errors that may carry them (``extraction failed for https://…?api_key=…``, a traceback
naming a request, a spec refused with its values). ``guard_logs``, called first thing in
each, hides by shape what reads as a credential wherever it is written to standard error
(the log's handlers, the last-resort handler, ``print``, a traceback): an address's
password, a query value under a secret name (``api_key=``, ``token=``, ``clave=``) or
shaped as a key (``indexer.key_shape``), and the value of a secret-named header or
field (``Authorization: Bearer …``, ``'X-Api-Key': '…'``). Ordinary addresses and
messages pass untouched."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

from indexer.key_shape import token_like

# as ``indexer.db.audited_spec`` writes them (not imported: the extraction children
# start without the database's modules)
HIDDEN = "(oculto)"
_SECRET_NAME = re.compile(
    r"token|secret|passw|pwd|auth|credential|signature|cookie|session|key|sig$|^sig"
    r"|clave|contras|llave",
    re.IGNORECASE,
)

_PAIR = re.compile(r"([?&;]([^=&#;?\s'\"<>«»]*)=)([^&#;\s'\"<>«»]*)")
_USERINFO = re.compile(r"(://[^/?#@:\s«»]*:)([^/?#@\s«»]+)(@)")
# a header line or a dict's item under a secret name (``secret_name``'s words, not an
# author or a court's secretary): ``:`` or ``=``, then a value, quoted or a word (after an
# authorization scheme, its token)
_SECRET_WORDS = (
    r"(?:token|secret|passw|pwd|auth|credential|signature|cookie|key|clave|contras|llave)"
)
_NAMED = re.compile(
    r"""(?P<q>['"]?)(?P<name>(?<![\w-])(?!authors?(?![\w-])|secretari)(?=[\w-]{0,40}?"""
    + _SECRET_WORDS
    + r""")[A-Za-z][\w-]{0,60})(?P=q)(?P<sep>\s*[:=]\s*)"""
    r"""(?:(?P<quote>['"])(?P<quoted>[^'"\n]*)(?P=quote)"""
    r"""|(?P<bare>(?:(?:bearer|basic|digest|token)\s+)?[^\s,;&}'"\]«»]+))""",
    re.IGNORECASE,
)


_KNOWN: list[str] = []  # this process's own specs' keys (``guard_logs``), longest first


def hidden_shapes(text: str) -> str:
    """``text`` with what reads as a credential replaced by ``(oculto)``, and the keys
    this process was given (as written, or as an address encodes them)."""
    for secret in _KNOWN:
        for form in dict.fromkeys((secret, quote(secret, safe=""), quote_plus(secret))):
            if form in text:
                text = text.replace(form, HIDDEN)
    if "://" in text:
        text = _USERINFO.sub(lambda m: m[1] + HIDDEN + m[3], text)
    if "=" in text:
        text = _PAIR.sub(_pair, text)
    if ":" in text or "=" in text:
        text = _NAMED.sub(_named, text)
    return text


def _pair(match: re.Match[str]) -> str:
    value = match[3]
    name = re.sub(r"[^a-z]", "", match[2].lower())
    if value and value != HIDDEN and (_SECRET_NAME.search(name) or token_like(value)):
        return match[1] + HIDDEN
    return match[0]


def _named(match: re.Match[str]) -> str:
    value = match["quoted"] if match["quote"] else match["bare"]
    if not value or value.startswith((HIDDEN, "//")):
        return match[0]  # a URL's scheme (``token://``), or already hidden
    shown = HIDDEN  # its scheme too, as the crawl's log hides ``Bearer …`` whole
    start, end = match.span("quoted" if match["quote"] else "bare")
    whole = match.start()
    return match[0][: start - whole] + shown + match[0][end - whole :]


class ShapedSecrets(logging.Filter):
    """Rewrites a record's message, traceback and stack with ``hidden_shapes``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = hidden_shapes(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hidden_shapes(record.exc_text)
        if record.stack_info:
            record.stack_info = hidden_shapes(record.stack_info)
        return True


class _GuardedStream:
    """A text stream whose writes pass through ``hidden_shapes`` (whole lines, as the log,
    ``print`` and tracebacks write them)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(hidden_shapes(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_FILTER = ShapedSecrets()


def guard_logs(secrets: Iterable[str] = ()) -> None:
    """Hide credentials by shape in what this process writes to standard error, and in
    every handler of its root logger (those added later too, through ``sys.stderr``);
    ``secrets``: keys this process knows (a spec's), hidden wherever they are."""
    _KNOWN[:] = sorted({*_KNOWN, *(s for s in secrets if s)}, key=len, reverse=True)
    if sys.stderr is not None and not isinstance(sys.stderr, _GuardedStream):
        sys.stderr = _GuardedStream(sys.stderr)  # type: ignore[assignment]
    for handler in logging.root.handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
        stream = getattr(handler, "stream", None)
        if isinstance(handler, logging.StreamHandler) and stream is sys.__stderr__:
            handler.setStream(sys.stderr)
