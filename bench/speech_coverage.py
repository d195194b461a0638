"""What the speech readers make of each transcript at hand, for two checkouts: the turns
found (with a heading), the turns credited to a person, the people linked, the parties
stated, and the characters of the text kept in no turn at all (read by no one, lost to
search). The texts: the real SCJN versión taquigráfica (../shared; the corpus holds no
congress transcript) and the congress transcripts of ``tests/fixtures/speeches/
legislatures/`` (written after real ones).

    python -m bench.speech_coverage [--old PATH]

``--old``: a folder holding the old code's ``indexer`` package (``git archive <commit>
indexer | tar -x -C PATH``); each checkout is read in its own process."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests/fixtures/speeches/legislatures"
PDF = REPO.parent / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf"


def _texts() -> dict[str, str]:
    from indexer.extract import ExtractionLimits, extract_text

    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))}
    from tests.speeches.test_title_first_headings import COAHUILA

    texts["coahuila (written)"] = COAHUILA
    if PDF.exists():
        extraction = extract_text(
            PDF.read_bytes(), "application/pdf", PDF.name, ExtractionLimits(50_000_000, 120)
        )
        texts["scjn-vt-2025-02-18 (real)"] = extraction.text
    return texts


def _measure() -> dict[str, dict[str, int]]:
    import datetime as dt

    from indexer.models import Sesion
    from indexer.speeches.attribute import speeches_of
    from indexer.speeches.people import People

    out = {}
    for name, text in _texts().items():
        scjn = name.startswith("scjn")
        institution = "Suprema Corte de Justicia de la Nación" if scjn else "Congreso"
        session = Sesion(
            id=name, title="Sesión", date=dt.date(2024, 3, 12), institution=institution,
            jurisdiction="MX", source_id="x", url=f"https://ejemplo.gob.mx/{name}", text=text,
            congress=None if scjn else institution,
        )  # fmt: skip
        speeches = speeches_of(session, People(institution))
        said = [s for s in speeches if s.speaker_as_written]
        kept = sum(len(s.text) for s in speeches)
        out[name] = {
            "headed": len(said),
            "credited": sum(1 for s in said if s.person_id),
            "people": len({s.person_id for s in said if s.person_id}),
            "party": sum(1 for s in said if s.party),
            "chars": len(" ".join(text.split())),
            "kept": kept,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path)
    parser.add_argument("--worker", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_measure()))
        return
    runs = {}
    for label, path in (("old", args.old), ("new", REPO)):
        if path is None:
            continue
        env = {**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{REPO}"}
        done = subprocess.run(
            # (run as a script: ``-m`` would put this checkout first on the path)
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            cwd=path, env=env, capture_output=True, text=True, check=True, timeout=900,
        )  # fmt: skip
        runs[label] = json.loads(done.stdout.strip().splitlines()[-1])
    keys = ("headed", "credited", "people", "party", "kept")
    print("text".ljust(28), " ".join(f"{k:>15}" for k in keys), "  chars")
    for name in runs["new"]:
        cells = []
        for key in keys:
            new = runs["new"][name][key]
            old = runs.get("old", {}).get(name, {}).get(key)
            cells.append(f"{old}->{new}".rjust(15) if old is not None else str(new).rjust(15))
        print(name[:28].ljust(28), " ".join(cells), f"  {runs['new'][name]['chars']}")


if __name__ == "__main__":
    main()
