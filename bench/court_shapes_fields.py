"""How right the sentence reader is on courts and eras beyond the SCJN's modern
sentences: circuit courts and district judges (SISE public versions, page headers
repeated), SCJN engroses of the 1990s and 2000s, state salas and juzgados, the TFJA and
the TEPJF (``tests/fixtures/court_shapes``, each field written down by reading the text).
Each text is read as written and without its caption's ponente lines (a lost Word
header: the closing then says who drafted it). A wrong value is counted apart from a
missing one: it is worse than none.

    python bench/court_shapes_fields.py   # the code on PYTHONPATH: run on two checkouts
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

from bench.scjn_fields import FIELDS as SCJN_FIELDS  # noqa: E402
from bench.scjn_fields import comparable, outcome  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "court_shapes"
RESULTS = Path(__file__).with_name("results")
# the SCJN bench's fields and the case's kind (tipo de asunto), which every shape states
FIELDS = (*SCJN_FIELDS, "proceeding")
# a caption's ponente label and its value, on its line or the next
_CAPTION_PONENTE = re.compile(
    r"^(?:MINISTR[OA] |MAGISTRAD[OA] )?PONENTE:[^\n]*\n(?:(?!\s*\n)(?![A-Z ]+:)[^\n]*\n)?",
    re.M | re.I,
)


def documents() -> list[tuple[str, str, dict[str, str | None]]]:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["documents"]
    out = []
    for name, want in expected.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        out.append((name, text, want))
        if _CAPTION_PONENTE.search(text):
            bare = want if want.get("ponente_in_closing", True) else want | {"ponente": None}
            out.append((f"{name} sin ponente en el rubro", _CAPTION_PONENTE.sub("", text), bare))
    return out


def measure() -> list[dict[str, str]]:
    rows = []
    for name, text, want in documents():
        read = read_sentence(text).values
        for field in FIELDS:
            expected, got = comparable(field, want.get(field)), comparable(field, read.get(field))
            rows.append({"document": name, "field": field, "outcome": outcome(expected, got),
                         "expected": str(expected), "read": str(got)})  # fmt: skip
    return rows


def main() -> int:
    rows = measure()
    kinds = ("right", "wrong", "missing", "rightly empty")
    counts = Counter((r["field"], r["outcome"]) for r in rows)
    print(f"{'field':16}" + "".join(f"{k:>15}" for k in kinds))
    for field in FIELDS:
        print(f"{field:16}" + "".join(f"{counts[field, k]:>15}" for k in kinds))
    for r in rows:
        if r["outcome"] in ("wrong", "missing"):
            print(f"  {r['outcome']:8} {r['document']:58} {r['field']:16} "
                  f"expected={r['expected']!r} read={r['read']!r}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    saved = RESULTS / "court_shapes_fields.json"
    saved.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
