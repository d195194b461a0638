"""What reading compatibility characters plain costs each text the stores index:
``analysis.indexed_text`` (``visible_text``, ``compatible_text``, ``with_gaps``) against
``with_gaps(visible_text(...))``, what was indexed before, alternating, CPU time
(``process_time``), medians of ``--rounds``. Texts: 3 KB of Spanish as extracted
(accents, curly quotes, dashes), the same with the ordinals, no-break spaces and «…» the
legal texts write (kept as they are, but not in NFKC), an ASCII one, one holding a word in
mathematical bold (walked and normalised) and one full-width. Prints a table, writes JSON.

    python -m bench.compatible_text --rounds 9 --out /tmp/compatible_text.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

from indexer.analysis import compatible_text, indexed_text, visible_text, with_gaps

SENTENCE = (
    "Se concede el amparo solicitado contra la resolución del “juez de distrito” — "
    "artículo 14 de la Constitución; la pensión alimenticia se fija en el 30 %. "
)
ORDINALS = (
    "El Juzgado 1º de Distrito y la 2ª Sala resolvieron… conforme al Art.\u00a05, "
    "fracción III, en una superficie de 10² metros. "
)
_BASE = (SENTENCE * 30)[:3000]
TEXTS = {
    "spanish_3kb": _BASE,
    "ordinals_3kb": (ORDINALS * 30)[:3000],
    "ascii_3kb": ("Se concede el amparo solicitado contra la resolucion del juez. " * 50)[:3000],
    "math_word_3kb": _BASE[:1500] + "𝐚𝐦𝐩𝐚𝐫𝐨" + _BASE[1500:],
    "full_width_3kb": "ａｍｐａｒｏ " + _BASE,
}


def _before(text: str) -> str:
    return with_gaps(visible_text(text))


def _cpu_us(fn: Callable[[str], str], text: str, calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        fn(text)
    return (time.process_time() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--out", default="/tmp/compatible_text.json")
    args = parser.parse_args()
    compatible_text("𝐚")  # the kept characters' pattern, made once (0.2 s), outside the timing
    rows = []
    for name, text in TEXTS.items():
        before, after = [], []
        for _ in range(args.rounds):  # alternating: the machine's load falls on both
            before.append(_cpu_us(_before, text, args.calls))
            after.append(_cpu_us(indexed_text, text, args.calls))
        old, new = statistics.median(before), statistics.median(after)
        rows.append({"text": name, "before_us": round(old, 2), "indexed_text_us": round(new, 2)})
    print(f"load: {os.getloadavg()[0]:.1f}")
    print(f"{'text':<16}{'before µs':>12}{'indexed_text µs':>18}")
    for row in rows:
        print(f"{row['text']:<16}{row['before_us']:>12}{row['indexed_text_us']:>18}")
    with open(args.out, "w") as out:
        json.dump({"load": os.getloadavg()[0], "rows": rows}, out, indent=2)


if __name__ == "__main__":
    main()
