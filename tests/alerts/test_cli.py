"""``abierto alerts deliver``: one pass for cron delivers what the index matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from config.settings import Settings
from indexer.alerts import AlertBook, saved_query
from indexer.alerts.links import links_key
from indexer.library import Library
from indexer.stores import SearchQuery
from tests.alerts.conftest import Receiver, sentencia


def test_one_pass_delivers_the_pending_matches(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("ABIERTO_ALLOW_LOOPBACK", "true")
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    made = AlertBook(library.db, links_key(tmp_path)).create(
        owner="institution:diario-leon",
        key_id=None,
        query=saved_query(SearchQuery(q="pensión")),
        channel="webhook",
        target=receiver.url,
        rate="inmediata",
        base_url="https://estadoabierto.example",
    )
    library.add_document(sentencia("30/2026", "La pensión alimenticia del menor."))
    library.add_document(sentencia("31/2026", "Un contrato de arrendamiento."))
    library.flush()
    library.close()
    assert main(["--data-dir", str(tmp_path), "alerts", "deliver"]) == 0
    assert "1 coincidencias entregadas, 0 fallidas" in capsys.readouterr().out
    (request,) = receiver.wait_for(1)
    assert json.loads(request.body)["alert_id"] == made.row.id
    assert main(["--data-dir", str(tmp_path), "alerts", "deliver"]) == 0
    assert "0 coincidencias entregadas" in capsys.readouterr().out
