"""A source's spec as the API shows it, its credentials masked, and the mask taken back.

``GET /v1/sources`` is read by whatever holds a key of the institution (a script, a
dashboard, a colleague's terminal, a proxy's log of answers): the keys the spec sends its
own sites (an ``Authorization`` header, an ``api_key`` parameter, a form's password, an
address's ``user:password@``) are shown as ``(oculto)``, as the audit log keeps them.
What is plainly no secret (``Accept: application/json``, ``tipo=sentencia``, a
template's ``{page}``) is shown as it is, so the spec still reads.

An answer is meant to be sent back: a ``PUT`` of the spec as read keeps each masked value
as stored (``(oculto)`` standing where the API showed it, or ``Bearer (oculto)`` for
``Bearer (oculto)``); a new value replaces it. ``(oculto)`` anywhere else (a new source,
another place, an edited mask) stands for nothing: a 422 naming the field."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from fastapi.exceptions import RequestValidationError

from api.spec_checks import field_error
from config.spanish_errors import shown as shown_text
from indexer.db.audited_spec import (
    HIDDEN,
    SCHEMES,
    SENT,
    in_address,
    placeholders_only,
    secret_name,
    spec_secrets,
    without_secrets,
)
from indexer.key_shape import token_like

# where a spec names what it sends a site (names and values the institution chose)
SENT_PLACES = SENT | {
    ("json_api", "headers"),
    ("listing", "next_query"),
    ("window", "query"),
}
_ABSENT = object()
_ADDRESS = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)  # protocol-relative too


def shown_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with the values that read as credentials masked (a new dict)."""
    return _shown(spec, (), sent=False)


def _shown(value: Any, path: tuple[str, ...], *, sent: bool) -> Any:
    if isinstance(value, dict):
        shown = {}
        for name, item in value.items():
            here = (*path, str(name))
            inside = sent or here in SENT_PLACES
            if sent and secret_name(str(name)):
                shown[name] = placeholders_only(item, [])
            else:
                shown[name] = _shown(item, here, sent=inside)
        return shown
    if isinstance(value, list):
        return [_shown(item, path, sent=sent) for item in value]
    if isinstance(value, str):
        if sent and _reads_as_key(value):
            return placeholders_only(value, [])
        return in_address(value, [])
    return value


def _reads_as_key(text: str) -> bool:
    """A value sent to a site that reads as a credential: an authorization scheme's
    (``Bearer …``, ``Basic …``) or one with a key's random run of letters and digits (never
    a path, a selector, a field name or a phrase: ``indexer.key_shape``)."""
    words = text.split()
    if words and words[0] in SCHEMES | {w.capitalize() for w in SCHEMES}:
        return True
    return any(token_like(word) for word in words)


def with_stored_secrets(sent: dict[str, Any], stored: dict[str, Any] | None) -> dict[str, Any]:
    """``sent`` with each value that is what the API shows for ``stored`` at that place
    replaced by the stored value; a 422 for an ``(oculto)`` that stands for nothing, or
    that would go to a site the stored spec does not name: a key that could be carried to
    another site unseen could be read there (``PUT`` the spec with the attacker's address
    and the masked header)."""
    if stored is None:
        return _restored(sent, _ABSENT, _ABSENT, (), frozenset())
    new_sites = frozenset(_sites(sent) - _sites(stored))
    return _restored(sent, shown_spec(stored), stored, (), new_sites)


def _sites(value: Any) -> set[str]:
    """Every site an address in ``value`` names (its scheme, host and port, lowercased:
    the same host over ``http`` is another site, where anyone on the way reads what is
    sent), and ``allowed_domains``."""
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending += item.values()
            domains = item.get("allowed_domains")
            if isinstance(domains, list):
                found |= {str(d).lower() for d in domains}
        elif isinstance(item, list):
            pending += item
        elif isinstance(item, str) and _ADDRESS.match(item):
            try:
                parts = urlsplit(item.strip())
                found.add(f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower())
            except ValueError:  # no address the crawler reads: the text itself
                found.add(item)
    return found


def _restored(
    sent: Any, shown: Any, stored: Any, loc: tuple[str | int, ...], new_sites: frozenset[str]
) -> Any:
    if isinstance(sent, dict):
        mine = shown if isinstance(shown, dict) else {}
        kept = stored if isinstance(stored, dict) else {}
        return {
            name: _restored(
                item,
                mine.get(name, _ABSENT),
                kept.get(name, _ABSENT),
                (*loc, str(name)),
                new_sites,
            )
            for name, item in sent.items()
        }
    if isinstance(sent, list):
        mine = shown if isinstance(shown, list) else []
        kept = stored if isinstance(stored, list) else []
        return [
            _restored(
                item,
                mine[at] if at < len(mine) else _ABSENT,
                kept[at] if at < len(kept) else _ABSENT,
                (*loc, at),
                new_sites,
            )
            for at, item in enumerate(sent)
        ]
    if not isinstance(sent, str) or HIDDEN not in sent:
        return sent
    if stored is not _ABSENT and sent == shown and shown != stored:
        if not new_sites:
            return stored
        site = shown_text(sorted(new_sites)[0])
        raise field_error(
            loc,
            f"the spec now names another site ({site}): write the masked value again, "
            "so that no key the API hides goes to a site it was not written for",
            f"la especificación ahora nombra otro sitio ({site}): escriba de nuevo el valor "
            "oculto, para que ninguna clave que la API oculta vaya a un sitio para el que "
            "no se escribió",
        )
    raise field_error(
        loc,
        f"{HIDDEN} stands for a value the API masked, and there is none here (the stored "
        "spec has no masked value at this place, or it was edited): write the value itself",
        f"«{HIDDEN}» representa un valor que la API ocultó, y aquí no hay ninguno (la "
        "especificación guardada no tiene un valor oculto en este lugar, o se modificó): "
        "escriba el valor",
    )


def refusal_without_secrets(
    refusal: RequestValidationError, stored: dict[str, Any] | None
) -> RequestValidationError:
    """``refusal`` with ``stored``'s credentials hidden in what it says: a value restored
    from its mask is checked as the caller sent it, and a check that quotes it (a start
    URL outside ``allowed_domains``, which the caller may narrow at will) would show the
    key the API masked. A quote cut short («…») is hidden to the cut as well."""
    secrets = spec_secrets(stored) if stored is not None else ()
    items = []
    for error in refusal.errors():
        item = dict(error)
        for name in ("msg", "mensaje", "input"):
            if isinstance(item.get(name), str):
                item[name] = without_secrets(item[name], secrets)
        items.append(item)
    return RequestValidationError(items)
