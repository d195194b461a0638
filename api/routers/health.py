"""``GET /healthz``: is the database answering, is the search store answering. Anyone
may ask: a failure is named by its kind, its text is logged (``_describe``)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Response

from api.deps import LibraryDep
from api.schemas import HealthResponse

log = logging.getLogger(__name__)
NOT_ANSWERING = " no responde: "  # what ``retry.not_answering`` puts before the engine's words
router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, responses={503: {"model": HealthResponse}})
def healthz(library: LibraryDep, response: Response) -> HealthResponse:
    """200 when every part answers; 503 (same body, ``ok: false`` on the failing part)."""
    database: dict[str, Any]
    store: dict[str, Any]
    try:
        # the published ones: how many are withheld for personal data is nobody's to learn
        # by subtracting (read through their partial index: a few rows)
        withheld = library.db.count_withheld()
        database = {"ok": True, "documents": library.db.count_documents() - withheld}
        database |= _old_texts(library.db)
    except Exception as exc:  # a probe reports every failure, it never raises
        database = {"ok": False, "error": _describe(exc)}
    try:
        store = {"ok": True, **library.store.health()}
        if store.get("ok"):
            store = _with_speeches(store, library.speech_index)
    except Exception as exc:
        store = {"ok": False, "error": _describe(exc)}
    store = _without_engine_words(store)
    healthy = bool(database.get("ok")) and bool(store.get("ok"))
    response.status_code = 200 if healthy else 503
    return HealthResponse(
        status="ok" if healthy else "error",
        mensaje=_mensaje(bool(database.get("ok")), bool(store.get("ok"))),
        database=database,
        store=store,
    )


def _with_speeches(store: dict[str, Any], speech_index: object) -> dict[str, Any]:
    """The store's state with the speech index's beside it (an engine's speech index
    is versioned apart from the documents'): one this code cannot read fails the store
    as the documents' would; an older one adds its notice to theirs."""
    health = getattr(speech_index, "health", None)
    said: dict[str, Any] = health() if health is not None else {}
    if "error" in said:
        return {**store, "ok": False, "error": said["error"]}
    if "aviso" in said:
        notices = [n for n in (store.get("aviso"), said["aviso"]) if n]
        return {**store, "aviso": "; ".join(notices)}
    return store


def _old_texts(db: Any) -> dict[str, Any]:
    """Files whose stored text an older extractor wrote (``files.extractor``), documents
    whose fields older readers read (``documents.readers``), and what an operator does
    about them; nothing when there are none. A probe that counts through two indexes,
    never reading a text: the documents made of those files are counted by
    ``abierto reextract --contar``."""
    from indexer.reextract import COMMAND, REREAD_COMMAND, stale_files, stale_readings
    from indexer.speeches.store import stale_sessions

    files, readings, sessions = stale_files(db), stale_readings(db), stale_sessions(db)
    found: dict[str, Any] = {}
    said = []
    if files:
        found["old_texts"] = files
        said.append(
            f"{files} archivos tienen texto de una versión anterior del extractor: "
            f"ejecute `{COMMAND}` (cuántos documentos: `{COMMAND} --contar`)"
        )
    if readings:
        found["old_readings"] = readings
        said.append(
            f"{readings} documentos fueron leídos por una versión anterior de los lectores "
            f"(tribunal, expediente, fechas…): ejecute `{REREAD_COMMAND}`"
        )
    if sessions:
        found["old_speeches"] = sessions
        said.append(
            f"las intervenciones de {sessions} sesiones las separó una versión anterior del "
            f"lector de intervenciones (quién habló y qué dijo): ejecute `{REREAD_COMMAND}`"
        )
    if said:
        found["aviso"] = "; ".join(said)
    return found


def _mensaje(database: bool, store: bool) -> str:
    """What a person reads: which part does not answer, in Spanish."""
    failing = [
        name
        for name, ok in (("la base de datos", database), ("el índice de búsqueda", store))
        if not ok
    ]
    if not failing:
        return "la base de datos y el índice de búsqueda responden"
    return f"no responde{'n' if len(failing) > 1 else ''} {' ni '.join(failing)}"


def _without_engine_words(store: dict[str, Any]) -> dict[str, Any]:
    """A search engine that does not answer is said in Spanish followed by its client's
    own words (``retry.not_answering``), which name the engine's host and port: those
    are logged, the Spanish is shown."""
    error = store.get("error")
    if not isinstance(error, str) or NOT_ANSWERING not in error:
        return store
    log.warning("healthz: %s", error)
    return store | {"error": error.partition(NOT_ANSWERING)[0] + NOT_ANSWERING.rstrip(": ")}


def _describe(exc: Exception) -> str:
    """The kind of failure, for anyone who asks; its text (which names the database
    server's address, port, database and user, or the index's folder) goes to the log,
    for the operator."""
    log.warning("healthz: %s: %s", type(exc).__name__, exc)
    return type(exc).__name__
