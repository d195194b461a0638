"""A template's format that fits a record's number (``{numero:05d}``) loads; a record
whose value it does not fit (the text "A-7") keeps its document without that value, and
the crawl counts it (``template_value``) instead of losing the record to a ValueError.
The case ``tests/fixtures/json_api/formato-por-registro`` (served on 127.0.0.1, crawled
with ``abierto crawl``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawlers.templates import TemplateValueError, render
from tests.shapes.harness import FIXTURES, Case, crawl_cases

CASE = Case(FIXTURES / "json_api" / "formato-por-registro")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return crawl_cases([CASE], tmp_path_factory.mktemp("formato"))[CASE.name]


def test_a_value_the_format_does_not_fit_is_counted_and_its_record_kept(
    found: dict[str, Any],
) -> None:
    numbers = {d["url"].rsplit("/", 1)[1]: d["number"] for d in found["documents"]}
    assert numbers == {"ac-12.html": "00012", "ac-305.html": "00305", "ac-a7.html": None}
    run = found["runs"]["fixture-formato-por-registro"]
    assert run["items"] == 3 and run["errors"] == {"template_value": 1}


def test_extracted_as_expected(found: dict[str, Any]) -> None:
    expected = json.loads(Path(CASE.expected_path).read_text(encoding="utf-8"))
    assert found == expected


def test_an_empty_value_renders_empty_whatever_its_format() -> None:
    # ``size`` is empty when the spec gives no page_size: no number to pad
    assert render("n={size:03d}", {"size": ""}) == "n="
    with pytest.raises(TemplateValueError, match=r"\{numero:05d\}"):
        render("{numero:05d}", {}, {"numero": "A-7"})
