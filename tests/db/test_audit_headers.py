"""Audit entries written before the audit log hid an institution's secrets still held
them (an API key in a header or a query parameter, kept forever). New entries hide them,
and opening the database hides them in old ones, on SQLite and PostgreSQL alike: header
and parameter names stay, a parameter that is a template the crawler fills in
(``{page}``, ``{since:%d/%m/%Y}``) stays whole, the live spec keeps what the crawler
sends, a malformed entry does not stop the open, and opening again changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select, text

from config.specs import parse_spec
from indexer.db import Database
from indexer.db.audit_headers import _STILL_SHOWN, hide_audited_headers
from indexer.db.audited_spec import MARK, VERSION
from indexer.db.registry import Caller, Registry, Witness
from indexer.db.tables import AuditRow, SourceRow

SOURCE = "congreso-gto-api-propia"
LEAKED = "clave-vieja-filtrada"
KEPT = {"pagina": "{page}", "desde": "{since:%d/%m/%Y}"}
# a template's fixed text is hidden, its placeholders kept
TEMPLATE = {"q": "fecha:[{since} TO *]"}
TEMPLATE_SHOWN = {"q": "(oculto){since}(oculto)"}
HIDDEN_PARAMS = {"api_key": "(oculto)", "tamano": "(oculto)", **KEPT, **TEMPLATE_SHOWN}


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
        return {row.id: row.detail for row in s.scalars(select(AuditRow).order_by(AuditRow.id))}


def _registry(db: Database) -> tuple[Registry, str, Witness]:
    """The registry with Guanajuato's congress, its key and a witness of its calls."""
    registry = Registry(db)
    registry.add_institution("congreso-gto", "H. Congreso de Guanajuato", "congress", "MX-GUA")
    key_id, _ = registry.issue_key("congreso-gto")
    return registry, key_id, Witness(Caller("congreso-gto", key_id), "127.0.0.1")


def test_old_audit_entries_lose_their_header_values(database_url: str) -> None:
    db = Database(database_url)
    registry, key_id, witness = _registry(db)
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
            if "spec" in detail:
                detail[MARK] = VERSION
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


def _params_spec(token: str) -> dict[str, Any]:
    """The spec sending its key as a query parameter, beside templates."""
    spec = _spec(token)
    spec["json_api"] = {
        "records": "resultados",
        "link": "/documento/{id}",
        "params": {"api_key": token, "tamano": 50, **KEPT, **TEMPLATE},
    }
    return spec


def _params(details: dict[int, dict[str, Any]]) -> list[Any]:
    return [
        d["spec"]["json_api"]["params"]
        for d in details.values()
        if isinstance(d.get("spec"), dict) and isinstance(d["spec"].get("json_api"), dict)
    ]


def test_param_values_are_hidden_in_new_and_old_audit_entries(database_url: str) -> None:
    db = Database(database_url)
    registry, key_id, witness = _registry(db)
    registry.create_source(
        "congreso-gto", parse_spec(_params_spec("clave-1")), set(), witness=witness
    )
    registry.update_source(SOURCE, "congreso-gto", parse_spec(_params_spec("clave-nueva")), witness)
    written = _details(db)
    assert "clave-1" not in json.dumps(written) and "clave-nueva" not in json.dumps(written)
    assert _params(written) == [HIDDEN_PARAMS] * 2
    # entries as the code before the audit log hid param values wrote them, and some an
    # older or broken writer may have left (never a reason for an open to fail)
    now = dt.datetime.now(dt.UTC)
    old = {"institution_id": "congreso-gto", "key_id": key_id, "source_id": SOURCE, "at": now}
    malformed = [
        {"spec": {"json_api": {"params": "texto"}}},
        {"spec": {"json_api": {"params": ["a", 1]}}},
        {"spec": {"json_api": "params"}},
        {"spec": "params"},
        {"params": {"api_key": "fuera-de-la-spec"}},
    ]
    templates_only = _params_spec("x")
    templates_only["json_api"]["params"] = dict(KEPT)
    with db.engine.begin() as connection:
        connection.execute(
            insert(AuditRow),
            [
                {**old, "action": "update", "detail": {"spec": _params_spec(LEAKED)}},
                {**old, "action": "update", "detail": {"spec": templates_only}},
                *({**old, "action": "update", "detail": detail} for detail in malformed),
            ],
        )
    before = _details(db)
    db.close()

    db = Database(database_url)
    try:
        after = _details(db)
        assert LEAKED not in json.dumps(after)
        assert _params(after) == [HIDDEN_PARAMS] * 3 + [KEPT, "texto", ["a", 1]]
        # the rest of each entry is as it was, marked where it keeps a spec
        for entry, detail in before.items():
            if detail.get("spec", {}) == _params_spec(LEAKED):
                detail["spec"]["json_api"]["params"] = HIDDEN_PARAMS
            if "spec" in detail:
                detail[MARK] = VERSION
            assert after[entry] == detail
        with db.session() as s:
            live = s.get(SourceRow, SOURCE)
            assert live is not None
            sent = live.spec["json_api"]["params"]
        assert sent == {"api_key": "clave-nueva", "tamano": 50, **KEPT, **TEMPLATE}
        assert hide_audited_headers(db.engine) == 0
        # and reads none: the entries left (malformed ones too) are not found again
        with db.engine.connect() as connection:
            query = text(_STILL_SHOWN[db.engine.dialect.name])
            assert connection.execute(query).all() == []
    finally:
        db.close()
    db = Database(database_url)
    try:
        assert _details(db) == after
    finally:
        db.close()


def _everywhere_spec(secret: str) -> dict[str, Any]:
    """A spec writing its credentials everywhere a spec can hold one."""
    spec = _spec(secret)
    spec["start_urls"] = [f"https://congreso-gto.example/busqueda?Token={secret}&q=ley"]
    spec["json_api"] = {
        "method": "POST",
        "records": "resultados",
        "link": f"/documento/{{id}}?access_token={secret}&formato=pdf",
        "params": {"auth": f"Bearer {secret}{{page}}"},
        "body": {
            "apiKey": secret,
            "filtro": {"tipo": secret, "desde": "{since:%Y-%m-%d}"},
            "campos": [secret, "{page}"],
        },
        "detail": {"url": f"https://congreso-gto.example/doc/{{id}}?api_key={secret}"},
    }
    return spec


def test_secrets_anywhere_in_a_spec_are_hidden_in_new_and_old_entries(
    database_url: str,
) -> None:
    """A POST body's values, a template's fixed text and secret-named query values in
    addresses are credentials as much as a header is; the live spec keeps them."""
    db = Database(database_url)
    registry, key_id, witness = _registry(db)
    registry.create_source(
        "congreso-gto", parse_spec(_everywhere_spec("clave-nueva")), set(), witness=witness
    )
    now = dt.datetime.now(dt.UTC)
    old = {"institution_id": "congreso-gto", "key_id": key_id, "source_id": SOURCE, "at": now}
    with db.engine.begin() as connection:
        connection.execute(
            insert(AuditRow),
            [{**old, "action": "update", "detail": {"spec": _everywhere_spec(LEAKED)}}],
        )
    db.close()

    db = Database(database_url)
    try:
        details = list(_details(db).values())
        assert "clave-nueva" not in json.dumps(details) and LEAKED not in json.dumps(details)
        for detail in details:
            spec = detail["spec"]
            assert spec["start_urls"] == [
                "https://congreso-gto.example/busqueda?Token=(oculto)&q=ley"
            ]
            block = spec["json_api"]
            assert block["link"] == "/documento/{id}?access_token=(oculto)&formato=pdf"
            assert block["params"] == {"auth": "(oculto){page}"}
            assert block["body"] == {
                "apiKey": "(oculto)",
                "filtro": {"tipo": "(oculto)", "desde": "{since:%Y-%m-%d}"},
                "campos": ["(oculto)", "{page}"],
            }
            assert (
                block["detail"]["url"] == "https://congreso-gto.example/doc/{id}?api_key=(oculto)"
            )
            assert spec["id"] == SOURCE and spec["json_api"]["records"] == "resultados"
        with db.session() as s:
            live = s.get(SourceRow, SOURCE)
            assert live is not None
            assert live.spec["json_api"]["body"]["apiKey"] == "clave-nueva"
        assert hide_audited_headers(db.engine) == 0
    finally:
        db.close()
