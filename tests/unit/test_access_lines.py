"""``abierto serve``'s access lines are uvicorn's, character for character (colours on a
terminal included), made without uvicorn's copies of each record."""

from __future__ import annotations

import logging
import pydoc
import sys

import pytest
from uvicorn.logging import AccessFormatter

from cli.access_lines import ACCESS_FORMAT, AccessLines, log_config

ARGS = '%s - "%s %s HTTP/%s" %d'
PATH = "/v1/search?q=amparo%20directo"


def _record(level: int, status: int) -> logging.LogRecord:
    args = ("203.0.113.7:5000", "GET", PATH, "1.1", status)
    return logging.LogRecord("uvicorn.access", level, __file__, 1, ARGS, args, None)


@pytest.mark.parametrize("colors", [False, True])
@pytest.mark.parametrize("status", [200, 304, 404, 429, 503, 599, 999])
@pytest.mark.parametrize("level", [logging.INFO, logging.WARNING, 5])
def test_an_access_line_reads_as_uvicorn_writes_it(colors: bool, status: int, level: int) -> None:
    uvicorns = AccessFormatter(ACCESS_FORMAT, use_colors=colors)
    ours = AccessLines(ACCESS_FORMAT, use_colors=colors)
    for _ in range(2):  # the second from what was kept
        record = _record(level, status)
        assert ours.format(record) == uvicorns.format(record)


def test_another_format_or_an_exception_is_formatted_by_uvicorn() -> None:
    fmt = '%(asctime)s %(client_addr)s "%(request_line)s" %(status_code)s'
    record = _record(logging.INFO, 200)
    ours = AccessLines(fmt, use_colors=False).format(record)
    assert ours == AccessFormatter(fmt, use_colors=False).format(record)
    try:
        raise RuntimeError("fallo")
    except RuntimeError:
        failed = _record(logging.ERROR, 500)
        failed.exc_info = sys.exc_info()
    line = AccessLines(ACCESS_FORMAT, use_colors=False).format(failed)
    assert line.startswith(f'ERROR:    203.0.113.7:5000 - "GET {PATH} HTTP/1.1" 500 Internal')
    assert "RuntimeError: fallo" in line


def test_serve_configures_uvicorn_with_it() -> None:
    formatter = log_config()["formatters"]["access"]
    assert pydoc.locate(formatter["()"]) is AccessLines
    assert formatter["fmt"] == ACCESS_FORMAT
