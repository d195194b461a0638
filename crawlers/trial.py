"""A trial crawl for previews of any shape: the real spider, in its own process, into a
scratch data folder that is thrown away; the first documents it built are returned.
Nothing reaches the library, its search index or an engine. The spec goes into the
scratch database as a registered source, never into a spec file: files are the
operator's, and ``${NAME}`` in them is expanded from the environment; a spec from the
API is data."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from config.child_environment import operator_choices, system_environment
from config.settings import NOT_FOR_CRAWLS, Settings
from config.specs import SPEC_FIELDS, SourceSpec
from crawlers.preview_privacy import guard_document, guarded_text
from indexer.db import Database
from indexer.db.registry import Registry

TEXT_PREVIEW_CHARS = 400
STARTUP_ALLOWANCE_S = 5.0
NOT_SHOWN = {"url", "kind", "source_id", "sources", "fetched_at", "updated_at"}
SHOWN_TOO = {"jurisdiction"}  # set by the spec itself, never read from a page
NOT_FOR_PREVIEWS = (*NOT_FOR_CRAWLS, "ABIERTO_SEARCH_")


def shown_fields(kind: str) -> frozenset[str]:
    """What a preview lists of a built document: the fields a spec may fill. The store's
    own bookkeeping (which reader gave each field, the privacy findings' offsets, the
    forms an expediente is searched by) is not the institution's to tune and no field of
    its documents."""
    return (SPEC_FIELDS["common"] | SPEC_FIELDS.get(kind, frozenset()) | SHOWN_TOO) - {"text"}


def trial_crawl(
    spec: SourceSpec,
    settings: Settings,
    *,
    max_items: int,
    time_limit_s: float,
    others: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The preview of ``spec`` by crawling it for at most ``max_items`` documents;
    ``others``: the other institutions' names, whose courts, chambers and committees the
    crawl leaves out of the documents (the scratch database knows them by name alone)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="abierto-preview-") as scratch:
        folder = Path(scratch)
        (folder / "specs").mkdir()
        database_url = f"sqlite:///{folder / 'data' / 'abierto.db'}"
        _register(spec, database_url, others)
        env = _environment(settings, folder, database_url)
        command = [
            sys.executable, "-m", "cli.main", "crawl", "--source", spec.id,
            "--max-items", str(max_items), "--max-seconds", str(time_limit_s),
        ]  # fmt: skip
        errors: list[dict[str, str]] = []
        try:
            subprocess.run(
                command, env=env, capture_output=True, text=True, check=False,
                timeout=time_limit_s + STARTUP_ALLOWANCE_S,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            errors.append(
                {"cause": "timeout", "url": spec.start_urls[0], "message": "preview took too long"}
            )
        db = Database(database_url)
        try:
            documents = [_document(doc) for doc in db.iter_documents()][:max_items]
            runs = db.list_runs(spec.id, limit=1)
        finally:
            db.close()
    if not runs:
        errors.append(
            {"cause": "crawl_failed", "url": spec.start_urls[0], "message": "no crawl ran"}
        )
    pages = 0
    counts: dict[str, int] = {}
    if runs:
        pages = int(runs[0].stats.get("pages", 0))
        counts = {cause: int(e.get("count", 0)) for cause, e in (runs[0].errors or {}).items()}
        for cause, entry in (runs[0].errors or {}).items():
            for example in entry.get("examples", [])[:3]:
                errors.append(
                    {"cause": cause, "url": example["url"], "message": example["message"]}
                )
    result = _result(spec, pages, documents, errors, started)
    result["error_counts"] = counts or dict(Counter(e["cause"] for e in errors))
    refused = (runs[0].errors or {}).get("implausible_field", {}) if runs else {}
    result["implausible"] = dict(refused.get("fields", {}))
    return result


def _environment(settings: Settings, folder: Path, database_url: str) -> dict[str, str]:
    """The trial crawl's environment: the system's variables and a crawl's settings (no
    mail account), pointing at the scratch folder, without the engine's address and
    credentials: the process runs an institution's spec and reaches neither the library
    nor the server's accounts, nor anything else the server's environment holds."""
    settled = settings.as_environment(
        data_dir=folder / "data", database_url=database_url, sources_dir=folder / "specs"
    )
    env = system_environment() | operator_choices() | settled
    return {k: v for k, v in env.items() if not k.startswith(NOT_FOR_PREVIEWS)}


def _register(spec: SourceSpec, database_url: str, others: tuple[str, ...] = ()) -> None:
    """The spec as the scratch database's one registered source (its institution too),
    and the other institutions by name: a crawl leaves out of its documents a court or
    chamber naming one of them, and the trial must too (knowing none, it showed them)."""
    db = Database(database_url)
    try:
        registry = Registry(db)
        registry.add_institution("vista-previa", spec.institution, "other", spec.jurisdiction)
        for n, name in enumerate(dict.fromkeys(others)):
            if name != spec.institution:
                registry.add_institution(f"otra-{n}", name, "other", spec.jurisdiction)
        registry.create_source("vista-previa", spec, reserved=set(), scratch=True)
    finally:
        db.close()


def stored_fields(doc: Any) -> dict[str, str | list[str]]:
    """A built document's fields as a preview shows them, as the crawl stores them (dates
    read, names normalised): as text, links as URLs."""
    fields: dict[str, str | list[str]] = {}
    dumped = doc.model_dump(mode="json", include=set(shown_fields(doc.kind)))
    for key, value in dumped.items():
        if key in NOT_SHOWN or value in (None, "", []):
            continue
        if isinstance(value, list):
            fields[key] = [v["url"] if isinstance(v, dict) else str(v) for v in value]
        else:
            fields[key] = str(value)
    return fields


def _document(doc: Any) -> dict[str, Any]:
    """A built document as a preview shows it: its fields as text, links as URLs."""
    fields = stored_fields(doc)
    # built under the spec's policy: masked already under "mask", not under "withhold"
    # or "flag", which publication withholds or marks; a preview masks them all
    text, hidden = guarded_text(doc.text)
    policy = doc.privacy.policy if doc.privacy is not None else "mask"
    if doc.privacy is not None and policy == "mask":
        hidden += sum(1 for f in doc.privacy.findings if f.field in ("title", "text"))
    document = {
        "url": doc.url,
        "listing_url": doc.url,
        "fields": fields,
        "files": [f.url for f in doc.files],
        "detail": {"type": "document", "text_preview": text[:TEXT_PREVIEW_CHARS]},
        "problems": [],
    }
    guard_document(document, policy, hidden)
    return document


def _result(
    spec: SourceSpec, pages: int, documents: list[dict[str, Any]], errors: list[dict[str, str]],
    started: float,
) -> dict[str, Any]:  # fmt: skip
    return {
        "source_id": spec.id,
        "pages": pages,
        "documents": documents,
        "next_page": None,
        "errors": errors,
        "elapsed_s": round(time.monotonic() - started, 3),
    }
