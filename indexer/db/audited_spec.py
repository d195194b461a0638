"""The spec an audit entry keeps: the spec as stored, but with the values of its
``json_api.headers`` hidden (their names kept). Those values are an institution's
credentials for its own sites (API keys, tokens); the audit log keeps every version
forever, so a key rotated after a leak would stay readable there, and the log is read by
people who are not the institution (the operator, a backup's holder)."""

from __future__ import annotations

import copy
from typing import Any

HIDDEN = "(oculto)"


def audited_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with every header value replaced by ``HIDDEN``; ``spec`` is left alone."""
    block = spec.get("json_api")
    if not isinstance(block, dict) or not block.get("headers"):
        return spec
    shown = copy.deepcopy(spec)
    shown["json_api"]["headers"] = {name: HIDDEN for name in block["headers"]}
    return shown
