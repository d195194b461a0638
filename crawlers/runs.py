"""The record of one crawl: what an institution sees as its source's health."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MAX_EXAMPLES = 5


@dataclass
class RunStats:
    source_id: str
    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    errors: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.counts[name] += n

    def error(self, cause: str, url: str, message: str) -> None:
        """Count an error under its cause, keeping the first few as examples."""
        with self.lock:
            entry = self.errors.setdefault(cause, {"count": 0, "examples": []})
            entry["count"] += 1
            if len(entry["examples"]) < MAX_EXAMPLES:
                entry["examples"].append({"url": url, "message": message[:500]})

    @property
    def error_count(self) -> int:
        return sum(entry["count"] for entry in self.errors.values())

    def summary(self) -> dict[str, int]:
        keys = ("pages", "items", "new", "updated", "unchanged", "files", "files_reused",
                "not_modified")  # fmt: skip
        found = {k: n for k, n in self.counts.items() if k.startswith(("privacy_", "ocr_"))}
        return {key: self.counts.get(key, 0) for key in keys} | found | {"errors": self.error_count}
