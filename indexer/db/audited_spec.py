"""The spec an audit entry keeps: the spec as stored, but with the values of its
``json_api.headers`` and of its ``json_api.params`` that are not templates hidden (their
names kept). Those values are an institution's credentials for its own sites (an API key
is sent as a header or as a query parameter); the audit log keeps every version forever,
so a key rotated after a leak would stay readable there, and the log is read by people who
are not the institution (the operator, a backup's holder). Nothing is lost to a reader:
the API's audit list (``GET /v1/sources/{id}/audit``) shows who changed what and when, never
the spec an entry keeps."""

from __future__ import annotations

import copy
from typing import Any

HIDDEN = "(oculto)"


def is_template(value: Any) -> bool:
    """A string with a ``{`` before a ``}``: a placeholder (``{page}``,
    ``{since:%d/%m/%Y}``) the crawler fills in, not a secret. The spec checks accept braces
    only as placeholders; the test is the one the SQL of ``audit_headers`` makes."""
    if not isinstance(value, str) or "{" not in value:
        return False
    return "}" in value[value.index("{") :]


def audited_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with every header value and every non-template param value replaced by
    ``HIDDEN``; ``spec`` is left alone (and returned as is when there is nothing to hide)."""
    block = spec.get("json_api")
    if not isinstance(block, dict):
        return spec
    headers, params = block.get("headers"), block.get("params")
    hide_params = isinstance(params, dict) and any(not is_template(v) for v in params.values())
    if not headers and not hide_params:
        return spec
    shown = copy.deepcopy(spec)
    if headers:
        shown["json_api"]["headers"] = {name: HIDDEN for name in headers}
    if hide_params:
        shown["json_api"]["params"] = {
            name: value if is_template(value) else HIDDEN for name, value in params.items()
        }
    return shown
