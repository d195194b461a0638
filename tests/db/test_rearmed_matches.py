"""``alert_matches.rearmed_at`` (migration 0020): a library made before keeps every match,
delivered or waiting, as a match of a new document (nothing said it changed); the
revision goes back and forth without losing a row or a number."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from indexer.alerts.book import AlertBook
from indexer.db import Database
from indexer.db.migrate import alembic_config
from indexer.db.tables import Base

ALERT = (
    "insert into alerts (id, owner, query, channel, target, rate, base_url, status, "
    "created_at, failures) values ('a1', 'key:k', '{\"q\": \"pensión\"}', 'webhook', "
    "'https://receptor.example/hook', 'inmediata', 'https://estadoabierto.example', "
    "'activa', :t, 0)"
)
MATCH = (
    "insert into alert_matches (id, alert_id, document_id, matched_at, delivered_at) "
    "values (:id, 'a1', :doc, :t, :delivered)"
)
ROWS = "select id, document_id, delivered_at is not null from alert_matches order by id"


def _at(database_url: str, revision: str) -> None:
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_matches_made_before_0020_are_kept_as_new_ones_both_ways(database_url: str) -> None:
    now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0019")
        connection.execute(sa.text(ALERT), {"t": now})
        connection.execute(
            sa.text(MATCH),
            [{"id": 7, "doc": "enviado", "t": now, "delivered": now},
             {"id": 9, "doc": "en-espera", "t": now, "delivered": None}],
        )  # fmt: skip
    engine.dispose()
    db = Database(database_url)  # opening brings it to the head
    with db.engine.connect() as connection:
        before = connection.execute(sa.text(ROWS)).all()
        rearmed = connection.execute(sa.text("select rearmed_at from alert_matches")).all()
    (waiting,) = AlertBook(db).pending_for(["a1"], 10)["a1"]
    db.close()
    assert [tuple(row) for row in before] == [(7, "enviado", True), (9, "en-espera", False)]
    assert rearmed == [(None,), (None,)]
    assert (waiting.id, waiting.document_id, waiting.changed) == (9, "en-espera", False)
    _at(database_url, "0019")
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        assert [tuple(row) for row in connection.execute(sa.text(ROWS))] == [
            tuple(row) for row in before
        ]
        assert "rearmed_at" not in {c["name"] for c in sa.inspect(connection).get_columns(
            "alert_matches")}  # fmt: skip
    engine.dispose()
    Database(database_url).close()  # and forward again, to exactly the declared schema
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
