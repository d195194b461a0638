"""Two checkouts' write path, row for row: each builds a library from the same documents
(the crawl path: batches saved by ``Library.add_documents``, handed to the index, a
final waiting flush) and dumps its database's rows; the rows must be identical, every
document's content hash among them. Also hashes more documents without saving them.

Usage: python bench/write_same.py --before CHECKOUT [--size 3000] [--hashed 20000]
                                  [--cites resolving]

Documents: ``bench/legal_corpus.py``'s real mix (``--size``), and as many again made
from the real texts of ``/work/shared/corpus`` (when present): the SCJN sentences, the
Pleno's transcript (its PDF's text, form feeds and all), the HTML pages and CSV files
as they are, each cut into pieces of several lengths at several places, as sentences
(with case numbers of their own, some cited in the real texts), sessions and
legislative documents. ``--hashed``: that many more of the corpus (and the
real pieces again) only hashed (``hash_dump``), not saved. Each checkout runs as a child
(its own ``PYTHONPATH``); columns that hold the moment of writing (``*_at``, in a
document's JSON too) are left out.
Prints each table's rows identical or not, and the first difference; exits 1 on any.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
SHARED = Path("/work/shared/corpus")
# the tables a write fills; ``*_at`` columns (moments of writing) are left out
TABLES = (
    "documents",
    "document_sources",
    "document_keys",
    "citations",
    "document_cases",
    "citation_reads",
    "index_queue",
    "files",
)
PIECES = (500, 3_000, 30_000, 120_000)  # characters of each cut of a real text


def real_texts() -> list[str]:
    """The shared corpus's texts as a reader meets them (absent: none)."""
    texts: list[str] = []
    if not SHARED.is_dir():
        return texts
    for path in sorted((SHARED / "real" / "scjn-sentencias").glob("*.json")):
        record = json.loads(path.read_text())
        texts.append(max((v for v in record.values() if isinstance(v, str)), key=len))
    for path in sorted(SHARED.rglob("*")):
        plain = path.suffix in (".html", ".csv", ".json")
        if plain and "scjn-sentencias" not in path.parts:
            texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    for path in sorted(SHARED.rglob("*.pdf")):
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        texts.append("\f".join(page.get_textpage().get_text_range() for page in pdf))
    return texts


def pieces(texts: list[str]) -> Iterator[str]:
    """Each text whole, and cut into ``PIECES`` at several places."""
    for text in texts:
        yield text
        for size in PIECES:
            step = max(size // 2, 1)
            for start in range(0, max(len(text) - size, 0) + 1, step):
                yield text[start : start + size]


def documents(size: int, cites: str = "none") -> list[Any]:
    """The corpus's first ``size`` documents and the real pieces, as its three kinds
    (``cites``: ``LegalCorpus``'s, "resolving" for citations of the corpus's sentences)."""
    from bench.legal_corpus import LegalCorpus

    corpus = list(LegalCorpus(size, mix="real", **({"cites": cites} if cites != "none" else {})))
    models: dict[str, Any] = {}
    for doc in corpus:
        models.setdefault(doc.kind, doc)
    kinds = [models[k] for k in sorted(models)]
    real = []
    for n, text in enumerate(pieces(real_texts())):
        model = kinds[n % len(kinds)]
        update = {"id": f"real-{n:06d}", "url": f"https://real.example.mx/{n}", "text": text}
        if model.kind == "sentencia":  # its own cases: rows of their own, and no citation
            update["expediente_normalised"] = f"ADR {1300 + n % 20}/2023, AI {n % 40}/2024"
        real.append(model.model_copy(update={**update, "sources": []}))
    return corpus + real


def rows(data_dir: Path) -> dict[str, list[list[Any]]]:
    """Every row of ``TABLES``, without ``*_at`` columns, sorted."""
    import sqlite3

    connection = sqlite3.connect(data_dir / "abierto.db")
    found: dict[str, list[list[Any]]] = {}
    for table in TABLES:
        names = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
        kept = [n for n in names if not n.endswith("_at")]
        columns = ", ".join(f'"{n}"' for n in kept)
        found[table] = sorted(
            [
                [_timeless(v) for v in row]
                for row in connection.execute(f"SELECT {columns} FROM {table}")
            ],
            key=repr,
        )
    connection.close()
    return found


def _timeless(value: Any) -> Any:
    """A JSON value (a document's ``data``) without its ``*_at`` keys; others as they are."""
    if isinstance(value, str) and value.startswith("{"):
        try:
            found = json.loads(value)
        except ValueError:
            return value
        return {k: v for k, v in found.items() if not k.endswith("_at")}
    return value


def child(size: int, hashed: int, out: Path, cites: str = "none") -> None:
    from bench import write
    from bench.legal_corpus import LegalCorpus
    from config.settings import Settings
    from indexer.library import Library

    docs = documents(size, cites)
    with tempfile.TemporaryDirectory(prefix="write-same-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        library = Library.open(settings, writer=True)
        write.crawl_path(library, docs)
        library.close()
        found: dict[str, Any] = {"rows": rows(Path(tmp))}
    extra = list(LegalCorpus(hashed, seed=7, mix="real")) + docs
    found["hashes"] = [doc.hash_dump()["content_sha256"] for doc in extra]
    out.write_text(json.dumps(found, default=str))


def compare(before: dict[str, Any], after: dict[str, Any]) -> bool:
    same = True
    for table in TABLES:
        old, new = before["rows"][table], after["rows"][table]
        equal = sum(a == b for a, b in zip(old, new, strict=False))
        ok = old == new
        same &= ok
        print(f"{table:18} {len(old):>8} rows before {len(new):>8} after  identical "
              f"{'yes' if ok else f'NO ({equal} equal)'}")  # fmt: skip
        if not ok:
            first = next((a, b) for a, b in zip(old, new, strict=False) if a != b)
            columns = [i for i, (a, b) in enumerate(zip(*first, strict=True)) if a != b]
            print(f"  first difference, columns {columns}:")
            for i in columns:
                old_value, new_value = str(first[0][i]), str(first[1][i])
                at = next(
                    (
                        n
                        for n, (a, b) in enumerate(zip(old_value, new_value, strict=False))
                        if a != b
                    ),
                    0,
                )
                print(f"  before …{old_value[max(at - 80, 0) : at + 120]}")
                print(f"  after  …{new_value[max(at - 80, 0) : at + 120]}")
    old, new = before["hashes"], after["hashes"]
    equal = sum(a == b for a, b in zip(old, new, strict=True))
    print(f"{'content hashes':18} {len(old):>8} documents hashed, identical {equal}")
    digest = hashlib.sha256(json.dumps(before["rows"], default=str).encode()).hexdigest()[:16]
    print(f"rows' digest {digest}")
    return same and equal == len(old)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the old checkout")
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--hashed", type=int, default=20_000)
    parser.add_argument(
        "--cites", default="none", choices=["none", "resolving"], help="the corpus's citations"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.size, args.hashed, args.child, args.cites)
        return 0
    found = {}
    with tempfile.TemporaryDirectory(prefix="write-same-") as tmp:
        for name, checkout in (("before", args.before.resolve()), ("after", HERE.parents[1])):
            out = Path(tmp) / f"{name}.json"
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            command = [sys.executable, str(HERE), "--child", str(out), "--size", str(args.size)]
            command += ["--hashed", str(args.hashed), "--cites", args.cites]
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            found[name] = json.loads(out.read_text())
    return 0 if compare(found["before"], found["after"]) else 1


if __name__ == "__main__":
    sys.exit(main())
