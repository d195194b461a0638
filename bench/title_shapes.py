"""Right, wrong and empty attributions of the heading shapes the real corpus lacks: a title
and name with no article alone on its line («Senador Ortega:⏎…») and a heading in capitals
alone with no colon («C. SENADORA LUCÍA MEDINA ROBLES (PT)⏎…»), on the model transcripts
of ``tests/speeches/test_titles_alone.py``, for two checkouts of the code.

    python -m bench.title_shapes --old PATH [--json out.json]

``--old``: a folder holding the old code's ``indexer`` package alone (``git archive
<commit> indexer | tar -x -C PATH``; the models are read from this checkout's tests).
Each sentence said is graded by whom its speech credits:
right (the person who said it), WRONG (another person: the words put in the previous
speaker's mouth), empty (no one: «Sin identificar»). Old and new in turn, each in its own
process; the real transcripts are graded by ``bench.speaker_audit`` and
``bench.speech_fields``."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# each sentence said in each model, and who said it
SAID = {
    "SENADO": {
        "Se abre la sesión. Tiene la palabra": "Gerardo Fernández Noroña",
        "Vengo a presentar una iniciativa": "Ricardo Ortega Lozano",
        "Gracias, senador. Tiene la palabra": "Gerardo Fernández Noroña",
        "Muchas gracias, presidente.": "Ana Ruiz Garza",
        "Solo para una precisión": "Ricardo Ortega Lozano",
        "Con su venia.": "María de la Luz Hernández",
        "Con su permiso.": "Juan Pérez López",
        "Se levanta la sesión": "Gerardo Fernández Noroña",
    },
    "STATE": {
        "Se abre la sesión.": "Ana Ruiz Garza",
        "Presento una iniciativa": "Lucía Medina Robles",
        "Se da lectura al decreto": "Juan Pérez López",
    },
}


def grade() -> dict[str, int]:
    """Run in the checkout under test."""
    from indexer.speeches.attribute import speeches_of
    from indexer.speeches.people import People
    from tests.speeches import test_titles_alone as models

    counts = {"right": 0, "WRONG": 0, "empty": 0}
    started = time.perf_counter()
    for name, said in SAID.items():
        session = models._session(getattr(models, name))
        speeches = speeches_of(session, People(models.CONGRESS))
        for words, who in said.items():
            holders = [s for s in speeches if words in s.text]
            # (words no turn holds were lost with a heading read as none: no one's)
            got = holders[0].person_name if holders else None
            counts["empty" if got is None else "right" if got == who else "WRONG"] += 1
    counts["ms"] = round((time.perf_counter() - started) * 1000)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(grade()))
        return
    codes = {"anterior": str(args.old), "nuevo": str(REPO)}
    runs: dict[str, list[dict[str, int]]] = {}
    for _ in range(args.rounds):
        for code, path in codes.items():
            out = subprocess.run(
                [sys.executable, "-m", "bench.title_shapes", "--worker", "--old", path],
                env={**os.environ, "PYTHONPATH": f"{path}:{REPO}"}, cwd="/tmp",
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            runs.setdefault(code, []).append(json.loads(out))
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"carga: {load}")
    print("código | frases | bien | MAL (de otro) | vacío (nadie) | ms (mediana)")
    rows = []
    for code, results in runs.items():
        first = results[0]
        ms = sorted(r["ms"] for r in results)[len(results) // 2]
        total = first["right"] + first["WRONG"] + first["empty"]
        row = {"código": code, "frases": total, "bien": first["right"],
               "mal": first["WRONG"], "vacío": first["empty"], "ms": ms}  # fmt: skip
        rows.append(row)
        print(" | ".join(str(v) for v in row.values()))
    if args.json:
        args.json.write_text(json.dumps({"load": load, "rows": rows}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
