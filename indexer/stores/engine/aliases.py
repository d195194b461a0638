"""An index read and written through an alias, rebuilt beside the one it replaces.

Both engine indexes (the documents', ``store.EngineStore``, and the speeches',
``speeches.search.engine_index``) live this way: a rebuild fills a new physical index
``<alias>-<UTC timestamp>`` while searches go on answering from the old one, then
``swap_in`` moves the alias to it in one ``_aliases`` call (the old index whole until
then), and the caller drops the old one. A rebuild killed or failed half-way leaves the
alias on the old index; its half-built index is deleted by ``drop_leftovers`` (or at
once, when the rebuild fails rather than dies: ``forget``).

A deployment made before aliases has a concrete index named like the alias: it answers
as before (an alias and an index are read alike) until its next rebuild, whose swap
replaces it by the alias in the same call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.retry import Backoff, EngineError

log = logging.getLogger(__name__)
# what ``new_name`` puts after ``<alias>-``: a rebuild's index (UTC, to the microsecond)
LEFTOVER = re.compile(r"\d{20}")


def new_name(alias: str) -> str:
    """The name of a rebuild's new index."""
    return f"{alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"


def first_name(alias: str) -> str:
    """The first, empty index an alias names (never taken for a leftover)."""
    return f"{alias}-000000"


def point(
    client: EngineClient, alias: str, backoff: Backoff, create: Callable[[str], None]
) -> bool:
    """Point ``alias`` at a first, empty index (made by ``create``) unless the alias, or
    a concrete index of that name, exists; True if one did."""
    if backoff.call(lambda: client.index_exists(alias), "exists"):
        return True
    first = first_name(alias)
    # two processes starting together: the second one's create is a no-op
    with contextlib.suppress(EngineError):
        create(first)
    backoff.call(
        lambda: client.update_aliases([{"add": {"index": first, "alias": alias}}]), "alias"
    )
    return False


def swap_in(
    client: EngineClient, alias: str, name: str, backoff: Backoff, replicas: int
) -> list[str]:
    """Make the filled index ``name`` searchable (its refreshes and replicas back) and
    move ``alias`` to it in one call; the indices the alias named before (the caller
    drops them, ``drop``). A concrete index named like the alias (a deployment made
    before aliases, or by hand) is replaced by the alias in the same call."""
    client.put_settings(name, {"index": {"refresh_interval": None, "number_of_replicas": replicas}})
    backoff.call(lambda: client.refresh(name), "refresh")
    old = client.alias_targets(alias)
    actions: list[dict[str, Any]] = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and client.index_exists(alias):
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": name, "alias": alias}})
    backoff.call(lambda: client.update_aliases(actions), "alias swap")
    return old


def forget(client: EngineClient, name: str) -> None:
    """Delete a rebuild's index that will not be swapped in (its rebuild failed)."""
    with contextlib.suppress(EngineError):
        client.delete_index(name)


def drop(client: EngineClient, old: Iterable[str]) -> None:
    """Delete the indices an alias named before its swap (best effort: one left is a
    leftover for ``drop_leftovers`` only if named like a rebuild's)."""
    for index in old:
        forget(client, index)


def drop_leftovers(client: EngineClient, alias: str, backoff: Backoff) -> list[str]:
    """Delete the indices killed rebuilds left half-built (``<alias>-<timestamp>``,
    named by no alias); the ones deleted. Only for a caller that holds the rebuild lock
    across processes (``Library.reindex``): no other rebuild is alive then, so an index
    of that name the alias does not name is no one's. The alias's own index (and the
    first, ``first_name``) is never touched, nor another alias's (``<alias>-speeches-…``
    beside ``<alias>``: not digits alone after the dash)."""
    live = set(client.alias_targets(alias))
    found = backoff.call(lambda: client.settings_of(f"{alias}-*"), "indices")
    left = sorted(
        name for name in found if name not in live and LEFTOVER.fullmatch(name[len(alias) + 1 :])
    )
    for name in left:
        backoff.call(lambda name=name: client.delete_index(name), "delete")
    if left:
        log.warning(
            "se borraron %d índices que reconstrucciones interrumpidas dejaron a medias: %s",
            len(left),
            ", ".join(left),
        )
    return left
