"""Speech index writes held until the documents' index publishes.

The embedded speech index was written with a writer of its own, opened and committed
for every batch the library indexed: opening and committing cost more than the batch's
speeches (about a tenth of the crawl path's CPU in the main thread). While the library
holds the documents' writer, its batches' speech writes are kept here, in order, and
written in one writer and one commit when the documents' index commits (so speeches
become searchable with their sessions), or sooner once they hold ``MAX_CHARS`` of text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from indexer.speeches.model import Speech

MAX_CHARS = 32_000_000


class ManyWrites(Protocol):
    def replace_many(self, steps: list[tuple[list[str], list[Speech]]]) -> int: ...


class DeferredSpeeches:
    """``replace_sessions`` kept for ``publish`` (or dropped by ``drop``)."""

    def __init__(self, index: ManyWrites, max_chars: int = MAX_CHARS) -> None:
        self.index = index
        self.max_chars = max_chars
        self.steps: list[tuple[list[str], list[Speech]]] = []
        self.chars = 0

    def replace_sessions(
        self,
        session_ids: Iterable[str],
        speeches: Iterable[Speech],
        previous: Iterable[str] | None = None,
    ) -> int:
        """Kept for the embedded index, whose writer deletes by session (``previous``
        is not needed)."""
        step = (list(session_ids), list(speeches))
        self.steps.append(step)
        self.chars += sum(len(speech.text) for speech in step[1])
        if self.chars >= self.max_chars:
            self.publish()
        return len(step[1])

    def publish(self) -> None:
        """Write what was kept, in order, in one commit."""
        steps, self.steps, self.chars = self.steps, [], 0
        if steps:
            self.index.replace_many(steps)

    def drop(self) -> None:
        """Forget what was kept: its documents are indexed again, and so are its speeches."""
        self.steps, self.chars = [], 0
