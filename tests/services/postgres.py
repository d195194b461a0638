"""A real PostgreSQL server for the tests, from Debian's packages: a throwaway cluster
in a temporary folder, listening on 127.0.0.1 on a free port, stopped at the end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def server_bin() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
    if not versions:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found (apt-get install postgresql; make test does it)"
        )
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(args: list[str], home: Path) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the ``postgres`` user."""
    if os.geteuid() != 0:
        return args
    shutil.chown(home, "postgres", "postgres")
    for path in home.rglob("*"):
        shutil.chown(path, "postgres", "postgres")
    return ["runuser", "-u", "postgres", "--", *args]


@dataclass
class PostgresServer:
    home: Path
    port: int
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def create_database(self, name: str) -> str:
        """A fresh database; returns its SQLAlchemy URL."""
        subprocess.run(
            [
                str(self.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                name,
            ],
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_owner(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.home / "data"),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ],
                self.home,
            ),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.home, ignore_errors=True)


def _owner_gone(home: Path) -> bool:
    """Whether the test process that started the cluster in ``home`` is dead."""
    try:
        pid = int((home / "owner").read_text())
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):
        return False  # no owner written (another kind of folder, or still starting)
    return False


def reap_orphans(binaries: Path) -> list[Path]:
    """Stop and remove the clusters whose test process died without stopping them (a
    run killed at a deadline: ``pg_ctl`` detaches the server, so it outlives its test)."""
    reaped = []
    for home in Path(tempfile.gettempdir()).glob("abierto-pg-*"):
        if home.is_dir() and _owner_gone(home):
            PostgresServer(home, 0, binaries).stop()
            reaped.append(home)
    return reaped


def start() -> PostgresServer:
    """A new cluster in its own folder under the system temp dir (not pytest's, whose
    parents only root may enter), removed by ``stop``; clusters left behind by dead
    test processes are stopped first."""
    binaries = server_bin()
    reap_orphans(binaries)
    home = Path(tempfile.mkdtemp(prefix="abierto-pg-"))
    home.chmod(0o755)
    (home / "owner").write_text(str(os.getpid()))
    data = home / "data"
    made = subprocess.run(
        _as_owner(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            home,
        ),
        check=False,
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        raise RuntimeError(f"initdb failed: {made.stdout}{made.stderr}")
    port = _free_port()
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    started = subprocess.run(
        _as_owner(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(home / "postgres.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            home,
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        log = (home / "postgres.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")
    return PostgresServer(home, port, binaries)
