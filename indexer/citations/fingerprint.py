"""Which citation reader wrote a document's stored citations: a digest of the source of
every module that decides what is read from a text (and which of its own cases a
sentence leaves out), and of the Rust readers (``native/src/citations.rs``,
``native/src/articles.rs``, ``native/src/tesis.rs``). Any change to them is a new
reader, and stored citations read by an older one are read again rather than reused.
The Rust source counts whether or not the extension is installed: the two read alike
(tests compare them), so turning it on or off reads nothing again."""

from __future__ import annotations

import hashlib
from importlib.util import find_spec
from pathlib import Path

from indexer.citations.native import reader_source

# the modules ``extract_citations`` and ``record_citations`` read a text with (a test
# checks that every ``indexer`` module they import is here)
READER_MODULES = (
    "indexer.analysis",
    "indexer.citations",
    "indexer.citations.ahead",
    "indexer.citations.articles",
    "indexer.citations.cases",
    "indexer.citations.courts",
    "indexer.citations.laws",
    "indexer.citations.model",
    "indexer.citations.native",
    "indexer.citations.records",
    "indexer.citations.tesis",
    "indexer.readers.courts",
    "indexer.readers.expedientes",
    "indexer.spots",
)


def reader_fingerprint(modules: tuple[str, ...] = READER_MODULES) -> str:
    digest = hashlib.sha256()
    for name in modules:
        spec = find_spec(name)
        if spec is None or spec.origin is None:
            raise ImportError(f"no source for {name}")
        digest.update(name.encode() + b"\0" + Path(spec.origin).read_bytes() + b"\0")
    digest.update(b"native\0" + reader_source() + b"\0")
    return digest.hexdigest()[:32]


READER = reader_fingerprint()
