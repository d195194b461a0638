"""A source's privacy policy applied to a document's texts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer.models import PrivacyFinding, PrivacyReport

from . import contact, identifiers, names
from .findings import Span, merge
from .folding import lowered
from .redactions import HIDDEN_UNDER_BOX, MASK, count

POLICIES = ("mask", "flag", "withhold")
RULES_VERSION = "2026-12-07"
FIELDS = ("title", "text", "signature_text")
# fields that name a person in the public act the document records (the judge who drafted
# it, the secretary who signed it, the legislators or citizens who signed an initiative, a
# right exercised in public): shown as read, whatever titles them («C. Juan Pérez»)
OFFICIAL_FIELDS = frozenset(("ponente", "secretario", "authors"))
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
    fields: dict[str, str | list[str] | None] = field(default_factory=dict)


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


def _guard(
    value: str, name: str, policy: str, previous: PrivacyReport | None
) -> tuple[str, list[PrivacyFinding], int]:
    """One value as ``policy`` publishes it (masked under ``mask``), what was found in it
    (as findings of the field ``name``) and how many redactions its publisher made."""
    low = lowered(value)
    spans = _scan(value, low)
    redactions = count(value, low)
    carried = _carried(value, name, previous)
    if policy == "mask":
        value, spans = _mask(value, sorted(spans + carried))
    else:  # values masked before stay masked, and found
        spans = sorted(spans + carried)
    found = [PrivacyFinding(kind=s.kind, field=name, start=s.start, end=s.end) for s in spans]
    return value, found, redactions


def _web_address(value: str) -> bool:
    return value.lstrip()[:8].lower().startswith(("http://", "https://"))


def protect_fields(
    values: Mapping[str, str | list[str] | None],
    policy: str = "mask",
    previous: PrivacyReport | None = None,
) -> tuple[dict[str, str | list[str] | None], list[PrivacyFinding]]:
    """Every other field a person reads (a sentence's proceeding, a session's agenda, a
    record's committee or authors…) under the rule the texts are guarded by: each text
    value, each text of a list (found as ``name.i``) and each text of an object in a list
    (a video link's title, found as ``name.i.title``), as ``policy`` publishes it, and
    what was found (a publisher's own marks are counted in the texts alone). Publication
    (``build_document``, ``abierto privacy rescan``) and a spec's preview
    (``crawlers.preview_privacy``) guard fields with this one function: what a preview
    hides, publication hides.

    Left as read: ``OFFICIAL_FIELDS`` (a judge's name in office is public) and web
    addresses (a link masked leads nowhere; the names rule reads words, not a path)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown privacy policy {policy!r}")
    out: dict[str, str | list[str] | None] = {}
    findings: list[PrivacyFinding] = []
    for name, value in values.items():
        if name in OFFICIAL_FIELDS:
            pass
        elif isinstance(value, str) and not _web_address(value):
            value, found, _ = _guard(value, name, policy, previous)
            findings += found
        elif isinstance(value, list):
            items: list = []
            for i, item in enumerate(value):
                if isinstance(item, str) and not _web_address(item):
                    item, found, _ = _guard(item, f"{name}.{i}", policy, previous)
                    findings += found
                elif isinstance(item, Mapping):
                    item, found = _guard_object(item, f"{name}.{i}", policy, previous)
                    findings += found
                items.append(item)
            value = items
        out[name] = value
    return out, findings


# an object's values that are no text a person reads: a platform's name, a state, an id
_MACHINE_KEYS = frozenset(("platform", "state", "video_id", "source_id", "sha256", "kind"))


def _guard_object(
    item: Mapping, name: str, policy: str, previous: PrivacyReport | None
) -> tuple[dict, list[PrivacyFinding]]:
    """An object of a list (a session's video link as ``{"url", "title"…}``) with each of
    its texts guarded (found as ``name.key``: ``video_urls.0.title``)."""
    out = dict(item)
    findings: list[PrivacyFinding] = []
    for key, value in item.items():
        if isinstance(value, str) and key not in _MACHINE_KEYS and not _web_address(value):
            out[key], found, _ = _guard(value, f"{name}.{key}", policy, previous)
            findings += found
    return out, findings


def protect(
    title: str,
    text: str,
    signature_text: str,
    policy: str = "mask",
    previous: PrivacyReport | None = None,
    fields: Mapping[str, str | list[str] | None] | None = None,
) -> Protected:
    """The texts as the policy publishes them, and the report of what was found.

    ``previous`` (a stored document's report) lets a re-check keep the kinds of values
    masked before; ``fields``: the document's other fields a person reads, guarded the
    same way (``protect_fields``) and given back in ``Protected.fields``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown privacy policy {policy!r}")
    values = {"title": title, "text": text, "signature_text": signature_text}
    findings: list[PrivacyFinding] = []
    redactions = 0
    for name in FIELDS:
        values[name], found, made = _guard(values[name], name, policy, previous)
        findings += found
        redactions += made
    others, found = protect_fields(fields or {}, policy, previous)
    findings += found
    report = PrivacyReport(
        policy=policy, findings=findings, redactions=redactions, rules=RULES_VERSION
    )
    return Protected(values["title"], values["text"], values["signature_text"], report, others)
