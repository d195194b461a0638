"""A preview of a feed (or sitemap, channel, JSON API) crawls the institution's spec in a
process of its own: that process runs what an institution wrote, on whatever its site
sends back, so it gets none of the server's own settings that are accounts (mail and
search engine passwords, the database's address): read here from the running process's
own environment, as anything inside it could read them."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from api.routers.pages.signin import HANDED_DOWN
from config.settings import Settings
from config.specs import load_specs
from crawlers.worker import Worker
from indexer.db.registry import Registry
from indexer.library import Library
from samples.generate import generate
from samples.server import serve
from tests.adversarial.service import open_api

SECRETS = {
    "ABIERTO_SMTP_PASSWORD": "secreto-del-correo",
    "ABIERTO_SEARCH_PASSWORD": "secreto-del-motor",
    "ABIERTO_DATABASE_URL": "postgresql://abierto:secreto-de-la-base@10.0.0.5/abierto",
}


def _trial_crawls() -> list[dict[str, str]]:
    """The environments of this test's trial crawls running now."""
    return _children(lambda cmdline: b"cli.main" in cmdline and b"crawl" in cmdline)


def _children(chosen: Callable[[list[bytes]], bool]) -> list[dict[str, str]]:
    """The environments of this process's children running now whose command line is
    ``chosen``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            raw = (entry / "environ").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and chosen(cmdline):
            pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0"))
            found.append({name: value for name, _, value in pairs if name})
    return found


def test_a_trial_crawl_gets_none_of_the_servers_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ABIERTO_SMTP_HOST", "correo.interno")
    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "1536")  # an operator's choice
    api = open_api(tmp_path, preview_timeout_s=20, database_url=f"sqlite:///{tmp_path}/a.db")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    silent.settimeout(30)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/feed.xml"
    spec = {"id": "pj-gto-feed", "kind": "sentencia", "jurisdiction": "MX-GUA",
            "shape": "feed", "start_urls": [url]}  # fmt: skip
    answers: list[int] = []
    poster = threading.Thread(
        target=lambda: answers.append(
            api.client.post("/v1/sources/preview", json=spec, headers=api.headers).status_code
        ),
        daemon=True,
    )
    accepted: list[socket.socket] = []
    try:
        poster.start()
        accepted.append(silent.accept()[0])  # the trial crawl is running, waiting on the site
        deadline = time.monotonic() + 10
        while not (crawls := _trial_crawls()) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for connection in accepted:
            connection.close()
        silent.close()
        poster.join(60)
        api.close()
    assert len(crawls) == 1, crawls
    [environment] = crawls
    assert "abierto-preview-" in environment["ABIERTO_DATA_DIR"]  # its scratch folder
    assert environment["ABIERTO_EXTRACT_WORKER_MEMORY_MB"] == "1536"
    shown = "\n".join(f"{k}={v}" for k, v in environment.items())
    for value in [*SECRETS.values(), "correo.interno", str(tmp_path / "a.db")]:
        assert value not in shown, value
    assert answers == [200]


def test_a_workers_crawl_gets_no_mail_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker delivers alerts itself; the crawls it starts for institutions' specs
    send no mail and get no mail account."""
    monkeypatch.setenv("ABIERTO_SMTP_PASSWORD", SECRETS["ABIERTO_SMTP_PASSWORD"])
    monkeypatch.setenv("ABIERTO_SMTP_USERNAME", "avisos@estadoabierto.mx")
    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "1536")  # an operator's choice
    api = open_api(tmp_path, smtp_host="correo.interno")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    silent.settimeout(30)
    spec = {"id": "pj-gto-feed", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "feed",
            "start_urls": [f"http://127.0.0.1:{silent.getsockname()[1]}/feed.xml"]}  # fmt: skip
    assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
    worker = Worker(api.settings, concurrency=1, deliver_alerts=False)
    accepted: list[socket.socket] = []
    try:
        assert worker.start_due() == ["pj-gto-feed"]
        accepted.append(silent.accept()[0])  # the crawl is running, waiting on the site
        crawls = _trial_crawls()
    finally:
        for running in worker.running.values():
            running.process.kill()
            running.process.wait(30)
        for connection in accepted:
            connection.close()
        silent.close()
        worker.db.close()
        api.close()
    [environment] = crawls
    assert environment["ABIERTO_DATA_DIR"] == str(api.settings.data_dir)
    assert environment["ABIERTO_EXTRACT_WORKER_MEMORY_MB"] == "1536"
    assert not [name for name in environment if name.startswith("ABIERTO_SMTP_")]
    assert "correo.interno" not in "\n".join(environment.values())


# what a server's environment may hold besides its own settings: other programs'
# accounts, the sign-in key ``serve`` hands its workers, a setting this version lacks
OTHERS = {
    "AWS_SECRET_ACCESS_KEY": "secreto-de-la-nube",
    "PGPASSWORD": "secreto-de-postgres",
    "DATABASE_URL": "postgresql://otra:secreto-de-otra-base@10.0.0.6/otra",
    "ABIERTO_PAGES_SECRET_HANDED_DOWN": "ab" * 32,
    "ABIERTO_API_TOKEN_FUTURO": "secreto-de-otra-version",
}


def _preview_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: dict[str, Any], command: bytes
) -> list[dict[str, str]]:
    """The environments of the preview's child processes (their command line holds
    ``command``) while they wait on a site that never answers."""
    for name, value in OTHERS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ABIERTO_EXTRACT_WORKER_MEMORY_MB", "1536")  # an operator's choice
    api = open_api(tmp_path, preview_timeout_s=20)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    silent.settimeout(30)
    spec["start_urls"] = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
    poster = threading.Thread(
        target=lambda: api.client.post("/v1/sources/preview", json=spec, headers=api.headers),
        daemon=True,
    )
    accepted: list[socket.socket] = []
    try:
        poster.start()
        accepted.append(silent.accept()[0])  # the child is running, waiting on the site
        deadline = time.monotonic() + 10
        while not (children := _children(lambda line: command in line)):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
    finally:
        for connection in accepted:
            connection.close()
        silent.close()
        poster.join(60)
        api.close()
    return children


def _hidden(environment: dict[str, str]) -> None:
    shown = "\n".join(f"{k}={v}" for k, v in environment.items())
    for name, value in OTHERS.items():
        assert name not in environment and value not in shown, name
    assert environment["PATH"] == os.environ["PATH"]  # what a program needs stays


def test_a_trial_crawl_gets_only_the_systems_variables_and_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a list of secrets to take out, which misses the next one: a trial crawl gets
    what a program needs (``PATH``, the locale…) and the crawl's settings, nothing else."""
    spec = {"id": "pj-gto-feed", "kind": "sentencia", "jurisdiction": "MX-GUA", "shape": "feed"}
    [environment] = _preview_children(tmp_path, monkeypatch, spec, b"cli.main")
    _hidden(environment)
    assert "abierto-preview-" in environment["ABIERTO_DATA_DIR"]
    assert environment["ABIERTO_EXTRACT_WORKER_MEMORY_MB"] == "1536"


def test_a_listing_previews_process_gets_only_the_systems_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = {"id": "pj-gto-lista", "kind": "sentencia", "jurisdiction": "MX-GUA",
            "listing": {"items": "css:tbody tr", "link": "css:a::attr(href)"}}  # fmt: skip
    [environment] = _preview_children(tmp_path, monkeypatch, spec, b"crawlers.preview")
    _hidden(environment)
    assert not [name for name in environment if name.startswith("ABIERTO_")]


def test_a_workers_crawl_never_gets_the_sign_in_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``serve`` hands its workers the key /fuentes sign-ins are signed with (when the
    folder has no room for it): whoever holds it signs in as any institution."""
    monkeypatch.setenv(HANDED_DOWN, OTHERS[HANDED_DOWN])
    environment = Settings(data_dir=tmp_path).crawl_environment()
    assert HANDED_DOWN not in environment
    assert OTHERS[HANDED_DOWN] not in "\n".join(environment.values())


# what a worker's crawl must not get either, though it writes to the real library: other
# programs' accounts (a cloud's key, some tool's token), another program's database
NOT_A_CRAWLS = {
    "AWS_SECRET_ACCESS_KEY": "secreto-de-la-nube",
    "FOO_TOKEN": "secreto-de-otra-herramienta",
    "DATABASE_URL": "postgresql://otra:secreto-de-otra-base@10.0.0.6/otra",
    HANDED_DOWN: "ab" * 32,
}
# what it may need: libpq's settings for the library's PostgreSQL, the key an operator's
# own spec file names as ``${NAME}``, an operator's choice
NEEDED = {
    "PGCONNECT_TIMEOUT": "10",
    "PGAPPNAME": "abierto-rastreo",
    "CONGRESO_API_KEY": "clave-que-el-operador-nombra",
    "ABIERTO_EXTRACT_WORKER_MEMORY_MB": "1536",
}


def test_a_workers_crawl_gets_only_what_it_needs_and_still_crawls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a list of secrets to take out, which misses the next one: a crawl the worker
    starts gets the system's variables, its settings, libpq's and what the operator's spec
    files name, and it still crawls the registered source to the end."""
    for name, value in (NOT_A_CRAWLS | NEEDED).items():
        monkeypatch.setenv(name, value)
    manifest = generate(tmp_path / "sites")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "congreso-gto-api.yaml").write_text(
        'id: congreso-gto-api\nkind: legislativo\nshape: json_api\njurisdiction: MX-GUA\n'
        'institution: H. Congreso de Guanajuato\nstart_urls: ["http://127.0.0.1:9/api"]\n'
        'json_api: {records: data, link: "/doc/{id}", params: {api_key: "${CONGRESO_API_KEY}"}}\n',
        encoding="utf-8",
    )  # fmt: skip
    with serve(tmp_path / "sites") as sites:
        settings = Settings(
            data_dir=tmp_path / "data", sources_dir=specs, allow_loopback=True, crawl_delay_s=0
        )
        library = Library.open(settings)
        registry = Registry(library.db)
        registry.add_institution("pj-gto", "Poder Judicial de Guanajuato", "court", "MX-GUA")
        catalogue = {s.id: s for s in load_specs()}["tribunal-gto-sentencias"]
        spec = catalogue.model_copy(
            update={"id": "pj-gto-propia", "start_urls": [f"{sites.url}/tribunal/sentencias/"]}
        )
        registry.create_source("pj-gto", spec, reserved=set())
        worker = Worker(settings, concurrency=1, deliver_alerts=False)
        try:
            assert worker.start_due() == ["pj-gto-propia"]
            deadline = time.monotonic() + 30
            while not (crawls := _trial_crawls()) and time.monotonic() < deadline:
                time.sleep(0.05)
            worker.running["pj-gto-propia"].process.wait(timeout=120)
            finished = worker.reap()
        finally:
            for running in worker.running.values():
                running.process.kill()
                running.process.wait(30)
            worker.db.close()
    [environment] = crawls
    shown = "\n".join(f"{k}={v}" for k, v in environment.items())
    for name, value in NOT_A_CRAWLS.items():
        assert name not in environment and value not in shown, name
    for name, value in NEEDED.items():
        assert environment.get(name) == value, name
    assert environment["PATH"] == os.environ["PATH"]
    assert environment["ABIERTO_DATA_DIR"] == str(settings.data_dir)
    assert finished == [("pj-gto-propia", 0)]
    assert [r.status for r in library.db.list_runs("pj-gto-propia")] == ["ok"]
    assert library.db.count_documents("pj-gto-propia") == len(manifest.sentencias)
    library.close()
