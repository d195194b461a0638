"""XPath's ``concat`` makes a value longer than what it reads: each argument may be a
node's whole text (``/`` is the page's). ``xpath:concat(/,/,…)`` with 300 copies over a
1 MB page took 250 s of CPU inside libxml2 and hundreds of MB (on a 10 MB page, GB) in
one step of the crawl's or preview's process, where no memory limit can stop it. A spec
whose ``concat`` calls read more than ``MAX_CONCAT_READS`` values of the page is a 422
naming the field, at registration and at preview, with a Spanish ``mensaje``; quoted
text and the catalogue's own ``concat`` selectors are still accepted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from parsel import Selector as Page

from config.selector import MAX_CONCAT_READS, Selector
from crawlers.selectors import read
from tests.adversarial.service import Api, listing_spec, open_api

MANY = "xpath:concat(" + ", ".join(["/"] * 300) + ")"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    made = open_api(Path(tmp_path_factory.mktemp("data")), write_rate_per_minute=1000)
    yield made
    made.close()


def test_the_amplification_is_real() -> None:
    """What the bound stops: 30 copies of a 100 KB page's text are a 3 MB value."""
    page = Page(text="<p>" + "palabra " * 12_500 + "</p>")
    expression = "xpath:concat(" + ", ".join(["/"] * 30) + ")"
    value = read(page, Selector.model_construct(select=expression))
    assert isinstance(value, str) and len(value) > 2_900_000


@pytest.mark.parametrize("path", ["/v1/sources", "/v1/sources/preview"])
@pytest.mark.parametrize(
    "expression",
    [
        MANY,
        "xpath:concat(" + ", ".join(["//*"] * (MAX_CONCAT_READS + 1)) + ")",
        # nested calls add up: each inner concat reads its own arguments
        "xpath:concat(" + ", ".join(["concat(/, /, /, /)"] * 5) + ")",
        "xpath:normalize-space(concat(" + ", ".join(["string(/)"] * 20) + "))",
    ],
)
def test_many_page_reads_in_concat_are_a_422_naming_the_field(
    api: Api, path: str, expression: str
) -> None:
    spec = listing_spec("http://127.0.0.1:9/lista", id="pj-gto-concat")
    spec["listing"]["fields"] = {"title": expression}
    response = api.client.post(path, json=spec, headers=api.headers)
    assert response.status_code == 422, response.text[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"][:4] == ["body", "listing", "fields", "title"], problem
    assert str(MAX_CONCAT_READS) in problem["mensaje"] and "concat" in problem["mensaje"]
    assert "página" in problem["mensaje"]
    assert api.registry.list_sources() == []


@pytest.mark.parametrize(
    "expression",
    [
        "xpath:concat('Sesión ', normalize-space(./td[1]), ', ', normalize-space(./td[2]))",
        "xpath:concat('" + "a, " * 40 + "', ., ',', '(', ')')",  # commas inside quotes
        "xpath:substring(concat(./td[1], ' '), 1, 40)",
        "xpath:concat(" + ", ".join(["./td[1]"] * MAX_CONCAT_READS) + ")",
        "xpath:concat(" + ", ".join(["'x'"] * 200) + ")",  # quoted text reads no page
        "xpath://a[contains(concat(' ', @class, ' '), ' doc ')]/@href",
    ],
)
def test_ordinary_concat_selectors_are_kept(expression: str) -> None:
    assert Selector(select=expression).select == expression
