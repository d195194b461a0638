"""Source ids the system writes under itself, which no institution's source may take:
``abierto index PATH`` files local documents under ``local``. A registered source (or an
identity scope) of that name would mix its documents, runs and audit log with the
operator's; the registry's history only protects such a name once it has been used."""

from __future__ import annotations

LOCAL_SOURCE = "local"
INTERNAL_SOURCE_IDS = frozenset({LOCAL_SOURCE})
