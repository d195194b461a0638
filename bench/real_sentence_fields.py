"""How many of the real corpus's sentences each reader fills, and what it read: run from a
worktree (``PYTHONPATH=$PWD python bench/real_sentence_fields.py``) against
``../shared/corpus/real/scjn-sentencias`` (five SCJN public sentences); the resolution
date each record gives is compared with the one read. Skips when ../shared is absent."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from indexer.readers.judgments import read_sentence

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "scjn-sentencias"
FIELDS = ("court", "expediente", "proceeding", "matter", "judgment_type", "resolution_date",
          "ponente", "secretario", "ruling")  # fmt: skip


def main() -> int:
    records = sorted(CORPUS.glob("*.json"))
    if not records:
        print(f"no corpus at {CORPUS}: skipped")
        return 0
    filled: Counter[str] = Counter()
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        reading = read_sentence(record["text"])
        values = reading.values
        filled.update(name for name in FIELDS if name in values)
        filled.update(["parties"] if getattr(reading, "parties", None) else [])
        date_ok = str(record.get("date", ""))[:10] == values.get("resolution_date")
        print(f"{path.name}: {record['title'][:60]!r}")
        for name in FIELDS:
            print(f"    {name:16} {values.get(name)!r}")
        print(f"    {'parties':16} {getattr(reading, 'parties', None)!r}")
        print(f"    date as the record's: {date_ok} ({record.get('date')})")
    print("filled:", {name: f"{filled[name]}/{len(records)}" for name in (*FIELDS, "parties")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
