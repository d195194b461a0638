"""The processes beside the crawl's (the ``abierto`` commands, the build workers, the
indexing process, the extraction children, the preview child) write their logs and
errors without the credentials a spec sends: they do not hold the spec's keys, so what
reads as one is hidden by its shape (``indexer.log_guard``), in the log's handlers, the
last-resort handler, ``print`` and tracebacks alike; ordinary addresses read as they are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.log_guard import hidden_shapes

REPO = Path(__file__).resolve().parents[2]
KEY = "Zx81kPq3LmN7vRt2"


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = os.environ | {"PYTHONPATH": str(REPO)} | (env or {})
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_an_abierto_command_refusing_a_spec_hides_its_key(tmp_path: Path) -> None:
    (tmp_path / "roto.yaml").write_text(
        "id: pj-roto\nkind: sentencia\njurisdiction: MX-GUA\ninstitution: Poder Judicial\n"
        f'start_urls: ["ftp://sitio.example/lista?api_key={KEY}&pagina=2"]\n'
        'listing:\n  items: "css:tr"\n  link: "css:a::attr(href)"\n',
        encoding="utf-8",
    )
    env = {"ABIERTO_SOURCES_DIR": str(tmp_path), "ABIERTO_DATA_DIR": str(tmp_path / "datos")}
    done = _run(["-m", "cli.main", "sources"], env)
    assert done.returncode == 2, done.stderr
    assert KEY not in done.stderr
    assert "«ftp://sitio.example/lista?api_key=(oculto)&pagina=2» no es una dirección" in (
        done.stderr
    )


CHILD = """
import logging, sys
from indexer.log_guard import guard_logs
guard_logs()
log = logging.getLogger("indexer.library")
log.warning("extraction failed for %s: timeout", sys.argv[1])
print("cabecera:", {"Authorization": "Bearer " + sys.argv[2], "Accept": "text/html"},
      file=sys.stderr)
raise RuntimeError("Error downloading <GET " + sys.argv[1] + ">")
"""


def test_a_child_process_log_print_and_traceback_hide_keys() -> None:
    """What a spawned child writes with no handler of its own (the last-resort handler),
    what it prints and the traceback it dies with."""
    address = f"https://api.example/doc/7.pdf?token={KEY}&p=2"
    done = _run(["-c", CHILD, address, KEY])
    assert done.returncode == 1
    assert KEY not in done.stderr, done.stderr
    assert "extraction failed for https://api.example/doc/7.pdf?token=(oculto)&p=2" in done.stderr
    assert "{'Authorization': '(oculto)', 'Accept': 'text/html'}" in done.stderr
    assert "RuntimeError: Error downloading <GET https://api.example/doc/7.pdf?token=(oculto)" in (
        done.stderr
    )


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (f"GET https://u:{KEY}@sitio.example/x", "GET https://u:(oculto)@sitio.example/x"),
        (f"<GET http://sitio/lista?k={KEY}>", "<GET http://sitio/lista?k=(oculto)>"),
        (f"X-Api-Key: {KEY}", "X-Api-Key: (oculto)"),
        ("data={'txtContrasena': 'portal-2024'}", "data={'txtContrasena': '(oculto)'}"),
        (f"Authorization: Bearer {KEY}", "Authorization: (oculto)"),
    ],
)
def test_what_reads_as_a_credential_is_hidden(line: str, shown: str) -> None:
    assert hidden_shapes(line) == shown


@pytest.mark.parametrize(
    "line",
    [
        "Crawled (200) <GET https://congreso.example/gaceta/2024/LXVI/index.html?pagina=2&tipo=sentencia>",
        "building https://tribunal.example/sentencias/amparo_directo_123-2024.pdf took over 30 s",
        "secretario: Juan Pérez; autor: Dip. Ana López; author: x; Sesión: ordinaria",
        "timeout: 30 s; items: css:div.resultado:nth-child(2) > a",
    ],
)
def test_ordinary_lines_read_as_they_are(line: str) -> None:
    assert hidden_shapes(line) == line
