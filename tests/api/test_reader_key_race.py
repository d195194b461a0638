"""Reader-key requests racing on two API processes stop at the hourly budget: per client
address (no more than ``per_hour`` e-mails sent for one address's requests) and per
e-mail address (no inbox gets more than ``per_hour`` confirmations)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient

from indexer.library import Library
from tests.api.test_reader_keys import app_client, library, mailing  # noqa: F401
from tests.services.smtp import Inbox

PER_HOUR = 2
RACERS = 12


def _race(clients: list[TestClient], bodies: list[dict[str, str]]) -> list[int]:
    start = threading.Barrier(len(bodies))
    statuses: list[int] = []

    def ask(n: int) -> None:
        start.wait()
        statuses.append(
            clients[n % len(clients)].post("/v1/reader-keys", json=bodies[n]).status_code
        )

    racers = [threading.Thread(target=ask, args=(n,)) for n in range(len(bodies))]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    return sorted(statuses)


def test_racing_requests_stay_within_the_hourly_budgets(
    library: Library,  # noqa: F811
    tmp_path: Path,
    smtp_server: Inbox,
) -> None:
    settings = mailing(tmp_path, smtp_server, reader_key_requests_per_hour=PER_HOUR)
    one_address = [app_client(library, settings, address="203.0.113.30") for _ in range(2)]
    bodies = [{"email": f"lector{n}@example.org", "name": f"Lector {n}"} for n in range(RACERS)]
    assert _race(one_address, bodies) == [202] * PER_HOUR + [429] * (RACERS - PER_HOUR)

    # from as many addresses, for one inbox: the same answer to each, two e-mails in all
    many = [app_client(library, settings, address=f"198.51.100.{n}") for n in range(RACERS)]
    eva = [{"email": "eva@example.org", "name": "Eva"}] * RACERS
    assert _race(many, eva) == [202] * RACERS
    assert len(smtp_server.wait_for(2 * PER_HOUR)) == 2 * PER_HOUR
    time.sleep(1)  # an e-mail too many would have arrived by now
    assert len(smtp_server.to("eva@example.org")) == PER_HOUR
    assert len(smtp_server.messages) == 2 * PER_HOUR
