"""Audit entries written before ``audited_spec`` kept each spec version whole, header
values and query parameters included (an institution's API keys, readable forever, rotated
or not). On open, each such entry's spec is rewritten as ``audited_spec`` writes it now (a
data fix, no schema change). The entries still to fix are found in the database (a
``LIKE`` and a look at the header and parameter values): once none is left, an open reads
no entry at all."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, bindparam, inspect, text, update

from indexer.db.audited_spec import HIDDEN, audited_spec
from indexer.db.tables import AuditRow

log = logging.getLogger(__name__)

# entries whose spec has a header value other than HIDDEN, or a param value that is
# neither HIDDEN nor a template (``is_template``: a "{" before a "}", LIKE '%{%}%');
# ``json_each`` of a missing path is empty, and a param is only looked into in an object
# (on PostgreSQL, anything else raises)
_HEADERS = "detail, '$.spec.json_api.headers'"
_PARAMS = "detail, '$.spec.json_api.params'"
_PG_PARAMS = "CAST(detail AS jsonb) #> '{spec,json_api,params}'"
_STILL_SHOWN = {
    "sqlite": f"""
        SELECT id, detail FROM audit_log
        WHERE (detail LIKE '%"headers"%' AND json_valid(detail)
               AND EXISTS (SELECT 1 FROM json_each({_HEADERS}) WHERE value IS NOT :hidden))
           OR (detail LIKE '%"params"%'
               AND CASE WHEN json_valid(detail) AND json_type({_PARAMS}) = 'object'
                        THEN EXISTS (
                            SELECT 1 FROM json_each({_PARAMS})
                            WHERE NOT (type = 'text'
                                       AND (value = :hidden OR value LIKE '%{{%}}%')))
                        ELSE 0 END)
    """,
    "postgresql": f"""
        SELECT id, detail FROM audit_log
        WHERE (CAST(detail AS text) LIKE '%"headers"%'
          AND CASE WHEN jsonb_typeof(CAST(detail AS jsonb) #> '{{spec,json_api,headers}}')
                        = 'object'
                   THEN EXISTS (
                       SELECT 1
                       FROM jsonb_each_text(CAST(detail AS jsonb) #> '{{spec,json_api,headers}}')
                       WHERE value IS DISTINCT FROM :hidden)
                   ELSE false END)
           OR (CAST(detail AS text) LIKE '%"params"%'
          AND CASE WHEN jsonb_typeof({_PG_PARAMS}) = 'object'
                   THEN EXISTS (
                       SELECT 1 FROM jsonb_each({_PG_PARAMS}) AS param
                       WHERE NOT (jsonb_typeof(param.value) = 'string'
                                  AND (param.value #>> '{{}}' = :hidden
                                       OR param.value #>> '{{}}' LIKE '%{{%}}%')))
                   ELSE false END)
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
        found = connection.execute(
            text(query).columns(AuditRow.id, AuditRow.detail), {"hidden": HIDDEN}
        ).all()
        fixed = []
        for entry_id, detail in found:
            spec = detail.get("spec") if isinstance(detail, dict) else None
            hidden = audited_spec(spec) if isinstance(spec, dict) else spec
            if hidden != spec:
                fixed.append({"entry": entry_id, "hidden": {**detail, "spec": hidden}})
        if fixed:
            connection.execute(
                update(AuditRow)
                .where(AuditRow.id == bindparam("entry"))
                .values(detail=bindparam("hidden", type_=AuditRow.detail.type)),
                fixed,
            )
    if fixed:
        log.warning(
            "registro de cambios: valores de cabeceras y de parámetros de consulta (claves de "
            "API) cambiados por «%s» en versiones antiguas de especificaciones: %d",
            HIDDEN,
            len(fixed),
        )
    return len(fixed)
