"""An ASP.NET WebForms site whose sentences grid sits in an UpdatePanel, served on
127.0.0.1: the first page comes whole; the next ones only to a partial postback (the
ScriptManager's field ``<panel>|<grid>``, ``__ASYNCPOST=true``, ``X-MicrosoftAjax:
Delta=true``) with the ``__VIEWSTATE`` the site gave last, answered as a delta
(``length|type|id|content|``, lengths in UTF-16 code units) whose ``hiddenField`` entries
carry the new state (``vs2|x``: a ``|`` inside a field, as a real state may hold). A
full postback answers the first page again (the grid binds its page only in the partial
path), a stale state the site's delta ``error`` entry.

Modelled on the Poder Judicial de Nuevo León's penal grid (``ContentPlaceHolder1_gdvPenal``,
rows with a ``Visor.aspx?p=…`` link, a numbered ``__doPostBack`` pager) wrapped as an
ASP.NET AJAX page wraps it. ``/<mode>/Penales.aspx`` answers page 2 as the mode says:
``ok`` (a good delta), ``largo`` (an entry's length past its content), ``corto`` (a
length short of it), ``basura`` (no delta at all), ``redirige`` (a ``pageRedirect``),
``error`` (an ``error`` entry)."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import parse_qs

from tests.http_thread import QuietHandler

MANAGER = "ctl00$ScriptManager1"
PANEL = "ctl00$ContentPlaceHolder1$upPenal"
PANEL_ID = "ContentPlaceHolder1_upPenal"
GRID = "ctl00$ContentPlaceHolder1$gdvPenal"
PAGES = 3
ROWS = 2
MODES = ("ok", "largo", "corto", "basura", "redirige", "error")


def entry(kind: str, ident: str, content: str) -> str:
    """One delta entry, its length in UTF-16 code units as .NET counts it."""
    units = len(content.encode("utf-16-le")) // 2
    return f"{units}|{kind}|{ident}|{content}|"


def grid(mode: str, page: int) -> str:
    rows = "".join(
        f"<tr><td>0{page}/marzo/2021</td><td>18/marzo/2021</td><td>ROBO CALIFICADO | "
        f"«𝐀» {page}-{n}</td><td>ANA LAURA GARZA TREVIÑO(Elabora)</td><td>CONDENATORIO"
        f"</td><td><a href='PDFVisor/Visor.aspx?p={mode}{page}{n}='>Ver Sentencia</a>"
        "</td></tr>"
        for n in range(1, ROWS + 1)
    )
    pager = "".join(
        f"<td><a href=\"javascript:__doPostBack('{GRID}','Page${n}')\">{n}</a></td>"
        if n != page
        else f"<td><span>{n}</span></td>"
        for n in range(1, PAGES + 1)
    )
    return (
        f"<table id='ContentPlaceHolder1_gdvPenal'><tr><th>Fecha Emisión</th></tr>{rows}"
        f"<tr class='pagination-ys'><td colspan='6'><table><tr>{pager}</tr></table></td>"
        "</tr></table>"
    )


def full_page(mode: str, page: int) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Sentencias Penales</title>"
        "</head><body><form method='post' action='./Penales.aspx' id='form1'>"
        "<input type='hidden' name='__EVENTTARGET' value=''>"
        "<input type='hidden' name='__EVENTARGUMENT' value=''>"
        f"<input type='hidden' name='__VIEWSTATE' value='vs{page}{'|x' * (page > 1)}'>"
        f"<input type='hidden' name='__EVENTVALIDATION' value='ev{page}'>"
        "<script src='/ScriptResource.axd?d=x' type='text/javascript'></script>"
        "<script type='text/javascript'>//<![CDATA[\n"
        f"Sys.WebForms.PageRequestManager._initialize('{MANAGER}', 'form1', "
        f"['t{PANEL}','{PANEL_ID}'], [], [], 90, 'ctl00');\n//]]></script>"
        f"<h2>Sentencias Públicas: Penales</h2><div id='{PANEL_ID}'>{grid(mode, page)}</div>"
        "</form></body></html>"
    )


def delta(mode: str, page: int) -> str:
    """Page ``page`` as the site's delta (``mode`` says how it is broken)."""
    panel = grid(mode, page)
    if mode == "redirige" and page == 2:
        return entry("pageRedirect", "", "%2fredirige%2fPagina2.aspx")
    if mode == "error" and page == 2:
        return entry("error", "500", "Error de servidor en la aplicación '/'.")
    if mode == "basura":
        return "<p>Servicio no disponible</p>"
    body = (
        entry("asyncPostBackControlIDs", "", "")
        + entry("updatePanelIDs", "", f"t{PANEL},{PANEL_ID}")
        + entry("updatePanel", PANEL_ID, panel)
        + entry("hiddenField", "__EVENTTARGET", "")
        + entry("hiddenField", "__VIEWSTATE", f"vs{page}|x")
        + entry("hiddenField", "__EVENTVALIDATION", f"ev{page}")
        + entry("asyncPostBackTimeout", "", "90")
        + entry("pageTitle", "", "Sentencias Penales")
        + entry("scriptBlock", "ScriptPath", "/ScriptResource.axd?d=y")
    )
    declared = f"{len(panel.encode('utf-16-le')) // 2}|updatePanel"
    if mode == "largo" and page == 2:
        body = body.replace(declared, "99999|updatePanel")
    if mode == "corto" and page == 2:  # a length a few characters short of the panel's
        body = body.replace(declared, f"{len(panel) - 7}|updatePanel")
    return body


class AjaxGridSite(QuietHandler):
    posts: ClassVar[list[dict[str, object]]] = []

    def do_GET(self) -> None:
        mode, _, name = self.path.strip("/").partition("/")
        if name == "Penales.aspx" and mode in MODES:
            self.answer(full_page(mode, 1).encode(), "text/html; charset=utf-8")
        elif name == "Pagina2.aspx" and mode == "redirige":
            self.answer(full_page("redirigida", 2).encode(), "text/html; charset=utf-8")
        elif name.startswith("PDFVisor/Visor.aspx?p="):
            key = name.split("=", 1)[1]
            self.answer(
                f"<html><head><title>Sentencia {key}</title></head><body><main><h1>Sentencia "
                f"{key}</h1><p>Texto de la sentencia penal {key}: se condena al acusado por "
                "el delito de robo calificado.</p></main></body></html>".encode(),
                "text/html; charset=utf-8",
            )
        else:
            self.answer(b"no", "text/plain", 404)

    def do_POST(self) -> None:
        mode = self.path.strip("/").partition("/")[0]
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        partial = (
            self.headers.get("X-MicrosoftAjax") == "Delta=true"
            and form.get("__ASYNCPOST") == "true"
            and form.get(MANAGER) == f"{PANEL}|{GRID}"
        )
        self.posts.append({"mode": mode, "partial": partial, **form})
        if not partial:  # a full postback: the grid shows its first page again
            self.answer(full_page(mode, 1).encode(), "text/html; charset=utf-8")
            return
        argument = form.get("__EVENTARGUMENT", "")
        page = int(argument.removeprefix("Page$")) if argument.startswith("Page$") else 0
        state = form.get("__VIEWSTATE", "")
        given = "vs1" if page == 2 else f"vs{page - 1}|x"  # the delta's own state, "|" and all
        if not 1 < page <= PAGES or state != given:
            body = entry("error", "500", "Validation of viewstate MAC failed.")
        else:
            body = delta(mode, page)
        self.answer(body.encode("utf-8"), "text/plain; charset=utf-8")
