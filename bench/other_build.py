"""Another build of the native extension loaded beside the installed one, so a bench can
ask both the same questions in one process and alternate them (old against new)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_extension(path: Path) -> ModuleType:
    """The extension built at ``path`` (a ``.so``), as a module of its own."""
    spec = importlib.util.spec_from_file_location("abierto_native", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"not an extension: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
