"""``abierto sources check ID``: a bounded trial crawl of one source, reported per field,
the first step of verifying a catalogue source (README, "Verifying a catalogue source")."""

from __future__ import annotations

import argparse
from typing import Any

from cli.wording import counted, error_line
from config.settings import Settings
from config.specs import SourceSpec


def cmd_check(args: argparse.Namespace, settings: Settings, spec: SourceSpec) -> int:
    from crawlers.causas import split_causes
    from crawlers.fill import fill_report, required_problems
    from crawlers.trial import trial_crawl

    items = counted(args.max_items, "elemento", "elementos")
    print(f"probando {spec.id}: hasta {items}, {args.max_seconds:g} s …")
    result = trial_crawl(spec, settings, max_items=args.max_items, time_limit_s=args.max_seconds)
    documents = result["documents"]
    report = fill_report(spec, documents, result["errors"], result.get("implausible"))
    counts: dict[str, int] = result.get("error_counts", {})
    found = counted(len(documents), "documento", "documentos")
    pages = counted(result["pages"], "página", "páginas")
    print(f"{found} de {pages} en {result['elapsed_s']} s")
    _print_fields(report)
    errors, notices = split_causes(counts)
    for heading, causes in (("errores por causa:", errors), ("avisos (no son errores):", notices)):
        if causes:
            print(heading)
        for cause, count in sorted(causes.items()):
            examples = [e for e in result["errors"] if e["cause"] == cause][:1]
            print(f"  {error_line(cause, {'count': count, 'examples': examples})}")
    problems = required_problems(report, len(documents), counts, result["errors"])
    if problems:
        print("NO ESTÁ LISTA:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("lista: cada campo obligatorio está lleno y es plausible; lea las muestras y luego "
          "ponga verified: true")  # fmt: skip
    return 0


def _print_fields(report: dict[str, dict[str, Any]]) -> None:
    width = max((len(name) for name in report), default=5) + 2
    print(f"  {'campo'.ljust(width)}{'lleno':>10}  {'inverosímil':>11}  muestras")
    for name, entry in report.items():
        label = f"{name}*" if entry["required"] else name
        filled = f"{entry['filled']}/{entry['items']}"
        samples = " · ".join(s[:60] for s in entry["samples"])
        print(f"  {label.ljust(width)}{filled:>10}  {entry['implausible']:>11}  {samples}")
    print("  (* obligatorio)")
