"""Per field, how the transcript readers fill a real session: filled right, empty, or
WRONG (a wrong value is worse than none). The real transcript is the SCJN's versión
taquigráfica of 18 Feb 2025 (../shared corpus; its speakers, people and roles read by hand
in ``tests/fixtures/speeches/``); the session's own fields (date, type, legislature,
chamber) are read from its heading as the crawl reads a transcript's. Skipped when the
corpus is absent.

Usage: python bench/speech_fields.py [--json PATH]
(run it from another checkout, e.g. the old code's, with PYTHONPATH at that checkout: the
script imports the readers from wherever ``indexer`` is found first)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
if str(HERE) not in sys.path:
    sys.path.append(str(HERE))

from bench.speeches import EXPECTED, SCJN, _session, _text  # noqa: E402
from indexer.extract import shutdown  # noqa: E402
from indexer.readers.normalise import parse_date  # noqa: E402
from indexer.readers.sessions import recognise_session, session_type_in_heading  # noqa: E402
from indexer.speeches.attribute import speeches_of  # noqa: E402
from indexer.speeches.people import People  # noqa: E402

COURT = "Suprema Corte de Justicia de la Nación"
# What the real transcript holds, read by hand: the matters (agenda items) by their case
# number as the secretary states them, the stage directions, the session's heading.
MATTERS = ("12/2022", "203/2023", "10/2023")
PROCEDURAL = 14  # the opening, the entrance, 11 votes «(VOTACIÓN FAVORABLE). QUEDA…», the close
# a court's session: no legislature, no legislative period (a value there is WRONG)
SESSION = {
    "date": dt.date(2025, 2, 18),
    "type": "ordinaria",
    "legislature": None,
    "period": None,
    "heading legislature": None,
}


def _grade(counts: Counter[str], got: object, want: object) -> None:
    if got in (None, ""):
        counts["empty" if want is not None else "right (empty)"] += 1
    elif got == want:
        counts["right"] += 1
    else:
        counts["WRONG"] += 1


def _same_before(speeches: list[Any], n: int) -> bool:
    before = [s for s in speeches[:n] if s.speaker_as_written]
    return bool(before) and before[-1].speaker_as_written == speeches[n].speaker_as_written


def measure() -> dict[str, Any] | None:
    if not SCJN.exists():
        return None
    expected = json.loads(EXPECTED.read_text())
    text = _text(SCJN)
    session = _session(text, COURT, None, [])
    speeches = speeches_of(session, People(COURT))
    fields: dict[str, Counter[str]] = {
        k: Counter()
        for k in ("turns", "speaker", "person", "role", "party", "agenda_item", "procedural")
    }
    spoken = [s for s in speeches if not s.procedural]
    # a speaker's words after a stage direction go on under the same heading: one heading
    headed = [
        s.speaker_as_written
        for n, s in enumerate(speeches)
        if s.speaker_as_written
        and not (n and speeches[n - 1].procedural and _same_before(speeches, n))
    ]
    fields["turns"]["right" if len(headed) == len(expected["speakers"]) else "WRONG"] += 1
    for got, want in zip(headed, expected["speakers"], strict=False):
        _grade(fields["speaker"], got, want)
    for s in spoken:
        person = expected["people"].get(s.speaker_as_written or "", {})
        _grade(fields["person"], s.person_name, person.get("person"))
        _grade(fields["role"], s.role, person.get("role"))
        _grade(fields["party"], s.party, None)  # no one in a court speaks for a party
    first = next((n for n, s in enumerate(speeches) if s.agenda_item), len(speeches))
    for n, s in enumerate(speeches):
        item = s.agenda_item
        if item is None:  # before the first matter is stated there is none
            fields["agenda_item"]["right (empty)" if n < first else "empty"] += 1
        elif any(number in item for number in MATTERS):
            fields["agenda_item"]["right"] += 1
        else:
            fields["agenda_item"]["WRONG"] += 1
    stages = [s for s in speeches if s.procedural]
    fields["procedural"]["right" if len(stages) == PROCEDURAL else "WRONG"] += 1
    heading = recognise_session(text[:600])
    try:  # (the code before the period reader reads none)
        from indexer.readers.session_period import legislature_in_heading, period_in_heading
    except ImportError:
        legislature_in_heading = period_in_heading = lambda _text: None
    found = {
        "date": parse_date(text[:600]),
        "type": session_type_in_heading(text),
        "legislature": heading.legislature,
        "period": period_in_heading(text),
        "heading legislature": legislature_in_heading(text),
    }
    for key, want in SESSION.items():
        fields[f"session {key}"] = Counter()
        _grade(fields[f"session {key}"], found[key], want)
    return {
        "corpus": "SCJN vt-pleno-2025-02-18",
        "speeches": len(spoken),
        "procedural": len(stages),
        "fields": {k: dict(v) for k, v in fields.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=HERE / "bench/results/speech_fields.json")
    args = parser.parse_args()
    result = measure()
    shutdown()
    if result is None:
        print("the shared corpus is absent: nothing measured")
        return 0
    print(f"{result['corpus']}: {result['speeches']} speeches, {result['procedural']} procedural")
    print(f"{'field':20} {'right':>6} {'empty':>6} {'right (empty)':>14} {'WRONG':>6}")
    for name, counts in result["fields"].items():
        print(
            f"{name:20} {counts.get('right', 0):>6} {counts.get('empty', 0):>6} "
            f"{counts.get('right (empty)', 0):>14} {counts.get('WRONG', 0):>6}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
