"""Per field of a spec, how a trial crawl filled it: how many items have it, sample
values, and how many values were refused as implausible. This is what an operator
checks before trusting a source (``abierto sources check``, the preview API)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from config.specs import SourceSpec
from crawlers.causas import error_mensaje

SAMPLES = 3


def spec_fields(spec: SourceSpec) -> list[str]:
    """The fields the spec reads or requires, in the order it names them."""
    names: list[str] = list(spec.required)
    for block in ("listing", "detail", "feed", "video_channel", "json_api"):
        rules = getattr(spec, block)
        if rules is not None:
            names += list(rules.fields)
    if spec.json_api is not None and spec.json_api.detail is not None:
        names += list(spec.json_api.detail.fields)
    if spec.sitemap is not None:
        for rule in spec.sitemap.rules:
            names += list(rule.constants)
    names += list(spec.constants)
    return list(dict.fromkeys(names))


def implausible_counts(errors: list[dict[str, str]]) -> Counter[str]:
    """Refused values per field, from ``implausible_field`` errors ("field: 'value' …")."""
    return Counter(
        e["message"].split(":", 1)[0] for e in errors if e.get("cause") == "implausible_field"
    )


def fill_report(
    spec: SourceSpec,
    documents: list[dict[str, Any]],
    errors: list[dict[str, str]],
    refused: Mapping[str, int] | None = None,
) -> dict[str, dict[str, Any]]:
    """``{field: {filled, items, samples, implausible, required}}``; ``refused``: values
    refused per field when known in full (else counted from the ``errors`` given)."""
    refused = implausible_counts(errors) if refused is None else refused
    names = spec_fields(spec) + sorted(
        {n for d in documents for n in d.get("fields", {})} - set(spec_fields(spec))
    )
    report: dict[str, dict[str, Any]] = {}
    for name in names:
        # a constant is every item's value where the item reads none (as the crawl saves
        # it): a listing's raw fields lack it, and showed it filled in none of them
        constant = spec.constants.get(name)
        values = [d.get("fields", {}).get(name) or constant for d in documents]
        filled = [v for v in values if v not in (None, "", [])]
        samples: list[str] = []
        for value in filled:
            shown = " | ".join(value) if isinstance(value, list) else str(value)
            if shown not in samples:
                samples.append(shown)
            if len(samples) >= SAMPLES:
                break
        report[name] = {
            "filled": len(filled),
            "items": len(documents),
            "samples": samples,
            "implausible": refused.get(name, 0),
            "required": name in spec.required,
        }
    return report


def required_problems(
    report: dict[str, dict[str, Any]],
    documents: int,
    error_counts: dict[str, int],
    errors: list[dict[str, str]],
) -> list[str]:
    """Why the source is not fit to run: nothing extracted, items dropped for lacking a
    required field, a required field refused as implausible."""
    problems = []
    if documents == 0:
        problems.append("ningún elemento llegó a ser un documento")
    missing = error_counts.get("missing_field", 0)
    if missing:
        said = next((e["message"] for e in errors if e["cause"] == "missing_field"), "")
        example = error_mensaje("missing_field", said)
        lack = "elemento carece" if missing == 1 else "elementos carecen"
        problems.append(f"{missing} {lack} de un campo obligatorio (p. ej. {example})")
    for name, entry in report.items():
        if entry["required"] and entry["filled"] < entry["items"]:
            empty = entry["items"] - entry["filled"]
            problems.append(
                f"el campo obligatorio {name!r} está vacío en {empty} de {entry['items']}"
            )
        if entry["required"] and entry["implausible"]:
            problems.append(
                f"el campo obligatorio {name!r} tuvo {entry['implausible']} "
                f"{'valor inverosímil' if entry['implausible'] == 1 else 'valores inverosímiles'}"
            )
    return problems
