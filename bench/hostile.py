"""The hostile corpus, case by case: what each costs and the cause it is refused with.

Usage: python bench/hostile.py [--json PATH] [--memory-mb N]

Generates every case of ``tests/adversarial/hostile.py`` in memory, runs it through
what the crawler and ``abierto index`` use (``extract_text``, ``parse_feed``,
``parse_sitemap``, ``parse_captions``) with the extraction workers capped at
``--memory-mb``, and prints, per case, its size on disk, the outcome (a cause, or
``kept``) and the wall time; then per family: cases tried, refused with a clear cause,
kept, crashes (any other exception) and hangs (over the 60 s bound). Writes JSON (default
``bench/results/hostile.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from crawlers.formats.feeds import parse_feed  # noqa: E402
from crawlers.formats.sitemaps import parse_sitemap  # noqa: E402
from crawlers.formats.xml import HostileXML  # noqa: E402
from indexer.alignment.captions import CaptionError, parse_captions  # noqa: E402
from indexer.extract import ExtractionError, extract_text, shutdown  # noqa: E402
from tests.adversarial import hostile  # noqa: E402

HANG_S = 60.0


@dataclass
class Case:
    family: str
    name: str
    input_bytes: int
    outcome: str
    seconds: float


def _document(data: bytes, content_type: str) -> str:
    try:
        result = extract_text(data, content_type)
    except ExtractionError as exc:
        return exc.cause
    return f"kept ({result.pages} p.)"


def _xml(parse: Callable[[bytes], object], data: bytes) -> str:
    try:
        parse(data)
    except HostileXML as exc:
        return exc.cause
    return "kept"


def _commented_feed(pieces: int, text: str = "1") -> bytes:
    """A feed whose guid (or title, when ``text`` is empty) holds ``pieces`` comments,
    each followed by ``text``: lxml's text() and itertext walk back over them."""
    junk = f"{text}<!--c-->" * pieces
    field = f"<guid>http://x.mx/{junk}</guid>" if text else f"<title>{junk}</title>"
    return f"<rss><channel><item>{field}<link>http://x.mx/a</link></item></channel></rss>".encode()


def _captions(data: bytes) -> str:
    try:
        cues = parse_captions(data.decode("utf-8"))
    except CaptionError:
        return "caption_error"
    return f"kept ({len(cues)} cues)"


def _nested(outer: bytes, inner: bytes, depth: int = 3000) -> bytes:
    return outer.replace(b"><", b">" + b"<e>" * depth + b"</e>" * depth + inner + b"<", 1)


def cases() -> list[tuple[str, str, Callable[[], bytes], Callable[[bytes], str]]]:
    def pdf(data: bytes) -> str:
        return _document(data, "application/pdf")

    def html(data: bytes) -> str:
        return _document(data, "text/html")

    def feed(data: bytes) -> str:
        return _xml(parse_feed, data)

    def sitemap(data: bytes) -> str:
        return _xml(parse_sitemap, data)

    def feed_entries(data: bytes) -> str:  # each entry read, as the crawl reads them
        return _xml(lambda body: list(parse_feed(body).entries), data)

    return [
        ("pdf", "decompression bomb (2 GB)", lambda: hostile.decompression_bomb_pdf(2048), pdf),
        ("pdf", "deep page tree (5,000)", lambda: hostile.deep_page_tree_pdf(5000), pdf),
        ("pdf", "cyclic page tree", hostile.cyclic_pdf, pdf),
        ("pdf", "5,000 pages", lambda: hostile.many_pages_pdf(5000), pdf),
        ("pdf", "truncated", hostile.truncated_pdf, pdf),
        ("pdf", "ZIP/DOCX called .pdf", hostile.docx_bytes, pdf),
        ("pdf", "control characters only", hostile.signs_only_pdf, pdf),
        ("html", "100k nested divs", lambda: hostile.deep_html(100_000), html),
        ("html", "50 MB page", lambda: hostile.huge_html(50), html),
        ("html", "stray UTF-16 BOM", lambda: b"\xff\xfe" + "<p>Niñez</p>".encode(), html),
        ("html", "UTF-16 without BOM", lambda: "<p>Niñez y pensión</p>".encode("utf-16-le"), html),
        ("feed", "billion laughs", lambda: hostile.billion_laughs(10), feed),
        ("feed", "XXE file:///etc/passwd", hostile.xxe_feed, feed),
        ("feed", "40,000 texts between comments", lambda: _commented_feed(40_000), feed_entries),
        ("feed", "title of 1M comments", lambda: _commented_feed(1_000_000, ""), feed_entries),
        ("sitemap", "XXE", hostile.xxe_sitemap, sitemap),
        ("sitemap", "gzip bomb (1 GB)", lambda: hostile.gzip_bomb_sitemap(1024), sitemap),
        (
            "feed",
            "3,000 nested elements",
            lambda: _nested(b"<rss><channel></channel></rss>", b"<item><link>/a</link></item>"),
            feed,
        ),
        (
            "sitemap",
            "3,000 nested elements",
            lambda: _nested(b"<urlset></urlset>", b"<url><loc>/a</loc></url>"),
            sitemap,
        ),
        (
            "sitemap",
            "50,000 URLs",
            lambda: b"<urlset>" + b"<url><loc>/a</loc></url>" * 50_000 + b"</urlset>",
            sitemap,
        ),
        ("captions", "200 KB line of digits", lambda: b"WEBVTT\n\n" + b"1" * 200_000, _captions),
        (
            "captions",
            "200 KB line of '<'",
            lambda: b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + b"<" * 200_000,
            _captions,
        ),
    ]


def run() -> list[Case]:
    results = []
    for family, name, make, handle in cases():
        data = make()
        started = time.monotonic()
        try:
            outcome = handle(data)
        except Exception as exc:  # a crash is what this bench is here to show
            outcome = f"CRASH {type(exc).__name__}"
        results.append(Case(family, name, len(data), outcome, time.monotonic() - started))
    return results


def summary(results: list[Case]) -> dict[str, dict[str, int]]:
    families: dict[str, dict[str, int]] = {}
    for case in results:
        row = families.setdefault(
            case.family, {"tried": 0, "clear_cause": 0, "kept": 0, "crashes": 0, "hangs": 0}
        )
        row["tried"] += 1
        if case.outcome.startswith("CRASH"):
            row["crashes"] += 1
        elif case.outcome.startswith("kept"):
            row["kept"] += 1
        else:
            row["clear_cause"] += 1
        row["hangs"] += case.seconds > HANG_S
    return families


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/hostile.json")
    parser.add_argument("--memory-mb", type=int, default=1024)
    args = parser.parse_args()
    os.environ["ABIERTO_EXTRACT_WORKER_MEMORY_MB"] = str(args.memory_mb)
    try:
        results = run()
    finally:
        shutdown()
    print(f"{'family':8} {'case':28} {'bytes':>10} {'outcome':22} {'seconds':>8}")
    for case in results:
        print(
            f"{case.family:8} {case.name:28} {case.input_bytes:>10,} {case.outcome:22} "
            f"{case.seconds:>8.2f}"
        )
    families = summary(results)
    print(
        f"\n{'family':8} {'tried':>6} {'clear cause':>12} {'kept':>5} {'crashes':>8} {'hangs':>6}"
    )
    for family, row in families.items():
        values = (row["tried"], row["clear_cause"], row["kept"], row["crashes"], row["hangs"])
        print(f"{family:8} " + " ".join(f"{value:>11}" for value in values))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "worker_memory_mb": args.memory_mb,
        "cases": [asdict(case) for case in results],
        "families": families,
    }
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
