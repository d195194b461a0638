"""Audit entries written before the audit log hid header values still held them (an
institution's API key, kept forever). Opening the database hides them, on SQLite and
PostgreSQL alike: the header names stay, the live spec keeps what the crawler sends, and
opening again changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.audit_headers import hide_audited_headers
from indexer.db.registry import Caller, Registry, Witness
from indexer.db.tables import AuditRow, SourceRow

SOURCE = "congreso-gto-api-propia"
LEAKED = "clave-vieja-filtrada"


def _spec(token: str) -> dict[str, Any]:
    return {
        "id": SOURCE,
        "kind": "legislativo",
        "institution": "H. Congreso de Guanajuato",
        "jurisdiction": "MX-GUA",
        "shape": "json_api",
        "start_urls": ["https://congreso-gto.example/busqueda"],
        "json_api": {
            "records": "resultados",
            "link": "/documento/{id}",
            "headers": {"X-Api-Key": token, "Accept-Language": "es-MX"},
        },
    }


def _details(db: Database) -> dict[int, dict[str, Any]]:
    with db.session() as s:
        return {row.id: row.detail for row in s.scalars(select(AuditRow))}


def test_old_audit_entries_lose_their_header_values(database_url: str) -> None:
    db = Database(database_url)
    registry = Registry(db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    key_id, _ = registry.issue_key("congreso-gto")
    witness = Witness(Caller("congreso-gto", key_id), "127.0.0.1")
    registry.create_source("congreso-gto", parse_spec(_spec("clave-nueva")), set(), witness=witness)
    # entries as the code before the audit log hid header values wrote them
    now = dt.datetime.now(dt.UTC)
    old = {"institution_id": "congreso-gto", "key_id": key_id, "source_id": SOURCE, "at": now}
    untouched = {"pages": 2, "note": 'los "headers" no se muestran'}
    no_headers = {k: v for k, v in _spec("x").items() if k != "json_api"}
    with db.engine.begin() as connection:
        connection.execute(
            insert(AuditRow),
            [
                {**old, "action": "update", "detail": {"spec": _spec(LEAKED)}},
                {**old, "action": "preview", "detail": untouched},
                {**old, "action": "update", "detail": {"spec": no_headers}},
            ],
        )
    before = _details(db)
    db.close()

    db = Database(database_url)
    try:
        after = _details(db)
        assert LEAKED not in json.dumps(after) and "es-MX" not in json.dumps(after)
        headers = [
            d["spec"]["json_api"]["headers"]
            for d in after.values()
            if "json_api" in d.get("spec", {})
        ]
        assert headers == [{"X-Api-Key": "(oculto)", "Accept-Language": "(oculto)"}] * 2
        # the rest of each entry is as it was
        for entry, detail in before.items():
            spec = detail.get("spec", {})
            if "json_api" in spec:
                spec["json_api"]["headers"] = dict.fromkeys(spec["json_api"]["headers"], "(oculto)")
            assert after[entry] == detail
        with db.session() as s:
            live = s.get(SourceRow, SOURCE)
            assert live is not None
            sent = live.spec["json_api"]["headers"]
        assert sent == {"X-Api-Key": "clave-nueva", "Accept-Language": "es-MX"}
        assert hide_audited_headers(db.engine) == 0
    finally:
        db.close()
    db = Database(database_url)
    try:
        assert _details(db) == after
    finally:
        db.close()
