"""A stored document guarded again as publication guards a new one: its texts and every
other field a person reads, under one policy (``abierto privacy rescan``, a release after
review, and ``abierto reextract`` through this one function)."""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from pydantic import TypeAdapter

from indexer.models import DocumentCore, PrivacyReport

from .guard import FIELDS, RULES_VERSION, protect, protect_fields

D = TypeVar("D", bound=DocumentCore)


@functools.cache
def _adapter(kind: type[DocumentCore], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(kind.model_fields[name].annotation)


def guard_document(
    doc: D,
    policy: str,
    previous: PrivacyReport | None = None,
    texts: bool = True,
    institution: bool = False,
) -> D:
    """``doc`` with every field a person reads (a sentence's proceeding, a session's
    agenda and its video links' titles…) and its report as ``policy`` publishes them under
    today's rules; ``previous``: the report whose masks keep their kinds (its own, by
    default: what was masked before stays masked, its value is gone).

    ``texts``: its title, text and signatures guarded too; without, they are taken as
    already guarded with ``previous`` (``abierto reextract`` has just guarded them as it
    rebuilt them): its findings for them and its redactions stay.

    ``institution``: its institution's name is guarded too, as ``build_document`` guards
    one a page gave (not a registered institution's own name, which its wall wrote)."""
    previous = doc.privacy if previous is None else previous
    shown = {name: value for name, value in doc.kind_fields().items()
             if isinstance(value, (str, list))}  # fmt: skip
    if institution:
        shown["institution"] = doc.institution
    update: dict[str, Any] = {}
    if texts:
        guarded = protect(
            doc.title, doc.text, doc.signature_text, policy, previous=previous, fields=shown
        )
        update = {"title": guarded.title, "text": guarded.text,
                  "signature_text": guarded.signature_text}  # fmt: skip
        report, others = guarded.report, guarded.fields
    else:
        others, found = protect_fields(shown, policy, previous)
        kept = [f for f in previous.findings if f.field in FIELDS] if previous else []
        report = PrivacyReport(
            policy=policy,  # type: ignore[arg-type]
            findings=kept + found,
            redactions=previous.redactions if previous else 0,
            rules=previous.rules if previous else RULES_VERSION,
            reviewed=previous.reviewed if previous else False,
        )
    for name, value in others.items():
        if value != shown[name]:  # (a JSON value read back as its field's type)
            update[name] = _adapter(type(doc), name).validate_python(value)
    return doc.model_copy(update={**update, "privacy": report})
