"""Per shape and field, how the transcript readers fill sessions of legislatures they
were not tuned on (Cámara de Diputados, Senado's Comisión Permanente, CDMX, Estado de
México, Jalisco, Nuevo León; fixtures in ``tests/fixtures/speeches/legislatures/``,
written after real published ones, with the values read by hand in ``hand-read.json``):
right, empty, or WRONG (a wrong value is worse than none); also the date, type and
legislature of transmissions' titles and the video id of the links pages embed.
``--old PATH`` grades another checkout (e.g. ``git archive`` of main) in a child process
and prints both side by side.

Usage: python bench/legislature_shapes.py [--old PATH] [--json PATH]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "tests" / "fixtures" / "speeches" / "legislatures"
FIELDS = ("turns", "clean", "speaker", "person", "role", "party", "chair", "type", "date",
          "legislature", "video")  # fmt: skip
# Links a congress page embeds for its transmission, and the key each must have (None:
# no one video, e.g. "whatever the channel streams now").
VIDEOS = {
    "https://www.youtube.com/embed/live_stream?channel=UCq8ZbJ2vX1Lw3eRkT9pYs0A": None,
    "https://www.youtube.com/embed/videoseries?list=PLx7Qm2cVb9Nz4": None,
    "https://www.youtube.com/live/Kq3vX9bT2mA?si=abc": "Kq3vX9bT2mA",
    "https://youtu.be/Kq3vX9bT2mA?t=3600": "Kq3vX9bT2mA",
    "https://www.facebook.com/CongresoEjemplo/videos/1234567890123456/": "1234567890123456",
}

# Transmission and page titles as congresses publish them, read by hand: date, type and
# legislature.
TITLES = {
    "🔴 EN VIVO | Sesión Ordinaria de la Cámara de Diputados | Martes 18 de Febrero del 2025": (
        "2025-02-18", "ordinaria", None),
    "Sesión de la Comisión Permanente, 8 de enero 2025": ("2025-01-08", "permanente", None),
    "Sesión Solemne Congreso de la Ciudad de México III Legislatura 05/02/2025": (
        "2025-02-05", "solemne", "III"),
    "Sesión Ordinaria del Pleno del Congreso del Estado de Jalisco, Sexagésima Cuarta "
    "Legislatura, 15 de marzo de 2025": ("2025-03-15", "ordinaria", "LXIV"),
    "Sesión Deliberante de la H. “LXII” Legislatura del Estado de México, 14 de marzo de 2025": (
        "2025-03-14", None, "LXII"),
    "Periodo Extraordinario de Sesiones - Sesión 2 - 20 de junio de 2025": (
        "2025-06-20", "extraordinaria", None),
    "Sesión ordinaria vespertina 30 de abril de 2025 Senado de la República": (
        "2025-04-30", "ordinaria", None),
    "Sesión de la Diputación Permanente 28-01-2024 LXI Legislatura": (
        "2024-01-28", "permanente", "LXI"),
}  # fmt: skip


def _grade(counts: Counter[str], got: object, want: object) -> None:
    if got in (None, ""):
        counts["empty" if want is not None else "right"] += 1
    elif got == want:
        counts["right"] += 1
    else:
        counts["WRONG"] += 1


def _turns(counts: Counter[str], got: list[str], want: list[str]) -> None:
    """Headings read against the hand-read ones, aligned (one turn missed must not make
    every later one look wrong): right, missed (counted as empty) or WRONG (a heading
    where none is, or another speaker in its place)."""
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            counts["right"] += a1 - a0
        else:
            counts["empty"] += max(0, (a1 - a0) - (b1 - b0))
            counts["WRONG"] += b1 - b0


def measure() -> dict[str, dict[str, dict[str, int]]]:
    """``{shape: {field: {"right"|"empty"|"WRONG": n}}}`` for the readers importable here."""
    sys.path.insert(0, os.environ.get("BENCH_CODE", str(HERE)))
    from indexer.models import Sesion
    from indexer.readers.sessions import recognise_session, session_type_in_heading
    from indexer.readers.videos import video_id
    from indexer.speeches.attribute import speeches_of
    from indexer.speeches.chair import heading_chair
    from indexer.speeches.people import People
    from indexer.speeches.split import split_turns

    expected = json.loads((FIXTURES / "hand-read.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, dict[str, int]]] = {}
    for name, want in expected.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        fields: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
        session = Sesion(
            id=f"s-{name}", title="Sesión", institution=want["congress"],
            jurisdiction=want["jurisdiction"], source_id="bench", url=f"https://e.mx/{name}",
            text=text, congress=want["congress"],
        )  # fmt: skip
        speeches = speeches_of(session, People(want["congress"]))
        said = [s for s in speeches if s.speaker_as_written]
        # one heading, one turn: a speaker's words after a stage note continue it
        going_on = {t.order for t in split_turns(text) if t.continued}
        heads = [s for s in said if s.order not in going_on]
        wanted = want["turns"]
        _turns(fields["turns"], [s.speaker_as_written or "" for s in heads], [r[0] for r in wanted])
        # what no one said (a page's heading, a stage note, a vote's list) is in no turn
        for words in want.get("not_said", []):
            inside = any(words in s.text for s in said)
            fields["clean"]["WRONG" if inside else "right"] += 1
        for n in range(max(len(heads), len(wanted))):
            got = heads[n] if n < len(heads) else None
            row = wanted[n] if n < len(wanted) else [None, None, None, None]
            _grade(fields["speaker"], got and got.speaker_as_written, row[0])
            _grade(fields["person"], got and got.person_name, row[1])
            _grade(fields["role"], got and got.role, row[2])
            _grade(fields["party"], got and got.party, row[3])
        _grade(fields["chair"], heading_chair(text), want["chair"])
        _grade(fields["type"], session_type_in_heading(text), want["type"])
        out[name] = {f: dict(c) for f, c in fields.items()}
    titles: dict[str, Counter[str]] = {f: Counter() for f in ("date", "type", "legislature")}
    for title, (day, kind, legislature) in TITLES.items():
        info = recognise_session(title)
        _grade(titles["date"], info.date and info.date.isoformat(), day)
        _grade(titles["type"], info.session_type, kind)
        _grade(titles["legislature"], info.legislature, legislature)
    out["(session titles)"] = {f: dict(c) for f, c in titles.items()}
    videos: Counter[str] = Counter()
    for url, key in VIDEOS.items():
        _grade(videos, video_id(url), key)
    out["(video links)"] = {"video": dict(videos)}
    return out


def _cell(counts: dict[str, int] | None) -> str:
    if not counts:
        return "-"
    return "/".join(str(counts.get(k, 0)) for k in ("right", "empty", "WRONG"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="another checkout to grade beside this one")
    parser.add_argument("--json", type=Path, default=HERE / "bench/results/legislature_shapes.json")
    args = parser.parse_args()
    if os.environ.get("BENCH_CHILD"):
        print(json.dumps(measure()))
        return 0
    runs = {"new": measure()}
    if args.old:
        env = os.environ | {
            "BENCH_CHILD": "1",
            "BENCH_CODE": str(args.old),
            "PYTHONPATH": str(args.old),
        }
        child = subprocess.run(
            [sys.executable, __file__], env=env, capture_output=True, text=True, check=True
        )
        runs["old"] = json.loads(child.stdout)
    print("right/empty/WRONG per shape and field" + (" (old → new)" if args.old else ""))
    print(f"{'shape':24}" + "".join(f"{f:>22}" for f in FIELDS))
    print("(turns: right/missed/WRONG, aligned with the hand-read headings)")
    for shape, fields in runs["new"].items():
        cells = []
        for f in FIELDS:
            new = _cell(fields.get(f))
            old = _cell(runs["old"].get(shape, {}).get(f)) if "old" in runs else None
            cells.append(f"{(old + ' → ' + new) if old and old != new else new:>22}")
        print(f"{shape:24}" + "".join(cells))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(runs, indent=1, ensure_ascii=False))
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
