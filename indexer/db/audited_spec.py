"""The spec an audit entry keeps: the spec as stored, with every place an institution's
credentials for its own sites can stand hidden (names kept). An API key is sent as a
header, a query parameter, a field of a POST's JSON body or of a posted form, or written
into an address (``?token=…``, ``https://user:pass@…``); the audit log keeps every version
forever, so a key rotated after a leak would stay readable there, and the log is read by
people who are not the institution (the operator, a backup's holder). Hidden:

- every ``json_api.headers`` value;
- in ``json_api.params``, ``json_api.body`` (at any depth), ``json_api.form`` and
  ``listing.next_form.data``: a value that is not a template whole, and the fixed text of
  one that is (``Bearer abc{page}`` keeps ``{page}`` only);
- anywhere in the spec, the value under a name that says secret (``token``, ``api_key``,
  ``password``, ``Authorization``…) and such a name's value in an address's query, and an
  address's password.

Nothing is lost to a reader: the API's audit list (``GET /v1/sources/{id}/audit``) shows who
changed what and when, never the spec an entry keeps."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, quote_plus

from indexer.key_shape import token_like

HIDDEN = "(oculto)"
# an entry whose spec this version hid carries it, so an open finds the ones left in SQL
MARK = "secretos_ocultos"
VERSION = 3  # 3: a listing's next_form.data hidden (2 missed it: it is under listing)
# where a spec holds what the crawler sends a site: values an institution names itself
SENT = frozenset(
    {
        ("json_api", "params"),
        ("json_api", "body"),
        ("json_api", "form"),
        ("listing", "next_form", "data"),
    }
)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_SECRET_NAME = re.compile(
    r"token|secret|passw|pwd|auth|credential|signature|cookie|session|key|sig$|^sig"
    r"|clave|contras|llave",  # Spanish: an API's "clave", a form's "contraseña"
    re.IGNORECASE,
)
MIN_SECRET_CHARS = 6  # shorter hidden values (a page size) are not looked for in text
CUT = "…"  # how a message marks a value it quotes cut short (``config.spanish_errors.shown``)
MIN_CUT_CHARS = 4  # a secret's beginning this long, or longer, before a cut is hidden
SCHEMES = {"Bearer", "Basic", "Digest", "Token", "bearer", "basic", "token"}
_STRUCTURE = {("identity", "key")}  # the spec's own field names that merely look secret
_QUERY_PAIR = re.compile(r"([?&;]([^=&#;?]*)=)([^&#;]*)")
_USERINFO = re.compile(r"(://[^/?#@:]*:)([^/?#@]*)(@)")


def is_template(value: Any) -> bool:
    """A string with a ``{`` before a ``}``: a placeholder (``{page}``,
    ``{since:%d/%m/%Y}``) the crawler fills in. The spec checks accept braces only as
    placeholders."""
    if not isinstance(value, str) or "{" not in value:
        return False
    return "}" in value[value.index("{") :]


def secret_name(name: str) -> bool:
    """A header, parameter or field name that says its value is a credential."""
    return bool(_SECRET_NAME.search(re.sub(r"[^a-z]", "", name.lower()) if name else ""))


def placeholders_only(value: Any, found: list[str]) -> Any:
    """A template's placeholders, its fixed text hidden; anything else hidden whole. What
    was hidden is added to ``found``."""
    if isinstance(value, dict):
        return {name: placeholders_only(item, found) for name, item in value.items()}
    if isinstance(value, list):
        return [placeholders_only(item, found) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if not is_template(value):
        found.append(str(value))
        return HIDDEN
    parts, at = [], 0
    for match in _PLACEHOLDER.finditer(value):
        if match.start() > at:
            found.append(value[at : match.start()])
            parts.append(HIDDEN)
        parts.append(match[0])
        at = match.end()
    if at < len(value):
        found.append(value[at:])
        parts.append(HIDDEN)
    return "".join(parts)


def in_address(text: str, found: list[str]) -> str:
    """An address's password and secret-named query values hidden (placeholders kept)."""

    def password(match: re.Match[str]) -> str:
        if not match[2]:
            return match[0]
        found.append(match[2])
        return match[1] + HIDDEN + match[3]

    def pair(match: re.Match[str]) -> str:
        if not secret_name(match[2]) or not match[3]:
            return match[0]
        return match[1] + placeholders_only(match[3], found)

    if "://" in text:
        text = _USERINFO.sub(password, text)
    return _QUERY_PAIR.sub(pair, text) if "=" in text else text


def _sent_values(values: dict[str, Any], found: list[str]) -> dict[str, Any]:
    """Parameters, a body or form data, each value hidden (``placeholders_only``); what
    was hidden goes to ``found`` under a secret name, or when it reads as a key."""
    shown = {}
    for name, value in values.items():
        hidden: list[str] = []
        shown[name] = placeholders_only(value, hidden)
        found.extend(h for h in hidden if secret_name(str(name)) or token_like(h))
    return shown


def _walk(value: Any, path: tuple[str, ...], found: list[str]) -> Any:
    if isinstance(value, dict):
        shown = {}
        for name, item in value.items():
            here = (*path, str(name))
            if path == ("json_api",) and name == "headers" and isinstance(item, dict):
                found.extend(str(v) for v in item.values())
                shown[name] = dict.fromkeys(item, HIDDEN)
            elif here in SENT:
                shown[name] = _sent_values(item, found) if isinstance(item, dict) else item
            elif secret_name(str(name)) and here[-2:] not in _STRUCTURE:
                shown[name] = placeholders_only(item, found)
            else:
                shown[name] = _walk(item, here, found)
        return shown
    if isinstance(value, list):
        return [_walk(item, path, found) for item in value]
    if isinstance(value, str):
        return in_address(value, found)
    return value


def audited_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with its secrets replaced by ``HIDDEN`` (see the module), a new dict;
    ``spec`` is left alone."""
    return _walk(spec, (), [])


def spec_secrets(spec: dict[str, Any]) -> tuple[str, ...]:
    """The credentials among the values ``audited_spec`` hides (header values, values under
    a secret name, parameters that read as keys), as they may appear in an address or a
    message a crawl records (the longest first; a bearer token's own part too)."""
    found: list[str] = []
    _walk(spec, (), found)
    parts = {p for value in found for p in (value.strip(), *value.split()) if p}
    parts -= SCHEMES
    return tuple(sorted((p for p in parts if len(p) >= MIN_SECRET_CHARS), key=len, reverse=True))


def without_secrets(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with each of ``secrets`` (as written, or as an address encodes it)
    replaced by ``HIDDEN``, and so is one's beginning where a quote cut it short («…»)."""
    for secret in secrets:
        for form in dict.fromkeys((secret, quote(secret, safe=""), quote_plus(secret))):
            if form in text:
                text = text.replace(form, HIDDEN)
            if CUT in text:
                text = _without_beginning(text, form)
    return text


def _without_beginning(text: str, secret: str) -> str:
    """``text`` without the longest beginning of ``secret`` that a cut («…») follows."""
    for n in range(len(secret) - 1, MIN_CUT_CHARS - 1, -1):
        if f"{secret[:n]}{CUT}" in text:
            return text.replace(f"{secret[:n]}{CUT}", f"{HIDDEN}{CUT}")
    return text


def without_secrets_in(value: Any, secrets: tuple[str, ...]) -> Any:
    """``value`` (an answer: dicts, lists, strings) with ``secrets`` hidden in every
    string; a new value."""
    if not secrets:
        return value
    if isinstance(value, dict):
        return {name: without_secrets_in(item, secrets) for name, item in value.items()}
    if isinstance(value, list):
        return [without_secrets_in(item, secrets) for item in value]
    return without_secrets(value, secrets) if isinstance(value, str) else value


def audited_detail(spec: dict[str, Any]) -> dict[str, Any]:
    """An audit entry's detail keeping ``spec``: the spec hidden, and the mark saying so."""
    return {"spec": audited_spec(spec), MARK: VERSION}
