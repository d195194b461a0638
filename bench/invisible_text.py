"""What dropping the characters no one sees costs each text the stores index:
``analysis.indexed_text`` (``visible_text`` then ``with_gaps``) against ``with_gaps``
alone (what was indexed before), alternating, CPU time (``process_time``), medians of
``--rounds``. Texts: 3 KB of Spanish as extracted (accents, curly quotes, dashes), the
same with one hidden character, an ASCII one, one holding a character past U+FFFF, and
one of characters up to U+00FF alone (most Spanish sentences); each also as the crawl
path hands it over, bound by SQLite first (which keeps its UTF-8 bytes in the text: a
look at the text's size alone took such a text for one with characters past U+FFFF).
Prints a table, writes JSON.

    python -m bench.invisible_text --rounds 9 --out /tmp/invisible_text.json
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable

from indexer.analysis import indexed_text, with_gaps

SENTENCE = (
    "Se concede el amparo solicitado contra la resolución del “juez de distrito” — "
    "artículo 14 de la Constitución; la pensión alimenticia se fija en el 30 %. "
)
TEXTS = {
    "spanish_3kb": (SENTENCE * 30)[:3000],
    "hidden_3kb": (SENTENCE * 30)[:1500] + "am\u034fparo" + (SENTENCE * 30)[1500:3000],
    "ascii_3kb": ("Se concede el amparo solicitado contra la resolucion del juez. " * 50)[:3000],
    "astral_3kb": (SENTENCE * 30)[:3000] + "\U0001d11e",
    "latin1_3kb": (SENTENCE.replace("“", "«").replace("”", "»").replace("—", "-") * 30)[:3000],
}


def _bound(text: str) -> str:
    """A copy of ``text`` as SQLite leaves it once bound to a statement."""
    copy = text.encode().decode()
    sqlite3.connect(":memory:").execute("SELECT ?", (copy,))
    return copy


def _cpu_us(fn: Callable[[str], str], text: str, calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        fn(text)
    return (time.process_time() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--out", default="/tmp/invisible_text.json")
    args = parser.parse_args()
    rows = []
    texts = {**TEXTS, **{f"{name}_bound": _bound(text) for name, text in TEXTS.items()}}
    for name, text in texts.items():
        before, after = [], []
        for _ in range(args.rounds):  # alternating: the machine's load falls on both
            before.append(_cpu_us(with_gaps, text, args.calls))
            after.append(_cpu_us(indexed_text, text, args.calls))
        old, new = statistics.median(before), statistics.median(after)
        rows.append({"text": name, "with_gaps_us": round(old, 2), "indexed_text_us": round(new, 2)})
    print(f"load: {os.getloadavg()[0]:.1f}")
    print(f"{'text':<20}{'with_gaps µs':>14}{'indexed_text µs':>18}")
    for row in rows:
        print(f"{row['text']:<20}{row['with_gaps_us']:>14}{row['indexed_text_us']:>18}")
    with open(args.out, "w") as out:
        json.dump({"load": os.getloadavg()[0], "rows": rows}, out, indent=2)


if __name__ == "__main__":
    main()
