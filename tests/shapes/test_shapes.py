"""Every spider shape against fixture sites in the shapes real sources have: what must
be extracted is in ``expected.json`` beside each case, compared field by field.

After a deliberate change, ``make fixtures`` rewrites the expected JSON; review its diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.shapes.harness import FIXTURES, Case, cases, crawl_cases

CASES = cases()
HINT = "if the change is deliberate, run `make fixtures` and review the diff"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return crawl_cases(CASES, tmp_path_factory.mktemp("shapes"))


def _key(doc: dict[str, Any]) -> str:
    return f"{doc['source_id']} {doc['url']}"


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    problems = []
    want = {_key(d): d for d in expected["documents"]}
    got = {_key(d): d for d in actual["documents"]}
    for key in sorted(want.keys() - got.keys()):
        problems.append(f"missing document {key}")
    for key in sorted(got.keys() - want.keys()):
        problems.append(f"unexpected document {key}")
    for key in sorted(want.keys() & got.keys()):
        for field in sorted(want[key].keys() | got[key].keys()):
            if want[key].get(field) != got[key].get(field):
                problems.append(
                    f"{key}: {field}: expected {want[key].get(field)!r}, "
                    f"got {got[key].get(field)!r}"
                )
    if expected["runs"] != actual["runs"]:
        problems.append(f"runs: expected {expected['runs']!r}, got {actual['runs']!r}")
    return problems


def test_every_shape_has_cases() -> None:
    shapes = {case.folder.parent.name for case in CASES}
    assert shapes >= {"html_listing", "feed", "sitemap", "video_channel", "json_api"}


def test_no_expected_json_without_its_case() -> None:
    known = {case.expected_path for case in CASES}
    orphans = [p for p in FIXTURES.glob("*/*/expected.json") if p not in known]
    assert not orphans, f"expected JSON without a spec: {orphans}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extracted_as_expected(case: Case, extracted: dict[str, dict[str, Any]]) -> None:
    assert case.expected_path.exists(), f"{case.name} has no expected.json: {HINT}"
    expected = json.loads(Path(case.expected_path).read_text(encoding="utf-8"))
    actual = extracted[case.name]
    assert actual["documents"], f"{case.name}: nothing was extracted"
    problems = _differences(expected, actual)
    assert not problems, f"{case.name} ({HINT}):\n  " + "\n  ".join(problems)
