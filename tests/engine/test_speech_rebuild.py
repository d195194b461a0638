"""The engine's speech index is rebuilt beside the index it replaces, as the documents'
index is: searches during a rebuild, and after one that failed or was killed half-way,
answer from the old index, whole; the next rebuild drops what a killed one left; and a
speech index made before aliases (a concrete index of the alias's name) keeps answering
until its next rebuild puts the alias in its place.

Each failure happens at a fixed point: the speech index talks to the node through a real
proxy on 127.0.0.1 that fails (or kills the rebuilding process at) the second bulk
request of the rebuild, the first one written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import Settings
from indexer.library import Library
from indexer.models import Sesion
from indexer.speeches.model import Speech
from indexer.speeches.search import SpeechQuery
from indexer.speeches.search.engine_index import EngineSpeechIndex, mappings
from indexer.stores.engine.clients import Connection, EngineClient, connect
from indexer.stores.engine.retry import EngineError
from indexer.stores.engine.schema import index_settings
from tests.engine.es_compat_proxy import EsCompatProxy
from tests.engine.fixtures import TEST_BACKOFF, MakeStore, drop_speech_index, engine_url

# more than one bulk request (``bulk.MAX_DOCS``: 1000 actions each)
SPEECHES = 1100
# a bulk request that writes speeches: to the speech index or to a rebuild's
_SPEECH_BULK = re.compile(rb'"_index":\s*"[^"]*-speeches(-\d{20})?"')
_REFUSED = json.dumps(
    {"error": {"type": "illegal_argument_exception", "reason": "falla de prueba"}, "status": 400}
).encode()


class FailNth:
    """Answers the ``nth`` bulk request writing speeches (counted from ``arm``) with
    ``answer()`` instead of passing it on; ``before`` runs first."""

    def __init__(self) -> None:
        self.nth = 0
        self.seen = 0
        self.before: Callable[[], None] = lambda: None
        self.fired = 0

    def arm(self, nth: int, before: Callable[[], None] = lambda: None) -> None:
        self.nth, self.seen, self.before = nth, 0, before

    def __call__(self, method: str, path: str, body: bytes) -> tuple[int, bytes] | None:
        if not self.nth or not path.split("?")[0].endswith("/_bulk"):
            return None
        if not _SPEECH_BULK.search(body):
            return None
        self.seen += 1
        if self.seen != self.nth:
            return None
        self.nth = 0
        self.fired += 1
        self.before()
        return 400, _REFUSED


def _speech(n: int, word: str) -> Speech:
    return Speech(
        id=f"sp{n:05d}",
        session_id=f"s{n // 50:03d}",
        order=n % 50,
        speaker_as_written="El diputado Pedro Salas Mora",
        person_name="Pedro Salas Mora",
        party="PAN",
        text=f"Intervención {n} sobre el {word}.",
        date=dt.date(2025, 2, 18),
        congress="Congreso del Estado de Prueba",
        legislature="LXVI",
        jurisdiction="MX-GUA",
    )


def _total(index: EngineSpeechIndex, q: str = "") -> int:
    return index.search(SpeechQuery(q=q, include_procedural=True, limit=1)).total


def _physical(client: EngineClient, name: str) -> set[str]:
    return set(client.settings_of(f"{name}*"))


Clients = tuple[EngineClient, EngineClient, FailNth]


@pytest.fixture
def through_proxy(request: pytest.FixtureRequest) -> Iterator[Clients]:
    """A client through the failing proxy, one straight to the node, and the proxy's hook."""
    url = engine_url(request, "opensearch")
    hook = FailNth()
    with EsCompatProxy(url, intercept=hook) as proxy:
        proxied = connect("opensearch", Connection(proxy.url))  # type: ignore[arg-type]
        direct = connect("opensearch", Connection(url))  # type: ignore[arg-type]
        try:
            yield proxied, direct, hook
        finally:
            proxied.close()
            direct.close()


def test_a_failed_rebuild_leaves_the_old_speech_index_answering_whole(
    through_proxy: Clients,
) -> None:
    proxied, direct, hook = through_proxy
    name = f"t-{uuid.uuid4().hex[:12]}-speeches"
    index = EngineSpeechIndex(proxied, name, TEST_BACKOFF)
    watcher = EngineSpeechIndex(direct, name, TEST_BACKOFF)  # another process's searches
    try:
        index.rebuild(_speech(n, "agua potable") for n in range(SPEECHES))
        assert _total(watcher, "agua") == SPEECHES
        during: list[int] = []
        hook.arm(2, before=lambda: during.append(_total(watcher, "agua")))
        with pytest.raises(EngineError):
            index.rebuild(_speech(n, "alumbrado público") for n in range(SPEECHES + 100))
        assert hook.fired == 1
        # searched while the first bulk request of the rebuild had been written: the
        # old code had deleted the index and showed the 1000 speeches written so far
        assert during == [SPEECHES]
        # the old code left 1000 of the new speeches, none of the old
        assert _total(watcher, "agua") == SPEECHES
        assert _total(watcher, "alumbrado") == 0
        assert _total(index) == SPEECHES
        # the failed rebuild's index is gone; the alias names the old one alone
        assert _physical(direct, name) == set(direct.alias_targets(name))
        assert len(direct.alias_targets(name)) == 1

        assert index.rebuild(_speech(n, "alumbrado público") for n in range(SPEECHES + 100)) == (
            SPEECHES + 100
        )
        assert _total(watcher, "alumbrado") == SPEECHES + 100
        assert _total(watcher, "agua") == 0
        assert _physical(direct, name) == set(direct.alias_targets(name))
    finally:
        drop_speech_index(direct, name)


def test_a_speech_index_made_before_aliases_answers_until_its_rebuild_replaces_it(
    through_proxy: Clients,
) -> None:
    proxied, direct, hook = through_proxy
    name = f"t-{uuid.uuid4().hex[:12]}-speeches"
    # as the code before aliases made it: a concrete index of the alias's name
    direct.create_index(name, index_settings(1, 0), mappings())
    old = EngineSpeechIndex(direct, name, TEST_BACKOFF)
    try:
        old.replace_sessions([], (_speech(n, "agua potable") for n in range(50)))
        index = EngineSpeechIndex(proxied, name, TEST_BACKOFF)
        assert _total(index, "agua") == 50
        # a write after the upgrade lands in it, as before
        index.replace_sessions(["s001"], [_speech(n, "agua potable") for n in range(50, 60)])
        assert _total(index, "agua") == 60
        # a failed rebuild leaves it answering
        hook.arm(1)
        with pytest.raises(EngineError):
            index.rebuild(_speech(n, "alumbrado público") for n in range(20))
        assert _total(old, "agua") == 60
        assert _physical(direct, name) == {name}
        # the next one puts the alias in its place, in the same call
        assert index.rebuild(_speech(n, "alumbrado público") for n in range(20)) == 20
        (target,) = direct.alias_targets(name)
        assert target != name and target.startswith(f"{name}-")
        assert _physical(direct, name) == {target}  # the old code kept a concrete index
        assert _total(old, "alumbrado") == 20
        assert _total(old, "agua") == 0
    finally:
        drop_speech_index(direct, name)


KILLED_IN_SPEECH_REBUILD = """
import sys
from pathlib import Path
from config.settings import Settings
from indexer.library import Library
settings = Settings(data_dir=Path(sys.argv[1]), search_url=sys.argv[2],
                    search_engine="opensearch", search_index=sys.argv[3],
                    database_url=sys.argv[4])
Library.open(settings, writer=True).reindex()
"""


def _session(n: int, turns: int) -> Sesion:
    text = "".join(
        f"-El diputado Pedro Salas Mora (PAN): Intervención {t} sobre el agua potable.\n"
        for t in range(turns)
    )
    congress = "Congreso del Estado de Prueba"
    return Sesion(
        id=f"ses{n:03d}",
        title="Sesión",
        date=dt.date(2025, 2, 18),
        institution=congress,
        jurisdiction="MX-GUA",
        source_id="prueba",
        url=f"https://ejemplo.gob.mx/ses{n:03d}",
        text=text,
        congress=congress,
        legislature="LXVI",
    )


def test_a_killed_speech_rebuild_leaves_the_old_index_and_the_next_drops_what_it_left(
    request: pytest.FixtureRequest, make_engine_store: MakeStore, tmp_path: Path
) -> None:
    url = engine_url(request, "opensearch")
    beside = make_engine_store("opensearch")  # its indices go after the test
    alias, client = beside.alias, beside.client
    name = f"{alias}-speeches"
    database_url = f"sqlite:///{tmp_path / 'abierto.db'}"
    settings = Settings(
        data_dir=tmp_path,
        database_url=database_url,
        search_url=url,
        search_engine="opensearch",
        search_index=alias,
    )  # type: ignore[call-arg]
    library = Library.open(settings, writer=True)
    hook = FailNth()
    try:
        library.add_documents([_session(n, 20) for n in range(SPEECHES // 20)])
        library.flush()
        speeches = library.speech_index
        assert isinstance(speeches, EngineSpeechIndex)
        assert _total(speeches, "agua") == SPEECHES
        live = client.alias_targets(name)
        with EsCompatProxy(url, intercept=hook) as proxy:
            child = subprocess.Popen(
                [sys.executable, "-c", KILLED_IN_SPEECH_REBUILD, str(tmp_path), proxy.url,
                 alias, database_url],
                env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
                stderr=subprocess.PIPE,
            )  # fmt: skip

            def kill() -> None:  # killed with its new speech index half-built
                os.kill(child.pid, signal.SIGKILL)
                child.wait(timeout=60)

            hook.arm(2, before=kill)
            _, err = child.communicate(timeout=300)
        assert hook.fired == 1, err.decode()[-2000:]
        assert child.returncode == -signal.SIGKILL
        # the old code had deleted the index and refilled 1000 of the speeches
        assert client.alias_targets(name) == live
        assert _total(speeches, "agua") == SPEECHES
        left = _physical(client, name) - set(live)
        assert len(left) == 1, left  # the killed rebuild's, half-built

        library.reindex()
        now = _physical(client, name)
        assert not (left & now)  # the old code kept it (or never made one)
        assert now == set(client.alias_targets(name)) and len(now) == 1
        assert _total(speeches, "agua") == SPEECHES
    finally:
        library.close()
        drop_speech_index(client, name)
