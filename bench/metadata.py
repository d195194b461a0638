"""How right the sentence reader is: per field, right / wrong / empty against what each
document says, written down by reading it (``bench/metadata_expected.json``).

Three sets: the real SCJN sentences and transcript in the shared corpus (skipped when
absent), the project's fixture PDFs, and the sentences of the generated sample court
(their ground truth is the generator's manifest). A field the document does not state
is expected empty: a value there counts as wrong.

    python bench/metadata.py [--corpus /work/shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.extract.pdf import extract_pdf  # noqa: E402
from indexer.readers.expedientes import normalise_expediente  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402
from indexer.readers.normalise import normalise_person  # noqa: E402
from samples.generate import generate  # noqa: E402

FIELDS = ("court", "expediente", "resolution_date", "matter", "ponente")
EXPECTED = Path(__file__).with_name("metadata_expected.json")
RESULTS = Path(__file__).with_name("results")
CORPUS = Path(os.environ.get("ABIERTO_SHARED_CORPUS", "/work/shared/corpus"))


def document_text(path: Path) -> str:
    """The text a crawl would index: a PDF's text layer, a saved record's ``text``."""
    if path.suffix == ".pdf":
        return extract_pdf(path.read_bytes(), 500).text
    return str(json.loads(path.read_text(encoding="utf-8"))["text"])


def _person(name: str | None) -> str | None:
    kept = normalise_person(name)
    return kept.casefold() if kept else None


def compare(name: str, text: str, expected: dict[str, str | None]) -> list[dict[str, str]]:
    """One row per field: right, wrong (a value that is not the document's) or empty."""
    read = read_sentence(text).values
    rows = []
    for field in FIELDS:
        want, got = expected.get(field), read.get(field)
        if field == "expediente":
            want, got = normalise_expediente(want), normalise_expediente(got)
        if field == "ponente":  # the name as the model keeps it (no title), in any case
            want, got = _person(want), _person(got)
        if got is None:
            outcome = "right" if want is None else "empty"
        else:
            outcome = "right" if got == want else "wrong"
        rows.append(
            {
                "set": "",
                "document": name,
                "field": field,
                "outcome": outcome,
                "expected": str(want),
                "read": str(got),
            }
        )
    return rows


def real_rows(corpus: Path, expected: dict[str, dict[str, str | None]]) -> list[dict[str, str]]:
    rows = []
    for name, fields in expected.items():
        path = corpus / name
        if path.exists():
            rows += compare(name, document_text(path), fields)
    return rows


def fixture_rows(expected: dict[str, dict[str, str | None]]) -> list[dict[str, str]]:
    return [
        row
        for name, fields in expected.items()
        for row in compare(name, document_text(REPO / name), fields)
    ]


def sample_rows() -> list[dict[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        manifest = generate(Path(folder), seed=7)
        for doc in manifest.documents:
            if doc.kind != "sentencia":
                continue
            fields = {
                "court": doc.court,
                "expediente": doc.expediente,
                "resolution_date": doc.resolution_date.isoformat(),
                "matter": doc.matter,
                # named in the closing's prose ("siendo ponente el Magistrado…")
                "ponente": doc.ponente,
            }
            text = document_text(Path(folder) / doc.path.lstrip("/"))
            rows += compare(doc.path.rsplit("/", 1)[-1], text, fields)
    return rows


def table(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    counts: Counter[tuple[str, str, str]] = Counter(
        (row["set"], row["field"], row["outcome"]) for row in rows
    )
    out = []
    for name in dict.fromkeys(row["set"] for row in rows):
        documents = len({row["document"] for row in rows if row["set"] == name})
        for field in FIELDS:
            out.append(
                {
                    "set": name,
                    "documents": documents,
                    "field": field,
                    **{o: counts[(name, field, o)] for o in ("right", "wrong", "empty")},
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    rows = []
    for name, found in (
        ("real", real_rows(args.corpus, expected["real"])),
        ("fixtures", fixture_rows(expected["fixtures"])),
        ("samples", sample_rows()),
    ):
        rows += [row | {"set": name} for row in found]
    summary = table(rows)
    print(f"{'set':<9} {'docs':>4}  {'field':<16} {'right':>5} {'wrong':>5} {'empty':>5}")
    for line in summary:
        print(
            f"{line['set']:<9} {line['documents']:>4}  {line['field']:<16} "
            f"{line['right']:>5} {line['wrong']:>5} {line['empty']:>5}"
        )
    misses = [row for row in rows if row["outcome"] != "right"]
    for row in misses:
        print(
            f"  {row['outcome']}: {row['set']} {row['document']} {row['field']}: "
            f"read {row['read']!r}, expected {row['expected']!r}"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "metadata.json"
    out.write_text(json.dumps({"summary": summary, "misses": misses}, ensure_ascii=False, indent=1))
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
