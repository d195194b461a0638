"""A listing page nested past the HTML parser's depth limit (2,048 elements: a broken
template that never closes a ``<div>``, or a hostile page): libxml2 stops there and drops
everything after it, so the sentences listed after that point were lost without a word
and the run said ``ok``. The items before it are still read; the loss is a counted
``html_too_deep`` error, said in Spanish, and the run is ``partial``; a preview of the
listing says so too. Crawled end to end from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import listing_preview
from tests.adversarial.file_listing import SPEC, Served, crawl, serving

HTML = "text/html; charset=utf-8"


def _rows(names: list[str]) -> str:
    return "".join(f"<tr><td><a href='/{name}'>Sentencia {name}</a></td></tr>" for name in names)


def _document(name: str) -> Served:
    return Served(f"<html><body><h1>{name}</h1><p>Se resuelve el amparo {name}.</p></body></html>"
                  .encode(), HTML)  # fmt: skip


BEFORE, AFTER = ["antes-1.html", "antes-2.html"], ["despues-1.html", "despues-2.html"]
NESTED = 5000
LISTING = (
    f"<html><body><table><tbody>{_rows(BEFORE)}</tbody></table>"
    + "<div>" * NESTED + "aviso" + "</div>" * NESTED
    + f"<table><tbody>{_rows(AFTER)}</tbody></table></body></html>"
).encode()  # fmt: skip


def test_a_listing_nested_past_the_parser_limit_is_a_counted_loss(tmp_path: Path) -> None:
    files = {"/": Served(LISTING, HTML)} | {f"/{n}": _document(n) for n in BEFORE + AFTER}
    crawled = crawl(tmp_path, files)
    assert "Traceback" not in crawled.stderr, crawled.stderr
    assert sorted(crawled.texts) == ["Sentencia antes-1.html", "Sentencia antes-2.html"]
    run = crawled.run
    [example] = run.errors["html_too_deep"]["examples"]
    assert example["url"].endswith("/")
    assert error_mensaje("html_too_deep", example["message"]) == (
        "página HTML anidada en exceso: lo que sigue al punto donde el analizador se detuvo "
        "no se pudo leer"
    )
    assert run.status == "partial"


def test_a_listing_nested_within_the_limit_reads_every_item(tmp_path: Path) -> None:
    listing = LISTING.replace(b"<div>" * NESTED, b"<div>" * 500).replace(
        b"</div>" * NESTED, b"</div>" * 500
    )
    files = {"/": Served(listing, HTML)} | {f"/{n}": _document(n) for n in BEFORE + AFTER}
    crawled = crawl(tmp_path, files)
    assert len(crawled.texts) == 4 and crawled.run.status == "ok", crawled.run.errors


def test_a_preview_of_such_a_listing_says_what_it_could_not_read() -> None:
    files = {"/": Served(LISTING, HTML)} | {f"/{n}": _document(n) for n in BEFORE + AFTER}
    with serving(files) as url:
        spec = SourceSpec.model_validate(yaml.safe_load(yaml.safe_dump(SPEC).replace(
            "${ABIERTO_SAMPLES_URL}", url)))  # fmt: skip
        preview = listing_preview(spec, Settings(allow_loopback=True), max_details=0,
                                  time_limit_s=30)  # fmt: skip
    assert [d["url"].rsplit("/", 1)[1] for d in preview["documents"]] == BEFORE
    assert [e["cause"] for e in preview["errors"]] == ["html_too_deep"]
