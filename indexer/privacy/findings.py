"""A detector's answer: what kind of personal data lies where (never the value)."""

from __future__ import annotations

from dataclasses import dataclass

STRUCTURED = ("curp", "rfc", "clave_elector", "nss", "clabe", "card")
CONTACT = ("phone", "email", "address")
KINDS = (*STRUCTURED, *CONTACT, "name", "failed_redaction")


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one (the earlier, longer one's kind wins)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    return merged
