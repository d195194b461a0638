"""A full disk is the operator's to fix, not a bug: a write the database has no room for
is a 507 in Spanish with nothing saved, and reads (with an institution's key too) go on.

The disk is a real one filled up: a small tmpfs (mounting needs root; skipped without)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.pages.signin import COOKIE, HANDED_DOWN, SECRET_FILE, hand_down_pages_secret
from bench.legal_corpus import LegalCorpus
from cli.failures import explain
from config.settings import Settings
from indexer.disk_full import disk_full
from indexer.library import Library
from tests.api.test_sources import Service, make_service, spec

HTML = {"Accept": "text/html"}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs to fill (mount needs root): {mounted.stderr.decode()[:200]}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> None:
    """Write to ``disk`` until it has no byte left."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(descriptor)


@pytest.fixture
def full(small_disk: Path) -> Iterator[tuple[Service, TestClient]]:
    made = make_service(small_disk / "data")
    _fill(small_disk)
    yield made, TestClient(made.client.app, raise_server_exceptions=False)
    made.library.close()


def test_a_write_on_a_full_disk_is_a_507_and_saves_nothing(
    full: tuple[Service, TestClient],
) -> None:
    service, client = full
    answer = client.post("/v1/sources", json=spec("http://127.0.0.1:9"), headers=service.congreso)
    assert answer.status_code == 507
    assert "no se guardó nada" in answer.json()["mensaje"]
    listed = client.get("/v1/sources", headers=service.congreso)
    assert listed.status_code == 200
    assert listed.json()["sources"] == []
    assert client.get("/v1/search", params={"q": "amparo"}).status_code == 200
    hook = {"webhook": "http://127.0.0.1:9/avisos"}
    alert = {"query": {"q": "amparo"}, "delivery": hook}
    answer = client.post("/v1/alerts", json=alert, headers=service.congreso)
    assert answer.status_code == 507
    assert client.get("/v1/alerts", headers=service.congreso).json()["alerts"] == []


def test_signing_in_on_a_disk_that_filled_up_after_start_works(
    full: tuple[Service, TestClient],
) -> None:
    """The cookie's key is made when the app starts: a first sign-in writes nothing."""
    service, client = full
    key = service.congreso["Authorization"].removeprefix("Bearer ")
    answer = client.post("/fuentes/entrar", data={"clave": key}, headers=HTML)
    assert answer.status_code == 200
    assert "Sesión iniciada como" in answer.text
    assert client.get("/fuentes", headers=HTML).text.count("Sesión iniciada como") == 1


def test_workers_started_on_a_full_disk_sign_alike(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No room for the key's file when ``serve`` starts: its workers get one key from it
    (as the environment they inherit), so a sign-in one worker made holds on the next."""
    service = make_service(small_disk / "data")
    try:
        (small_disk / "data" / SECRET_FILE).unlink()
        _fill(small_disk)
        monkeypatch.setenv(HANDED_DOWN, "")  # put back as it was after the test
        hand_down_pages_secret(small_disk / "data")  # what ``serve`` does first
        assert not (small_disk / "data" / SECRET_FILE).exists()
        settings = service.client.app.state.settings
        one, other = (
            TestClient(create_app(service.library, settings), raise_server_exceptions=False)
            for _ in range(2)
        )
        key = service.congreso["Authorization"].removeprefix("Bearer ")
        signed = one.post("/fuentes/entrar", data={"clave": key}, follow_redirects=False)
        assert signed.status_code == 303
        other.cookies.set(COOKIE, signed.cookies[COOKIE], path="/fuentes")
        assert "Sesión iniciada como" in other.get("/fuentes", headers=HTML).text
    finally:
        service.library.close()


def test_on_a_full_disk_another_institutions_source_is_still_a_plain_404(
    small_disk: Path,
) -> None:
    """The refused attempt's note cannot be written; the answer must not say so (a 507
    for another's source beside a 404 for an unknown one would tell that it exists)."""
    service = make_service(small_disk / "data")
    try:
        registered = service.client.post(
            "/v1/sources", json=spec("http://127.0.0.1:9"), headers=service.congreso
        )
        assert registered.status_code == 201
        _fill(small_disk)
        client = TestClient(service.client.app, raise_server_exceptions=False)
        for _ in range(3):
            theirs = client.get("/v1/sources/congreso-gto-gaceta-propia", headers=service.tribunal)
            unknown = client.get("/v1/sources/congreso-gto-no-existe", headers=service.tribunal)
            assert theirs.status_code == unknown.status_code == 404
    finally:
        service.library.close()


def test_once_space_returns_writes_searches_and_the_index_writer_go_on_without_a_restart(
    small_disk: Path,
) -> None:
    """The server and a crawl's writer on a disk that fills up and is freed again: no
    process is restarted, and nothing written before or after is lost."""
    service = make_service(small_disk / "data")
    writer = Library.open(Settings(data_dir=small_disk / "data"), writer=True)
    try:
        client = TestClient(service.client.app, raise_server_exceptions=False)
        docs = list(LegalCorpus(600, seed=5, mix="3k"))
        for doc in docs[:300]:
            writer.add_document(doc)
        assert writer.flush() == 300
        for doc in docs[300:]:
            writer.add_document(doc)
        _fill(small_disk)
        with pytest.raises(Exception) as failed:  # the index's commit, or the queue's
            writer.flush()
        assert disk_full(failed.value)
        answer = client.post(
            "/v1/sources", json=spec("http://127.0.0.1:9"), headers=service.congreso
        )
        assert answer.status_code == 507
        assert client.get("/v1/search", params={"q": ""}).json()["total"] == 300

        (small_disk / "filler").unlink()  # the operator frees space

        answer = client.post(
            "/v1/sources", json=spec("http://127.0.0.1:9"), headers=service.congreso
        )
        assert answer.status_code == 201
        assert len(client.get("/v1/sources", headers=service.congreso).json()["sources"]) == 1
        assert writer.flush() == 300
        assert writer.db.count_pending() == 0
        found = client.get("/v1/search", params={"q": "", "limit": 1})
        assert found.status_code == 200 and found.json()["total"] == 600
    finally:
        writer.close()
        service.library.close()


def test_the_index_writer_killed_on_a_full_disk_is_named_a_full_disk(small_disk: Path) -> None:
    """Tantivy's writer, when a thread of it found no room for a segment, raises only
    that it was killed (as it words it): on a full disk the command says what to do."""
    settings = Settings(data_dir=small_disk / "data")
    settings.data_dir.mkdir()
    killed = OSError(
        "An error occurred in a thread: 'An index writer was killed.. A worker thread "
        "encountered an error (io::Error most likely) or panicked.'"
    )
    assert explain(killed, settings) is None  # room left: not the disk's fault
    _fill(small_disk)
    message = explain(killed, settings)
    assert message is not None and message.startswith("no queda espacio en el disco")
