"""Checks a spec must pass before an institution may store it, beyond its own validation:
addresses the crawler may fetch, and names (id, identity scope) in the institution's own
namespace. Answers are the same whether or not another institution uses a name; the
attempt is recorded in that institution's audit log instead."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi.exceptions import RequestValidationError

from api.catalogue_ids import shipped_claim
from config.internal_ids import INTERNAL_SOURCE_IDS
from config.settings import Settings
from config.specs import SourceSpec
from crawlers.addresses import (
    BlockedAddress,
    ResolverBusy,
    SlowHost,
    UnresolvableHost,
    check_hosts,
    url_target,
)
from indexer.attribution import OWN_FIELDS, Publisher, foreign_letter, foreign_value
from indexer.db.registry import Caller, Registry

MAX_START_HOSTS = 10
# A stored spec is read whole by every list of the institution's sources and by the public
# /fuentes page, for each visitor: the largest real spec is a few KB, so 64 KB is room
# enough, and 200 of them (the default quota) stay a list of a few MB, not of 200 MB
MAX_SPEC_BYTES = 64 * 1024
# A registered source crawled more often would keep a worker's slot for itself
MIN_EVERY_HOURS = 1.0


def field_error(
    loc: tuple[str | int, ...], msg: str, mensaje: str | None = None
) -> RequestValidationError:
    """A 422 naming a field of the body, in FastAPI's own validation-error shape (with
    its Spanish ``mensaje`` when the generic one would not say why)."""
    item: dict[str, Any] = {"loc": ("body", *loc), "msg": msg, "type": "value_error"}
    if mensaje is not None:
        item["mensaje"] = f"{'.'.join(map(str, loc))}: {mensaje}"
    return RequestValidationError([item])


def check_spec_size(spec: SourceSpec) -> None:
    """A registered spec is stored in at most ``MAX_SPEC_BYTES`` of JSON."""
    check_sent_size(spec.model_dump(mode="json"))


def check_sent_size(data: Any) -> None:
    """A spec as sent (JSON's values) takes at most ``MAX_SPEC_BYTES`` as JSON, checked
    before it is validated: validating reads each selector, pattern and address, and a
    body of a megabyte of long CSS selectors took seconds of CPU (10 s for 300 of them)
    to be refused for its size afterwards."""
    size = len(json.dumps(data, ensure_ascii=False).encode())
    if size > MAX_SPEC_BYTES:
        limit, kb = MAX_SPEC_BYTES // 1024, -(-size // 1024)
        raise RequestValidationError(
            [
                {
                    "loc": ("body",),
                    "msg": f"a registered spec takes at most {limit} KB as JSON; this one "
                    f"takes {kb} KB",
                    "type": "too_long",
                    "mensaje": f"una especificación registrada ocupa a lo sumo {limit} KB "
                    f"(esta ocupa {kb} KB): las de un sitio real ocupan unos pocos KB; si "
                    "recoge varios sitios, registre una fuente por sitio",
                }
            ]
        )


def check_schedule(spec: SourceSpec) -> None:
    """An institution's source is crawled at most once an hour."""
    if spec.schedule.every_hours < MIN_EVERY_HOURS:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "schedule", "every_hours"),
                    "msg": f"a registered source is crawled at most every {MIN_EVERY_HOURS:g} "
                    "hour: the worker's slots are shared by every institution",
                    "type": "greater_than_equal",
                    "mensaje": "schedule.every_hours: una fuente registrada se rastrea como "
                    f"mucho cada {MIN_EVERY_HOURS:g} hora (el rastreador es de todas las "
                    "instituciones)",
                }
            ]
        )


# the blocks whose ``fields`` read a page (``json_api.detail``'s are read as well)
_PAGE_BLOCKS = ("listing", "detail", "feed", "video_channel", "json_api")


def check_institution_fields(spec: SourceSpec, publisher: Publisher) -> None:
    """A registered source's documents carry its institution's name: no constant may name
    another institution, as publisher (``institution``), as the session's congress
    (``congress``) or as the body inside it (``court``, ``chamber``, ``committee``); no rule
    may read the publisher or the congress from a page, and no rule's template may name
    another institution's court, chamber or committee (what a page gives is checked at
    crawl time)."""
    name = publisher.name
    constants = [(("constants",), spec.constants)]
    rules = spec.sitemap.rules if spec.sitemap is not None else []
    constants += [(("sitemap", "rules", n, "constants"), r.constants) for n, r in enumerate(rules)]
    for loc, values in constants:
        for field in ("institution", *OWN_FIELDS):
            value = values.get(field)
            if value is None:
                continue
            text = " ".join(value) if isinstance(value, list) else value
            if field != "institution":
                _check_letters((*loc, field), text)
            if (field == "institution" and text != name) or foreign_value(field, text, publisher):
                raise field_error((*loc, field), *_foreign_message(field, name))
    pages = [((block,), getattr(spec, block)) for block in _PAGE_BLOCKS]
    if spec.json_api is not None and spec.json_api.detail is not None:
        pages.append((("json_api", "detail"), spec.json_api.detail))  # each record's page
    for block, page in pages:
        if page is None:
            continue
        for field in ("institution", "congress"):
            if field in page.fields:
                raise field_error(
                    (*block, "fields", field),
                    f"documents are published under the key's institution, {name!r}, never "
                    "read from a page",
                    f"los documentos se publican a nombre de la institución de la clave, "
                    f"«{name}»: este dato no se lee de la página",
                )
        for field in ("court", "chamber", "committee"):
            rule = page.fields.get(field)
            if rule is not None:
                _check_letters((*block, "fields", field), str(rule))
            if rule is not None and foreign_value(field, str(rule), publisher):
                raise field_error((*block, "fields", field), *_foreign_message(field, name))


def _check_letters(loc: tuple[str | int, ...], text: str) -> None:
    """A body's name in Latin letters with one of another script among them (a Cyrillic
    «о», an Armenian «օ»): read as Latin, it disguises whatever name it spells."""
    letter = foreign_letter(text)
    if letter is not None:
        raise field_error(
            loc,
            f"mixes Latin letters with {unicodedata.name(letter, 'a letter')!r}, which is "
            "not Latin: write the name in Latin letters",
            f"mezcla letras latinas con «{letter}», que no es latina aunque lo parezca: "
            "escriba el nombre solo con letras latinas",
        )


def _foreign_message(field: str, name: str) -> tuple[str, str]:
    """Why a name is refused, in English (``msg``) and Spanish (``mensaje``)."""
    if field in ("institution", "congress"):
        return (
            f"must be your institution's name, {name!r}, or be left out: documents are "
            "published under the key's institution",
            f"debe ser el nombre de su institución, «{name}», o no darse: los documentos "
            "se publican a nombre de la institución de la clave",
        )
    body = {
        "court": "el órgano (juzgado, sala)",
        "chamber": "la cámara u órgano",
        "committee": "la comisión",
    }[field]
    return (
        f"names another institution: a {field} must be {name!r} or a body inside it",
        f"nombra a otra institución: {body} debe ser «{name}» o uno de sus órganos",
    )


def check_start_urls(spec: SourceSpec, settings: Settings, owner: str = "") -> None:
    """Refuse at registration what the address guard would refuse at fetch time. A host
    that does not resolve now is left to the crawl, which reports it (DNS can be down);
    one whose DNS does not answer in time is refused, naming it. The hosts (few: a source
    is one institution's site) are looked up at once, within one deadline, on the
    bounded lookups of ``crawlers.lookups`` (``owner`` is the institution asking)."""
    targets: dict[tuple[str, int], int] = {}
    checked: set[tuple[str, str | None, int | None]] = set()
    for n, url in enumerate(spec.start_urls):
        try:
            parts = urlsplit(url)
            host = (parts.scheme, parts.hostname, parts.port)
        except ValueError as exc:  # a port out of range or not a number
            raise field_error(
                ("start_urls", n),
                f"not a valid URL: {exc}",
                "no es una dirección válida: su puerto debe ser un número de 1 a 65535",
            ) from exc
        if host in checked:
            continue
        if len(checked) == MAX_START_HOSTS:
            message = f"at most {MAX_START_HOSTS} different hosts: a source is one site"
            mensaje = (
                f"una fuente es un solo sitio: sus direcciones de inicio están en a lo sumo "
                f"{MAX_START_HOSTS} servidores distintos"
            )
            raise field_error(("start_urls", n), message, mensaje)
        checked.add(host)
        try:
            targets.setdefault(url_target(url), n)
        except BlockedAddress as exc:
            raise _not_fetchable(n, exc) from exc
    outcomes = check_hosts(targets, settings.allow_loopback, owner)
    for target, n in sorted(targets.items(), key=lambda item: item[1]):
        outcome = outcomes[target]
        if isinstance(outcome, ResolverBusy):
            raise outcome
        if isinstance(outcome, SlowHost):
            raise field_error(("start_urls", n), str(outcome), slow_host_mensaje(outcome))
        # a name that does not resolve is taken (the crawl counts it as dns), and so is
        # one that points inside the server's network (``HiddenHost``): refusing only the
        # second would tell the caller the name exists there; the crawl never connects
        if isinstance(outcome, BlockedAddress) and not isinstance(outcome, UnresolvableHost):
            raise _not_fetchable(n, outcome)


def slow_host_mensaje(exc: SlowHost) -> str:
    """Why a host is refused when its DNS kept silent, in Spanish."""
    seconds = f"{exc.seconds:g}".replace(".", ",")
    unit = "segundo" if exc.seconds == 1 else "segundos"
    return (
        f"el servidor de nombres (DNS) de «{exc.host[:100]}» no respondió en "
        f"{seconds} {unit}: compruebe que el nombre esté bien escrito y que su DNS "
        "funcione, y vuelva a intentarlo"
    )


def _not_fetchable(n: int, exc: BlockedAddress) -> RequestValidationError:
    return field_error(
        ("start_urls", n),
        f"the crawler may not fetch it: {exc}",
        "el rastreador no puede descargar esta dirección: debe empezar por http:// o "
        "https:// y su servidor debe ser público (no una dirección privada, local o "
        "reservada)",
    )


def _check_shipped(
    registry: Registry, caller: Caller, spec: SourceSpec, scope: str | None, *, new: bool
) -> None:
    """A new source's id, and any identity scope, is none of the shipped catalogue's
    (``api.catalogue_ids``), unless the caller is the institution that spec publishes for."""
    institution = registry.get_institution(caller.institution_id)
    name, jurisdiction = (institution.name, institution.jurisdiction) if institution else ("", "")
    for loc, taken in ((("id",), spec.id if new else None), (("identity", "scope"), scope)):
        claimed = shipped_claim(taken, name, jurisdiction) if taken else None
        if claimed is not None:
            raise field_error(
                loc,
                f"{taken!r} is a name of the catalogue shipped with the project "
                f"({claimed.institution}'s source {claimed.id!r})",
                f"«{taken}» es un nombre del catálogo que trae el proyecto (la fuente "
                f"«{claimed.id}» de {claimed.institution}): sus documentos se archivarían "
                "junto a los de esa fuente; elija otro que empiece por el id de su "
                f"institución y un guion, '{caller.institution_id}-'",
            )


def _namespace_hint(caller: Caller) -> tuple[str, str]:
    """Why a name is not the caller's, in English (``msg``) and Spanish (``mensaje``)."""
    own = caller.institution_id
    return (
        f"must begin with your institution's id and a hyphen, '{own}-' "
        f"(e.g. '{own}-sentencias'), and not with another institution's id",
        f"debe empezar por el id de su institución y un guion, '{own}-' (p. ej. "
        f"'{own}-sentencias'), y no por el id de otra institución",
    )


# Records a refused attempt in the target source's audit log: (action, source id, detail);
# a source id of None records nothing but takes the time a note takes (``api.refusal_log``)
Note = Callable[[str, str | None, dict[str, Any]], None]


def check_ownership(
    registry: Registry,
    caller: Caller,
    spec: SourceSpec,
    reserved_scopes: set[str],
    note: Note,
    *,
    new: bool,
    action: str = "create",
) -> None:
    """A new source's id (or a previewed one's), and any identity scope, must be in the
    caller's namespace; ``action`` names the refused attempt in the other's audit log.
    An id the system writes under itself (``config.internal_ids``) is no one's."""
    scope = spec.identity.scope if spec.identity else None
    for loc, name in ((("id",), spec.id), (("identity", "scope"), scope)):
        if name in INTERNAL_SOURCE_IDS and (new or loc != ("id",)):
            raise field_error(
                loc,
                f"{name!r} is a source id the system uses for itself",
                f"«{name}» es un identificador que el sistema usa para sí (los documentos "
                f"que el operador indexa desde su disco): elija otro que empiece por el id "
                f"de su institución y un guion, '{caller.institution_id}-'",
            )
    if new and registry.namespace_owner(spec.id) != caller.institution_id:
        other = registry.source_owner(spec.id)  # the owner alone: no row to decode
        # an id no source has is "noted" too: the same work, nothing written (Note)
        mine = other is None or other == caller.institution_id
        note(f"refused_{action}", None if mine else spec.id, {})
        raise field_error(("id",), *_namespace_hint(caller))
    _check_shipped(registry, caller, spec, scope, new=new)
    if scope is None:
        return
    if scope in reserved_scopes and scope != spec.id:
        raise field_error(
            ("identity", "scope"),
            "is a scope of the operator's catalogue",
            "es un ámbito de las fuentes del operador: elija otro que empiece por el id de "
            "su institución",
        )
    if registry.namespace_owner(scope) != caller.institution_id:
        holders = registry.scope_holders(scope, besides=caller.institution_id)
        for holder in holders:
            note("refused_scope", holder.id, {"scope": scope})
        if not holders:  # as much work when no source holds it (Note)
            note("refused_scope", None, {"scope": scope})
        raise field_error(("identity", "scope"), *_namespace_hint(caller))
