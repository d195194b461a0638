"""``documents.never_published`` (migration 0029): a library made before keeps its
withheld documents' saves out of the Atom feed's ``Last-Modified`` where it can know
they were never published (withheld and never saved again since they arrived), and
counts the others withheld now as once published (they may have been, between their
saves: a cache must learn they were withdrawn). SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command

from indexer.db import Database
from indexer.db.migrate import alembic_config
from indexer.models import PrivacyFinding, PrivacyReport
from tests.api.conftest import federal_sentencia
from tests.db.old_rows import write_old_documents

ARRIVED = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
SAID = "{} promovió el juicio por la concesión minera del cerro de San Pedro."


def test_a_library_at_0028_knows_which_withheld_documents_were_never_seen(
    database_url: str,
) -> None:
    finding = PrivacyFinding(kind="nombre", field="text", start=0, end=15)
    held = PrivacyReport(policy="withhold", findings=[finding])
    released = PrivacyReport(policy="withhold", findings=[finding], reviewed=True)
    docs = [
        federal_sentencia("llegada", SAID.format("Juan Pérez")).model_copy(
            update={"privacy": held}
        ),
        federal_sentencia("resguardada", SAID.format("Ana Ruiz")).model_copy(
            update={"privacy": held}
        ),
        federal_sentencia("liberada", SAID.format("Eva Sol")).model_copy(
            update={"privacy": released}
        ),
        federal_sentencia("publica", SAID.format("La empresa")),
    ]
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0028")
        write_old_documents(connection, docs)
        connection.execute(sa.text("update documents set created_at = :t, updated_at = :t"),
                           {"t": ARRIVED})  # fmt: skip
        # withheld now, saved again since: it may have been published in between
        connection.execute(
            sa.text("update documents set updated_at = :t where id = 'resguardada'"),
            {"t": ARRIVED + dt.timedelta(days=30)},
        )
    engine.dispose()

    db = Database(database_url)
    try:
        with db.engine.connect() as connection:
            found = dict(
                connection.execute(sa.text("select id, never_published from documents")).all()
            )
        assert {k: bool(v) for k, v in found.items()} == {
            "llegada": True, "resguardada": False, "liberada": False, "publica": False
        }  # fmt: skip
        # the withheld one saved again counts as a withdrawal the feed must tell
        assert db.last_visible_save() == ARRIVED + dt.timedelta(days=30)
        with db.engine.begin() as connection:
            connection.execute(
                sa.text("update documents set updated_at = :t where id = 'llegada'"),
                {"t": ARRIVED + dt.timedelta(days=60)},
            )
        assert db.last_visible_save() == ARRIVED + dt.timedelta(days=30)
    finally:
        db.close()
