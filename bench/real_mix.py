"""The query mix with its words as selective as in real sentences.

Usage: python bench/real_mix.py --data DIR [--json PATH]

``bench/legal_corpus.py`` draws every sentence from a few dozen phrases, so the mix's words
are in most of its documents («interés superior de la niñez» in 75%, «amparo» in 72%,
``constitu*`` in 99%): each question matches, counts and ranks far more documents than it
would in a real library. How often each is really found is measured here on the real
sentences in ``../shared/corpus/real/scjn-sentencias`` (the SCJN's own texts): they are cut
into passages of 3,000 characters (the synthetic library's shortest size), indexed by the
project's store (the same analysers and query language), and each question's words asked:
``p``, the share of passages that match. A document of ``n`` such passages holds them
with probability ``1 - (1 - p)**n``; over the synthetic library's sizes
(``legal_corpus.REAL_MIX``) that is the share of documents a real library would match,
the *target*. Each of ``bench/search.py``'s questions then keeps its category, filters
and sort, and takes the words (its own, or one of the candidates below of the same shape,
made of the corpus's vocabulary) whose share of the data folder's documents is nearest
its target (by ratio). ``bench/http_mix.py --mix realistic`` asks this mix. Printed: each
question's real share per passage, its target, its share in the folder, and the words
chosen with theirs. JSON goes to ``bench/results/real_mix.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import tempfile  # noqa: E402
from typing import Any  # noqa: E402

from bench.legal_corpus import OBJECTS, RARE, REAL_MIX  # noqa: E402
from bench.results import keep  # noqa: E402
from bench.search import MIX  # noqa: E402
from config.settings import Settings  # noqa: E402
from indexer.models import Sentencia  # noqa: E402
from indexer.stores import SearchQuery  # noqa: E402

RESULTS = REPO / "bench" / "results" / "real_mix.json"
SENTENCES = REPO.parent / "shared" / "corpus" / "real" / "scjn-sentencias"
if not SENTENCES.is_dir():
    SENTENCES = Path("/work/shared/corpus/real/scjn-sentencias")
PASSAGE_CHARS = 3_000
Mix = list[tuple[str, SearchQuery]]

_WORDS = sorted({w for phrase in OBJECTS for w in phrase.split()[1:] if len(w) > 4})
# candidate words by category, of the synthetic corpus's own vocabulary
CANDIDATES: dict[str, list[str]] = {
    "term": [*RARE, *_WORDS],
    "phrase": [f'"{" ".join(p.split()[1:])}"' for p in OBJECTS]
    + [f'"relativo al {word}"' for word in RARE],
    "boolean": [f"({a} OR {b}) AND {c}" for a, b, c in zip(RARE, RARE[1:], RARE[2:], strict=False)]
    + [f"{a} AND {b} NOT {c}" for a, b, c in zip(_WORDS, RARE, RARE[3:], strict=False)],
    "prefix": [f"{word[:6]}*" for word in [*RARE, *_WORDS] if len(word) > 6],
}


def passages() -> list[str]:
    """The real sentences' texts cut into passages of about ``PASSAGE_CHARS`` (at a
    space); empty when the shared corpus is absent."""
    out = []
    for path in sorted(SENTENCES.glob("*.json")) if SENTENCES.is_dir() else []:
        text = json.loads(path.read_text(encoding="utf-8")).get("text") or ""
        while text:
            cut = text.rfind(" ", 0, PASSAGE_CHARS) if len(text) > PASSAGE_CHARS else len(text)
            cut = cut if cut > 0 else PASSAGE_CHARS
            out.append(text[:cut])
            text = text[cut:].lstrip()
    return out


def _asked(q: str) -> SearchQuery:
    return SearchQuery(q=q, facets=[], highlight=False, limit=1)


def real_shares(texts: list[str], questions: list[str]) -> dict[str, float]:
    """Each question's share of ``texts`` that match it, in a store of their own."""
    from indexer.stores.tantivy_store import TantivyStore

    with tempfile.TemporaryDirectory(prefix="real-mix-") as scratch:
        store = TantivyStore(Path(scratch) / "index")
        docs = [
            Sentencia(
                id=f"p{n}",
                title="",
                date=dt.date(2025, 1, 1),
                institution="Suprema Corte de Justicia de la Nación",
                jurisdiction="MX",
                source_id="real",
                url=f"https://example.org/{n}",
                text=text,
            )
            for n, text in enumerate(texts)
        ]
        report = store.upsert(docs)
        if report.errors:
            raise RuntimeError(f"passages not indexed: {list(report.errors.items())[:3]}")
        shares = {q: store.search(_asked(q)).total / len(texts) for q in questions}
        store.close()
    return shares


def target(per_passage: float) -> float:
    """The share of the synthetic library's documents (its sizes) a real one would match."""
    return sum(
        weight * (1 - (1 - per_passage) ** (size / PASSAGE_CHARS))
        for size, weight in REAL_MIX.items()
    )


def realistic_mix(data: Path) -> tuple[Mix, list[dict[str, Any]]]:
    """``MIX`` with each question's words replaced by those nearest its real share in
    ``data``'s library, and the table of what was measured and chosen."""
    from indexer.library import Library

    texts = passages()
    if not texts:
        raise SystemExit(f"no real sentences in {SENTENCES}: the realistic mix needs them")
    own = sorted({query.q for _, query in MIX if query.q})
    real = real_shares(texts, own)
    library = Library.open(Settings(data_dir=data))
    try:
        documents = max(1, library.store.count())
        known: dict[str, float] = {}

        def share(q: str) -> float:
            if q not in known:
                known[q] = library.search(_asked(q)).total / documents
            return known[q]

        mix: Mix = []
        table = []
        for category, query in MIX:
            if not query.q:
                mix.append((category, query))
                continue
            wanted = max(target(real[query.q]), 1 / documents)
            shape = category if category in CANDIDATES else "term"
            options = [query.q, *CANDIDATES[shape]]
            chosen = min(
                options, key=lambda q: abs(math.log(max(share(q), 0.1 / documents) / wanted))
            )
            mix.append((category, query.model_copy(update={"q": chosen})))
            table.append(
                {
                    "category": category,
                    "q": query.q,
                    "real_per_passage": round(real[query.q], 4),
                    "target": round(wanted, 4),
                    "folder_share": round(share(query.q), 4),
                    "chosen": chosen,
                    "chosen_share": round(share(chosen), 4),
                }
            )
    finally:
        library.close()
    return mix, table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    _, table = realistic_mix(args.data)
    print(f"{len(passages())} real passages of {PASSAGE_CHARS} characters")
    print(f"{'question':44}{'real/passage':>13}{'target':>8}{'folder':>8}  chosen (its share)")
    for row in table:
        print(
            f"{row['q'][:43]:44}{row['real_per_passage']:>13.3f}{row['target']:>8.3f}"
            f"{row['folder_share']:>8.3f}  {row['chosen']} ({row['chosen_share']:.3f})"
        )
    keep(args.json, args.data.name, {"passages": len(passages()), "questions": table})
    return 0


if __name__ == "__main__":
    sys.exit(main())
