"""One-time tokens stay out of the access log. An e-mailed link carries its token in
its query string or its path (a link opened from a mail client can carry nothing else
without JavaScript), and uvicorn writes each request's path and query to its access log,
where anyone who reads the logs within the token's life could use it. So is any API key,
an institution's or a reader's, put in an address by mistake (``?api_key=ea_…``): the
API reads keys only from headers, but the log would have kept it for good."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, unquote_plus

ACCESS_LOGGER = "uvicorn.access"
HIDDEN = "[oculto]"
# ``ea_<id>_<secret>`` (an institution's) or ``ear_<id>_<secret>`` (a reader's), its
# underscores written as they are or percent-encoded
_UNDERSCORE = r"(?:_|%5[Ff])"
_KEY_SHAPED = re.compile(
    rf"(?<![A-Za-z0-9])ear?{_UNDERSCORE}[0-9a-fA-F]{{1,32}}{_UNDERSCORE}(?:[\w-]|%5[Ff]|%2[Dd])+"
)


class HiddenQueryValues(logging.Filter):
    """Replaces the values of named query parameters of named paths, and the path
    segment after named prefixes, in access-log records (uvicorn's arguments: client,
    method, path with query, version, status)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, frozenset[str]] = {}
        self.prefixes: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], self.redact(args[2]), *args[3:])
        return True

    def redact(self, target: str) -> str:
        target = _KEY_SHAPED.sub(HIDDEN, target)
        path, mark, query = target.partition("?")
        path = self.redact_path(path)
        target = f"{path}{mark}{query}"
        names = self.hidden.get(unquote(path).rstrip("/"))
        if not mark or not names:
            return target
        parts = []
        for part in query.split("&"):
            name = part.split("=", 1)[0]
            parts.append(f"{name}={HIDDEN}" if unquote_plus(name) in names else part)
        return f"{path}?{'&'.join(parts)}"

    def redact_path(self, path: str) -> str:
        for prefix in self.prefixes:
            if path.startswith(prefix) and len(path) > len(prefix):
                _, slash, rest = path[len(prefix) :].partition("/")
                return f"{prefix}{HIDDEN}{slash}{rest}"
        return path


_FILTER = HiddenQueryValues()


def _install() -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def hide_in_access_log(path: str, *names: str) -> None:
    """Keep the values of ``names`` in ``path``'s query out of the access log."""
    key = path.rstrip("/")
    _FILTER.hidden[key] = _FILTER.hidden.get(key, frozenset()) | set(names)
    _install()


def hide_token_after(prefix: str) -> None:
    """Keep the path segment that follows ``prefix`` (``/v1/alerts/confirm/``, whose
    next segment is a token) out of the access log."""
    _FILTER.prefixes.add(prefix.rstrip("/") + "/")
    _install()
