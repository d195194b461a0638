"""How right the sentence reader is on SCJN sentences of every kind of case and era:
per field, right / wrong / missing / rightly empty against what each fixture says
(``tests/fixtures/scjn_texts/expected.json``, written by reading each text).

A wrong value is worse than none: it is counted apart from a missing one.

    python bench/scjn_fields.py [--show wrong,missing] [--layout wrapped|no-opening]

``--layout wrapped``: each text as a PDF's text layer gives it, lines broken at 60
characters and long words split with a hyphen; ``no-opening``: without the opening
formula's paragraph (the court then comes from the closing; the date is not there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.readers.expedientes import normalise_expediente  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402
from indexer.readers.normalise import normalise_person  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "scjn_texts"
FIELDS = ("expediente", "court", "resolution_date", "ponente", "secretario", "ruling")
RESULTS = Path(__file__).with_name("results")


def comparable(field: str, value: str | None) -> str | None:
    """A value as the comparison sees it: a case number canonical, a person's name as the
    model keeps it (no title), in any case."""
    if value is None:
        return None
    if field == "expediente":
        return normalise_expediente(value)
    if field in ("ponente", "secretario"):
        kept = normalise_person(value)
        return kept.casefold() if kept else None
    return value


def outcome(want: str | None, got: str | None) -> str:
    if got is None:
        return "rightly empty" if want is None else "missing"
    return "right" if got == want else "wrong"


def wrapped(text: str, width: int = 60) -> str:
    """``text`` with its paragraphs broken at ``width`` characters, a long lower-case word
    split with a hyphen where it overflows, as a PDF's text layer gives them."""
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > width:
                if len(word) > 8 and word.isalpha() and word.islower() and len(line) + 6 < width:
                    out.append(f"{line} {word[:4]}-")
                    line = word[4:]
                    continue
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return "\n".join(out)


_OPENING = re.compile(
    r"^(?:Ciudad de México|México, Distrito Federal)[^\n]*(?:\n(?!\s*\n)[^\n]*)*", re.M
)
LAYOUTS = {
    "as-written": lambda text: text,
    "wrapped": wrapped,
    "no-opening": lambda text: _OPENING.sub("", text, count=1),
}


def measure(layout: str = "as-written") -> list[dict[str, str]]:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["documents"]
    rows = []
    for name, fields in expected.items():
        text = LAYOUTS[layout]((FIXTURES / name).read_text(encoding="utf-8"))
        read = read_sentence(text).values
        for field in FIELDS:
            want = comparable(field, fields.get(field))
            if layout == "no-opening" and field == "resolution_date":
                want = None  # an SCJN closing gives no date
            got = comparable(field, read.get(field))
            rows.append(
                {"document": name, "field": field, "outcome": outcome(want, got),
                 "expected": str(want), "read": str(got)}
            )  # fmt: skip
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", default="wrong,missing")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="as-written")
    args = parser.parse_args(argv)
    rows = measure(args.layout)
    kinds = ("right", "wrong", "missing", "rightly empty")
    counts = Counter((r["field"], r["outcome"]) for r in rows)
    print(f"{'field':16}" + "".join(f"{k:>15}" for k in kinds))
    for field in FIELDS:
        print(f"{field:16}" + "".join(f"{counts[field, k]:>15}" for k in kinds))
    total = Counter(r["outcome"] for r in rows)
    print(f"{'all':16}" + "".join(f"{total[k]:>15}" for k in kinds))
    shown = set(args.show.split(","))
    for r in rows:
        if r["outcome"] in shown:
            print(f"  {r['outcome']:8} {r['document']:40} {r['field']:16} "
                  f"expected={r['expected']!r} read={r['read']!r}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    saved = RESULTS / f"scjn_fields-{args.layout}.json"
    saved.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
