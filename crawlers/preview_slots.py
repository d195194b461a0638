"""Slots for previews that every API process of one data folder shares: a slot is a lock
(``flock``) on a small file in ``<data>/.preview-slots``, so ``serve --workers N`` runs as
many previews at once as one process would, not N times as many, and one institution
holds as many there as anywhere. The kernel drops a lock when its process ends (killed
or not), so no slot is ever lost, and a preview's child process inherits none (a
descriptor closed on exec). Where the folder cannot be written, each process counts its
own (a lock the threads of this process share); so too where the folder or a slot is a
symbolic link: the server never creates or opens a file a link in its data folder points
at (anywhere its user may write).

Machines that share a PostgreSQL database each have their own data folder, so each
bounds the previews it runs itself: what the limit protects is the machine.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

FOLDER = ".preview-slots"
_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC


class Slots:
    """``count`` slots named ``name``; ``take`` yields whether one was free."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER
        self._alone: Counter[str] = Counter()  # where the folder cannot be written
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def take(self, name: str, count: int) -> Iterator[bool]:
        held = self._lock_file(name, count)
        if held is None:
            with self._counted(name, count) as free:
                yield free
            return
        fd = held
        try:
            yield fd >= 0
        finally:
            if fd >= 0:
                os.close(fd)  # the lock goes with it

    def _lock_file(self, name: str, count: int) -> int | None:
        """A locked slot's descriptor, -1 when all ``count`` are taken, None when the
        folder cannot hold them."""
        stem = hashlib.sha256(name.encode()).hexdigest()[:20]
        try:
            self.folder.mkdir(exist_ok=True)
            if self.folder.is_symlink():
                return None
            for n in range(count):
                fd = os.open(self.folder / f"{stem}-{n}", _FLAGS, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                except OSError:
                    os.close(fd)
                    raise
                return fd
        except OSError:
            return None
        return -1

    @contextlib.contextmanager
    def _counted(self, name: str, count: int) -> Iterator[bool]:
        with self._lock:
            free = self._alone[name] < count
            if free:
                self._alone[name] += 1
        try:
            yield free
        finally:
            if free:
                with self._lock:
                    self._alone[name] -= 1
                    if not self._alone[name]:
                        del self._alone[name]


_slots: dict[Path, Slots] = {}
_slots_lock = threading.Lock()


def slots_of(data_dir: Path) -> Slots:
    """The one ``Slots`` of this process for ``data_dir``."""
    with _slots_lock:
        return _slots.setdefault(data_dir, Slots(data_dir))
