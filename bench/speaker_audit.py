"""Turns and speakers right or wrong on the real SCJN versión taquigráfica (../shared),
as printed and with its headings broken where a narrower column would break them
("SEÑOR MINISTRO GONZÁLEZ ALCÁNTARA⏎CARRANCÁ:"), for two checkouts of the code; and the
person of each heading of the congress transcripts in ``tests/fixtures/speeches/
legislatures/`` (written after real ones: ../shared holds no congress transcript), right,
empty or WRONG against ``hand-read.json`` (``bench/legislature_shapes.py`` grades them):
a wrong speaker is worse than none, so the two are counted apart.

    python -m bench.speaker_audit [--old PATH] [--json out.json]

``--old``: a folder holding the old code's ``indexer`` package (``git archive <commit>
indexer | tar -x -C PATH``); each checkout is read in its own process, old and new in
turn. A heading is right when a turn opens with it in order, and its speaker is right
when the person is the one its surname names (the chair for «PRESIDENTA»/«PRESIDENTE»,
no one for the secretary, whom the record does not name)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PDF = next(
    (
        base / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared/corpus").is_dir()
    ),
    REPO.parent / "shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf",
)
CHAIR = "Norma Lucía Piña Hernández"
_HEADING = re.compile(
    r"(?<!PRESIDENTA )(?<!Y )"
    r"(SE[ÑN]ORA? MINISTR[OA](?: [A-ZÁÉÍÓÚÑ]+)*|SECRETARIO GENERAL DE ACUERDOS)(?=:)"
)


def narrow(text: str) -> str:
    """The text with every heading of three words or more broken before its last word,
    as a narrow column breaks it."""
    return _HEADING.sub(
        lambda m: m[0] if len(m[0].split()) < 3 else "\n".join(m[0].rsplit(" ", 1)), text
    )


def expected(text: str) -> list[str]:
    return [h for h in _HEADING.findall(text) if h != "SEÑORA MINISTRA Y SEÑOR MINISTRO"]


_INSIDE = re.compile(r"(?:SE[ÑN]ORA? MINISTR[OA]|ACUERDOS)(?: [A-ZÁÉÍÓÚÑ]+)*:")


def _right_person(heading: str, person: str | None) -> bool:
    rest = re.sub(r"^SE[ÑN]ORA? MINISTR[OA]\s*", "", heading)
    if heading.startswith("SECRETARIO"):
        return person is None
    if rest.startswith(("PRESIDENTA", "PRESIDENTE")):
        return person == CHAIR
    return bool(rest) and person is not None and rest.lower() in person.lower()


def audit(text: str, wanted: list[str]) -> dict[str, int]:
    """Run in the checkout under test: how many headings and speakers it gets right."""
    from indexer.models import Sesion
    from indexer.speeches.attribute import speeches_of
    from indexer.speeches.people import People

    court = "Suprema Corte de Justicia de la Nación"
    session = Sesion(
        id="s", title="Sesión", institution=court, jurisdiction="MX", source_id="x",
        url="https://ejemplo.mx/s", text=text, agenda=[], congress=None, chamber="Pleno",
    )  # fmt: skip
    started = time.perf_counter()
    speeches = speeches_of(session, People(court))
    took = time.perf_counter() - started
    # every turn a speaker has (words after a stage direction are a turn of their own)
    headed = [s for s in speeches if s.speaker_as_written]
    got = [" ".join(s.speaker_as_written.split()) for s in headed]
    # headings right: the longest run of the expected ones found in order
    right = _in_order(wanted, got)
    # a turn holding another speaker's heading holds their words too: it is wrong
    mixed = [s for s in headed if _INSIDE.search(s.text)]
    credited = [
        _right_person(" ".join(s.speaker_as_written.split()), s.person_name)
        and not _INSIDE.search(s.text)
        for s in headed
    ]
    people_right = sum(credited)
    # someone else credited is worse than no one: the two apart
    people_wrong = sum(
        1 for s, ok in zip(headed, credited, strict=True) if not ok and s.person_name is not None
    )
    lost_words = sum(1 for s in speeches if s.procedural and re.match(r"[A-ZÁÉÍÓÚÑ ]+:", s.text))
    return {
        "headings_expected": len(wanted),
        "headings_right": right,
        "turns_headed": len(headed),
        "speakers_right": people_right,
        "turns_with_others_words": len(mixed),
        "speakers_wrong": people_wrong,
        "speakers_none": len(headed) - people_right - people_wrong,
        "words_left_to_no_one": lost_words,
        "ms": round(took * 1000),
    }


def _in_order(wanted: list[str], got: list[str]) -> int:
    """How many of ``wanted`` appear in ``got`` in order (longest common subsequence)."""
    previous = [0] * (len(got) + 1)
    for w in wanted:
        current = [0]
        for j, g in enumerate(got):
            current.append(previous[j] + 1 if w == g else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--worker", choices=("printed", "narrow", "fixtures"))
    parser.add_argument("--text", type=Path)
    parser.add_argument("--code", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.worker == "fixtures":
        print(json.dumps(_fixtures(args.code)))
        return
    if args.worker:
        text = args.text.read_text()
        import indexer

        assert Path(indexer.__file__).is_relative_to(args.code), indexer.__file__
        print(json.dumps(audit(text if args.worker == "printed" else narrow(text), expected(text))))
        return
    if not PDF.exists():
        sys.exit(f"no está {PDF}")
    from indexer.extract import ExtractionLimits, extract_text

    extraction = extract_text(
        PDF.read_bytes(), "application/pdf", PDF.name, ExtractionLimits(50_000_000, 120)
    )
    text_file = Path(f"/tmp/speaker-audit-{os.getpid()}.txt")
    text_file.write_text(extraction.text)
    codes = {"nuevo": str(REPO)}
    if args.old:
        codes = {"anterior": str(args.old), **codes}
    results: dict[str, dict[str, list[dict[str, int]]]] = {}
    fixtures: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
    try:
        for _ in range(args.rounds):  # old and new in turn
            for code, path in codes.items():
                for shape in ("printed", "narrow", "fixtures"):
                    out = subprocess.run(
                        [sys.executable, "-m", "bench.speaker_audit", "--worker", shape,
                         "--text", str(text_file), "--code", path],
                        env={**os.environ, "PYTHONPATH": f"{path}:{REPO}", "BENCH_CODE": path},
                        cwd="/tmp", capture_output=True, text=True, check=True,
                    ).stdout  # fmt: skip
                    if shape == "fixtures":
                        fixtures[code] = json.loads(out)  # (no timing: the same each round)
                        continue
                    results.setdefault(code, {}).setdefault(shape, []).append(json.loads(out))
    finally:
        text_file.unlink(missing_ok=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"carga: {load}")
    head = ("código", "texto", "encab. esperados", "encab. bien", "turnos", "orador bien",
            "orador MAL", "orador ninguno", "turnos con palabras de otro",
            "palabras sin orador", "ms (mediana)")  # fmt: skip
    print(" | ".join(head))
    table = []
    for code, shapes in results.items():
        for shape, runs in shapes.items():
            first = runs[0]
            ms = sorted(r["ms"] for r in runs)[len(runs) // 2]
            row = [code, shape, first["headings_expected"], first["headings_right"],
                   first["turns_headed"], first["speakers_right"], first["speakers_wrong"],
                   first["speakers_none"], first["turns_with_others_words"],
                   first["words_left_to_no_one"], ms]  # fmt: skip
            table.append(dict(zip(head, row, strict=True)))
            print(" | ".join(map(str, row)))
    print()
    print("transcripciones de congresos (fixtures): persona de cada encabezado bien/vacía/MAL")
    print(" | ".join(("fuente", *(f"{code}" for code in fixtures))))
    for source in next(iter(fixtures.values())):
        cells = [_cell(fixtures[code].get(source)) for code in fixtures]
        print(" | ".join((source, *cells)))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"load": load, "rows": table, "fixtures": fixtures}, ensure_ascii=False, indent=1
            )
        )


def _fixtures(code: Path) -> dict[str, dict[str, int]]:
    """Run in the checkout under test: per congress fixture, the person of each heading
    right, empty or WRONG against the hand-read one (see ``bench/legislature_shapes.py``)."""
    os.environ["BENCH_CODE"] = str(code)
    from bench.legislature_shapes import measure

    return {
        shape: fields["person"] for shape, fields in measure().items() if not shape.startswith("(")
    }


def _cell(counts: dict[str, int] | None) -> str:
    counts = counts or {}
    return "/".join(str(counts.get(k, 0)) for k in ("right", "empty", "WRONG"))


if __name__ == "__main__":
    main()
