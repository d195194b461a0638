"""The native citation scan alone (``scan_citations``: cases, tesis, articles of one
text and its fold), two builds alternately: each interpreter (a venv with its own
``abierto_native``) runs as a child over the same texts, timing its thread's CPU per
document (best of three passes) and digesting every raw result (groups and positions):
the two must find the same.

Usage: python bench/citation_scan_ab.py --before OLD_PYTHON --after NEW_PYTHON
                                        [--rounds 5] [--size 400]

Texts: ``bench/legal_corpus.py``'s real mix, the real SCJN sentences of
``/work/shared/corpus/real/scjn-sentencias`` and the pages of its transcript (each
skipped when absent). Each child runs with
``PYTHONPATH`` at the checkout whose venv it is (the extension must be built there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
if str(HERE.parents[1]) not in sys.path:  # appended: a child's PYTHONPATH comes first
    sys.path.append(str(HERE.parents[1]))

from bench.ab_children import (  # noqa: E402
    Runs,
    add_child_arguments,
    cpu_per_doc,
    report,
    run_child,
)

RESULTS = HERE.parent / "results" / "citation_scan_ab.json"
TRANSCRIPT = Path("/work/shared/corpus/scjn-transcripts/vt-pleno-2025-02-18.pdf")


def transcript_pages() -> list[str]:
    """The text of each page of the real SCJN transcript, when it is here."""
    if not TRANSCRIPT.is_file():
        return []
    import pypdfium2

    pdf = pypdfium2.PdfDocument(TRANSCRIPT)
    return [page.get_textpage().get_text_range() for page in pdf]


def child(size: int) -> dict[str, Any]:
    from bench.citation_reading import real_texts
    from bench.legal_corpus import LegalCorpus
    from indexer.citations import native
    from indexer.citations.laws import fold

    assert native.SCAN is not None, "la extensión nativa no es de este código"
    sets = {
        "bench real mix": [d.text for d in LegalCorpus(size, mix="real")],
        "SCJN sentences": real_texts(),
        "SCJN transcript": transcript_pages(),
    }
    args = (native.SCANNER, native.TESIS_SCANNER, native.ARTICLE_SCANNER)
    found: dict[str, Any] = {}
    for name, texts in sets.items():
        if not texts:
            continue
        pairs = [(t, fold(t)) for t in texts]
        found[name] = cpu_per_doc(pairs, lambda pair: native.SCAN(*args, *pair))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the old venv's python")
    parser.add_argument("--after", type=Path, help="the new venv's python")
    add_child_arguments(parser, RESULTS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.size)))
        return 0
    if args.before is None or args.after is None:
        parser.error("--before and --after are required")
    pythons = {"before": args.before, "after": args.after}
    runs: Runs = {name: [] for name in pythons}
    for _ in range(args.rounds):
        for name, python in pythons.items():
            # the checkout is the venv's parent (``<checkout>/.venv/bin/python``)
            checkout = python.absolute().parents[2]
            runs[name].append(run_child(python, HERE, checkout, args.size, cwd=checkout))
    report(runs, f"scan CPU µs per document, medians of {args.rounds}", 1, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
