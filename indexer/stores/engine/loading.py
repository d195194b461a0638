"""A load of many batches refreshes an index seldom: searched, an index refreshes every
second otherwise, each time a small segment the engine merges again (a fifth of its CPU
per written document: ``bench/engine_load.py``). Shared by the documents' alias and the
speech index beside it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from indexer.stores.engine.clients import EngineClient
from indexer.stores.engine.retry import Backoff, EngineError

log = logging.getLogger(__name__)
# never ``-1``, so a writer that dies meanwhile leaves an index that still shows what it
# wrote
LOAD_REFRESH = "30s"
REFRESH_KEY = "index.refresh_interval"


@contextlib.contextmanager
def refreshing_seldom(client: EngineClient, index: str, backoff: Backoff) -> Iterator[None]:
    """Meanwhile the indices behind ``index`` (a name or an alias) refresh every
    ``LOAD_REFRESH``, then as before. An index whose refresh someone else chose keeps it;
    one a dead writer left at ``LOAD_REFRESH`` is restored too."""
    found = backoff.call(lambda: client.settings_of(index), "settings")
    ours = sorted(
        name for name, values in found.items() if values.get(REFRESH_KEY) in (None, LOAD_REFRESH)
    )
    targets = ",".join(ours)
    if ours:
        backoff.call(lambda: client.put_settings(targets, {REFRESH_KEY: LOAD_REFRESH}), "settings")
    restore = {REFRESH_KEY: None}
    try:
        yield
    except BaseException:
        if ours:  # once: the load's own failure is what the caller must see
            try:
                client.put_settings(targets, restore)
            except EngineError as exc:
                log.warning(
                    "the search index %s refreshes every %s until the next load: %s",
                    targets,
                    LOAD_REFRESH,
                    exc,
                )
        raise
    if ours:
        backoff.call(lambda: client.put_settings(targets, restore), "settings")
