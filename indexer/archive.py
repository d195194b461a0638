"""The archive of original files, addressed by sha256 (``files/ab/cd/abcd…``)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_HEX = frozenset("0123456789abcdef")


class FileArchive:
    def __init__(self, root: Path) -> None:
        self.root = root
        # folders known to exist: a crawl archives every page it fetches, and asking
        # the file system to make the same folder again each time is a system call
        self._folders: set[Path] = set()

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            raise ValueError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store bytes once; return their sha256. Written atomically (temp file + rename)."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        try:
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        except FileNotFoundError:  # the folder was removed meanwhile: make it again
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        return path.read_bytes() if path.exists() else None
