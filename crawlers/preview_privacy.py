"""A preview shows no personal data that publication would not show: the texts the
guard reads before a document is published (its title, text and signatures, see
:mod:`indexer.privacy`), and every other field shown, are masked in every preview,
whatever the spec's policy, and a preview says in Spanish how many values it hid and
what publication would do with the document. Under ``mask`` publication hides the
same values; under ``withhold`` it keeps the whole document back until a person
reviews it; under ``flag`` it shows them marked, and a preview (read by whoever may try
a spec) hides them all the same."""

from __future__ import annotations

from typing import Any

from indexer.privacy import MASK, protect, protect_fields

NOTE = {
    "mask": "la publicación los oculta igual",
    "withhold": "con la política «withhold» el documento no se publicaría hasta que una "
    "persona lo revise",
    "flag": "con la política «flag» la publicación los muestra marcados; la vista previa "
    "no los muestra",
}


def guarded_text(text: str) -> tuple[str, int]:
    """``text`` as a preview may show it: its personal data masked; how many were."""
    found = protect("", text, "", "mask")
    return found.text, sum(1 for f in found.report.findings if f.kind != "unknown")


def guard_document(document: dict[str, Any], policy: str, hidden: int = 0) -> None:
    """A previewed document's fields masked in place (``hidden``: values its text
    preview already hid), and the note said when any was hidden: every field publication
    guards, as it guards them (``indexer.privacy.protect_fields``), whatever the policy."""
    fields = document.get("fields") or {}
    # the one function publication guards a document's fields with (``build_document``)
    masked, found = protect_fields(fields, "mask")
    fields.update(masked)
    hidden += sum(1 for f in found if f.kind != "unknown")
    if hidden:
        document["privacy"] = {"policy": policy, "hidden": hidden}
        document["privacidad"] = (
            f"Se ocultaron {hidden} dato{'s' if hidden > 1 else ''} personal"
            f"{'es' if hidden > 1 else ''} con {MASK}: {NOTE.get(policy, NOTE['mask'])}."
        )


def guard_messages(result: dict[str, Any]) -> None:
    """Errors and a document's problems quote what a page held (an implausible field's
    value, an invalid one's): masked too."""
    for error in result.get("errors", []):
        for key in ("message", "mensaje"):
            if isinstance(error.get(key), str) and error[key]:
                error[key] = guarded_text(error[key])[0]
    for document in result.get("documents", []):
        for key in ("problems", "problemas"):
            said = document.get(key)
            if isinstance(said, list):
                document[key] = [guarded_text(p)[0] if isinstance(p, str) else p for p in said]
