"""uvicorn's access log, the same lines for less CPU.

uvicorn's ``AccessFormatter`` copies each request's log record twice (``copy.copy``: its
``__reduce_ex__``) and formats it through ``%``-style templating, about half of the 40 µs
of CPU an access line costs, on the event loop's thread, for every answer. Here the line
of uvicorn's own format is written from the record's arguments at once, the status
texts and level prefixes made once: the very text, colours included when a terminal
shows them. Any other record (another format, an exception attached, arguments not the
five uvicorn logs) is uvicorn's formatter's, as before.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Literal

from uvicorn.config import LOGGING_CONFIG
from uvicorn.logging import AccessFormatter, ansi_style

ACCESS_FORMAT = LOGGING_CONFIG["formatters"]["access"]["fmt"]
_STATUSES = range(100, 600)  # the texts kept: one per status an answer can have


class AccessLines(AccessFormatter):
    """``AccessFormatter`` whose lines of uvicorn's format are made without copies."""

    def __init__(
        self,
        fmt: str | None = None,
        datefmt: str | None = None,
        style: Literal["%", "{", "$"] = "%",
        use_colors: bool | None = None,
    ) -> None:
        super().__init__(fmt=fmt, datefmt=datefmt, style=style, use_colors=use_colors)
        self._direct = fmt == ACCESS_FORMAT and style == "%"
        self._prefixes: dict[tuple[int, str], str] = {}
        self._statuses: dict[int, str] = {}

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if (
            not self._direct
            or record.exc_info
            or record.exc_text
            or record.stack_info
            or not isinstance(args, tuple)
            or len(args) != 5
            or "color_message" in record.__dict__
        ):
            return super().format(record)
        client_addr, method, full_path, http_version, status_code = args
        request_line = f"{method} {full_path} HTTP/{http_version}"
        if self.use_colors:
            request_line = ansi_style(request_line, bold=True)
        return (
            f'{self._prefix(record)} {client_addr} - "{request_line}" '
            f"{self._status(int(status_code))}"  # type: ignore[call-overload]
        )

    def _prefix(self, record: logging.LogRecord) -> str:
        key = (record.levelno, record.levelname)
        prefix = self._prefixes.get(key)
        if prefix is None:
            name = record.levelname
            shown = self.color_level_name(name, record.levelno) if self.use_colors else name
            prefix = shown + ":" + " " * (8 - len(name))
            if len(self._prefixes) < 64:
                self._prefixes[key] = prefix
        return prefix

    def _status(self, code: int) -> str:
        text = self._statuses.get(code)
        if text is None:
            text = self.get_status_code(code)
            if code in _STATUSES:
                self._statuses[code] = text
        return text


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, its access lines made by ``AccessLines``."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["access"]["()"] = f"{__name__}.AccessLines"
    return config
