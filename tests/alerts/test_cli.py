"""``abierto alerts deliver``: one pass for cron delivers what the index matched."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import update

from cli.main import main
from config.settings import Settings
from indexer.alerts import AlertBook, saved_query
from indexer.alerts.links import links_key
from indexer.db.alert_tables import AlertRow
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


def test_one_pass_removes_and_counts_the_alerts_left_unconfirmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("ABIERTO_ALERT_PENDING_DAYS", "7")
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    book = AlertBook(library.db, links_key(tmp_path))
    made = [
        book.create(
            owner=f"email:{who}@example.org",
            key_id=None,
            query=saved_query(SearchQuery(q="amparo")),
            channel="email",
            target=f"{who}@example.org",
            rate="diaria",
            base_url="https://estadoabierto.example",
        ).row.id
        for who in ("ana", "luis", "eva")
    ]
    sent = dt.datetime.now(dt.UTC) - dt.timedelta(days=7, minutes=1)
    with library.db.session() as s, s.begin():
        s.execute(update(AlertRow).where(AlertRow.id != made[2]).values(confirm_sent_at=sent))
    library.close()
    assert main(["--data-dir", str(tmp_path), "alerts", "deliver"]) == 0
    assert "2 sin confirmar borradas (pasados 7 días)" in capsys.readouterr().out
    library = Library.open(Settings(data_dir=tmp_path), writer=True)
    with library.db.session() as s:
        assert [row.id for row in s.query(AlertRow)] == [made[2]]
    library.close()
