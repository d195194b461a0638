"""An answer about another institution's source takes the time of an answer about no
source. The note of a refused attempt was written after the answer already, but whether
to write it (at most so many a minute for each key) was decided inside the request, by
spending a budget kept in the database (a ``rate_limits`` row, one write transaction):
only an existing id's 404 made that write. Measured under load it was 2 ms of 10 more
for every route (GET, runs, audit, pause, delete), and with that row held by another
transaction (a second API process spending the same key's budget, a vacuum) the 404
about an existing id waited while an unknown id's came at once. The budget is now spent
by the thread that writes the notes, and the notes still reach the owner's audit log.
(The budget waits at most a second for its row, then is decided by the process alone
for a while: the first answer about an existing id took that second more.)

PostgreSQL, where the row can be held alone (SQLite locks the whole database, and every
request writes its own read budget: both answers would wait)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tests.adversarial.test_tenancy import _service, session_spec
from tests.services.postgres import PostgresServer

SOURCE = "congreso-qro-sesiones"
UNKNOWN = "congreso-qro-ningunas"  # as long as SOURCE: the answers are the same size
ANSWER_BOUND_S = 20  # far longer than an answer takes
# the old code waited for the held row until the budget's lock timeout (1 s), then spent
# a budget of this process's own for a while; an answer takes milliseconds
SLOWER_BY_S = 0.5


def test_a_held_notes_budget_delays_no_answer_about_anothers_source(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    url = postgres.create_database(f"presupuesto_{os.getpid()}")
    two = _service(tmp_path / "data", database_url=url)
    spec = session_spec("http://127.0.0.1:9", SOURCE)
    try:
        assert two.api.post("/v1/sources", json=spec, headers=two.a).status_code == 201
        # one refused attempt first: the key's budget of notes has its row
        assert two.api.get(f"/v1/sources/{SOURCE}", headers=two.b).status_code == 404
        two.api.app.state.refusal_log.settle()
        asked = [
            ("GET", f"/v1/sources/{SOURCE}"),
            ("GET", f"/v1/sources/{UNKNOWN}"),
            ("GET", f"/v1/sources/{SOURCE}/runs"),
            ("GET", f"/v1/sources/{UNKNOWN}/runs"),
            ("POST", f"/v1/sources/{SOURCE}/pause"),
            ("POST", f"/v1/sources/{UNKNOWN}/pause"),
        ]
        answers: list[httpx.Response] = []
        took: list[float] = []

        def ask() -> None:
            for method, path in asked:
                started = time.monotonic()
                answers.append(two.api.request(method, path, headers=two.b))
                took.append(time.monotonic() - started)

        holder = create_engine(url)
        asking = threading.Thread(target=ask, daemon=True)
        with holder.connect() as busy:
            held = busy.execute(
                text(
                    "SELECT bucket FROM rate_limits WHERE bucket LIKE 'refusal-notes:%' FOR UPDATE"
                )
            ).all()
            assert held, "the notes' budget has no row"
            asking.start()
            asking.join(ANSWER_BOUND_S)
            answered_while_held = len(answers)
            busy.rollback()
        asking.join(ANSWER_BOUND_S)
        holder.dispose()
        assert answered_while_held == len(asked), [a.request.url.path for a in answers]
        slowest_unknown = max(took[1::2])
        assert max(took[::2]) < slowest_unknown + SLOWER_BY_S, took
        for existing, unknown in zip(answers[::2], answers[1::2], strict=True):
            assert existing.status_code == unknown.status_code == 404
            assert existing.content.replace(SOURCE.encode(), b"?") == unknown.content.replace(
                UNKNOWN.encode(), b"?"
            )
        two.api.app.state.refusal_log.settle()
        audit = two.api.get(f"/v1/sources/{SOURCE}/audit", headers=two.a).json()
        refused = {e["action"] for e in audit["entries"] if e["institution_id"] == "tsj-qro"}
        assert refused == {"refused_read", "refused_pause"}
    finally:
        two.library.close()
