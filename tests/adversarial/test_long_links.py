"""A listing row whose link is longer than the crawl follows (2,083 characters: a long
query) is a counted ``bad_url`` error that says so in Spanish; Scrapy dropped it with a
log line the crawl hides, and the run said «0 errores» while the row's document was
missing."""

from __future__ import annotations

from pathlib import Path

from crawlers.causas import error_mensaje
from tests.adversarial.case_listing import crawl_case_listing, sentence_page

LONG = "ver2.html?expediente=" + "a" * 2100


def test_a_link_too_long_to_follow_is_counted(tmp_path: Path) -> None:
    rows = [("100/2024", "ver.html"), ("101/2024", LONG)]
    pages = {f"{name}.html": sentence_page(name) for name in ("ver", "ver2")}
    crawl = crawl_case_listing(tmp_path, "juzgado-largo", rows, pages)
    assert crawl.result.returncode == 3, crawl.result.stdout + crawl.result.stderr
    db = crawl.database()
    try:
        assert [doc.expediente for doc in db.iter_documents()] == ["100/2024"]
        errors = db.list_runs("juzgado-largo")[0].errors
    finally:
        db.close()
    assert errors["bad_url"]["count"] == 1, errors
    [example] = errors["bad_url"]["examples"]
    assert example["url"].endswith("/listado.html")
    said = error_mensaje("bad_url", example["message"])
    assert "más de los 2083 que la lectura sigue" in said and "caracteres" in said, said
    assert len(example["message"]) < 400  # the link is quoted cut, never whole
