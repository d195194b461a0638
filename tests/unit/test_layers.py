"""Imports flow one way: api → crawlers → indexer → config (the command line on top)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# What each layer may import from the project (itself included).
ALLOWED = {
    "config": {"config"},
    "indexer": {"indexer", "config"},
    "crawlers": {"crawlers", "indexer", "config"},
    "api": {"api", "crawlers", "indexer", "config"},
    "samples": {"samples"},
}
PROJECT = {"config", "indexer", "crawlers", "api", "cli", "samples", "tests", "bench"}


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & PROJECT


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_no_layer_imports_upward(layer: str) -> None:
    wrong = {
        str(path.relative_to(REPO)): sorted(_imported(path) - ALLOWED[layer])
        for path in (REPO / layer).rglob("*.py")
        if _imported(path) - ALLOWED[layer]
    }
    assert wrong == {}
