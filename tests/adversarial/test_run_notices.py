"""A run's notices are not its errors. A robots.txt ``Crawl-delay`` honoured, a scan kept
with its footer line because OCR is off, a spec's limit reached, a fixed legislature left
empty where the date contradicts it: each was stored, counted and shown with the run's
errors, so a healthy crawl read "1 error" in the API's ``stats``, on ``/fuentes`` and in
``abierto crawl``'s lines. The causes are classified in one place
(``crawlers.causas.NOTICES``) and every reader splits the stored rows by it: no migration,
runs stored before read the same way. A run with only notices is healthy and says them;
one that made nothing is still never ``ok``; one whose documents were all unchanged says
so, apart from one that found nothing."""

from __future__ import annotations

from pathlib import Path

from config.specs import parse_spec
from crawlers.causas import NOTICES, health_stats, run_resultado, split_causes
from crawlers.outcome import judge_run
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer

DELAY_SAID = "el robots.txt del sitio pide esperar 0,2 s entre una petición y la siguiente"


def _site(root: Path, *, missing: bool) -> None:
    """A listing of two sentences (and, when ``missing``, a third link that is gone)
    behind a robots.txt asking for a short Crawl-delay."""
    links = ["s1.html", "s2.html"] + (["falta.html"] if missing else [])
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{href}'>ver</a></td></tr>"
        for n, href in enumerate(links, 1)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody></table>")
    for n in (1, 2):
        (root / f"s{n}.html").write_text(
            f"<html><head><title>Sentencia {n}/2024</title></head><body><main>Texto de la "
            f"sentencia {n} del pleno.</main></body></html>"
        )
    (root / "robots.txt").write_text("User-agent: *\nCrawl-delay: 0.2\n")


def _runs(api, source_id: str) -> list[dict]:
    answer = api.client.get(f"/v1/sources/{source_id}/runs", headers=api.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["runs"]


def _signed_page(api) -> str:
    key = api.headers["Authorization"].removeprefix("Bearer ")
    signed = api.client.post("/fuentes/entrar", data={"clave": key})
    assert signed.status_code == 200, signed.text
    return signed.text


def test_a_crawl_delay_is_a_notice_and_a_missing_page_an_error(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", missing=True)
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-avisos")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
            done = _crawl(api, spec["id"], ABIERTO_OBEY_ROBOTS="true")
        assert done.returncode == 3, done.stdout + done.stderr
        [run] = _runs(api, spec["id"])
        assert run["status"] == "partial", run  # a page it could not read: never "ok"
        assert set(run["errors"]) == {"http_404"}, run["errors"]
        assert set(run["notices"]) == {"crawl_delay"}, run["notices"]
        [delay] = run["notices"]["crawl_delay"]["examples"]
        assert delay["mensaje"] == f"{DELAY_SAID}: así se hizo"
        assert run["stats"]["errors"] == 1 and run["stats"]["notices"] == 1, run["stats"]

        # abierto crawl: one error, one notice, each counted by its own name
        line = next(x for x in done.stdout.splitlines() if "pj-gto-avisos: incompleta" in x)
        assert "· 1 error · 1 aviso" in line, done.stdout
        assert "[http_404]: 1 error;" in done.stdout
        assert "avisos (no son errores):" in done.stdout
        assert (
            "[crawl_delay]: 1 aviso;" in done.stdout and "[crawl_delay]: 1 error" not in done.stdout
        )

        # /fuentes: the institution's run lists the 404 among errors, the delay apart
        page = _signed_page(api)
        errors_cell, notices_cell = _run_cells(page)
        assert "página no encontrada (404): 1" in errors_cell and "Crawl-delay" not in errors_cell
        assert "robots.txt pide esperar entre peticiones (Crawl-delay): 1" in notices_cell
        assert DELAY_SAID in notices_cell and "404" not in notices_cell
    finally:
        api.close()


def _run_cells(page: str) -> tuple[str, str]:
    """The errors and notices cells of the first run row of the institution's table."""
    table = page[page.index("Avisos por causa") :]
    row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    cells = row.split("<td>")
    return cells[-2], cells[-1]


def test_a_run_with_only_notices_is_healthy_and_says_them(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www", missing=False)
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-pausada")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
            first = _crawl(api, spec["id"], ABIERTO_OBEY_ROBOTS="true")
            again = _crawl(api, spec["id"], ABIERTO_OBEY_ROBOTS="true")
        assert first.returncode == 0 and again.returncode == 0, first.stdout + again.stdout
        newest, oldest = _runs(api, spec["id"])
        for run in (newest, oldest):
            assert run["status"] == "ok" and run["errors"] == {}, run
            assert run["stats"]["errors"] == 0 and run["stats"]["notices"] == 1, run["stats"]
        assert "pj-gto-pausada: correcta (2 documentos nuevos; 1 aviso) · " in first.stdout
        assert "· 0 errores · 1 aviso" in first.stdout, first.stdout
        # the second crawl found both documents unchanged: healthy, and said apart from
        # a run that found nothing
        assert "pj-gto-pausada: correcta (nada nuevo: " in again.stdout, again.stdout
        page = _signed_page(api)
        assert "Correcta: nada nuevo: " in page and "Correcta: 2 documentos nuevos; 1 aviso" in page
        # the public table: no error in the last run, its notice said as one
        public = api.client.get("/fuentes").text
        table = public[public.index("Estado de cada fuente") :]
        row = table[table.index("pj-gto-pausada") :]
        row = row[: row.index("</tr>")]
        assert "Ningún error" in row and "Avisos (no son errores)" in row, row
        assert "Crawl-delay" in row[row.index("Avisos") :]
    finally:
        api.close()


def test_runs_stored_with_notices_among_errors_read_apart(tmp_path: Path) -> None:
    """A run stored before the split counted its notices in ``stats.errors``: read now,
    the stored row is the same and the answer tells them apart."""
    api = open_api(tmp_path / "data")
    try:
        spec = listing_spec("http://127.0.0.1:9/lista.html", id="pj-gto-vieja")
        assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
        run_id = api.library.db.start_run(spec["id"])
        example = {"url": "http://127.0.0.1:9/toca.pdf", "message": "1 scanned page(s) hold "
                   "only a line of text (a footer, a stamp) and OCR is not available: kept "
                   "with that line only"}  # fmt: skip
        errors = {
            "scans_unread": {"count": 1, "examples": [example]},
            "limit_reached": {"count": 1, "examples": []},
            "http_5xx": {"count": 2, "examples": []},
        }
        stats = {"pages": 3, "items": 2, "new": 2, "errors": 4}
        api.library.db.finish_run(run_id, "ok", stats, errors)
        [run] = _runs(api, spec["id"])
        assert set(run["errors"]) == {"http_5xx"}
        assert set(run["notices"]) == {"scans_unread", "limit_reached"}
        assert run["stats"]["errors"] == 2 and run["stats"]["notices"] == 2, run["stats"]
        assert run["notices"]["scans_unread"]["examples"][0]["mensaje"].startswith(
            "1 página escaneada del PDF tiene como texto solo una línea"
        )
        stored = api.library.db.list_runs(spec["id"])[0]
        assert stored.stats["errors"] == 4 and set(stored.errors) == set(errors)  # untouched
    finally:
        api.close()


SPEC = parse_spec(
    {
        "id": "pj-gto-juicio",
        "kind": "sentencia",
        "institution": "Poder Judicial",
        "jurisdiction": "MX-GUA",
        "start_urls": ["https://www.poderjudicial-gto.gob.mx/lista"],
        "listing": {"items": "css:tr", "link": "css:a::attr(href)"},
    }
)


def test_notices_never_fail_a_run_nor_make_one_that_made_nothing_ok() -> None:
    # robots.txt barred every page the listing linked: nothing made, something said
    assert judge_run(SPEC, "finished", {"pages": 1}, 0, False, 3)[0] == "empty"
    # the start address barred: nothing fetched, no error: empty, not failed
    status, message = judge_run(SPEC, "finished", {}, 0, False, 1)
    assert status == "empty" and message.startswith("no_items")
    assert judge_run(SPEC, "finished", {"pages": 2, "items": 2, "new": 2}, 0, False, 5) == (
        "ok",
        None,
    )


def test_every_cause_is_classified_and_the_counts_follow() -> None:
    assert {"crawl_delay", "scans_unread", "legislature_contradicted"} <= NOTICES
    assert not {"http_404", "extraction_failed", "empty_text", "sitemap_loop"} & NOTICES
    errors, notices = split_causes({"crawl_delay": {"count": 2}, "timeout": {"count": 1}})
    assert list(errors) == ["timeout"] and list(notices) == ["crawl_delay"]
    assert health_stats({"errors": 3}, {"crawl_delay": {"count": 2}, "timeout": {"count": 1}}) == {
        "errors": 1,
        "notices": 2,
    }
    assert run_resultado("ok", {"items": 0, "pages": 1}) == (
        "las páginas del sitio no listaron ningún elemento"
    )
    assert run_resultado("ok", {"items": 3, "unchanged": 3, "notices": 2}) == (
        "nada nuevo: 3 documentos sin cambios; 2 avisos"
    )
    assert run_resultado("ok", {"items": 0, "not_modified": 1}) == (
        "nada nuevo: 1 respuesta «sin modificar» (304)"
    )
    assert run_resultado("failed", {"items": 0}) is None
