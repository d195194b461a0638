"""A preview never holds the API: it runs in a process of its own, stopped when
``ABIERTO_PREVIEW_TIMEOUT_S`` is up, while ``/healthz`` keeps answering. Served by a real
uvicorn on a free port, spoken to over real HTTP."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from crawlers.preview import MAX_RUNNING, MAX_RUNNING_PER_OWNER
from tests.adversarial.service import Api, listing_spec, open_api
from tests.shapes.server import FixtureServer

TIMEOUT_S = 8.0
WITHIN_S = 30.0  # a bound against hanging, far above what either answer takes
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class Served:
    def __init__(self, api: Api) -> None:
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(api.library, api.settings), host="127.0.0.1", port=0,
                           log_level="warning", lifespan="off")
        )  # fmt: skip
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            threading.Event().wait(0.05)
        assert self.server.started, "uvicorn did not start"
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Served, Api]]:
    api = open_api(tmp_path, preview_timeout_s=TIMEOUT_S)
    running = Served(api)
    yield running, api
    running.stop()
    api.close()


def _preview_while_checking_health(
    served: Served, api: Api, spec: dict[str, Any]
) -> tuple[httpx.Response, list[int]]:
    """POST the preview in a thread; meanwhile ask /healthz until the preview answers."""
    answer: list[httpx.Response] = []

    def post() -> None:
        answer.append(
            httpx.post(f"{served.url}/v1/sources/preview", json=spec, headers=api.headers,
                       timeout=WITHIN_S)
        )  # fmt: skip

    poster = threading.Thread(target=post, daemon=True)
    poster.start()
    health: list[int] = []
    while poster.is_alive() and len(health) < 50:
        health.append(httpx.get(f"{served.url}/healthz", timeout=10).status_code)
        threading.Event().wait(0.2)
    poster.join(WITHIN_S)
    assert answer, "the preview did not answer"
    return answer[0], health


def _children_running_previews() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"crawlers.preview" in cmdline and parent == os.getpid():
            found.append(int(entry.name))
    return found


def test_a_site_that_never_answers_does_not_stop_health_checks(
    served: tuple[Served, Api],
) -> None:
    running, api = served
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections complete, nothing is ever read or answered
    try:
        site = f"http://127.0.0.1:{silent.getsockname()[1]}"
        spec = listing_spec(f"{site}/sentencias/")
        response, health = _preview_while_checking_health(running, api, spec)
    finally:
        silent.close()
    assert health and set(health) == {200}
    assert response.status_code == 200, response.text
    # robots.txt waited a share of the budget, then the listing was asked for too
    assert [(e["cause"], e["url"]) for e in response.json()["errors"]] == [
        ("timeout", f"{site}/robots.txt"),
        ("timeout", f"{site}/sentencias/"),
    ]


def test_a_slow_start_does_not_eat_the_preview_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a loaded machine the preview's process takes seconds to start; that time is not
    the spec's: a site that never answers is still a ``timeout`` in a 200, not a 504
    blaming the selectors. The start is made slow for real: Python imports a
    ``sitecustomize`` that sleeps longer than the whole budget and its grace."""
    slow = tmp_path / "slow_start"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text("import time\ntime.sleep(8)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(slow), os.environ.get("PYTHONPATH", "")]))
    api = open_api(tmp_path / "data", preview_timeout_s=2)
    running = Served(api)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        site = f"http://127.0.0.1:{silent.getsockname()[1]}"
        spec = listing_spec(f"{site}/sentencias/")
        response = httpx.post(f"{running.url}/v1/sources/preview", json=spec,
                              headers=api.headers, timeout=WITHIN_S + 30)  # fmt: skip
    finally:
        silent.close()
        running.stop()
        api.close()
    assert response.status_code == 200, response.text[:300]
    assert [(e["cause"], e["url"]) for e in response.json()["errors"]] == [
        ("timeout", f"{site}/robots.txt"),
        ("timeout", f"{site}/sentencias/"),
    ]


def test_a_preview_that_cannot_finish_is_stopped_with_a_504(
    served: tuple[Served, Api], tmp_path: Path
) -> None:
    """An XPath quadratic in the page's size (minutes on this page) is stopped at the
    timeout; the answer says so in Spanish and English, and no preview process is left."""
    running, api = served
    (tmp_path / "www").mkdir()
    page = "<html><body><table><tbody>" + "<tr><td>x</td></tr>" * 60_000 + "</tbody></table>"
    (tmp_path / "www" / "grande.html").write_text(page + "</body></html>", encoding="utf-8")
    with FixtureServer(tmp_path / "www") as site:
        spec = listing_spec(
            f"{site.url}/grande.html", listing={"items": "xpath://tr[count(//tr) > 0]"}
        )
        response, health = _preview_while_checking_health(running, api, spec)
    assert health and set(health) == {200}
    assert response.status_code == 504, response.text[:300]
    body = response.json()
    assert "did not finish within 8 s" in body["detail"]
    assert "no terminó en 8 s" in body["mensaje"]
    assert _children_running_previews() == []


class Waiting:
    """Previews of two institutions (``api``'s court and a congress) on a site that
    accepts connections and never answers: each one started holds a slot until closed."""

    def __init__(self, tmp_path: Path) -> None:
        self.api = open_api(tmp_path, preview_timeout_s=60)  # they outlast the checks
        self.api.registry.add_institution(
            "congreso-gto", "H. Congreso del Estado de Guanajuato", "congress", "MX-GUA"
        )
        self.other = {"Authorization": f"Bearer {self.api.registry.issue_key('congreso-gto')[1]}"}
        self.running = Served(self.api)
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(16)
        self.silent.settimeout(WITHIN_S)
        self.accepted: list[socket.socket] = []
        self.posters: list[threading.Thread] = []

    def spec(self, headers: dict[str, str], n: int) -> dict[str, Any]:
        url = f"http://127.0.0.1:{self.silent.getsockname()[1]}/sentencias/{n}/"
        own = "pj-gto-prueba" if headers is self.api.headers else "congreso-gto-prueba"
        return listing_spec(url, id=own)

    def post(
        self, headers: dict[str, str], timeout: float = WITHIN_S, n: int = -1
    ) -> httpx.Response:
        return httpx.post(f"{self.running.url}/v1/sources/preview", json=self.spec(headers, n),
                          headers=headers, timeout=timeout)  # fmt: skip

    def hold(self, headers: dict[str, str]) -> None:
        """One more preview of ``headers``'s institution, waiting on the site: held once
        its own listing is asked for. Its robots.txt is a connection too, answered 404
        at once; it was once taken for the listing, and a later preview's slot for an
        earlier one's listing asked for when its robots.txt gave up (a slow start)."""
        n = len(self.posters)
        poster = threading.Thread(target=self.post, args=(headers, WITHIN_S + 60, n), daemon=True)
        self.posters.append(poster)
        poster.start()
        while True:
            connection = self.silent.accept()[0]
            self.accepted.append(connection)
            connection.settimeout(WITHIN_S)
            asked = connection.recv(4096)
            if f"/sentencias/{n}/ ".encode() in asked:
                return
            if asked.startswith(b"GET /robots.txt "):
                connection.sendall(NOT_FOUND)

    def close(self) -> None:
        for connection in self.accepted:
            connection.close()  # the waiting previews end at once
        for poster in self.posters:
            poster.join(WITHIN_S)
        self.silent.close()
        self.running.stop()
        self.api.close()


def test_previews_beyond_the_limit_are_told_to_come_back(tmp_path: Path) -> None:
    """With MAX_RUNNING previews waiting on a site, one more is a 503 at once."""
    waiting = Waiting(tmp_path)
    try:
        for n in range(MAX_RUNNING):
            waiting.hold(waiting.api.headers if n % 2 else waiting.other)
        extra = waiting.post(waiting.api.headers)
    finally:
        waiting.close()
    assert extra.status_code == 503, extra.text[:300]
    assert "intente de nuevo" in extra.json()["mensaje"]


def test_one_institution_never_holds_every_preview_slot(tmp_path: Path) -> None:
    """A key sending previews of a site that never answers would keep every slot busy
    and every other institution's preview a 503: it holds half of them at most."""
    waiting = Waiting(tmp_path)
    try:
        for _ in range(MAX_RUNNING_PER_OWNER):
            waiting.hold(waiting.api.headers)
        refused = waiting.post(waiting.api.headers)
        waiting.hold(waiting.other)  # the other institution's preview reaches its site
    finally:
        waiting.close()
    assert MAX_RUNNING_PER_OWNER < MAX_RUNNING
    assert refused.status_code == 429, refused.text[:300]
    assert f"ya tiene {MAX_RUNNING_PER_OWNER} vistas previas" in refused.json()["mensaje"]
