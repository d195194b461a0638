"""The small forms people post (a key to sign in, a link's token to confirm): read with a
bound, the fields the page asks for taken and the rest ignored, so no form a browser
would never send (hundreds of fields, NUL, bytes that are no UTF-8) reaches a lookup."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request


async def small_form(request: Request, limit: int, names: tuple[str, ...]) -> dict[str, str] | None:
    """The first value of each field of ``names`` (missing: empty); None when the body is
    longer than ``limit`` bytes. A value holding NUL, which no key or token holds, is
    empty."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    found = {name: "" for name in names}
    seen: set[str] = set()
    for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
        if name in found and name not in seen:
            seen.add(name)
            found[name] = "" if "\x00" in value else value
    return found
