"""The number an audit entry is shown with (``GET /v1/sources/{id}/audit``): its row's id
under a keyed permutation, not the id itself.

Audit rows of every institution share one sequence of ids, and a refused attempt on
another's source writes a row (to that source's log) while one on an unknown id writes
none (``api.refusal_log``). With the ids shown as they are, an institution read another's
source into existence off its own log: pause its own source, ask for another's id (a 404
either way), resume its own; the two entries' ids were one apart for an unknown id and two
apart for an existing one. Shown through a permutation (a balanced Feistel network of 52
bits, each round a keyed BLAKE2b under a key derived from the pages' secret, the same in
every process of a data folder), the numbers say nothing of the rows between them, nor of their
order; ``before=`` turns a shown number back into the row's id. Fifty-two bits keep every
number exact in JavaScript (whose integers are exact up to 2^53), so a browser's client
pages the log without rounding its ``before=``.

Crawl runs share one sequence of ids too (every institution's sources): a run is shown
(``GET /v1/sources/{id}/runs``, a source's ``last_run``) numbered by ``RunNumbers``, the
same permutation under a key of its own, so a run's number and an audit entry's number of
the same id differ.
"""

from __future__ import annotations

import hashlib
import hmac

BITS = 52
LARGEST = 1 << BITS  # the largest number shown (and taken by ``before=``)
_HALF = BITS // 2
_MASK = (1 << _HALF) - 1
_ROUNDS = 6


class EntryNumbers:
    DOMAIN = b"numeros-de-entradas-de-auditoria"

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, self.DOMAIN, hashlib.sha256).digest()

    def _round(self, n: int, half: int) -> int:
        data = bytes((n,)) + half.to_bytes(4, "big")
        # keyed BLAKE2b: one call in C (an HMAC took four times as long, 200 entries a page)
        return int.from_bytes(hashlib.blake2b(data, key=self._key, digest_size=4).digest()) & _MASK

    def shown(self, entry_id: int) -> int:
        """The number ``entry_id`` is shown with, from 1 to ``LARGEST``."""
        if not 0 <= entry_id < LARGEST:  # 4.5e15 rows: never reached
            raise ValueError(f"audit entry id {entry_id} out of range")
        left, right = entry_id >> _HALF, entry_id & _MASK
        for n in range(_ROUNDS):
            left, right = right, left ^ self._round(n, right)
        return ((left << _HALF) | right) + 1

    def entry_id(self, number: int) -> int:
        """The row id shown as ``number`` (1 to ``LARGEST``)."""
        left, right = (number - 1) >> _HALF, (number - 1) & _MASK
        for n in reversed(range(_ROUNDS)):
            left, right = right ^ self._round(n, left), left
        return (left << _HALF) | right


class RunNumbers(EntryNumbers):
    """The number a crawl run is shown with: ``shown`` and back (``entry_id``)."""

    DOMAIN = b"numeros-de-lecturas-de-fuentes"
