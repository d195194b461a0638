"""``alerts.notice_owed`` (migration 0033): a library made before keeps its suspended
alerts' notices as they were: one already told by e-mail is not told again; one not told
yet (the e-mail failed, or a webhook, never told before) owes its notice; an active alert
owes none. Both backends."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command

from indexer.db import Database
from indexer.db.migrate import alembic_config

ALERT = (
    "insert into alerts (id, owner, query, channel, target, rate, base_url, status, "
    "created_at, failures) values (:id, 'key:k', '{\"q\": \"pensión\"}', :channel, "
    "'https://receptor.example/hook', 'inmediata', 'https://estadoabierto.example', "
    ":status, :t, 0)"
)
NOTICE = (
    "insert into deliveries (alert_id, match_ids, attempted_at, status, cause) "
    "values (:id, '[]', :t, :status, 'aviso')"
)


def test_suspended_alerts_made_before_0033_owe_only_the_notices_never_sent(
    database_url: str,
) -> None:
    now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    engine = sa.create_engine(database_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0032")
        alerts = [
            {"id": "told", "channel": "email", "status": "suspendida", "t": now},
            {"id": "failed", "channel": "email", "status": "suspendida", "t": now},
            {"id": "hook", "channel": "webhook", "status": "suspendida", "t": now},
            {"id": "active", "channel": "webhook", "status": "activa", "t": now},
        ]
        connection.execute(sa.text(ALERT), alerts)
        connection.execute(
            sa.text(NOTICE),
            [{"id": "told", "t": now, "status": "aviso"},
             {"id": "failed", "t": now, "status": "fallida"}],
        )  # fmt: skip
    engine.dispose()
    db = Database(database_url)  # opening brings it to the head
    with db.engine.connect() as connection:
        owed = dict(connection.execute(sa.text("select id, notice_owed from alerts")).all())
    db.close()
    assert owed == {"told": None, "failed": "suspendida", "hook": "suspendida", "active": None}
