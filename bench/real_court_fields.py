"""The sentence reader on the real court documents of ../shared/corpus: per field,
filled (right), wrong and empty, against what each document says (written down by
reading it). Each SCJN sentence is read as published and without its caption's ponente
line (as a Word file's lost header leaves it: then only the closing names the ponente);
the Pleno's versión taquigráfica is no sentence: only its court and session date are
its own.

    python bench/real_court_fields.py   # the code on PYTHONPATH; run on two checkouts
                                        # to compare before and after
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.scjn_fields import FIELDS, comparable  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402

CORPUS = Path("/work/shared/corpus")
RESULTS = Path(__file__).with_name("results")
# Written by reading each document (caption, opening, resolutive points, signatures).
TRUTH = {
    "record_0000.json": ("ADR 1309/2023", "Primera Sala de la SCJN", "2025-08-13",
                         "Loretta Ortiz Ahlf", "Carlos Adrián López Sánchez", "revocar"),
    "record_0001.json": ("AI 29/2024", "Pleno de la SCJN", "2025-06-24",
                         "Javier Laynez Potisek", "Paula Ximena Méndez Azuela",
                         "procedente y fundado"),
    "record_0002.json": ("Juicio de Inconformidad en Materia Electoral 29/2025",
                         "Pleno de la SCJN", "2025-08-12", "Alberto Pérez Dayán",
                         "Israel Rivas Acuña", "desechar"),
    "record_0004.json": ("AI 153/2022", "Primera Sala de la SCJN", "2025-08-13",
                         "Jorge Mario Pardo Rebolledo", "Mercedes Verónica Sánchez Miguez",
                         "sobreseer"),
    "record_0006.json": ("Juicio de Inconformidad en Materia Electoral 56/2025",
                         "Pleno de la SCJN", "2025-08-12", "Yasmín Esquivel Mossa",
                         "Mauricio Tapia Maltos", "desechar"),
}  # fmt: skip
_CAPTION_PONENTE = re.compile(r"^(?:MINISTR[OA] )?PONENTE:.*$", re.M)


def documents() -> list[tuple[str, str, dict[str, str | None]]]:
    out = []
    for name, values in TRUTH.items():
        path = CORPUS / "real" / "scjn-sentencias" / name
        if not path.exists():
            continue
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        want = dict(zip(FIELDS, values, strict=True))
        out.append((name, text, want))
        out.append((f"{name} sin ponente en el rubro", _CAPTION_PONENTE.sub("", text), want))
    transcript = CORPUS / "scjn-transcripts" / "vt-pleno-2025-02-18.pdf"
    if transcript.exists():
        from indexer.extract.pdf import extract_pdf

        text = extract_pdf(transcript.read_bytes(), 500).text
        want = dict.fromkeys(FIELDS) | {"court": "Pleno de la SCJN",
                                        "resolution_date": "2025-02-18"}  # fmt: skip
        out.append(("vt-pleno-2025-02-18.pdf", text, want))
    return out


def main() -> int:
    rows = []
    for name, text, want in documents():
        read = read_sentence(text).values
        for field in FIELDS:
            expected, got = comparable(field, want[field]), comparable(field, read.get(field))
            if got is None:
                outcome = "empty" if expected is None else "missing"
            else:
                outcome = "right" if got == expected else "WRONG"
            rows.append({"document": name, "field": field, "outcome": outcome,
                         "expected": expected, "read": got})  # fmt: skip
    kinds = ("right", "WRONG", "missing", "empty")
    counts = Counter((r["field"], r["outcome"]) for r in rows)
    print(f"{'field':16}" + "".join(f"{k:>9}" for k in kinds))
    for field in FIELDS:
        print(f"{field:16}" + "".join(f"{counts[field, k]:>9}" for k in kinds))
    for r in rows:
        if r["outcome"] in ("WRONG", "missing"):
            print(f"  {r['outcome']:8} {r['document']:45} {r['field']:12} "
                  f"expected={r['expected']!r} read={r['read']!r}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "real_court_fields.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
