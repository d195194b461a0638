"""Crawl every fixture case with the real ``abierto crawl`` and describe what was
extracted, in the form saved as ``expected.json`` beside each case.

A case is a folder ``tests/fixtures/<shape>/<case>/`` holding one or more specs
(``spec*.yaml``, start URLs under ``${ABIERTO_SAMPLES_URL}/<shape>/<case>/``), the pages,
feeds and files of its site, optionally ``_http.yaml`` (see ``server.py``), and
``expected.json``: every document the crawl must produce (volatile values left out, the
server's address written ``{base}``) and each run's errors by cause.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from indexer.db import Database
from tests.shapes.server import FixtureServer

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
TEXT_START, TEXT_END = 300, 200
VOLATILE = {"id", "fetched_at", "updated_at", "content_sha256", "text", "signature_text"}
# what the personal-data guard and OCR add has its own tests (tests/unit/test_privacy.py,
# tests/indexer/test_ocr.py); fixtures pin what each shape extracts
GUARDED = {"privacy", "ocr_pages", "text_source"}


@dataclass(frozen=True)
class Case:
    folder: Path

    @property
    def name(self) -> str:
        return str(self.folder.relative_to(FIXTURES))

    @property
    def specs(self) -> list[Path]:
        return sorted(self.folder.glob("spec*.yaml"))

    @property
    def source_ids(self) -> list[str]:
        return [yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in self.specs]

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.json"


def cases() -> list[Case]:
    return [Case(p.parent) for p in sorted(FIXTURES.glob("*/*/spec.yaml"))]


def run_abierto(
    data_dir: Path,
    base_url: str,
    specs_dir: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``abierto crawl ARGS`` in its own process against a fixture server."""
    env = (
        os.environ
        | {
            "ABIERTO_DATA_DIR": str(data_dir),
            "ABIERTO_SAMPLES_URL": base_url,
            "ABIERTO_SOURCES_DIR": str(specs_dir),
            "ABIERTO_ALLOW_LOOPBACK": "true",
            "ABIERTO_CRAWL_DELAY_S": "0",
        }
        | (env or {})
    )
    env.pop("ABIERTO_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "crawl", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def copy_specs(selected: list[Case], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for case in selected:
        for spec in case.specs:
            shutil.copy(spec, target / f"{case.name.replace('/', '--')}--{spec.name}")


def describe_document(doc: Any, base_url: str) -> dict[str, Any]:
    """A document as expected JSON: its fields, its files, the start and end of its
    searchable text, the start of its cut signatures."""
    data = doc.model_dump(mode="json", exclude=VOLATILE | GUARDED)
    data["files"] = [
        {"url": f["url"], "content_type": f["content_type"], "pages": f["pages"]}
        for f in data["files"]
    ]
    data["text_start"] = doc.text[:TEXT_START]
    data["text_end"] = doc.text[-TEXT_END:]
    data["signature_start"] = doc.signature_text[:TEXT_END]
    return json.loads(json.dumps(data, ensure_ascii=False).replace(base_url, "{base}"))


def describe_runs(db: Database, source_ids: list[str]) -> dict[str, Any]:
    runs = {}
    for source_id in source_ids:
        found = db.list_runs(source_id)
        if not found:
            continue
        run = found[0]
        runs[source_id] = {
            "status": run.status,
            "items": run.stats.get("items", 0),
            "errors": {cause: entry["count"] for cause, entry in sorted(run.errors.items())},
        }
    return runs


def extracted(db: Database, case: Case, base_url: str) -> dict[str, Any]:
    ids = set(case.source_ids)
    docs = [describe_document(d, base_url) for d in db.iter_documents() if d.source_id in ids]
    docs.sort(key=lambda d: (d["source_id"], d["url"], d["title"]))
    return {"documents": docs, "runs": describe_runs(db, case.source_ids)}


def crawl_cases(selected: list[Case], work: Path) -> dict[str, dict[str, Any]]:
    """Serve the fixtures, crawl every selected case in one ``abierto crawl``, and
    return what was extracted per case."""
    specs_dir = work / "specs"
    copy_specs(selected, specs_dir)
    with FixtureServer(FIXTURES) as server:
        result = run_abierto(work / "data", server.url, specs_dir)
        if result.returncode not in (0, 1, 3) or "Traceback" in result.stderr:
            raise RuntimeError(f"abierto crawl failed:\n{result.stdout}\n{result.stderr}")
        db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
        try:
            return {case.name: extracted(db, case, server.url) for case in selected}
        finally:
            db.close()


def write_expected(case: Case, found: dict[str, Any]) -> None:
    text = json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    case.expected_path.write_text(text, encoding="utf-8")
