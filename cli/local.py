"""Indexing files from disk (``abierto index PATH…``): each file becomes a document.
A sentence's court, case number, matter and resolution date are read from its heading
(``indexer.readers.judgments``), as for crawled sentences whose listing does not give them.

A folder's files of a type not read (.doc, .rtf, .odt, images…) are left out, and said so:
how many of each type and why, in Spanish (they were passed over without a word, and a
folder of .doc files "indexed" nothing with a zero exit). A run that indexed nothing says
«nada se indexó» and why, and counts what it left out as errors (the command then ends
with a non-zero status): it never reads as a run that did its work."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from config.internal_ids import LOCAL_SOURCE
from crawlers.causas import error_mensaje
from indexer.build import InvalidDocument, MissingField, build_document
from indexer.library import Library
from indexer.textsource import text_origin

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt"}  # what `extract_text` reads
PACKED = {".gz"}  # a document packed with gzip (``x.pdf.gz``): ``extract_text`` unpacks it
# why a file of a type not read is left out; others are "un tipo de archivo que no se lee"
NOT_READ = {
    ".doc": "documentos de Word 97-2003: no se leen; guárdelos como .docx o PDF",
    ".rtf": "texto enriquecido (RTF): no se lee; guárdelo como .docx o PDF",
    ".odt": "documentos de OpenDocument: no se leen; guárdelos como .docx o PDF",
    ".wpd": "documentos de WordPerfect: no se leen; guárdelos como .docx o PDF",
    ".xls": "hojas de cálculo: no se leen",
    ".xlsx": "hojas de cálculo: no se leen",
    ".ods": "hojas de cálculo: no se leen",
    ".ppt": "presentaciones: no se leen",
    ".pptx": "presentaciones: no se leen",
    ".zip": "archivos comprimidos ZIP: no se abren; descomprímalo antes",
    ".rar": "archivos comprimidos RAR: no se abren; descomprímalo antes",
}
IMAGES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp"}


@dataclass(frozen=True)
class Found:
    """A file to index; ``named``: given on the command line (read even through a link,
    as the operator chose it), not met while walking a folder someone else filled."""

    path: Path
    named: bool


def readable(path: Path) -> bool:
    """Whether a file met in a folder is of a type ``extract_text`` reads (by its name)."""
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in PACKED:
        suffixes.pop()
    return bool(suffixes) and suffixes[-1] in SUFFIXES


def _why_not_read(suffix: str) -> str:
    if suffix in NOT_READ:
        return NOT_READ[suffix]
    if suffix in IMAGES:
        return "imágenes: no se leen (el OCR solo lee PDF escaneados; conviértalas a PDF)"
    return "un tipo de archivo que no se lee"


class Unreadable(Exception):
    """A path that is no document to read: ``cause`` is what it is counted under."""

    def __init__(self, cause: str, why: str) -> None:
        super().__init__(f"{cause}: {why}")
        self.cause = cause


def _files(
    paths: list[Path],
) -> tuple[list[Found], list[tuple[Path, Unreadable]], list[Path]]:
    """The files to index, what was refused in the folders walked (a symbolic link: it may
    lead to any file of the machine's, or to a folder outside; under a document's name,
    anything that is no regular file, a folder or a named pipe) and the files left out
    there for their type."""
    found: list[Found] = []
    refused: list[tuple[Path, Unreadable]] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            walked, left, passed = _walk(path)
            found += walked
            refused += left
            skipped += passed
        elif path.exists():
            found.append(Found(path, named=True))
        else:
            raise SystemExit(f"abierto index: {path} no existe")
    return found, refused, skipped


def _walk(folder: Path) -> tuple[list[Found], list[tuple[Path, Unreadable]], list[Path]]:
    found: list[Found] = []
    refused: list[tuple[Path, Unreadable]] = []
    skipped: list[Path] = []
    for top, folders, names in os.walk(folder):
        for name in sorted(folders):
            path = Path(top, name)
            if path.is_symlink():  # os.walk does not go in: say what was left out
                refused.append(
                    (path, Unreadable("symlink", "un enlace a una carpeta: no se sigue"))
                )
        for name in sorted(names):
            path = Path(top, name)
            if path.is_symlink():
                refused.append((path, Unreadable("symlink", "un enlace: no se sigue")))
            elif readable(path):
                found.append(Found(path, named=False))
            else:
                skipped.append(path)
        folders[:] = sorted(f for f in folders if not Path(top, f).is_symlink())
        for name in list(folders):
            if readable(Path(name)):
                found.append(Found(Path(top, name), named=False))  # refused when read
    found.sort(key=lambda item: item.path)
    return found, refused, sorted(skipped)


def _say_skipped(skipped: list[Path]) -> None:
    """One line per type left out: how many files, why, and one of them."""
    by_type: dict[str, list[Path]] = {}
    for path in skipped:
        by_type.setdefault(path.suffix.lower(), []).append(path)
    total = len(skipped)
    print(
        f"  {total} {'archivo omitido' if total == 1 else 'archivos omitidos'} "
        "por su tipo (no se indexaron):"
    )
    for suffix, paths in sorted(by_type.items(), key=lambda item: (-len(item[1]), item[0])):
        named = suffix or "sin extensión"
        print(f"    {len(paths)} {named} ({_why_not_read(suffix)}); p. ej. {paths[0]}")


def _read(found: Found, max_bytes: int) -> bytes:
    """The file's bytes, at most ``max_bytes`` (more is refused before it is read); the
    file is opened without following a link when it was met in a folder, and without
    waiting for a writer (a named pipe is refused, not waited on)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if found.named else os.O_NOFOLLOW)
    try:
        fd = os.open(found.path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable("symlink", "un enlace: no se sigue") from exc
        if exc.errno == errno.EISDIR:
            raise Unreadable("not_a_file", "es una carpeta") from exc
        raise Unreadable("unreadable", exc.strerror or str(exc)) from exc
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise Unreadable("not_a_file", "una carpeta, tubería o dispositivo, no un archivo")
    if status.st_size > max_bytes:
        os.close(fd)
        raise Unreadable("too_large", f"{status.st_size} bytes; el límite es {max_bytes}")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Unreadable("too_large", f"más de {max_bytes} bytes")
    return data


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
    files, refused, skipped = _files(paths)
    for path, why in refused:
        _refuse(path, why, counts, causes)
    if skipped:
        _say_skipped(skipped)
    for number, found in enumerate(files, start=1):
        path = found.path
        try:
            data = _read(found, library.limits.max_bytes)
        except Unreadable as why:
            _refuse(path, why, counts, causes)
            continue
        url = path.resolve().as_uri()
        archived = library.add_file(data, url, None)
        if archived.text is None:
            cause = (archived.error or "unknown").split(":", 1)[0]
            print(f"  {path}: {cause}: {error_mensaje('extraction_failed', archived.error or '')}")
            counts["errors"] += 1
            causes[cause] += 1
            continue
        if (pages := archived.pages_read) is not None:
            print(f"  {path}: solo se leyeron sus primeras {pages} de {archived.ref.pages} páginas")
        if (unread := archived.ocr_unread) is not None:
            reached, scanned = unread
            print(f"  {path}: el OCR solo leyó {reached} de sus {scanned} páginas escaneadas")
        if pages is not None or unread is not None:  # one file, counted once
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
            print(f"\r  {number}/{len(files)} archivos", end="", flush=True)
    print()
    library.flush()
    if not any(counts.get(outcome) for outcome in ("new", "updated", "unchanged")):
        _nothing_indexed(paths, files, skipped, counts, causes)
    return counts


def _nothing_indexed(
    paths: list[Path],
    files: list[Found],
    skipped: list[Path],
    counts: Counter[str],
    causes: Counter[str],
) -> None:
    """Says why a run indexed nothing, and makes it a failed one: what was left out for
    its type is counted as errors, and so is a run that found nothing to read."""
    if skipped:
        print(
            f"  nada se indexó: {len(skipped)} "
            f"{'archivo es' if len(skipped) == 1 else 'archivos son'} de un tipo que no se "
            "lee (arriba, por tipo)" + (f" y {len(files)} no se pudieron leer" if files else "")
        )
        counts["errors"] += len(skipped)
        causes["unsupported_type"] += len(skipped)
    elif files or counts.get("errors"):
        print("  nada se indexó: ningún archivo se pudo leer (arriba, cada uno y por qué)")
    else:
        where = ", ".join(str(path) for path in paths[:3])
        print(f"  nada se indexó: no hay archivos que leer en {where}")
        counts["errors"] += 1
        causes["no_files"] += 1


def _refuse(path: Path, why: Unreadable, counts: Counter[str], causes: Counter[str]) -> None:
    print(f"  {path}: {why}")
    counts["errors"] += 1
    causes[why.cause] += 1
