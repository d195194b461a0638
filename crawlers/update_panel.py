"""ASP.NET AJAX partial postbacks: a listing whose grid sits in an ``UpdatePanel`` pages
without reloading the page. The browser's script posts the form back with the
ScriptManager's field (``<panel>|<control>``), ``__ASYNCPOST=true`` and the header
``X-MicrosoftAjax: Delta=true``; the site answers not a page but a *delta*: entries
``length|type|id|content|`` one after another, ``length`` counted in UTF-16 code units
(.NET's ``String.Length``). ``updatePanel`` entries carry a panel's new inner HTML,
``hiddenField`` ones the new ``__VIEWSTATE``, ``__EVENTVALIDATION``…, ``formAction`` the
form's new address, ``pageRedirect`` where the browser is sent instead, ``error`` the
site's failure (its status and message).

The crawl (and the preview) apply a delta to the page it answers as the browser would:
the panel's content replaced, the hidden fields updated; the page so made is read like
any listing page, and the next postback is built from it with the state the site just
gave. A delta that cannot be read is refused with what is wrong in it, never read as a
page (its ``|``-separated text holds no rows, and paging would end in silence)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import lxml.html
from scrapy.http import HtmlResponse, Response, TextResponse

HEADERS = {"X-MicrosoftAjax": "Delta=true", "X-Requested-With": "XMLHttpRequest"}
BAD_DELTA = "bad_delta"
_PREFIX = "the site's partial-postback answer (UpdatePanel delta) cannot be read: "
_INIT = re.compile(
    r"""PageRequestManager\._initialize\(\s*['"]([^'"]{1,200})['"]\s*,\s*['"]([^'"]{0,200})"""
)
_LENGTH = re.compile(r"\d{1,9}")
_TAIL = re.compile(r"\s*")
MAX_ENTRIES = 10_000  # a page has tens of scripts and fields, not tens of thousands


class DeltaError(ValueError):
    """A delta that does not hold to its format: ``english`` and ``spanish`` say where."""

    def __init__(self, english: str, spanish: str) -> None:
        super().__init__(_PREFIX + english)
        self.spanish = spanish


@dataclass
class Delta:
    panels: dict[str, str] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)
    action: str | None = None
    redirect: str | None = None
    error: tuple[str, str] | None = None  # (status, message) the site sent


def is_delta(body: bytes) -> bool:
    """Whether an answer is written as a delta: it starts ``<digits>|``."""
    found = re.match(rb"\s*\d{1,9}\|", body[:16])
    return found is not None


def _take(text: str, at: int, units: int) -> int:
    """Where ``units`` UTF-16 code units starting at ``at`` end (a character past U+FFFF
    counts two, as .NET counts it); -1 when the text ends before, -2 when they end inside
    such a character."""
    chunk = text[at : at + units]
    if len(chunk) == units and (not chunk or max(chunk) < "\U00010000"):
        return at + units
    counted, i = 0, at
    while counted < units and i < len(text):
        counted += 2 if text[i] >= "\U00010000" else 1
        i += 1
    if counted > units:
        return -2  # the length ends between the two halves of one character
    return i if counted == units else -1


def delta_text(body: bytes, charset: str | None) -> str:
    """A delta's text in the charset its answer names; UTF-8 when that names no text
    encoding Python reads with replacement («base64», «idna», «punycode», made up): a
    site's header is no reason for a traceback."""
    try:
        return body.decode(charset or "utf-8", "replace")
    except (LookupError, UnicodeError):
        return body.decode("utf-8", "replace")


def parse_delta(text: str) -> Delta:
    """The entries of a delta; ``DeltaError`` at the first one that breaks the format."""
    delta = Delta()
    at, n = 0, 0
    while at < len(text):
        if _TAIL.fullmatch(text, at):  # only blank space left (no copy of what remains)
            break
        n += 1
        if n > MAX_ENTRIES:
            raise DeltaError(
                f"more than {MAX_ENTRIES} entries",
                f"tiene más de {MAX_ENTRIES} entradas",
            )
        bar = text.find("|", at, at + 12)
        length = text[at:bar] if bar != -1 else text[at : at + 12]
        if bar == -1 or not _LENGTH.fullmatch(length):
            shown = length[:12].replace("\n", " ")
            raise DeltaError(
                f"entry {n} at character {at}: {shown!r} is not a length followed by '|'",
                f"la entrada {n} (carácter {at}) no empieza con una longitud seguida de «|» "
                f"(dice «{shown}»)",
            )
        kind_end = text.find("|", bar + 1)
        id_end = text.find("|", kind_end + 1) if kind_end != -1 else -1
        if id_end == -1:
            raise DeltaError(
                f"entry {n} at character {at}: the answer ends before its type and id",
                f"la entrada {n} (carácter {at}) termina antes de su tipo y su identificador",
            )
        kind, ident = text[bar + 1 : kind_end], text[kind_end + 1 : id_end]
        start = id_end + 1
        end = _take(text, start, int(length))
        said_kind, said_id = kind[:40], ident[:80]  # what a message shows of a hostile one
        if end == -2:
            raise DeltaError(
                f"entry {n} ({said_kind} {said_id!r}): its {int(length)} characters end "
                "inside a character written in two UTF-16 units (its length is wrong)",
                f"la entrada {n} ({said_kind} «{said_id}») anuncia {int(length)} caracteres "
                "que terminan a mitad de un carácter (su longitud no es la que anuncia)",
            )
        if end == -1:
            raise DeltaError(
                f"entry {n} ({said_kind} {said_id!r}) declares {int(length)} characters but "
                f"only {len(text) - start} follow",
                f"la entrada {n} ({said_kind} «{said_id}») anuncia {int(length)} caracteres y "
                f"solo le siguen {len(text) - start}",
            )
        if text[end : end + 1] != "|":
            raise DeltaError(
                f"entry {n} ({said_kind} {said_id!r}): no '|' after its {int(length)} "
                "characters (its length is wrong)",
                f"la entrada {n} ({said_kind} «{said_id}») no termina con «|» tras sus "
                f"{int(length)} caracteres (su longitud no es la que anuncia)",
            )
        content = text[start:end]
        at = end + 1
        if kind == "updatePanel":
            delta.panels[ident] = content
        elif kind == "hiddenField":
            delta.hidden[ident] = content
        elif kind == "formAction":
            delta.action = content
        elif kind == "pageRedirect":
            delta.redirect = _redirect_address(content)
        elif kind == "error":
            delta.error = (ident, content)
    if n == 0:
        raise DeltaError("the answer is empty", "la respuesta está vacía")
    return delta


def _redirect_address(content: str) -> str:
    """``pageRedirect`` content: ASP.NET writes the address URL-encoded
    (``%2fLogin.aspx%3fReturnUrl%3d…``); a plain address stays as it is."""
    if "/" not in content and "%" in content:
        return unquote(content)
    return content


def script_manager(page: TextResponse) -> str | None:
    """The ScriptManager's UniqueID, read from the page's
    ``Sys.WebForms.PageRequestManager._initialize('ctl00$ScriptManager1', 'form1', …)``;
    None on a page with no partial rendering."""
    found = _INIT.search(page.text)
    return found.group(1) if found else None


def post_data(manager: str, panel: str, control: str) -> dict[str, str]:
    """The fields the browser's script adds to a partial postback."""
    return {manager: f"{panel}|{control}", "__ASYNCPOST": "true"}


def applied(
    before: TextResponse,
    delta: Delta,
    answer: Response | None = None,
    limit: int | None = None,
) -> HtmlResponse:
    """``before`` as the browser shows it once ``delta`` is applied: each panel the delta
    updates given its new content, each hidden field its new value (added to the form if
    new), the form's action its new address. ``DeltaError`` if no panel of the page is
    updated: the answer has no listing to read; or if the page so made passes ``limit``
    bytes (the download limit): hidden fields added page after page stay in the page and
    in every postback after, so a site adding new ones at each page grew both without
    bound."""
    root = lxml.html.document_fromstring(before.text)
    changed = 0
    for ident, content in delta.panels.items():
        found = root.xpath("//*[@id=$id]", id=ident)
        if not found:
            continue
        holder = found[0]
        for child in list(holder):
            holder.remove(child)
        holder.text = None
        fragment = lxml.html.fragment_fromstring(content or "", create_parent="div")
        holder.text = fragment.text
        for child in list(fragment):
            holder.append(child)
        changed += 1
    if not changed:
        named = ", ".join(sorted(delta.panels)[:5]) or "none"
        raise DeltaError(
            f"it updates no panel of the page (panels: {named})",
            f"no actualiza ningún panel de la página (paneles: {named})",
        )
    forms = root.xpath("//form")
    for name, value in delta.hidden.items():
        fields = root.xpath("//input[@name=$name]", name=name)
        if fields:
            fields[0].set("value", value)
        elif forms:
            forms[0].append(
                lxml.html.Element("input", type="hidden", name=name, id=name, value=value)
            )
    if delta.action is not None and forms:
        forms[0].set("action", delta.action)
    body = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    data = body.encode("utf-8")
    if limit is not None and len(data) > limit:
        raise DeltaError(
            f"the page with the delta applied has {len(data)} bytes, past the download "
            f"limit of {limit}",
            f"la página con el delta aplicado tiene {len(data)} bytes, más que el límite de "
            f"descarga de {limit}",
        )
    return HtmlResponse(
        url=before.url,
        body=data,
        encoding="utf-8",
        request=answer.request if answer is not None else None,
    )


_SITE_ERROR = "the site answered the partial postback with its error "
_SITE_ERROR_READ = re.compile(re.escape(_SITE_ERROR) + r"(\S{0,12}): (.*)$", re.S)


def site_error(status: str, said: str) -> str:
    """The stored message of a delta's ``error`` entry: its status and its words."""
    return f"{_SITE_ERROR}{status[:12]}: {' '.join(said.split())[:300]}"


def delta_mensaje(message: str) -> str | None:
    """The Spanish of a stored ``bad_delta`` message, or of a delta's ``error`` entry
    (re-read from its English); None for any other message."""
    if found := _SITE_ERROR_READ.match(message):
        status, said = found.groups()
        return (
            "el sitio respondió a la página siguiente (un postback parcial de ASP.NET) con "
            f"su error {status}: «{said}»; la página no se leyó"
        )
    if not message.startswith(_PREFIX):
        return None
    detail = message.removeprefix(_PREFIX)
    for pattern, spanish in _REASONS:
        found = pattern.fullmatch(detail)
        if found:
            return (
                "la respuesta parcial del sitio (delta de un UpdatePanel de ASP.NET) no se "
                f"puede leer: {spanish.format(*found.groups())}; la página no se leyó"
            )
    return None


_REASONS = (
    (
        re.compile(r"entry (\d+) at character (\d+): '(.*)' is not a length followed by '\|'"),
        "la entrada {0} (carácter {1}) no empieza con una longitud seguida de «|» (dice «{2}»)",
    ),
    (
        re.compile(r"entry (\d+) at character (\d+): the answer ends before its type and id"),
        "la entrada {0} (carácter {1}) termina antes de su tipo y su identificador",
    ),
    (
        re.compile(r"entry (\d+) \((\S*) '(.*)'\) declares (\d+) characters but only (\d+) follow"),
        "la entrada {0} ({1} «{2}») anuncia {3} caracteres y solo le siguen {4}",
    ),
    (
        re.compile(r"entry (\d+) \((\S*) '(.*)'\): no '\|' after its (\d+) characters .*"),
        "la entrada {0} ({1} «{2}») no termina con «|» tras sus {3} caracteres (su "
        "longitud no es la que anuncia)",
    ),
    (
        re.compile(r"entry (\d+) \((\S*) '(.*)'\): its (\d+) characters end inside a character .*"),
        "la entrada {0} ({1} «{2}») anuncia {3} caracteres que terminan a mitad de un "
        "carácter (su longitud no es la que anuncia)",
    ),
    (re.compile(r"the answer is empty"), "la respuesta está vacía"),
    (
        re.compile(r"more than (\d+) entries"),
        "tiene más de {0} entradas",
    ),
    (
        re.compile(
            r"the page with the delta applied has (\d+) bytes, past the download limit of (\d+)"
        ),
        "la página con el delta aplicado (los campos ocultos que el sitio añade a cada "
        "página se acumulan) tiene {0} bytes, más que el límite de descarga de {1}",
    ),
    (
        re.compile(r"it updates no panel of the page \(panels: (.*)\)"),
        "no actualiza ningún panel de la página (paneles: {0})",
    ),
)
