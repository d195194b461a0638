"""End to end: the real spiders crawl the sample sites; users ask the API."""

from __future__ import annotations

import re
from collections import Counter

from fastapi.testclient import TestClient

from indexer.analysis import fold_keyword
from indexer.db import Database
from tests.e2e.conftest import Crawled


def search(api: TestClient, **params: object) -> dict:
    response = api.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_published_document_is_collected_once(crawled: Crawled, api: TestClient) -> None:
    wanted = Counter(d.kind for d in crawled.manifest.documents)
    body = search(api, facets="kind", limit=1)
    assert body["total"] == len(crawled.manifest.documents)
    assert {f["value"]: f["count"] for f in body["facets"]["kind"]} == dict(wanted)


def test_each_run_is_recorded_with_its_counts(crawled: Crawled) -> None:
    db = Database(f"sqlite:///{crawled.data_dir / 'abierto.db'}")
    runs = {run.source_id: run for run in db.list_runs()}
    assert set(runs) == {"congreso-gto-sesiones", "congreso-gto-gaceta", "tribunal-gto-sentencias"}
    sentencias = runs["tribunal-gto-sentencias"]
    assert sentencias.status == "ok" and sentencias.errors == {}
    assert sentencias.stats["new"] == len(crawled.manifest.sentencias)
    assert sentencias.stats["files"] == len(crawled.manifest.sentencias)
    assert sentencias.stats["pages"] == len(
        crawled.manifest.sites["tribunal"].listings["sentencias"]
    )
    db.close()


def test_a_phrase_finds_the_one_sentence_and_highlights_it(
    crawled: Crawled, api: TestClient
) -> None:
    for sentencia in crawled.manifest.sentencias[:5]:
        phrase = sentencia.distinctive_phrase
        body = search(api, q=f'"{phrase}"', kind="sentencia")
        assert body["total"] == 1, phrase
        hit = body["hits"][0]
        assert hit["fields"]["expediente"] == sentencia.expediente
        assert hit["url"] == crawled.sites.url_for(sentencia.path)
        marked = re.findall(r"<mark>(.*?)</mark>", " ".join(hit["highlights"]))
        assert fold_keyword(phrase) in [fold_keyword(m) for m in marked], (phrase, marked)


def test_accentless_plural_finds_the_accented_singular(crawled: Crawled, api: TestClient) -> None:
    body = search(api, q="decisiones notificaciones", kind="sentencia", limit=1)
    assert body["total"] == len(crawled.manifest.sentencias)


def test_a_session_video_is_found_by_congress_and_date(crawled: Crawled, api: TestClient) -> None:
    sesion = next(s for s in crawled.manifest.sesiones if len(s.videos) == 2)
    response = api.get(
        "/v1/sessions",
        params={"congress": sesion.congress, "date_from": sesion.date, "date_to": sesion.date},
    )
    assert response.status_code == 200
    found = [s for s in response.json()["sessions"] if s["title"] == sesion.title]
    assert len(found) == 1
    videos = {(v["url"], v["live"]) for v in found[0]["videos"]}
    assert videos == {(crawled.sites.url_for(v.path), v.live) for v in sesion.videos}


def test_the_live_session_is_marked_live(crawled: Crawled, api: TestClient) -> None:
    live = [s for s in crawled.manifest.sesiones if any(v.live for v in s.videos)]
    assert live
    response = api.get("/v1/sessions", params={"date_from": live[0].date, "date_to": live[0].date})
    sessions = response.json()["sessions"]
    assert any(v["live"] for s in sessions for v in s["videos"])


def test_filters_and_facets_are_exact(crawled: Crawled, api: TestClient) -> None:
    matters = Counter(s.matter for s in crawled.manifest.sentencias)
    body = search(api, kind="sentencia", facets="matter,court", limit=1)
    assert {f["value"]: f["count"] for f in body["facets"]["matter"]} == dict(matters)
    courts = Counter(s.court for s in crawled.manifest.sentencias)
    assert {f["value"]: f["count"] for f in body["facets"]["court"]} == dict(courts)
    matter, count = matters.most_common(1)[0]
    assert search(api, kind="sentencia", matter=matter.upper())["total"] == count


def test_filtered_legislative_search(crawled: Crawled, api: TestClient) -> None:
    iniciativas = [d for d in crawled.manifest.legislativos if d.doc_type == "iniciativa"]
    body = search(api, kind="legislativo", doc_type="iniciativa", limit=100)
    assert {h["title"] for h in body["hits"]} == {d.title for d in iniciativas}
    target = iniciativas[0]
    words = f'"{target.distinctive_phrase}"'
    body = search(api, q=words, kind="legislativo", doc_type="iniciativa")
    assert [h["title"] for h in body["hits"]] == [target.title]


def test_the_archived_original_is_the_published_file(crawled: Crawled, api: TestClient) -> None:
    sentencia = crawled.manifest.sentencias[0]
    body = search(api, q=f'"{sentencia.distinctive_phrase}"')
    doc_id = body["hits"][0]["id"]
    original = api.get(f"/v1/documents/{doc_id}/file")
    assert original.status_code == 200
    assert original.headers["content-type"].startswith("application/pdf")
    published = (crawled.sites.root / sentencia.path.lstrip("/")).read_bytes()
    assert original.content == published


def test_a_sentence_carries_its_listing_metadata(crawled: Crawled, api: TestClient) -> None:
    sentencia = crawled.manifest.sentencias[-1]
    body = search(api, q=f'"{sentencia.distinctive_phrase}"')
    doc = api.get(body["hits"][0]["permalink"]).json()
    assert doc["court"] == sentencia.court
    assert doc["matter"] == sentencia.matter
    assert doc["resolution_date"] == sentencia.resolution_date.isoformat()
    assert doc["ponente"] == sentencia.ponente
    assert doc["jurisdiction"] == "MX-GUA"
