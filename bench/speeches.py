"""Benchmark speech attribution: on the real SCJN versión taquigráfica (expected speakers
in ``tests/fixtures/speeches/``) and on the sample congress's stenographic versions
(expected turns in the sample manifest), the share of speeches whose speaker, person,
role, party and agenda item are right, and the CPU time to split them.

With the shared corpus, also every senator of a real roster heading turns in the
Senado's shapes beside quotes and addresses that look like headings (speeches found,
right, wrong, empty, words left to no one).

Usage: python bench/speeches.py [--json PATH]   (default ``bench/results/speeches.json``)
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.analysis import fold_keyword  # noqa: E402
from indexer.extract import ExtractionLimits, extract_text, shutdown  # noqa: E402
from indexer.models import Sesion  # noqa: E402
from indexer.speeches.attribute import speeches_of  # noqa: E402
from indexer.speeches.people import People, read_roster  # noqa: E402
from samples.congreso import CONGRESS, ROSTER_PATH  # noqa: E402
from samples.generate import generate  # noqa: E402

SCJN = next(
    (
        base / "shared" / "corpus" / "scjn-transcripts" / "vt-pleno-2025-02-18.pdf"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "corpus").is_dir()
    ),
    Path("/nonexistent"),
)
EXPECTED = REPO / "tests" / "fixtures" / "speeches" / "scjn-vt-pleno-2025-02-18.json"
LIMITS = ExtractionLimits(max_bytes=100_000_000, timeout_s=120)


def _text(path: Path) -> str:
    return extract_text(path.read_bytes(), "application/pdf", path.name, LIMITS).text


def _session(text: str, institution: str, congress: str | None, agenda: list[str]) -> Sesion:
    return Sesion(
        id="bench",
        title="bench",
        institution=institution,
        jurisdiction="MX",
        source_id="bench",
        url="https://bench.invalid/",
        text=text,
        congress=congress,
        agenda=agenda,
        legislature="LXVI",
    )


def scjn() -> dict[str, Any] | None:
    if not SCJN.exists():
        return None
    expected = json.loads(EXPECTED.read_text())
    session = _session(_text(SCJN), "Suprema Corte de Justicia de la Nación", None, [])
    start = time.process_time()
    speeches = speeches_of(session, People(session.institution))
    cpu = time.process_time() - start
    spoken = [s for s in speeches if not s.procedural]
    right = sum(
        (s.person_name, s.role)
        == (
            expected["people"][s.speaker_as_written]["person"],
            expected["people"][s.speaker_as_written]["role"],
        )
        for s in spoken
        if s.speaker_as_written in expected["people"]
    )
    headings = len(expected["speakers"])
    return {
        "corpus": "SCJN vt-pleno-2025-02-18",
        "speeches": len(spoken),
        "procedural": len(speeches) - len(spoken),
        "headings_expected": headings,
        "attributed_right": right,
        "share_right": right / len(spoken),
        "cpu_s": cpu,
    }


def samples(roster: bool = True) -> dict[str, Any]:
    """``roster``: with the sample congress's roster imported; without it, a party a turn
    does not state can only come from the same person's other turns of the session."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        manifest = generate(root)
        entries = read_roster((root / ROSTER_PATH.lstrip("/")).read_text()) if roster else []
        people = People(CONGRESS)
        for entry in entries:
            person = people.resolve(entry.name)
            if person is not None:
                person.add_term("LXVI", entry.party, None, "padrón")
        total = right = 0
        cpu = 0.0
        for sample in manifest.sesiones:
            if not sample.transcript_path:
                continue
            text = _text(root / sample.transcript_path.lstrip("/"))
            start = time.process_time()
            speeches = speeches_of(_session(text, CONGRESS, CONGRESS, sample.agenda), people)
            cpu += time.process_time() - start
            got = [
                (s.speaker_as_written, s.person_name, s.party, s.agenda_index, s.procedural)
                for s in speeches
            ]
            want = [
                (t.speaker_as_written, t.person, t.party, t.agenda_index, t.procedural)
                for t in sample.speeches
            ]
            total += max(len(want), len(got))
            right += sum(g == w for g, w in zip(got, want, strict=False))
    return {
        "corpus": "sample congress" + ("" if roster else ", no roster"),
        "speeches": total,
        "attributed_right": right,
        "share_right": right / total,
        "cpu_s": cpu,
    }


SENADORES = next(
    (
        base / "shared" / "corpus" / "fundar-senadores" / "senadores.csv"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "corpus").is_dir()
    ),
    Path("/nonexistent"),
)


def _senators() -> list[tuple[str, str]]:
    """(name as spoken, party) of each senator of the real LXII roster ("Aispuro Torres,
    José Rosas|PAN|…" → "José Rosas Aispuro Torres")."""
    out = []
    for line in SENADORES.read_text(encoding="utf-8").splitlines()[1:]:
        cells = [c.strip() for c in line.split("|")]
        surnames, _, given = cells[0].partition(",")
        if given.strip() and cells[1]:
            out.append((f"{given.strip()} {surnames.strip()}", cells[1]))
    return out


def senado_roster() -> dict[str, Any] | None:
    """Every senator of the real LXII roster (fundar's senadores.csv) heading a turn in
    the Senado's own shapes (capitals, mixed case with the party in brackets or as a
    bench clause, the seat after the colon), each turn holding what has misled readers:
    the next senator quoted on a line a verb of saying or a possessive leaves open, a
    senator addressed with the words going on in lower case. Right: the turn's person
    and party are the senator's; a quote or an address made into a turn is a wrong one."""
    if not SENADORES.exists():
        return None
    senators = _senators()
    lines = ["-El Presidente Senador Ernesto Cordero Arroyo: Se abre la sesión."]
    shapes = (
        lambda n, p: f"-EL C. SENADOR {n.upper()}: ",
        lambda n, p: f"-El Senador {n} ({p}): ",
        lambda n, p: f"-El Senador {n}, del Grupo Parlamentario del {p}: ",
        lambda n, p: f"-El Senador {n}: (Desde su escaño) ",
    )
    for at, (name, party) in enumerate(senators):
        other, other_party = senators[(at + 1) % len(senators)]
        surname = other.split()[-2]
        lines += [
            shapes[at % len(shapes)](name, party) + "Gracias, señor Presidente. Como lo dijo",
            f"El Senador {other} ({other_party}): Que no hay recursos. Y lo afirmó nuestro",
            "Presidente Ernesto Cordero Arroyo: Primero la ley.",
            f"Senador {surname}: usted votó a favor. Es cuanto.",
            "-El Presidente Senador Ernesto Cordero Arroyo: Gracias.",
        ]
    session = _session("\n".join(lines) + "\n", "Senado de la República", "Senado", [])
    session.legislature = "LXII"
    start = time.process_time()
    speeches = speeches_of(session, People("Senado"))
    cpu = time.process_time() - start
    spoken = [s for s in speeches if s.role == "legislador"]
    got = [fold_keyword(s.person_name or "") for s in spoken]
    parties = dict(senators)
    matcher = difflib.SequenceMatcher(
        None, got, [fold_keyword(n) for n, _ in senators], autojunk=False
    )
    matched = [
        spoken[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)
    ]
    empty = sum(1 for name in got if not name)
    stated = [s for s in matched if s.party is not None]
    return {
        "corpus": "Senado LXII roster, shapes",
        "speeches": len(spoken),
        "expected": len(senators),
        "attributed_right": len(matched),
        # turns the record does not head: a quote or an address made into someone's turn
        # (the record heads one turn of the chair's, then a senator's and the chair's)
        "wrong": sum(1 for s in speeches if s.speaker_as_written and not s.procedural)
        - 1
        - 2 * len(senators),
        "empty": empty,
        # the speaker's words left to no one (an address read as an unknown heading)
        "orphaned": sum(1 for s in speeches if not s.speaker_as_written and not s.procedural),
        "party_right": sum(1 for s in stated if parties.get(s.person_name or "") == s.party),
        "party_wrong": sum(1 for s in stated if parties.get(s.person_name or "") != s.party),
        "share_right": len(matched) / len(senators),
        "cpu_s": cpu,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "speeches.json")
    args = parser.parse_args()
    rows = [r for r in (scjn(), samples(), samples(roster=False), senado_roster()) if r is not None]
    shutdown()
    print(f"{'corpus':28} {'speeches':>9} {'right':>7} {'share':>7} {'cpu s':>7}  more")
    for r in rows:
        print(
            f"{r['corpus']:28} {r['speeches']:>9} {r['attributed_right']:>7} "
            f"{r['share_right']:>7.1%} {r['cpu_s']:>7.3f}  "
            + (
                f"wrong {r['wrong']}, empty {r['empty']}, to no one {r['orphaned']}; "
                f"party right {r['party_right']}, wrong {r['party_wrong']}"
                if "wrong" in r
                else ""
            )
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
