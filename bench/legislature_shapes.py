"""Per shape and field, how the transcript readers fill sessions of legislatures they
were not tuned on (Cámara de Diputados, Senado's Comisión Permanente, CDMX, Estado de
México, Jalisco, Nuevo León; fixtures in ``tests/fixtures/speeches/legislatures/``,
written after real published ones, with the values read by hand in ``hand-read.json``):
right, empty, or WRONG (a wrong value is worse than none); also the date, type and
legislature of transmissions' titles (and that a count's ordinal splits no sitting), the
number, period and legislature a transcript's heading gives, and the video id of the
links pages embed.
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
FIELDS = ("turns", "clean", "speaker", "person", "role", "party", "chair", "type", "number",
          "period", "date", "legislature", "video")  # fmt: skip
# Links a congress page embeds for its transmission, and the key each must have (None:
# no one video, e.g. "whatever the channel streams now").
VIDEOS = {
    "https://www.youtube.com/embed/live_stream?channel=UCq8ZbJ2vX1Lw3eRkT9pYs0A": None,
    "https://www.youtube.com/embed/videoseries?list=PLx7Qm2cVb9Nz4": None,
    "https://www.youtube.com/live/Kq3vX9bT2mA?si=abc": "Kq3vX9bT2mA",
    "https://youtu.be/Kq3vX9bT2mA?t=3600": "Kq3vX9bT2mA",
    "https://www.facebook.com/CongresoEjemplo/videos/1234567890123456/": "1234567890123456",
    "https://www.youtube.com/watch?v=Kq3vX9bT2mA&t=1h2m3s": "Kq3vX9bT2mA",
    "https://www.youtube.com/shorts/Kq3vX9bT2mA": "Kq3vX9bT2mA",
    "https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com"
    "%2FCongresoEjemplo%2Fvideos%2F1234567890123456%2F&show_text=false": "1234567890123456",
    "https://vimeo.com/channels/congresoejemplo/123456789": "123456789",
    "https://vimeo.com/showcase/9876543/video/123456789": "123456789",
}

# Transmission and page titles as congresses publish them, read by hand: date, type and
# legislature.
TITLES = {
    "🔴 EN VIVO | Sesión Ordinaria de la Cámara de Diputados | Martes 18 de Febrero del 2025": (
        "2025-02-18", "ordinaria", None),
    "Sesión de la Comisión Permanente, 8 de enero 2025": ("2025-01-08", "permanente", None),
    # a sitting over three days listed with commas: dated by the first
    "Versión estenográfica de la sesión ordinaria de los días 14, 15 y 16 de marzo de 2023": (
        "2023-03-14", "ordinaria", None),
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
    # a sitting over several days is the day it began; a count's units are no sitting
    "Sesión permanente iniciada el 30 de abril y concluida el 2 de mayo de 2025": (
        "2025-04-30", None, None),
    "Sesión Ordinaria del 29 al 30 de abril de 2025 | LXVI Legislatura": (
        "2025-04-29", "ordinaria", "LXVI"),
    "Sesión de la Comisión Permanente del 31 de diciembre de 2025 al 2 de enero de 2026": (
        "2025-12-31", "permanente", None),
}  # fmt: skip
# Transcripts' first lines as state congresses and the Cámara print them, read by hand:
# the session's type and number («NÚMERO TREINTA Y DOS», a count's ordinal before it).
HEADINGS = {
    "CONGRESO DEL ESTADO DE JALISCO\nSESIÓN ORDINARIA NÚMERO TREINTA Y DOS, CELEBRADA EL 15 DE "
    "MAYO DE 2025": ("ordinaria", "32"),
    "Sesión extraordinaria número tres\ncelebrada el 2 de julio de 2025": ("extraordinaria", "3"),
    "DIARIO DE LOS DEBATES\nLXIV Legislatura\nSESIÓN ORDINARIA NÚMERO 32\n": ("ordinaria", "32"),
    "H. Congreso del Estado\nTrigésima Segunda Sesión Ordinaria\n": ("ordinaria", "32"),
    "Orden del día\n1. Lectura del acta de la sesión ordinaria número 31": (None, None),
}
# Titles of one session the sitting must not split (the count's units are no sitting:
# "Trigésima Segunda Sesión" is the 32nd, not the day's second sitting)
SITTINGS = {
    "Trigésima Segunda Sesión Ordinaria del Congreso del Estado de Jalisco": None,
    "Décima Tercera Sesión Ordinaria, 10 de abril de 2025": None,
    "Sesión Ordinaria Vespertina 30 de abril de 2025": "vespertina",
}


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
    from indexer.readers.session_numbers import session_number_in_heading
    from indexer.readers.session_period import legislature_in_heading, period_in_heading
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
        # and what was said is in a turn as said (a word a line's end broke is whole)
        for words in want.get("said", []):
            inside = any(words in s.text for s in said)
            fields["clean"]["right" if inside else "WRONG"] += 1
        for n in range(max(len(heads), len(wanted))):
            got = heads[n] if n < len(heads) else None
            row = wanted[n] if n < len(wanted) else [None, None, None, None]
            _grade(fields["speaker"], got and got.speaker_as_written, row[0])
            _grade(fields["person"], got and got.person_name, row[1])
            _grade(fields["role"], got and got.role, row[2])
            _grade(fields["party"], got and got.party, row[3])
        _grade(fields["chair"], heading_chair(text), want["chair"])
        _grade(fields["type"], session_type_in_heading(text), want["type"])
        # what the heading says of the session, where read by hand
        if "number" in want:
            _grade(fields["number"], session_number_in_heading(text), want["number"])
        if "period" in want:
            _grade(fields["period"], period_in_heading(text), want["period"])
        if "legislature" in want:
            _grade(fields["legislature"], legislature_in_heading(text), want["legislature"])
        out[name] = {f: dict(c) for f, c in fields.items()}
    titles: dict[str, Counter[str]] = {f: Counter() for f in ("date", "type", "legislature")}
    for title, (day, kind, legislature) in TITLES.items():
        info = recognise_session(title)
        _grade(titles["date"], info.date and info.date.isoformat(), day)
        _grade(titles["type"], info.session_type, kind)
        _grade(titles["legislature"], info.legislature, legislature)
    for title, sitting in SITTINGS.items():  # (graded in the type's column)
        _grade(titles["type"], recognise_session(title).sitting, sitting)
    headings: dict[str, Counter[str]] = {f: Counter() for f in ("type", "number")}
    for heading, (kind, number) in HEADINGS.items():
        _grade(headings["type"], session_type_in_heading(heading), kind)
        _grade(headings["number"], session_number_in_heading(heading), number)
    out["(session headings)"] = {f: dict(c) for f, c in headings.items()}
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
