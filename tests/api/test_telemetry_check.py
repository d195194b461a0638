"""FastAPI's OpenTelemetry check is asked at most once a second while nothing is
configured, and a provider configured later (``opentelemetry-instrument``, an SDK set up
after the app) is still seen, then for good."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.telemetry_check import RECHECK_S, kept_check


def test_the_check_is_asked_again_after_a_second_and_a_yes_is_kept() -> None:
    now = [100.0]
    configured = [False]
    asked = []

    def enabled() -> bool:
        asked.append(now[0])
        return configured[0]

    check = kept_check(enabled, clock=lambda: now[0])
    assert [check() for _ in range(50)] == [False] * 50
    assert len(asked) == 1  # 50 requests in the same instant: asked once
    configured[0] = True  # a provider set meanwhile
    now[0] += RECHECK_S / 2
    assert check() is False
    now[0] += RECHECK_S / 2
    assert check() is True  # seen within a second
    configured[0] = False
    now[0] += 10 * RECHECK_S
    assert check() is True  # OpenTelemetry's providers are set once: never asked again
    assert len(asked) == 2


def test_the_app_answers_with_the_kept_check(client: TestClient) -> None:
    native = getattr(client.app, "_native_telemetry", None)
    if native is not None:
        assert native.enabled.__qualname__.startswith("kept_check")
    assert client.get("/healthz").status_code == 200
