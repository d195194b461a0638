"""Numbers on the command line are read as what they count: a negative time limit, no
processes at all or a poll of no seconds were taken as asked and meant something else
(no limit, an instant stop, a loop that never waits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import build_parser
from tests.adversarial.abierto import abierto

REFUSED = [
    ("crawl", "--max-seconds", "-1"),
    ("crawl", "--max-seconds", "nan"),
    ("crawl", "--max-items", "-3"),
    ("crawl", "--max-items", "2.5"),
    ("serve", "--workers", "0"),
    ("serve", "--port", "70000"),
    ("demo", "--samples-port", "0"),
    ("worker", "--poll", "0"),
    ("worker", "--concurrency", "0"),
    ("alerts", "deliver", "--concurrency", "-2"),
]


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_a_number_out_of_its_range_is_refused_naming_the_option(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = abierto(tmp_path / "data", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert args[-2] in done.stderr
    assert "escriba" in done.stderr or "no es" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data").exists()


def test_numbers_in_range_are_read_as_given() -> None:
    parser = build_parser()
    crawl = parser.parse_args(["crawl", "--max-seconds", "0", "--max-items", "0"])
    assert (crawl.max_seconds, crawl.max_items) == (0, 0)  # 0: no limit, as documented
    serve = parser.parse_args(["serve", "--workers", "3", "--port", "8080"])
    assert (serve.workers, serve.port) == (3, 8080)
    worker = parser.parse_args(["worker", "--poll", "0.5", "--concurrency", "4"])
    assert (worker.poll, worker.concurrency) == (0.5, 4)
