"""CPU per document of each step a crawl and a flush spend it on, one process, one thread.

Usage: python bench/document_cpu.py [--size 1500] [--rounds 3] [--label NAME] [--json PATH]

Documents of about 3 KB from ``bench/legal_corpus.py``, as the pages ``bench/crawl.py``
serves. Steps: a page's main text (``html_main_text``), the sentence readers
(``read_sentence``), the whole build (``build_document``: readers, privacy guard,
model), the pair terms of the text (``pair_text``: native where installed, and
``pair_text_python``, the fallback, where the checkout has it), the citations read
(``read_citations``) and the index entry prepared (``tantivy_entry.prepare``). Each is
timed ``--rounds`` times in CPU time (``time.process_time``) and the fastest round is
kept: on a shared machine the fastest is the one least disturbed. Run from an older
checkout for a before/after (same corpus, same steps).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.legal_corpus import LegalCorpus  # noqa: E402
from indexer.analysis import pair_text  # noqa: E402

try:  # the pure-Python pair terms, beside the native ones (when installed)
    from indexer.analysis import python_pair_text
except ImportError:  # an older checkout: pair_text is Python's
    python_pair_text = None
from indexer.build import build_document  # noqa: E402
from indexer.citations.records import read_citations  # noqa: E402
from indexer.extract import html_main_text  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402
from indexer.stores.tantivy_entry import prepare  # noqa: E402

RESULTS = REPO / "bench" / "results" / "document_cpu.json"


def page(doc: Any) -> bytes:
    """The detail page ``bench/crawl.py`` serves for ``doc``."""
    paragraphs = "".join(f"<p>{p}</p>" for p in doc.text.split("\n") if p.strip())
    return f"<html><body><h1>{doc.title}</h1>{paragraphs}</body></html>".encode()


def built(doc: Any) -> Any:
    return build_document(
        kind="sentencia",
        source_id="bench-crawl",
        institution="Juzgado de Prueba",
        jurisdiction="MX-OAX",
        url=f"http://127.0.0.1/{doc.id}.html",
        fields={"expediente": "1/2024", "date": "01/02/2024"},
        text=doc.text,
        heading_text=doc.text,
        signature_text="",
    )


def fastest(step: Callable[[Any], Any], items: list[Any], rounds: int) -> float:
    """Microseconds of CPU per item, the fastest of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        for item in items:
            step(item)
        best = min(best, time.process_time() - began)
    return 1e6 * best / len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    docs = list(LegalCorpus(args.size, mix="3k"))
    pages = [page(doc) for doc in docs]
    texts = [doc.text for doc in docs]
    steps: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "html_main_text": (html_main_text, pages),
        "read_sentence": (read_sentence, texts),
        "build_document": (built, docs),
        "pair_text": (pair_text, texts),
        **({"pair_text_python": (python_pair_text, texts)} if python_pair_text else {}),
        "read_citations": (read_citations, docs),
        "prepare_entry": (prepare, docs),
    }
    load = os.getloadavg()
    found = {
        name: round(fastest(step, items, args.rounds)) for name, (step, items) in steps.items()
    }
    print(f"{'step':<16}{'µs CPU/document':>17}")
    for name, micros in found.items():
        print(f"{name:<16}{micros:>17}")
    print(f"{args.size} documents of ~3 KB, fastest of {args.rounds}; load {load[0]:.1f}")
    stored = json.loads(args.json.read_text()) if args.json.is_file() else {}
    stored[args.label or str(args.size)] = {
        "micros_per_document": found,
        "size": args.size,
        "load_average": load,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
