"""Audit entries written before ``audited_spec`` hid what it hides now kept each spec
version with an institution's credentials readable (header values, query parameters, a
POST body's fields, secrets written into addresses: readable forever, rotated or not). On
open, each such entry's spec is rewritten as ``audited_spec`` writes it now (a data fix, no
schema change) and marked with the version that hid it (``MARK``). The entries still to
fix are found in the database (a ``LIKE`` and the mark): once none is left, an open reads
no entry at all; a new way of hiding is a new ``VERSION``, and the next open applies it."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, bindparam, inspect, text, update

from indexer.db.audited_spec import HIDDEN, MARK, VERSION, audited_detail, audited_spec
from indexer.db.tables import AuditRow

log = logging.getLogger(__name__)

# entries that keep a spec and lack the mark of this version's hiding (``MARK``); an
# entry that is not JSON, or keeps no spec, is never read
_STILL_SHOWN = {
    "sqlite": f"""
        SELECT id, detail FROM audit_log
        WHERE detail LIKE '%"spec"%' AND json_valid(detail)
          AND json_type(detail, '$.spec') IS NOT NULL
          AND json_extract(detail, '$.{MARK}') IS NOT {VERSION}
    """,
    "postgresql": f"""
        SELECT id, detail FROM audit_log
        WHERE CAST(detail AS text) LIKE '%"spec"%'
          AND jsonb_typeof(CAST(detail AS jsonb)) = 'object'
          AND CAST(detail AS jsonb) ? 'spec'
          AND (CAST(detail AS jsonb) -> '{MARK}') IS DISTINCT FROM '{VERSION}'::jsonb
    """,
}


def hide_audited_headers(engine: Engine) -> int:
    """Hide the header and param values every audit entry still shows, in one
    transaction; how many entries were rewritten."""
    query = _STILL_SHOWN.get(engine.dialect.name)
    if query is None:
        return 0
    with engine.begin() as connection:
        if "audit_log" not in inspect(connection).get_table_names():
            return 0
        found = connection.execute(text(query).columns(AuditRow.id, AuditRow.detail)).all()
        fixed, changed = [], 0
        for entry_id, detail in found:
            spec = detail.get("spec") if isinstance(detail, dict) else None
            if isinstance(spec, dict):
                hidden = {**detail, **audited_detail(spec)}
                changed += audited_spec(spec) != spec
            else:  # a malformed entry: nothing to hide, marked so it is not read again
                hidden = {**detail, MARK: VERSION}
            fixed.append({"entry": entry_id, "hidden": hidden})
        if fixed:
            connection.execute(
                update(AuditRow)
                .where(AuditRow.id == bindparam("entry"))
                .values(detail=bindparam("hidden", type_=AuditRow.detail.type)),
                fixed,
            )
    if changed:
        log.warning(
            "registro de cambios: credenciales de sitios (cabeceras, parámetros, cuerpos, "
            "direcciones) cambiadas por «%s» en versiones antiguas de especificaciones: %d",
            HIDDEN,
            changed,
        )
    return changed
