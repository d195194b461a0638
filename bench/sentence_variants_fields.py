"""Fields right, empty and wrong on the sentence variants (``tests/unit/sentence_variants``:
SCJN engroses after a long index, circuit courts' amparos, quejas and revisiones fiscales,
state tocas and oral trials, public versions, OCR'd copies) and on the real SCJN
sentences of ../shared (as published, opening with their index, and as a PDF's text
layer: wrapped, hyphenated, a running header per page), for two checkouts of the code,
run alternately; with the median time to read each text.

    python bench/sentence_variants_fields.py OLD_CHECKOUT [ROUNDS]

A wrong value is counted apart from an empty one: it is worse than none.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results")
FIELDS = ("expediente", "court", "resolution_date", "ponente", "secretario", "matter")


def _real() -> Path | None:
    return next((c for f in REPO.parents if (c := f / "shared" / "corpus" / "real").is_dir()), None)


_PONENTE = re.compile(r"^(?:MINISTR[OA] )?PONENTE:\s*(.+?)\.?\s*$", re.M)
# each real sentence's own case, as ../shared's MANIFEST names it (record_0002's first
# line, a left-over header, says "2/2025": its caption and opening, 29/2025)
_OWN_CASE = {"record_0000": "ADR 1309/2023", "record_0001": "AI 29/2024",
             "record_0002": "JIE 29/2025", "record_0004": "AI 153/2022",
             "record_0006": "JIE 56/2025"}  # fmt: skip
_SECRETARIO = re.compile(r"^SECRETARI[OA]:\s*(.+?)\.?\s*$", re.M)


def cases() -> list[tuple[str, str, dict[str, str | None]]]:
    """(name, text, expected fields): the variants, and the real sentences with what
    their record and caption say (the court where the Buscador's record names it)."""
    sys.path.insert(0, str(REPO))
    from indexer.readers.expedientes import normalise_expediente
    from indexer.readers.normalise import normalise_person
    from tests.unit.sentence_variants import VARIANTS
    from tests.unit.test_sentence_variants import _as_pdf_text

    out = [(v.name, v.text, dict(v.expected)) for v in VARIANTS]
    real = _real()
    if real is None:
        return out
    bj = json.loads((real / "scjn-bj" / "sentencias_pub-record.json").read_text("utf-8"))
    for path in sorted((real / "scjn-sentencias").glob("record_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record["text"]
        first = text.split("\n", 1)[0].strip()
        want: dict[str, str | None] = {
            "expediente": normalise_expediente(_OWN_CASE.get(path.stem, first)),
            "resolution_date": record["date"],
            "ponente": normalise_person(_PONENTE.search(text)[1]),  # type: ignore[index]
            "secretario": normalise_person(_SECRETARIO.search(text)[1]),  # type: ignore[index]
        }
        if record["url"].endswith(f"/{bj['idEngrose']}"):
            want["court"] = "Primera Sala de la SCJN"  # its organoRadicacion
        name = f"real {path.stem}"
        out.append((name, text, want))
        index = text.find("ÍNDICE TEMÁTICO")
        if index > 0:
            out.append((f"{name} desde su índice", text[index:], want))
        out.append((f"{name} como texto de PDF", _as_pdf_text(text, first), want))
    return out


def measure() -> dict[str, object]:
    """Run in the checkout on PYTHONPATH: each case's fields and reading time."""
    from tests.unit.test_sentence_variants import stored

    rows, seconds = [], []
    for name, text, want in cases():
        start = time.perf_counter()
        got = stored(text)
        seconds.append(time.perf_counter() - start)
        for field, expected in want.items():
            value = got[field]
            outcome = "right" if value == expected else "empty" if value is None else "wrong"
            rows.append({"case": name, "field": field, "outcome": outcome,
                         "expected": expected, "read": value})  # fmt: skip
    return {"rows": rows, "seconds": sum(seconds)}


def _run(checkout: Path) -> dict[str, object]:
    """``measure`` in a child whose imports are ``checkout``'s readers (the variants and
    the real sentences are always this checkout's)."""
    code = (
        f"import sys, json; sys.path[:0] = [{str(checkout)!r}, {str(REPO)!r}];"
        "import tests.unit; tests.unit.__path__.insert(0, "
        f"{str(REPO / 'tests' / 'unit')!r});"
        "from bench.sentence_variants_fields import measure; print(json.dumps(measure()))"
    )
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(done.stdout)


def _table(rows: list[dict[str, str]], real: bool) -> Counter[tuple[str, str]]:
    return Counter((r["field"], r["outcome"]) for r in rows if r["case"].startswith("real") == real)


def main() -> None:
    old = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times: dict[str, list[float]] = {"antes": [], "después": []}
    results: dict[str, dict[str, object]] = {}
    for _ in range(rounds):
        for label, checkout in (("antes", old), ("después", REPO)):
            result = _run(checkout)
            times[label].append(float(result["seconds"]))  # type: ignore[arg-type]
            results[label] = result
    load = os.getloadavg()
    print(f"carga (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for real in (False, True):
        print("\n" + ("copias reales" if real else "variantes escritas"))
        print(f"{'campo':16} {'antes b/v/m':>14} {'después b/v/m':>15}")
        before = _table(results["antes"]["rows"], real)  # type: ignore[arg-type]
        after = _table(results["después"]["rows"], real)  # type: ignore[arg-type]
        for field in FIELDS:
            b = "/".join(str(before[(field, o)]) for o in ("right", "empty", "wrong"))
            a = "/".join(str(after[(field, o)]) for o in ("right", "empty", "wrong"))
            if b != "0/0/0" or a != "0/0/0":
                print(f"{field:16} {b:>14} {a:>15}")
    for label, values in times.items():
        print(f"lectura de todos los casos, {label}: mediana {statistics.median(values):.3f} s")
    changed = [
        (a["case"], a["field"], b["read"], a["read"])
        for b, a in zip(results["antes"]["rows"], results["después"]["rows"], strict=True)  # type: ignore[call-overload]
        if a["outcome"] != b["outcome"]
    ]
    for case, field, was, now in changed:
        print(f"cambia: {case} · {field}: {was!r} → {now!r}")
    RESULTS.mkdir(exist_ok=True)
    out = {"load": load, "seconds": times, "results": results, "changed": changed}
    (RESULTS / "sentence_variants_fields.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
