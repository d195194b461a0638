"""Helpers for the read-limit tests: an app over a library with chosen limits, and a
clock that stays put so a window never ends in the middle of a test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.library import Library

WINDOW_START = 1_800_000_000.0  # a multiple of 60: a window begins here


class StillClock:
    def __init__(self, now: float = WINDOW_START + 10) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def settings_for(root: Path, database_url: str | None = None, **limits: Any) -> Settings:
    return Settings(data_dir=root, database_url=database_url, **limits)


def limited_app(library: Library, settings: Settings, clock: StillClock) -> FastAPI:
    app = create_app(library, settings)
    app.state.read_counter.clock = clock
    app.state.key_cache.clock = clock
    return app


def client_from(app: FastAPI, address: str = "203.0.113.7") -> TestClient:
    return TestClient(app, client=(address, 40000))
