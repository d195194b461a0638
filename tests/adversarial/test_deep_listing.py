"""A listing page nested past the HTML parser's depth limit (2,048 elements: a broken
template that never closes a ``<div>``, or a hostile page): libxml2 stops there and drops
everything after it, so the sentences listed after that point were lost without a word
and the run said ``ok``. Such a page is read again with the elements opened past 512
levels made line breaks (as the document's text is read, and as a browser stops nesting
at 512): every item is read. A page too large for that (more than ``MAX_ELEMENTS`` tags)
is read up to that point and the loss is a counted ``html_too_deep`` error, said in
Spanish, the run ``partial``; a preview says the same. A detail page read the same way
keeps the fields written after that point (its expediente was lost). Crawled end to end from
a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from indexer.db import Database
from indexer.extract.html import MAX_ELEMENTS
from tests.adversarial import file_listing
from tests.adversarial.file_listing import SPEC, Served, crawl, serving
from tests.shapes.harness import run_abierto

HTML = "text/html; charset=utf-8"
BEFORE, AFTER = ["antes-1.html", "antes-2.html"], ["despues-1.html", "despues-2.html"]
DEEP, HUGE = 5000, MAX_ELEMENTS  # twice as many tags as the flattening walks


def _rows(names: list[str]) -> str:
    return "".join(f"<tr><td><a href='/{name}'>Sentencia {name}</a></td></tr>" for name in names)


def _document(name: str) -> Served:
    return Served(f"<html><body><h1>{name}</h1><p>Se resuelve el amparo {name}.</p></body></html>"
                  .encode(), HTML)  # fmt: skip


def _site(nested: int) -> dict[str, Served]:
    listing = (
        f"<html><body><table><tbody>{_rows(BEFORE)}</tbody></table>"
        + "<div>" * nested + "aviso" + "</div>" * nested
        + f"<table><tbody>{_rows(AFTER)}</tbody></table></body></html>"
    ).encode()  # fmt: skip
    return {"/": Served(listing, HTML)} | {f"/{n}": _document(n) for n in BEFORE + AFTER}


def _titles(names: list[str]) -> list[str]:
    return [f"Sentencia {name}" for name in names]


def test_a_listing_nested_past_the_parser_limit_is_read_whole(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, _site(DEEP))
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert sorted(crawled.texts) == _titles(sorted(BEFORE + AFTER))
    assert crawled.run.status == "ok", crawled.run.errors


def test_a_listing_too_large_to_flatten_is_a_counted_loss(tmp_path: Path) -> None:
    crawled = crawl(tmp_path, _site(HUGE))
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert sorted(crawled.texts) == _titles(BEFORE)
    run = crawled.run
    [example] = run.errors["html_too_deep"]["examples"]
    assert example["url"].endswith("/")
    assert error_mensaje("html_too_deep", example["message"]) == (
        "página HTML anidada en exceso: lo que sigue al punto donde el analizador se detuvo "
        "no se pudo leer"
    )
    assert run.status == "partial"


@pytest.mark.parametrize(
    ("nested", "shown", "causes"), [(DEEP, BEFORE + AFTER, []), (HUGE, BEFORE, ["html_too_deep"])]
)
def test_a_preview_of_such_a_listing_reads_what_the_crawl_reads(
    nested: int, shown: list[str], causes: list[str]
) -> None:
    with serving(_site(nested)) as url:
        spec = SourceSpec.model_validate(yaml.safe_load(yaml.safe_dump(SPEC).replace(
            "${ABIERTO_SAMPLES_URL}", url)))  # fmt: skip
        preview = listing_preview(spec, Settings(allow_loopback=True), max_details=0,
                                  time_limit_s=30)  # fmt: skip
    assert [d["url"].rsplit("/", 1)[1] for d in preview["documents"]] == shown
    assert [e["cause"] for e in preview["errors"]] == causes


def test_a_detail_page_nested_past_the_limit_keeps_the_fields_after_it(tmp_path: Path) -> None:
    deep = "<div>" * DEEP + "considerandos" + "</div>" * DEEP
    page = "<html><body><h1>{n}</h1>{deep}<p class='num'>Amparo {k}/2026</p></body></html>"
    files = {
        f"/{n}": Served(page.format(n=n, deep=deep, k=k).encode(), HTML)
        for k, n in enumerate(BEFORE, 1)
    }
    spec = SPEC | {"detail": {"fields": {"expediente": "css:p.num::text"}}}
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / f"{file_listing.SOURCE}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with serving(files) as url:
        result = run_abierto(tmp_path / "data", url, specs)
    assert "Traceback" not in result.stderr, result.stderr
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        expedientes = sorted(str(getattr(d, "expediente", None)) for d in db.iter_documents())
        run = db.list_runs(file_listing.SOURCE)[0]
    finally:
        db.close()
    assert expedientes == ["Amparo 1/2026", "Amparo 2/2026"], run.errors
    assert run.status == "ok", run.errors
