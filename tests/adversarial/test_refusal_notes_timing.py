"""Another institution's source id must be answered as an unknown one is, in time too.
A refused attempt on an existing source is noted in that source's audit log; written
inside the request, that note made the 404 for an existing id wait for a database write
(a commit, or whoever holds the audit table) that the 404 for an unknown id never made:
with the audit table busy, asking for another's id hung while an unknown id was answered
at once, so the time of an answer told which ids exist. Now the note is written after
the answer, and still reaches the owner's audit log."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tests.adversarial.test_tenancy import _loc, _service, session_spec
from tests.services.postgres import PostgresServer

SOURCE = "congreso-qro-sesiones"
ANSWER_BOUND_S = 60  # far longer than an answer takes; the old code waited without end


def test_answers_about_anothers_source_wait_for_no_write(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    url = postgres.create_database(f"notas_{os.getpid()}")
    two = _service(tmp_path / "data", database_url=url)
    spec = session_spec("http://127.0.0.1:9", SOURCE)
    try:
        assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
        asked = [
            ("GET", f"/v1/sources/{SOURCE}", None),
            ("GET", "/v1/sources/congreso-qro-nadie", None),
            ("POST", f"/v1/sources/{SOURCE}/pause", None),
            ("POST", "/v1/sources/congreso-qro-nadie/pause", None),
            ("POST", "/v1/sources", spec),
            ("POST", "/v1/sources", spec | {"id": "congreso-qro-nadie"}),
        ]
        answers: list[httpx.Response] = []

        def ask() -> None:
            for method, path, body in asked:
                answers.append(two.api.request(method, path, json=body, headers=two.b))

        holder = create_engine(url)
        asking = threading.Thread(target=ask, daemon=True)
        with holder.connect() as busy:
            # another writer holds the audit log (a long transaction, a backup's lock):
            # reads of it go on, writes to it wait
            busy.execute(text("LOCK TABLE audit_log IN EXCLUSIVE MODE"))
            asking.start()
            asking.join(ANSWER_BOUND_S)
            answered_while_busy = len(answers)
            busy.rollback()
        asking.join(ANSWER_BOUND_S)
        holder.dispose()
        assert answered_while_busy == len(asked), answers
        existing, unknown = answers[0], answers[1]
        assert existing.status_code == unknown.status_code == 404
        assert existing.json()["mensaje"].replace(SOURCE, "?") == unknown.json()["mensaje"].replace(
            "congreso-qro-nadie", "?"
        )
        assert answers[2].status_code == answers[3].status_code == 404
        assert _loc(answers[4]) == _loc(answers[5]) == [("body", "id")]
        assert answers[4].json() == answers[5].json()
        audit = two.api.get(f"/v1/sources/{SOURCE}/audit", headers=two.a).json()
        refused = {e["action"] for e in audit["entries"] if e["institution_id"] == "tsj-qro"}
        assert refused == {"refused_read", "refused_pause", "refused_create"}
    finally:
        two.library.close()
