"""Every call with an institution's key wrote when the key was last used, before anything
else: a call refused for its rate still cost the database a write, and while another
process held the write lock (a long import, a backup) every call with a key waited the
busy timeout and was a 503, reads of one's own sources included. The note is written at
most once a minute: a key used a moment ago reads its sources while another writes."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.db.registry import Registry
from indexer.library import Library
from tests.faults.test_locked_database import write_lock


def test_a_key_used_a_moment_ago_reads_while_another_process_writes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    library = Library.open(settings)
    registry = Registry(library.db)
    registry.add_institution("congreso-gto", "Congreso de Guanajuato", "congress", "MX-GUA")
    key_id, key = registry.issue_key("congreso-gto")
    auth = {"Authorization": f"Bearer {key}"}
    try:
        with TestClient(create_app(library, settings)) as client:
            assert client.get("/v1/sources", headers=auth).status_code == 200  # use noted
            [noted] = [k.last_used_at for k in registry.list_keys() if k.id == key_id]
            assert noted is not None
            with write_lock(tmp_path):
                for _ in range(3):
                    listed = client.get("/v1/sources", headers=auth)
                    assert listed.status_code == 200, listed.text
                    assert listed.json() == {"sources": []}
    finally:
        library.close()
