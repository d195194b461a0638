"""Where a bench keeps its numbers: one JSON file per bench, one entry per run's key, so
runs of other sizes, stores or checkouts stay beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def keep(path: Path, key: str, entry: Any) -> None:
    """Write ``entry`` under ``key`` into the JSON object at ``path``, keeping the rest."""
    stored: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}
    stored[key] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
