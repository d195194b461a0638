"""Patterns from specs run on RE2 (linear time): a catastrophic pattern cannot hang a
crawl or a preview, and one RE2 cannot run is a 422 naming the field."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector as Page

from config.patterns import PatternError, compile_pattern, first_group
from config.selector import Selector
from config.specs import SpecError, parse_spec
from crawlers.selectors import read
from crawlers.spiders.feed import kept
from tests.adversarial.service import listing_spec, open_api

EVIL = "(a+)+$"
VICTIM = "a" * 60 + "!"  # 2^60 steps for a backtracking engine


def _within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``'s result, or a failure if it has not finished in ``seconds`` (a
    backtracking engine would still be running: the thread is left behind, daemonic)."""
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return result[0]


def test_a_catastrophic_selector_regex_ends_at_once() -> None:
    page = Page(text=f"<p class='n'>{VICTIM}</p>")
    selector = Selector(select="css:p.n::text", regex=EVIL)
    assert _within(10, lambda: read(page, selector)) is None


def test_catastrophic_keep_and_skip_end_at_once() -> None:
    assert _within(10, lambda: kept(VICTIM, keep=EVIL, skip=None)) is False
    assert _within(10, lambda: kept(VICTIM, keep=None, skip=EVIL)) is True


def test_catastrophic_sitemap_and_channel_patterns_validate_and_run_linear() -> None:
    spec = parse_spec(
        {"id": "mapa-malo", "kind": "legislativo", "institution": "Congreso", "jurisdiction":
         "MX-GUA", "shape": "sitemap", "start_urls": ["https://congreso.gob.mx/sitemap.xml"],
         "sitemap": {"rules": [{"pattern": EVIL}], "exclude": [EVIL], "follow": [EVIL]}}
    )  # fmt: skip
    assert _within(10, lambda: compile_pattern(spec.sitemap.exclude[0]).search(VICTIM)) is None


def test_unicode_classes_keep_their_python_meaning() -> None:
    assert first_group(r"(\w+)", "¿Sesión?") == "Sesión"
    assert first_group(r"[Nn][úu]mero\s+(\d{4}(?:-[IVX]+)?)", "Gaceta Número 6543-II") == "6543-II"
    assert first_group(r"(?i)^(aviso)", "AVISO de sesión") == "AVISO"


@pytest.mark.parametrize(
    ("pattern", "says"),
    [(r"(a)\1", "backreferences"), ("(?=a)b", "lookarounds"), ("(?<!a)b", "lookarounds"),
     ("a{4294967296}", "above 1000"), ("(x{1000}){1000}", "RE2"), ("[", "RE2"),
     ("a" * 1001, "too long"), ("a{,5}", "instead of")],
)  # fmt: skip
def test_patterns_re2_cannot_run_are_refused_with_a_reason(pattern: str, says: str) -> None:
    with pytest.raises(PatternError, match=says):
        compile_pattern(pattern)


@pytest.mark.parametrize(
    ("rules", "loc"),
    [
        ({"listing": {"items": "tr", "fields": {"title": {"select": "td", "regex": r"(a)\1"}}}},
         ["listing", "fields", "title", "regex"]),
        ({"listing": {"items": "tr", "fields": {"title": {"select": "td",
          "regex": "a{4294967296}"}}}}, ["listing", "fields", "title", "regex"]),
        ({"shape": "feed", "listing": None, "feed": {"keep": "(?=x)"}}, ["feed", "keep"]),
        ({"shape": "sitemap", "listing": None, "sitemap": {"follow": ["(?<=a)b"]}},
         ["sitemap", "follow"]),
        ({"shape": "sitemap", "listing": None, "sitemap": {"rules": [{"pattern": r"(\d)\1"}]}},
         ["sitemap", "rules", 0, "pattern"]),
        ({"listing": {"items": "xpath://tr[re:test(., '(a+)+$')]"}},
         ["listing", "items", "select"]),
    ],
)  # fmt: skip
def test_the_api_answers_422_naming_the_pattern_field(
    tmp_path: Path, rules: dict[str, Any], loc: list[Any]
) -> None:
    api = open_api(tmp_path)
    body = listing_spec("https://poderjudicial-gto.gob.mx/") | rules
    body = {k: v for k, v in body.items() if v is not None}
    try:
        for path in ("/v1/sources", "/v1/sources/preview"):
            response = api.client.post(path, json=body, headers=api.headers)
            assert response.status_code == 422, response.text
            [problem] = response.json()["detail"]
            assert problem["loc"][1 : 1 + len(loc)] == loc
            assert (
                "RE2" in problem["msg"] or "1000" in problem["msg"] or "extension" in problem["msg"]
            )
    finally:
        api.close()


def test_spec_files_with_unrunnable_patterns_name_the_field() -> None:
    with pytest.raises(SpecError, match=r"feed\.skip: .*expresión regular no válida"):
        parse_spec(
            {"id": "gaceta-mala", "kind": "legislativo", "institution": "Congreso",
             "jurisdiction": "MX-GUA", "shape": "feed", "start_urls": ["https://c.gob.mx/f"],
             "feed": {"skip": "(?!aviso)"}}
        )  # fmt: skip
