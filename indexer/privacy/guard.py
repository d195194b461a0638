"""A source's privacy policy applied to a document's texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.models import PrivacyFinding, PrivacyReport

from . import contact, identifiers, names
from .findings import Span, merge
from .folding import lowered
from .redactions import HIDDEN_UNDER_BOX, MASK, count

POLICIES = ("mask", "flag", "withhold")
RULES_VERSION = "2026-12-01"
FIELDS = ("title", "text", "signature_text")
_OURS = re.compile(re.escape(MASK) + "|" + re.escape(HIDDEN_UNDER_BOX))


def scan(text: str) -> list[Span]:
    """Every piece of personal data in ``text``, merged, outside our own marks."""
    return _scan(text, lowered(text))


def _scan(text: str, low: str | None) -> list[Span]:
    ours = [m.span() for m in _OURS.finditer(text)]
    found = [*identifiers.find(text), *contact.find(text, low), *names.find(text, low)]
    spans = [s for s in found if not any(a < s.end and s.start < b for a, b in ours)]
    failed = [Span(m.start(), m.end(), "failed_redaction") for m in _OURS.finditer(text)
              if m.group() == HIDDEN_UNDER_BOX]  # fmt: skip
    return merge(spans) + failed


@dataclass
class Protected:
    title: str
    text: str
    signature_text: str
    report: PrivacyReport


def _carried(text: str, field: str, previous: PrivacyReport | None) -> list[Span]:
    """Masks made by an earlier pass keep the kind recorded for them then."""
    old = sorted((f for f in previous.findings if f.field == field and f.kind !=
                  "failed_redaction"), key=lambda f: f.start) if previous else []  # fmt: skip
    masks = [m for m in re.finditer(re.escape(MASK), text)]
    return [
        Span(m.start(), m.end(), old[i].kind if i < len(old) else "unknown")
        for i, m in enumerate(masks)
    ]


def _mask(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """``text`` with each span replaced by the mask; the spans' places in the result."""
    out: list[str] = []
    placed: list[Span] = []
    pos = length = 0
    for span in spans:
        out.append(text[pos : span.start])
        length += span.start - pos
        mark = HIDDEN_UNDER_BOX if span.kind == "failed_redaction" else MASK
        placed.append(Span(length, length + len(mark), span.kind))
        out.append(mark)
        length += len(mark)
        pos = span.end
    out.append(text[pos:])
    return "".join(out), placed


def protect(
    title: str,
    text: str,
    signature_text: str,
    policy: str = "mask",
    previous: PrivacyReport | None = None,
) -> Protected:
    """The texts as the policy publishes them, and the report of what was found.

    ``previous`` (a stored document's report) lets a re-check keep the kinds of values
    masked before."""
    if policy not in POLICIES:
        raise ValueError(f"unknown privacy policy {policy!r}")
    values = {"title": title, "text": text, "signature_text": signature_text}
    findings: list[PrivacyFinding] = []
    redactions = 0
    for field in FIELDS:
        value = values[field]
        low = lowered(value)
        spans = _scan(value, low)
        redactions += count(value, low)
        carried = _carried(value, field, previous)
        if policy == "mask":
            value, spans = _mask(value, sorted(spans + carried))
            values[field] = value
        else:  # values masked before stay masked, and found
            spans = sorted(spans + carried)
        findings += [PrivacyFinding(kind=s.kind, field=field, start=s.start, end=s.end)
                     for s in spans]  # fmt: skip
    report = PrivacyReport(
        policy=policy, findings=findings, redactions=redactions, rules=RULES_VERSION
    )
    return Protected(values["title"], values["text"], values["signature_text"], report)
