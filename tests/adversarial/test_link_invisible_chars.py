"""A link with an invisible character in it (U+202E, which makes the rest of an address
display reversed; U+200B, a zero-width space) is stored with that character
percent-encoded, as the crawl requested it: kept raw, a document's address showed
something other than what was fetched (``/<U+202E>fdp.html`` shown as ``/html.pdf``)."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.case_listing import crawl_case_listing, sentence_page

NAMES = {"100/2024": "\u202efdp.html", "101/2024": "s\u200b-101.html"}


def test_invisible_characters_in_a_link_are_stored_as_requested(tmp_path: Path) -> None:
    pages = {name: sentence_page(exp) for exp, name in NAMES.items()}
    crawl = crawl_case_listing(tmp_path, "juzgado-invisible", NAMES.items(), pages)
    assert "Traceback" not in crawl.result.stderr, crawl.result.stderr[-3000:]
    db = crawl.database()
    try:
        assert db.list_runs("juzgado-invisible")[0].errors == {}
        urls = {doc.expediente: doc.url for doc in db.iter_documents()}
    finally:
        db.close()
    assert urls == {
        "100/2024": f"{crawl.url}/%E2%80%AEfdp.html",
        "101/2024": f"{crawl.url}/s%E2%80%8B-101.html",
    }
