"""Rows of one listing whose links name the same page (two case numbers on one sentence's
page, a link repeated with a fragment) make one document; the rows left out are counted
as ``duplicate_links`` in the run, as a second link reaching the scheduler always was,
never dropped without a word."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.case_listing import crawl_case_listing, sentence_page

ROWS = [("100/2024", "ver.html"), ("101/2024", "ver.html"), ("102/2024", "otra.html")]


def test_rows_repeating_a_link_are_counted(tmp_path: Path) -> None:
    pages = {f"{name}.html": sentence_page(name) for name in ("ver", "otra")}
    crawl = crawl_case_listing(tmp_path, "juzgado-repetido", ROWS, pages)
    assert crawl.result.returncode == 0, crawl.result.stdout + crawl.result.stderr
    db = crawl.database()
    try:
        run = db.list_runs("juzgado-repetido")[0]
        assert sorted(doc.expediente for doc in db.iter_documents()) == ["100/2024", "102/2024"]
        assert run.stats["duplicate_links"] == 1, run.stats
    finally:
        db.close()
