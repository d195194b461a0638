"""Benchmark alerts end to end: ``--alerts`` webhook alerts registered (a mix of words,
phrases, prefixes, operators, filters and dates), then ``--docs`` documents committed in
a stream (``--rate`` per second) the way a crawl saves them (indexed at its flushes,
every ``SAVE_SECONDS``), while the delivery loop runs as in ``abierto worker`` and a
webhook receiver on 127.0.0.1 notes when each match arrives.

Prints, per delivered match, the time from the document's commit (saved in the database)
to its receipt (p50, p95, max; goal: p95 ≤ 60 s), the cost of matching per new document,
and the load average; writes JSON (default ``bench/results/alerts.json``).

Usage: python bench/alerts.py [--alerts N] [--docs N] [--rate R] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

import sqlalchemy as sa  # noqa: E402

from config.settings import Settings  # noqa: E402
from crawlers.alerts.delivery import Deliverer  # noqa: E402
from crawlers.pipelines import SAVE_SECONDS  # noqa: E402
from indexer.alerts import AlertBook, saved_query  # noqa: E402
from indexer.alerts.links import links_key  # noqa: E402
from indexer.library import Library  # noqa: E402
from indexer.models import Sentencia, document_id  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

# Words of sentences, common first: documents draw from all, alerts from the telling ones.
COMMON = [
    "el",
    "la",
    "de",
    "que",
    "en",
    "los",
    "las",
    "del",
    "por",
    "con",
    "se",
    "una",
    "para",
    "sentencia",
    "juicio",
    "parte",
    "tribunal",
    "resolución",
    "artículo",
    "fracción",
    "ley",
    "código",
    "derecho",
    "autoridad",
    "acto",
    "demanda",
    "recurso",
]
TELLING = [
    "pensión",
    "alimenticia",
    "divorcio",
    "custodia",
    "guarda",
    "menor",
    "adopción",
    "patria",
    "potestad",
    "violencia",
    "familiar",
    "arrendamiento",
    "desahucio",
    "hipoteca",
    "pagaré",
    "mercantil",
    "quiebra",
    "concurso",
    "despido",
    "laboral",
    "salario",
    "indemnización",
    "reinstalación",
    "amparo",
    "suspensión",
    "homicidio",
    "robo",
    "fraude",
    "extorsión",
    "secuestro",
    "narcomenudeo",
    "feminicidio",
    "lesiones",
    "peculado",
    "cohecho",
    "contrato",
    "compraventa",
    "usucapión",
    "prescripción",
    "nulidad",
    "predial",
    "agua",
    "ambiental",
    "minería",
    "concesión",
    "licitación",
    "transparencia",
    "datos",
    "personales",
    "elección",
    "candidatura",
    "partido",
    "coalición",
    "propaganda",
    "fiscalización",
    "presupuesto",
    "deuda",
    "pública",
    "municipio",
    "ayuntamiento",
    "congreso",
    "iniciativa",
    "reforma",
    "constitucional",
    "tortura",
    "desaparición",
    "migrante",
    "indígena",
    "consulta",
    "discriminación",
    "salud",
    "medicamento",
    "escuela",
    "docente",
    "universidad",
    "pensión",
    "jubilación",
    "seguro",
    "social",
    "vivienda",
    "crédito",
]
GIVEN = [
    "María",
    "José",
    "Juan",
    "Guadalupe",
    "Francisco",
    "Alejandra",
    "Luis",
    "Rosa",
    "Carlos",
    "Verónica",
    "Jorge",
    "Patricia",
    "Miguel",
    "Leticia",
    "Arturo",
    "Sofía",
]
SURNAMES = [
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
]
MATTERS = ["familiar", "civil", "penal", "mercantil", "laboral", "administrativa", "amparo"]
PLACES = ["MX-GUA", "MX-JAL", "MX-CMX", "MX-NLE", "MX-YUC"]


def vocabulary() -> list[str]:
    """The words alerts ask for: the telling words above and the Spanish words of
    ``bench/palabras.txt`` (longer than four letters, not the common ones)."""
    listed = (REPO / "bench/palabras.txt").read_text(encoding="utf-8").split("\n")
    words = [w.strip() for w in listed if w.strip() and not w.startswith("#")]
    extra = [w for w in words if len(w) > 4 and w not in COMMON]
    return list(dict.fromkeys([*TELLING, *extra]))


def alert_query(rng: random.Random, words: list[str]) -> SearchQuery:
    """One journalist's search: a person's name, words, phrases, proximity, prefixes and
    operators, some filtered by matter or state, a few dated."""
    word = lambda: rng.choice(words)  # noqa: E731
    roll = rng.random()
    filters: dict[str, list[str]] = {}
    date_from = None
    if roll < 0.30:  # a person: a judge, a party, an official
        q = f'"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"'
    elif roll < 0.38:
        q = word()
    elif roll < 0.58:
        q = f"{word()} {word()}"
    elif roll < 0.70:
        q = f'"{word()} {word()}"'
    elif roll < 0.76:
        q = f'"{word()} {word()}"~3'
    elif roll < 0.79:
        q = f"{word()[:6]}*"
    elif roll < 0.83:
        q = f"{word()} OR {word()}"
    elif roll < 0.86:
        q = f"{word()} NOT {word()}"
    elif roll < 0.95:
        q = word()
        filters["matter"] = [rng.choice(MATTERS)]
    else:
        q = ""
        filters["matter"] = [rng.choice(MATTERS)]
        filters["jurisdiction"] = [rng.choice(PLACES)]
    if rng.random() < 0.1:
        filters["jurisdiction"] = [rng.choice(PLACES)]
    if rng.random() < 0.1:
        date_from = dt.date(2026, 1, 1)
    return SearchQuery(q=q, filters=filters, date_from=date_from)


def document(n: int, rng: random.Random, words: list[str]) -> Sentencia:
    """A sentence of about 6,000 characters: common words, ten telling ones, two names."""
    text = [rng.choice(COMMON) for _ in range(800)]
    for _ in range(10):
        text.insert(rng.randrange(len(text)), rng.choice(words))
    for _ in range(2):  # the people it names
        text.insert(rng.randrange(len(text)), f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}")
    url = f"https://poderjudicial.example/bench/{n}"
    return Sentencia(
        id=document_id("bench", url),
        title=f"Toca {n}/2026: {rng.choice(words)}",
        date=dt.date(2026, 1, 1) + dt.timedelta(days=n % 330),
        institution="Poder Judicial del Estado",
        jurisdiction=rng.choice(PLACES),
        source_id="bench",
        url=url,
        text=" ".join(text),
        court="Primera Sala",
        matter=rng.choice(MATTERS),
    )


def receiver(arrivals: dict[int, float], lock: threading.Lock) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            now = time.time()
            match = json.loads(body)["match_id"]
            with lock:
                arrivals.setdefault(match, now)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--rate", type=float, default=0.5, help="documents committed per second")
    parser.add_argument("--drain", type=float, default=180.0, help="seconds to wait at the end")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/alerts.json")
    args = parser.parse_args()
    rng = random.Random(20261201)
    words = vocabulary()
    load_before = os.getloadavg()
    arrivals: dict[int, float] = {}
    lock = threading.Lock()
    server = receiver(arrivals, lock)
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), allow_loopback=True, alert_poll_s=1.0)
        library = Library.open(settings, writer=True)
        book = AlertBook(library.db, links_key(settings.data_dir))
        started = time.perf_counter()
        for _ in range(args.alerts):
            book.create(
                owner="institution:bench",
                key_id=None,
                query=saved_query(alert_query(rng, words)),
                channel="webhook",
                target=hook,
                rate="inmediata",
                base_url="https://estadoabierto.example",
            )
        registering = time.perf_counter() - started
        stop = threading.Event()
        deliverer = Deliverer(settings, library.db)
        loop = threading.Thread(target=deliverer.run, args=(stop,), daemon=True)
        loop.start()
        committed: dict[str, float] = {}
        flushed_at = time.monotonic()
        stream_started = time.monotonic()
        for n in range(args.docs):
            doc = document(n, rng, words)
            library.db.save_documents([doc])
            committed[doc.id] = time.time()
            if time.monotonic() - flushed_at >= SAVE_SECONDS:
                library.flush(wait=False)
                flushed_at = time.monotonic()
            pause = stream_started + (n + 1) / args.rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        library.flush()
        with library.db.engine.connect() as connection:
            matches = dict(
                connection.execute(sa.text("select id, document_id from alert_matches")).all()
            )
        deadline = time.monotonic() + args.drain
        while time.monotonic() < deadline:
            with lock:
                if len(arrivals) >= len(matches):
                    break
            time.sleep(0.5)
        stop.set()
        loop.join()
        cost = library.alerts.cost if library.alerts is not None else None
        library.close()
    server.shutdown()
    load_after = os.getloadavg()
    latencies = [arrivals[m] - committed[d] for m, d in matches.items() if m in arrivals]
    if not latencies:
        raise SystemExit("no match was delivered")
    result = {
        "alerts": args.alerts,
        "documents": args.docs,
        "rate_per_s": args.rate,
        "matches": len(matches),
        "delivered": len(latencies),
        "matches_per_document": round(len(matches) / args.docs, 1),
        "latency_s": {
            "p50": round(percentile(latencies, 0.50), 2),
            "p95": round(percentile(latencies, 0.95), 2),
            "max": round(max(latencies), 2),
            "mean": round(statistics.fmean(latencies), 2),
        },
        "matching_ms_per_document": round(cost.per_document_ms, 2) if cost else None,
        "matching_batches": cost.batches if cost else None,
        "registering_s": round(registering, 1),
        "load_average": {"before": load_before, "after": load_after},
        "flush_every_s": SAVE_SECONDS,
    }
    rows = [
        ("alerts registered", f"{args.alerts:,}"),
        ("documents committed", f"{args.docs} at {args.rate:g}/s"),
        ("matches (delivered)", f"{len(matches):,} ({len(latencies):,})"),
        ("matches per document", f"{result['matches_per_document']}"),
        ("commit → webhook p50", f"{result['latency_s']['p50']} s"),
        ("commit → webhook p95", f"{result['latency_s']['p95']} s  (goal ≤ 60 s)"),
        ("commit → webhook max", f"{result['latency_s']['max']} s"),
        ("matching per new document", f"{result['matching_ms_per_document']} ms"),
        ("matching batches", f"{result['matching_batches']}"),
        ("load average before/after", f"{load_before[0]:.1f} / {load_after[0]:.1f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
