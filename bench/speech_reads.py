"""CPU time of reading speeches from the database as a session's page, a search's hits,
a person's page and the speech index's rebuild read them: one ORM object per row then a
speech made of it, each speaker line read again for its party (as it was), against plain
rows made into speeches, each line's party read once (as it is), asked alternately in
one run, with the answers compared (they must be equal).

Usage: python bench/speech_reads.py [--speeches N] [--rounds N] [--json PATH]

Prints, per read, the median CPU milliseconds (``process_time``) and wall milliseconds
of each, µs per speech and the ratio, and the machine's load; writes JSON (default
``bench/results/speech_reads.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from indexer.db import Database, SpeechRow  # noqa: E402
from indexer.speeches import party_source, store  # noqa: E402
from indexer.speeches.model import Speech, speech_id  # noqa: E402


def _orm(db: Database, stmt: Any) -> list[Speech]:
    """As it was: ORM objects, each validated from its attributes, each line's party read
    anew for every speech (no cache)."""
    cached = party_source._line_party
    party_source._line_party = cached.__wrapped__  # type: ignore[attr-defined]
    try:
        with db.session() as s:
            rows = s.scalars(stmt).all()
            speeches = [Speech.model_validate(row, from_attributes=True) for row in rows]
            return store._speeches(s.connection(), speeches)
    finally:
        party_source._line_party = cached


def _old_reads(session_id: str, person_id: str, ids: list[str]) -> dict[str, Any]:
    t = SpeechRow
    return {
        "página de sesión (500)": lambda db: _orm(
            db,
            select(t)
            .where(t.session_id == session_id, t.procedural.is_(False))
            .order_by(t.order)
            .limit(500),
        ),
        "sesión entera": lambda db: _orm(
            db, select(t).where(t.session_id == session_id).order_by(t.order)
        ),
        "aciertos por id (50)": lambda db: {
            s.id: s for s in _orm(db, select(t).where(t.id.in_(ids)))
        },
        "persona (50)": lambda db: _orm(
            db,
            select(t)
            .where(t.person_id == person_id, t.procedural.is_(False))
            .order_by(t.date.desc(), t.session_id, t.order)
            .limit(50),
        ),
    }


def _new_reads(session_id: str, person_id: str, ids: list[str]) -> dict[str, Any]:
    return {
        "página de sesión (500)": lambda db: store.session_speech_page(
            db, session_id, 0, 500, spoken=True
        ),
        "sesión entera": lambda db: store.session_speeches(db, session_id),
        "aciertos por id (50)": lambda db: store.get_speeches(db, ids),
        "persona (50)": lambda db: store.person_speeches(db, person_id, limit=50),
    }


def _fill(db: Database, count: int) -> tuple[str, str, list[str]]:
    session_id = "sesion-bench"
    speeches = []
    for order in range(1, count + 1):
        person = f"p{order % 40}"
        procedural = order % 9 == 0
        speeches.append(
            Speech(
                id=speech_id(session_id, order),
                session_id=session_id,
                order=order,
                speaker_as_written=None if procedural else f"La diputada Ana Ruiz {order % 40}",
                person_id=None if procedural else person,
                person_name=None if procedural else f"Ana Ruiz {order % 40}",
                role=None if procedural else "legislador",
                party=None if procedural else "PAN",  # the roster's: read back per session
                agenda_index=order // 50,
                agenda_item=f"Punto {order // 50}",
                procedural=procedural,
                text="Con su venia, presidenta. " * 20,
                date=dt.date(2031, 3, 6),
                congress="Cámara de Diputados",
                legislature="LXVI",
                jurisdiction="MX",
                start_s=float(order) if order % 2 else None,
                end_s=float(order) + 0.5 if order % 2 else None,
            )
        )
    store.save_speeches(db, session_id, speeches)
    return session_id, "p7", [s.id for s in speeches[::40][:50]]


def _timed(call: Callable[[Database], Any], db: Database) -> tuple[float, float, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    found = call(db)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--speeches", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", default=str(REPO / "bench/results/speech_reads.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="speech-reads-") as folder:
        db = Database(f"sqlite:///{folder}/abierto.db")
        try:
            session_id, person_id, ids = _fill(db, args.speeches)
            old = _old_reads(session_id, person_id, ids)
            new = _new_reads(session_id, person_id, ids)
            results = []
            print(f"carga: {os.getloadavg()}; {args.speeches} intervenciones, {args.rounds} rondas")
            print("lectura | filas | antes CPU ms | ahora CPU ms | antes µs/fila | ahora µs/fila"
                  " | CPU antes/ahora | pared antes ms | pared ahora ms")  # fmt: skip
            for name in old:
                cpu: dict[str, list[float]] = {"old": [], "new": []}
                wall: dict[str, list[float]] = {"old": [], "new": []}
                rows = 0
                for round_ in range(args.rounds):
                    order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
                    found: dict[str, Any] = {}
                    for which in order:
                        call = old[name] if which == "old" else new[name]
                        spent, waited, found[which] = _timed(call, db)
                        cpu[which].append(spent)
                        wall[which].append(waited)
                    assert found["old"] == found["new"], name  # the same answers
                    rows = len(found["new"])
                med = {k: statistics.median(v) for k, v in cpu.items()}
                walls = {k: statistics.median(v) for k, v in wall.items()}
                row = {
                    "read": name,
                    "rows": rows,
                    "cpu_ms_old": round(med["old"], 2),
                    "cpu_ms_new": round(med["new"], 2),
                    "us_per_row_old": round(med["old"] * 1000 / max(rows, 1), 2),
                    "us_per_row_new": round(med["new"] * 1000 / max(rows, 1), 2),
                    "ratio": round(med["old"] / max(med["new"], 1e-9), 2),
                    "wall_ms_old": round(walls["old"], 2),
                    "wall_ms_new": round(walls["new"], 2),
                }
                results.append(row)
                print(" | ".join(str(v) for v in row.values()))
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(
                json.dumps({"load": os.getloadavg(), "results": results}, indent=1)
            )
        finally:
            db.close()


if __name__ == "__main__":
    main()
