"""``make fixtures``: crawl every fixture case and rewrite its ``expected.json``.

Run it after a deliberate change of what the spiders extract, then review the diff of
the expected JSON as carefully as the code: it is the specification.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.shapes.harness import cases, crawl_cases, write_expected


def main(argv: list[str]) -> int:
    selected = [c for c in cases() if not argv or any(a in c.name for a in argv)]
    with tempfile.TemporaryDirectory(prefix="abierto-fixtures-") as work:
        found = crawl_cases(selected, Path(work))
    for case in selected:
        write_expected(case, found[case.name])
        docs = len(found[case.name]["documents"])
        print(f"{case.name}: {docs} document(s) → {case.expected_path.relative_to(Path.cwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
