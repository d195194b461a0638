"""The environment of a process that runs an institution's spec from the API (a preview):
the variables a program needs to start and read text, never the rest of the server's.

A server's environment holds more than its own settings: other programs' accounts
(``PGPASSWORD``, ``AWS_SECRET_ACCESS_KEY``), the sign-in key ``serve`` hands its workers,
settings a later version reads. Taking out the secrets one knows misses the next one, so
such a process gets an allow-list: the system's variables below and the settings it is
given, nothing else."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

# what starts Python, finds its packages and libraries, places temporary files and reads
# text, certificates and Tesseract's models
SYSTEM = frozenset(
    {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP",
     "PYTHONPATH", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUTF8",
     "PYTHONUNBUFFERED", "PYTHONHASHSEED", "PYTHONWARNINGS", "VIRTUAL_ENV",
     "LD_LIBRARY_PATH", "SSL_CERT_FILE", "SSL_CERT_DIR", "TESSDATA_PREFIX",
     "OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "MALLOC_ARENA_MAX", "COVERAGE_PROCESS_START",
     "SYSTEMROOT"}
)  # fmt: skip
SYSTEM_PREFIXES = ("LC_",)
# libpq's own settings: a deployment on PostgreSQL may give the database's host, account or
# certificates this way instead of in ``ABIERTO_DATABASE_URL``; a crawl writes to it
DATABASE_CLIENT = frozenset(
    {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGSSLMODE",
     "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGSSLCRL", "PGSERVICE", "PGSERVICEFILE",
     "PGDATABASE", "PGOPTIONS", "PGCONNECT_TIMEOUT", "PGAPPNAME", "PGTZ", "PGTARGETSESSIONATTRS"}
)  # fmt: skip
# ``${NAME}`` in an operator's spec file (``config.specs`` fills it in from the environment)
_NAMED = re.compile(r"\$\{([A-Z0-9_]+)")
# an operator's choices read from the environment, not from ``Settings``
OPERATOR_CHOICES = frozenset(
    {"ABIERTO_EXTRACT_WORKER_MEMORY_MB", "ABIERTO_EXTRACT_WORKERS", "ABIERTO_NATIVE_CITATIONS"}
)


def system_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The system's variables of ``environ`` (this process's by default)."""
    found = os.environ if environ is None else environ
    return {k: v for k, v in found.items() if k in SYSTEM or k.startswith(SYSTEM_PREFIXES)}


def operator_choices(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The ``OPERATOR_CHOICES`` set in ``environ`` (this process's by default)."""
    found = os.environ if environ is None else environ
    return {k: v for k, v in found.items() if k in OPERATOR_CHOICES}


def database_client(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The libpq settings (``DATABASE_CLIENT``) set in ``environ`` (this process's by
    default)."""
    found = os.environ if environ is None else environ
    return {k: v for k, v in found.items() if k in DATABASE_CLIENT}


def named_in_specs(folder: Path, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables of ``environ`` the operator's spec files in ``folder`` name as
    ``${NAME}``: a crawl reads those files too, and their author chose to hand it these
    (a key the site asks for); a file that cannot be read names none."""
    found = os.environ if environ is None else environ
    names: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            names.update(_NAMED.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return {k: found[k] for k in sorted(names) if k in found}
