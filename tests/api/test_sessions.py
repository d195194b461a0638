"""``GET /v1/sessions``: the video finder."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import VIDEO_GTO


def test_sessions_by_congress_and_date(client: TestClient, ids: dict[str, str]) -> None:
    response = client.get(
        "/v1/sessions",
        params={
            "congress": "Congreso de Guanajuato",
            "date_from": "2024-02-01",
            "date_to": "2024-02-29",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    [session] = body["sessions"]
    assert session["id"] == ids["v1"]
    assert session["videos"] == [
        {
            "url": VIDEO_GTO,
            "platform": "youtube",
            "live": False,
            "title": "Sesión 8 feb",
            "state": "recorded",
            "video_id": None,
            "source_id": None,
            "captions_url": None,
        }
    ]
    assert session["agenda"] == [f"Punto {n} del orden del día" for n in range(1, 6)]
    assert session["agenda_total"] == 7
    assert session["session_type"] == "ordinaria"
    assert session["permalink"] == f"/v1/documents/{ids['v1']}"


def test_sessions_newest_first_and_only_sessions(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get("/v1/sessions").json()
    assert [s["id"] for s in body["sessions"]] == [ids["v2"], ids["v3"], ids["v1"]]
    live = body["sessions"][0]["videos"][0]
    assert live["live"] is True


def test_sessions_with_words_and_paging(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get("/v1/sessions", params={"q": "transparencia"}).json()
    assert [s["id"] for s in body["sessions"]] == [ids["v1"]]
    first = client.get("/v1/sessions", params={"limit": 2}).json()
    second = client.get("/v1/sessions", params={"limit": 2, "cursor": first["next_cursor"]})
    assert [s["id"] for s in second.json()["sessions"]] == [ids["v1"]]


def test_sessions_bad_input_is_422(client: TestClient) -> None:
    for params in ({"q": "(sesión"}, {"cursor": "nope"}, {"date_from": "ayer"}):
        response = client.get("/v1/sessions", params=params)
        assert response.status_code == 422, params
