"""The archive of original files, addressed by sha256 (``files/ab/cd/abcd…``)."""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

_HEX = frozenset("0123456789abcdef")
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


class FileArchive:
    def __init__(self, root: Path) -> None:
        self.root = root
        # a crawl archives every page it fetches: its path is built from strings and its
        # temp file opened with plain system calls (pathlib objects, ``mkstemp``'s random
        # names and a Python file object each cost more than the write itself)
        self._root = os.fspath(root)
        # folders known to exist: asking the file system to make the same folder again
        # each time is a system call
        self._folders: set[str] = set()
        self._serial = itertools.count()

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            raise ValueError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store bytes once; return their sha256. Written atomically (temp file + rename)."""
        digest = hashlib.sha256(data).hexdigest()
        folder = os.path.join(self._root, digest[:2], digest[2:4])
        target = os.path.join(folder, digest)
        if os.path.exists(target):
            return digest
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        fd, temp = self._temp(folder)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return digest

    def _temp(self, folder: str) -> tuple[int, str]:
        """A new file of our own beside ``folder``'s originals (only this process and
        thread could take its name; one left by a killed process is passed over)."""
        while True:
            temp = os.path.join(folder, f".part-{os.getpid()}-{next(self._serial)}")
            try:
                return os.open(temp, _NEW, 0o600), temp
            except FileExistsError:
                continue
            except FileNotFoundError:  # the folder was removed meanwhile: make it again
                os.makedirs(folder, exist_ok=True)

    def get(self, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        return path.read_bytes() if path.exists() else None

    def remove(self, sha256: str) -> bool:
        """Forget an original no document lists any more; False if it was not here."""
        path = self.path_for(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True
