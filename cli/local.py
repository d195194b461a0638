"""Indexing files from disk (``abierto index PATH…``): each file becomes a document.
A sentence's court, case number, matter and resolution date are read from its heading
(``indexer.readers.judgments``), as for crawled sentences whose listing does not give them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from indexer.build import InvalidDocument, MissingField, build_document
from indexer.library import ArchivedFile, Library
from indexer.textsource import text_origin

SUFFIXES = {".pdf", ".html", ".htm", ".txt"}
LOCAL_SOURCE = "local"


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise SystemExit(f"abierto index: {path} does not exist")
    return found


def _truncated(archived: ArchivedFile) -> bool:
    """True when only the first pages of a long PDF were read (the page limit)."""
    pages = archived.ref.pages
    return bool(pages and archived.text is not None and archived.text.count("\f") + 1 < pages)


def index_paths(
    library: Library,
    paths: list[Path],
    *,
    kind: str,
    institution: str,
    jurisdiction: str,
    causes: Counter[str] | None = None,
) -> Counter[str]:
    """Index each file; ``causes`` (if given) counts the files refused, by cause."""
    counts: Counter[str] = Counter()
    causes = Counter() if causes is None else causes
    files = _files(paths)
    for number, path in enumerate(files, start=1):
        url = path.resolve().as_uri()
        archived = library.add_file(path.read_bytes(), url, None)
        if archived.text is None:
            print(f"  {path}: {archived.error}")
            counts["errors"] += 1
            causes[(archived.error or "unknown").split(":", 1)[0]] += 1
            continue
        if _truncated(archived):
            pages = archived.text.count("\f") + 1
            print(f"  {path}: solo se leyeron sus primeras {pages} de {archived.ref.pages} páginas")
            counts["truncated"] += 1
        fields = {"title": path.stem.replace("_", " ")}
        ocr_pages, text_source = text_origin([archived])
        if kind != "sentencia":  # a sentence's dates, court and case come from its heading
            fields["date"] = archived.text[:3000]
        try:
            doc = build_document(
                kind=kind,
                source_id=LOCAL_SOURCE,
                institution=institution,
                jurisdiction=jurisdiction,
                url=url,
                fields=fields,
                text=archived.text,
                files=[archived.ref],
                fetched_at=dt.datetime.now(dt.UTC),
                origins={"title": "file", "date": "body"},
                ocr_pages=ocr_pages,
                text_source=text_source,
            )
        except (MissingField, InvalidDocument) as exc:
            print(f"  {path}: {exc}")
            counts["errors"] += 1
            causes["invalid_document"] += 1
            continue
        counts[library.add_document(doc)] += 1
        if number % 25 == 0 or number == len(files):
            print(f"\r  {number}/{len(files)} files", end="", flush=True)
    print()
    library.flush()
    return counts
