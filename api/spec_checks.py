"""Checks a spec must pass before an institution may store it, beyond its own validation:
addresses the crawler may fetch, and names (id, identity scope) in the institution's own
namespace. Answers are the same whether or not another institution uses a name; the
attempt is recorded in that institution's audit log instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi.exceptions import RequestValidationError

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.addresses import BlockedAddress, check_url
from indexer.db.registry import Caller, Registry

MAX_START_HOSTS = 10
# A registered source crawled more often would keep a worker's slot for itself
MIN_EVERY_HOURS = 1.0


def field_error(loc: tuple[str | int, ...], msg: str) -> RequestValidationError:
    """A 422 naming a field of the body, in FastAPI's own validation-error shape."""
    return RequestValidationError([{"loc": ("body", *loc), "msg": msg, "type": "value_error"}])


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


def check_institution_fields(spec: SourceSpec, name: str) -> None:
    """A registered source's documents carry its institution's name: no constant may
    name another, and no rule may read one from a page."""
    if spec.constants.get("institution", name) != name:
        raise field_error(
            ("constants", "institution"),
            f"must be your institution's name, {name!r}, or be left out: documents are "
            "published under the key's institution",
        )
    blocks = ("listing", "detail", "feed", "video_channel", "json_api")
    for block in blocks:
        rules = getattr(spec, block)
        if rules is not None and "institution" in rules.fields:
            raise field_error(
                (block, "fields", "institution"),
                "documents are published under the key's institution, never read from a page",
            )
    for n, rule in enumerate(spec.sitemap.rules if spec.sitemap is not None else []):
        if rule.constants.get("institution", name) != name:
            raise field_error(
                ("sitemap", "rules", n, "constants", "institution"),
                f"must be your institution's name, {name!r}, or be left out",
            )


def check_start_urls(spec: SourceSpec, settings: Settings) -> None:
    """Refuse at registration what the address guard would refuse at fetch time. A host
    that does not resolve now is left to the crawl, which reports it (DNS can be down).
    Each host is resolved once, and a spec names few: a source is one institution's site."""
    checked: set[tuple[str, str | None, int | None]] = set()
    for n, url in enumerate(spec.start_urls):
        try:
            parts = urlsplit(url)
            host = (parts.scheme, parts.hostname, parts.port)
        except ValueError as exc:  # a port out of range or not a number
            raise field_error(("start_urls", n), f"not a valid URL: {exc}") from exc
        if host in checked:
            continue
        if len(checked) == MAX_START_HOSTS:
            message = f"at most {MAX_START_HOSTS} different hosts: a source is one site"
            raise field_error(("start_urls", n), message)
        checked.add(host)
        try:
            check_url(url, allow_loopback=settings.allow_loopback)
        except BlockedAddress as exc:
            if isinstance(exc.__cause__, OSError | UnicodeError):
                continue
            raise field_error(("start_urls", n), f"the crawler may not fetch it: {exc}") from exc


def _namespace_hint(caller: Caller) -> str:
    return (
        f"must begin with your institution's id and a hyphen, '{caller.institution_id}-' "
        f"(e.g. '{caller.institution_id}-sentencias'), and not with another institution's id"
    )


# Records a refused attempt in the target source's audit log: (action, source id, detail).
Note = Callable[[str, str, dict[str, Any]], None]


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
    caller's namespace; ``action`` names the refused attempt in the other's audit log."""
    if new and registry.namespace_owner(spec.id) != caller.institution_id:
        other = registry.get_source(spec.id)
        if other is not None and other.institution_id != caller.institution_id:
            note(f"refused_{action}", other.id, {})
        raise field_error(("id",), _namespace_hint(caller))
    scope = spec.identity.scope if spec.identity else None
    if scope is None:
        return
    if scope in reserved_scopes and scope != spec.id:
        raise field_error(("identity", "scope"), "is a scope of the operator's catalogue")
    if registry.namespace_owner(scope) != caller.institution_id:
        for holder in registry.scope_holders(scope, besides=caller.institution_id):
            note("refused_scope", holder.id, {"scope": scope})
        raise field_error(("identity", "scope"), _namespace_hint(caller))
