"""Whose ``X-Forwarded-For`` and ``X-Forwarded-Proto`` the server believes: the proxies of
``ABIERTO_TRUSTED_PROXIES`` and no others, as the app itself does. uvicorn's own default
believes any peer at 127.0.0.1, whatever the setting says: a process or a proxy on the
same machine that passes the headers on as it got them would pick its client address (so
its read budget) and its scheme (so its links and the sign-in cookie's ``Secure``)."""

from __future__ import annotations

from typing import Any

from config.settings import Settings


def proxy_trust(settings: Settings) -> dict[str, Any]:
    """uvicorn settings that believe forwarded headers from the configured proxies only."""
    networks = [str(network) for network in settings.proxy_networks]
    if not networks:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": networks}
