"""The catalogue's specs crawl sites written here after the real saved copies of their
sources (../shared corpus, MANIFEST section "real/"): the same markup, JSON keys and CSV
columns, with what the real sources also do that the saved excerpts happen not to show:
relative links, a period's heading row, cells left blank, several sittings of one day,
a pager that ends in "…", the same button names on every page, records with null keys,
an API whose files are declared as something else. Every extracted field is checked
against what the page or record says.

Nothing of ../shared is copied: the fixtures are this file's own text. The module skips
when ../shared is absent only so that it runs where the saved copies are (its fixtures
are kept beside them as a reminder of what they model).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.settings import Settings
from config.specs import SourceSpec
from crawlers.causas import error_mensaje
from crawlers.preview import preview
from indexer.db import Database
from indexer.readers.normalise import normalise_session_type, parse_date
from tests.shapes.docx import docx_sentence
from tests.shapes.harness import REPO, run_abierto
from tests.shapes.pdfs import document_pdf
from tests.shapes.server import FixtureServer
from tests.shapes.test_real_copies import REAL

CATALOGUE = REPO / "config" / "sources" / "catalogue"
pytestmark = pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")

HOSTS = {
    "senado-sesiones": "https://www.senado.gob.mx",
    "scjn-sentencias": "https://bj.scjn.gob.mx",
    "pj-nl-sentencias": "https://www.pjenl.gob.mx",
    "pj-jalisco-stj-sentencias": "https://publica-sentencias-backend.stjjalisco.gob.mx",
}


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


# --- Senado: /66/sesiones/ -------------------------------------------------------------

# (no., date as the table writes it, session cell, links by label: root-relative,
# document-relative and absolute as the Senado's pages mix them; blank cells left blank)
SENADO_ROWS = [
    # the Junta Previa, the row's type written with or without its «Sesión»: one type
    ("27", "Sábado 31 de enero de 2026", "Junta Previa", {
        "Gaceta": "/66/gaceta_del_senado/2026_01_31/3701",
        "Versión Estenográfica": "/66/version_estenografica/2026_01_31/2701"}),
    ("26", "Viernes 30 de enero de 2026", "Sesión de Junta Previa", {
        "Gaceta": "/66/gaceta_del_senado/2026_01_30/3700",
        "Versión Estenográfica": "/66/version_estenografica/2026_01_30/2700"}),
    ("25", "Martes 09 de septiembre de 2025", "Ordinaria", {
        "Gaceta": "/66/gaceta_del_senado/2025_09_09/3501",
        "Diario": "/66/diario_de_los_debates/documento/3601",
        "Versión Estenográfica": "/66/version_estenografica/2025_09_09/2501"}),
    ("24", "Jueves 04 de septiembre de 2025", "Solemne", {
        "Gaceta": "../gaceta_del_senado/2025_09_04/3499",
        "Versión Estenográfica": "../version_estenografica/2025_09_04/2499"}),
    ("23", "Jueves 04 de septiembre de 2025", "Ordinaria", {
        "Gaceta": "../gaceta_del_senado/2025_09_04/3499",
        "Diario": "../diario_de_los_debates/documento/3599",
        "Versión Estenográfica": "../version_estenografica/2025_09_04/2500"}),
    ("22", "Sábado 30 de agosto de 2025", "Extraordinaria", {
        "Gaceta": "{{BASE}}/66/gaceta_comision_permanente/2025_08_30/3490",
        "Versión Estenográfica": "{{BASE}}/66/version_estenografica/2025_08_30/2498"}),
    ("21", "Miércoles 27 de agosto de 2025", "Comisi&oacute;n Permanente", {
        "Gaceta": "/66/gaceta_comision_permanente/2025_08_27/3488",
        "Orden del día": "../gaceta_comision_permanente/documento/150001"}),
]  # fmt: skip
# the one value each type the rows write is stored as
SENADO_TYPES = {"Ordinaria": "ordinaria", "Solemne": "solemne", "Extraordinaria": "extraordinaria",
                "Comisión Permanente": "permanente", "Junta Previa": "junta_previa",
                "Sesión de Junta Previa": "junta_previa"}  # fmt: skip
SENADO_LABELS = ("Gaceta", "Diario", "Versión Estenográfica", "Asistencia", "Intervenciones",
                 "Orden del día")  # fmt: skip


def _senado_row(number: str, day: str, kind: str, links: dict[str, str]) -> str:
    cells = "".join(
        '\n\t\t\t\t\t\t\t<td class="text-center" style="width: 150px; vertical-align: middle;">'
        + (f'\n\t\t\t\t\t\t\t\t\t<a href="{links[label]}">{label}</a>' if label in links else "")
        + "\n\t\t\t\t\t\t\t</td>"
        for label in SENADO_LABELS
    )
    return (
        '\n\t\t\t<tr>\n\t\t\t\t<td class="text-center" style="background: #6A6A6A; color: #FFF;'
        f' vertical-align: middle;">\n\t\t\t\t\t{number}\t\t\n\t\t\t\t</td>'
        '\n\t\t\t\t<td class="text-center" style="vertical-align: middle;">'
        f"\n\t\t\t\t\t{day}\t\t\t\t</td>"
        '\n\t\t\t\t<td class="text-center" style="vertical-align: middle;">'
        f"\n\t\t\t\t\t{kind}\t\t\t\t</td>"
        '\n\t\t\t\t<td style="padding: 0;">\n\t\t\t\t\t<table class="table table-condensed '
        f'table-bordered" style="margin-bottom: 0;">\n\t\t\t\t\t\t<tr>{cells}</tr>'
        "\n\t\t\t\t\t</table>\n\t\t\t\t</td>\n\t\t\t</tr>"
    )


def _senado(root: Path) -> None:
    rows = [_senado_row(*row) for row in SENADO_ROWS]
    # a heading row of the period, one cell across the table, between the two periods
    rows.insert(
        len(rows) - 1,
        '\n\t\t\t<tr><td colspan="4" class="text-center" style="background: #DDD;">'
        "<strong>Segundo Receso del Primer A&ntilde;o de Ejercicio</strong></td></tr>",
    )
    page = (
        '<!DOCTYPE html>\n<html lang="es">\n<head>\n\t<meta charset="UTF-8">\n'
        "\t<title>Sesiones Plenarias</title>\n</head>\n<body>\n"
        '<div class="container-fluid bg-content main">\n'
        '\t<div class="row btns-plenarias"><a href="/66/sesiones" class="btn-plenarias ">'
        'Todas las Sesiones</a> <a href="/66/sesiones/permanente">Comisión Permanente</a>'
        "</div>\n"
        '\t<div class="panel panel-default"><div class="panel-heading">\n'
        '\t\t<h2 class="text-center"><strong>LXVI Legislatura</strong></h2></div>\n'
        '\t<div class="panel-body table-responsive" style="padding: 0;">\n'
        '\t\t<table class="table table-striped table-condensed table-bordered">\n'
        "\t\t\t<thead><tr>\n"
        '\t\t\t\t<th class="text-center" width="50px"><strong>No.</strong></th>\n'
        '\t\t\t\t<th class="text-center" width="300px"><strong>Fecha de Sesi&oacute;n</strong>'
        "</th>\n"
        '\t\t\t\t<th class="text-center" width="130px"><strong>Sesi&oacute;n</strong></th>\n'
        '\t\t\t\t<th class="text-center"><strong>Documentos de la Sesi&oacute;n</strong></th>\n'
        "\t\t\t</tr></thead>\n\t\t\t<tbody>" + "".join(rows) + "\n\t\t\t</tbody>\n\t\t</table>"
        "\n\t</div></div>\n</div>\n</body>\n</html>\n"
    )
    _write(root / "66" / "sesiones" / "index.html", page)
    for number, day, kind, links in SENADO_ROWS:
        for label, href in links.items():
            path = _senado_path(href)
            heading = f"{label.upper()} DE LA SESIÓN {kind.upper()} DEL {day.upper()}"
            _write(
                root / path.lstrip("/") / "index.html",
                f"<html><head><title>{label}</title></head><body><h1>{heading}</h1>"
                f"<p>Sesión número {number}.</p></body></html>",
            )


def _senado_path(href: str) -> str:
    return "/66/" + href.removeprefix("{{BASE}}").removeprefix("/66/").removeprefix("../")


def _senado_expected(base: str) -> dict[str, dict[str, Any]]:
    """What each row says, keyed by its number."""
    expected = {}
    for number, day, kind, links in SENADO_ROWS:
        kind = kind.replace("&oacute;", "ó")
        permanent = "Permanente" in kind
        page = links.get("Versión Estenográfica") or links["Orden del día"]
        expected[number] = {
            "session_number": number,
            "date": _spanish_date(day),
            "session_type": SENADO_TYPES[kind],
            "legislature": "LXVI",
            "chamber": "Comisión Permanente" if permanent else "Senado de la República",
            "title": f"Sesión {'de la ' * permanent}{kind} del {day}".replace(
                "Sesión Sesión", "Sesión"
            ).replace("Sesión Junta", "Sesión de Junta"),
            "url": base + _senado_path(page),
            "stenographic_urls": [base + _senado_path(links["Versión Estenográfica"])]
            if "Versión Estenográfica" in links
            else [],
        }
    return expected


MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip


def _spanish_date(written: str) -> dt.date:
    words = written.replace("/", " ").split()
    number = [w for w in words if w.isdigit()]
    month = next(MONTHS.index(w.lower()) + 1 for w in words if w.lower() in MONTHS)
    return dt.date(int(number[-1]), month, int(number[0]))


# --- Poder Judicial de Nuevo León: Modulos/Penales.aspx --------------------------------

PJ_NL_GRID = "ctl00$ContentPlaceHolder1$gdvPenal"
# three pages of the penal grid as the site writes them: dates "07/octubre/2021", the
# judge in capitals with "(Elabora)" (a tribunal's three names in any order), blank
# cells a lone no-break space, the viewer an image button posting the form back
PJ_NL_PAGES = [
    [
        ("07/octubre/2021", "08/octubre/2021", "ROBO CON VIOLENCIA",
         "ANA LUCÍA GARZA TREVIÑO(Elabora)", "CONDENATORIO"),
        ("30/septiembre/2021", "01/octubre/2021", "HOMICIDIO DOLOSO CALIFICADO",
         "JOSÉ ARTURO CANTÚ VILLARREAL(Preside), MARTHA ALICIA RÍOS DE LEÓN(Vocero), "
         "JUAN PABLO SALINAS ELIZONDO(Elabora)", "ABSOLUTORIO"),
    ],
    [
        ("29/septiembre/2021", "29/septiembre/2021", "VIOLENCIA FAMILIAR EQUIPARADA",
         "\xa0", "\xa0"),
        ("02/agosto/2021", "05/agosto/2021",
         "DELITOS CONTRA LA SALUD NARCOMENUDEO, POSESION DE MARIHUANA Y COCAINA CON FINES "
         "DE COMERCIO", "ROSA ELENA DE LA GARZA SADA(Elabora)", "\xa0"),
    ],
    [
        ("26/julio/2021", "30/julio/2021", "LESIONES DOLOSAS CALIFICADA",
         "MARÍA DEL CARMEN ÁVILA DE LOS SANTOS(Elabora)", "CONDENATORIO"),
    ],
]  # fmt: skip
PJ_NL_HEAD = ("Fecha Emisión", "Fecha Publicación", "Delitos-Modalidades", "Juez",
              "Sentido del Fallo", "Descripción", "Sentencia")  # fmt: skip


def _pj_nl_button(n: int) -> str:
    return f"ctl00$ContentPlaceHolder1$gdvPenal$ctl{n + 2:02d}$ImgBtnSentencia"


def _pj_nl_pager(page: int) -> str:
    """ASP.NET's numeric pager with PageButtonCount 2: "1 2 …" on the first two pages,
    "… 3" on the third; the current page a span, "…" a link to the page past the shown."""
    shown = [1, 2] if page < 3 else [3]
    links = []
    if page == 3:
        links.append(("...", "Page$2"))
    links += [(str(n), f"Page${n}") for n in shown]
    if page < 3:
        links.append(("...", "Page$3"))
    cells = "".join(
        f"<td><span>{text}</span></td>"
        if text == str(page)
        else f"<td><a href=\"javascript:__doPostBack('{PJ_NL_GRID}','{argument}')\">{text}</a></td>"
        for text, argument in links
    )
    return (
        '<tr class="pagination-ys" align="center"><td colspan="7">'
        f'<table border="0"><tr>{cells}</tr></table></td></tr>'
    )


def _pj_nl_grid(page: int, iframe: str = "") -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in PJ_NL_HEAD)
    rows = []
    for n, row in enumerate(PJ_NL_PAGES[page - 1]):
        tds = "".join(f"<td>{cell}</td>" for cell in row)
        button = _pj_nl_button(n)
        rows.append(
            f'<tr style="background-color:{"#F7F6F3" if n % 2 else "White"};">{tds}'
            "<td>&nbsp;</td>"
            f'<td><input type="image" name="{button}" id="{button.replace("$", "_")}" '
            'title="Ver Sentencia" src="../Imagenes/pdf.png" style="height:30px;" /></td></tr>'
        )
    return (
        '<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        "<title>Sentencias Públicas - Penales</title></head><body>"
        '<form method="post" action="./Penales.aspx" id="form1">'
        '<div class="aspNetHidden">'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />'
        '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="vs{page}" />'
        "</div>" + iframe + '<div><table class="table" cellspacing="0" rules="all" border="1" '
        'id="ContentPlaceHolder1_gdvPenal" style="border-collapse:collapse;">'
        f"<tr>{head}</tr>" + "".join(rows) + _pj_nl_pager(page) + "</table></div></form>"
        "</body></html>"
    )


def _pj_nl_p(page: int, n: int) -> str:
    """A viewer's ``p``: base64 with "+" and "/", as the real addresses carry it."""
    return f"6IQayxSGvfKFFaLn0+VVEq{page}{n}/LZIEm5QL0iqyZgYxMK8Cpk4Js0QUmQ=="


def _pj_nl(root: Path) -> list[dict[str, Any]]:
    module = "/SentenciasPublicas/Modulos/Penales.aspx"
    routes: list[dict[str, Any]] = []
    for page, rows in enumerate(PJ_NL_PAGES, start=1):
        _write(root / "pjnl" / f"penales-{page}.html", _pj_nl_grid(page))
        for n, row in enumerate(rows):
            p = _pj_nl_p(page, n)
            # the answer to the row's button: the module again, the viewer in its frame
            frame = f'<iframe id="frmVisor" src="../PDFVisor/Visor.aspx?p={p}"></iframe>'
            _write(root / "pjnl" / f"answer-{page}-{n}.html", _pj_nl_grid(page, frame))
            file = f"~\\files\\Penal\\2021\\{page}{n}.pdf"
            _write(
                root / "pjnl" / f"visor-{page}-{n}.html",
                '<html><body><form method="post" action="./Visor.aspx?p=x" id="form1">'
                f'<iframe id="frmPDF" src="../controller.aspx?file={file}" width="100%">'
                "</iframe></form></body></html>",
            )
            _write(root / "pjnl" / f"{page}{n}.pdf",
                   document_pdf(("SENTENCIA DEFINITIVA", f"Delito: {row[2]}.")))  # fmt: skip
            routes += [
                {"path": module, "method": "POST", "form": {f"{_pj_nl_button(n)}.x": "1",
                 "__VIEWSTATE": f"vs{page}"}, "file": f"pjnl/answer-{page}-{n}.html",
                 "content_type": "text/html; charset=utf-8"},
                # the "+" of p reaches the server as a space, as in the browser's request
                {"path": "/SentenciasPublicas/PDFVisor/Visor.aspx",
                 "query": {"p": p.replace("+", " ")}, "file": f"pjnl/visor-{page}-{n}.html",
                 "content_type": "text/html; charset=utf-8"},
                {"path": "/SentenciasPublicas/controller.aspx", "query": {"file": file},
                 "file": f"pjnl/{page}{n}.pdf", "content_type": "application/pdf"},
            ]  # fmt: skip
    for page in (2, 3):
        routes.append(
            {"path": module, "method": "POST",
             "form": {"__EVENTTARGET": PJ_NL_GRID, "__EVENTARGUMENT": f"Page${page}"},
             "file": f"pjnl/penales-{page}.html", "content_type": "text/html; charset=utf-8"}
        )  # fmt: skip
    routes.append({"path": module, "file": "pjnl/penales-1.html",
                   "content_type": "text/html; charset=utf-8"})  # fmt: skip
    return routes


def _name_case(text: str) -> str:
    """A name or a court as a person writes it: "Ana Lucía de la Garza", "Sala
    Especializada en Materia Civil"."""
    small = {"de", "del", "la", "los", "las", "en", "y"}
    words = [w.lower() if w.lower() in small else w.capitalize() for w in text.split()]
    return " ".join(words[:1] + words[1:]) if words else text


def _pj_nl_expected(base: str) -> dict[str, dict[str, Any]]:
    expected = {}
    for page, rows in enumerate(PJ_NL_PAGES, start=1):
        for n, (emitted, _, offence, judge, ruling) in enumerate(rows):
            wrote = [p.split("(")[0].strip() for p in judge.split(",") if "(Elabora)" in p]
            p = _pj_nl_p(page, n)
            expected[p] = {
                "title": f"Sentencia penal: {offence}, {emitted}",
                "resolution_date": _spanish_date(emitted),
                "ponente": _name_case(wrote[0]) if wrote else None,
                "ruling": ruling.strip().lower() or None,
                "matter": "penal",
                "url": f"{base}/SentenciasPublicas/PDFVisor/Visor.aspx?p={p}",
                "files": 1,
            }
    return expected


# --- Supremo Tribunal de Justicia de Jalisco: /toca?page=N -----------------------------

# the records' keys as the saved copy has them; what a service also does: a null judge,
# the honorific glued to the name, a ruling with its trailing space, a paginator's keys
JALISCO_RECORDS = [
    {"case_number": "412/2025", "court": "CUARTA SALA ESPECIALIZADA EN MATERIA CIVIL",
     "date": "2025-09-02", "publication_date": "2025-09-19",
     "judge": "Mgda. María Eugenia Villalobos Ruvalcaba", "subject_area": "Civil",
     "case_type": "CIVIL", "ruling": "CONFIRMAR", "crime_or_action": "DIVORCIO",
     "id": 81152},
    {"case_number": "98/2025", "court": "PRIMERA SALA ESPECIALIZADA EN MATERIA PENAL",
     "date": "2025-08-28", "publication_date": "2025-09-10",
     "judge": "Mgdo.Tomás Aguilar Robles", "subject_area": "Penal",
     "case_type": "PENAL ACUSATORIO", "ruling": "MODIFICAR ", "crime_or_action": "ROBO",
     "id": 81408},
    {"case_number": "1203/2024", "court": "SEGUNDA SALA  ESPECIALIZADA EN MATERIA CIVIL",
     "date": "2025-07-15", "publication_date": None, "judge": None,
     "subject_area": "Civil", "case_type": "MERCANTIL", "ruling": "REVOCAR",
     "crime_or_action": None, "id": 81664},
]  # fmt: skip


def _jalisco(root: Path) -> list[dict[str, Any]]:
    records = []
    for record in JALISCO_RECORDS:
        url = f"{{{{BASE}}}}/toca/{record['id']}/file"
        records.append({**{k: v for k, v in record.items() if k != "id"}, "url": url})
        _write(root / "toca" / str(record["id"]) / "file",
               document_pdf((f"TOCA {record['case_number']}", str(record["court"]))))  # fmt: skip
    pages = [records[:2], records[2:], []]
    routes = []
    for n, data in enumerate(pages, start=1):
        answer = {"current_page": n, "data": data, "per_page": 2, "last_page": 2,
                  "total": len(records)}  # fmt: skip
        _write(root / "jal" / f"pagina-{n}.json", json.dumps(answer, ensure_ascii=False))
        routes.append({"path": "/toca", "query": {"page": str(n)}, "file": f"jal/pagina-{n}.json"})
    for record in JALISCO_RECORDS:
        routes.append({"path": f"/toca/{record['id']}/file", "file": f"toca/{record['id']}/file",
                       "content_type": "application/pdf"})  # fmt: skip
    return routes


def _jalisco_expected(base: str) -> dict[str, dict[str, Any]]:
    expected = {}
    for r in JALISCO_RECORDS:
        court = " ".join(r["court"].split())
        judge = r["judge"]
        expected[f"Toca {r['case_number']}"] = {
            "expediente": f"Toca {r['case_number']}",
            "title": f"Toca {r['case_number']} ({court})",
            "court": _name_case(court),
            "resolution_date": dt.date.fromisoformat(r["date"]),
            "ponente": judge.split(".", 1)[1].strip() if judge else None,
            "matter": r["subject_area"].lower(),
            "ruling": r["ruling"].strip().lower(),
            "url": f"{base}/toca/{r['id']}/file",
            "files": 1,
        }
    return expected


# --- SCJN Buscador Jurídico: POST /api/v1/bj/busqueda (sentencias_pub) ------------------

# records with the saved record's keys; the ponente in capitals, organoJurisdiccional
# null, a record whose archivoURL is null (its Word file not published yet)
SCJN_RECORDS = [
    {"organoJurisdiccional": None, "epoca": {"numero": "11", "nombre": "Undécima Época"},
     "rubro": "", "fuente": "", "fechaResolucion": "24/06/2025",
     "organoRadicacion": "PLENO", "idEngrose": 233301, "asuntoID": 318842,
     "numExpediente": "29/2024", "tipoAsunto": "ACCIÓN DE INCONSTITUCIONALIDAD",
     "votacion": "", "ponente": "JAVIER LAYNEZ POTISEK",
     "archivoURL": "1/2024/3/2_318842_7211.docx", "anio": "2024", "extractos": {}},
    {"organoJurisdiccional": None, "epoca": {"numero": "11", "nombre": "Undécima Época"},
     "rubro": "", "fuente": "", "fechaResolucion": "13/08/2025",
     "organoRadicacion": "PRIMERA SALA", "idEngrose": 233251, "asuntoID": 297311,
     "numExpediente": "153/2022", "tipoAsunto": "ACCIÓN DE INCONSTITUCIONALIDAD",
     "votacion": "", "ponente": "JORGE MARIO PARDO REBOLLEDO",
     "archivoURL": "1/2022/12/2_297311_6993.docx", "anio": "2022", "extractos": {}},
    {"organoJurisdiccional": None, "epoca": {"numero": "11", "nombre": "Undécima Época"},
     "rubro": "", "fuente": "", "fechaResolucion": "12/08/2025",
     "organoRadicacion": "PLENO", "idEngrose": 233411, "asuntoID": 330021,
     "numExpediente": "56/2025",
     "tipoAsunto": "JUICIO DE INCONFORMIDAD EN MATERIA ELECTORAL",
     "votacion": "", "ponente": "YASMÍN ESQUIVEL MOSSA", "archivoURL": None,
     "anio": "2025", "extractos": {}},
]  # fmt: skip


def _scjn_text(record: dict[str, Any]) -> tuple[str, ...]:
    """As the modern sentences open: the case, its ponente, an ÍNDICE TEMÁTICO citing
    other cases, and the date in words and the operative part much later."""
    case = f"{record['tipoAsunto']} {record['numExpediente']}"
    return (
        case,
        "PROMOVENTE: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS",
        f"PONENTE: MINISTRO {record['ponente']}",
        "ÍNDICE TEMÁTICO",
        "Hechos. Se impugnan normas reformadas; véase la acción de inconstitucionalidad "
        "206/2023 y su acumulada 208/2023, resuelta el dieciocho de febrero de dos mil "
        "veinticinco.",
        "\tI.\tCOMPETENCIA\tEl Tribunal es competente.\t8-9",
        case,
        "Ciudad de México. La Suprema Corte de Justicia de la Nación, en sesión "
        "correspondiente al día trece de agosto de dos mil veinticinco, emite la siguiente",
        "S E N T E N C I A",
        "ÚNICO. Se sobresee en la presente acción de inconstitucionalidad.",
    )


def _scjn(root: Path) -> list[dict[str, Any]]:
    answer = {"total": len(SCJN_RECORDS), "resultados": SCJN_RECORDS, "pagina": 1, "size": 50}
    _write(root / "scjn" / "pagina-1.json", json.dumps(answer, ensure_ascii=False))
    routes: list[dict[str, Any]] = [
        {"path": "/api/v1/bj/busqueda", "method": "POST", "json": {"indice": "sentencias_pub"},
         "file": "scjn/pagina-1.json", "content_type": "application/json; charset=utf-8"},
    ]  # fmt: skip
    for record in SCJN_RECORDS:
        if not record["archivoURL"]:
            continue
        name = record["archivoURL"].rsplit("/", 1)[1].rsplit(".", 1)[0]
        _write(root / "scjn" / f"{name}.docx", docx_sentence(*_scjn_text(record)))
        routes.append(
            {"path": "/api/v1/bj/storage/sentencia",
             "query": {"externo": "true", "fileparams": f"filename:{name}"},
             "file": f"scjn/{name}.docx", "content_type": "application/pdf"}
        )  # fmt: skip
    return routes


SALAS = {"PLENO": "Pleno de la SCJN", "PRIMERA SALA": "Primera Sala de la SCJN"}


def _scjn_expected(base: str) -> dict[str, dict[str, Any]]:
    expected = {}
    for r in SCJN_RECORDS:
        day, month, year = r["fechaResolucion"].split("/")
        case = f"{r['tipoAsunto']} {r['numExpediente']}"
        expected[case] = {
            "expediente": case,
            "title": case,
            "court": SALAS[r["organoRadicacion"]],
            "resolution_date": dt.date(int(year), int(month), int(day)),
            "ponente": r["ponente"].title(),
            "url": f"{base}/documento/sentencias_pub/{r['idEngrose']}",
            "files": 1 if r["archivoURL"] else 0,
        }
    return expected


# --- the crawl --------------------------------------------------------------------------


def _spec_data(source_id: str, base: str) -> dict[str, Any]:
    text = (CATALOGUE / f"{source_id}.yaml").read_text(encoding="utf-8")
    data = dict(yaml.safe_load(text.replace(HOSTS[source_id], base)))
    data["allowed_domains"] = ["127.0.0.1"]
    return data


def build_site(root: Path) -> None:
    _senado(root)
    routes = [*_pj_nl(root), *_jalisco(root), *_scjn(root)]
    _write(root / "_http.yaml", yaml.safe_dump({"routes": routes}, allow_unicode=True))


EXPECTED = {
    "senado-sesiones": (_senado_expected, "session_number"),
    "pj-nl-sentencias": (_pj_nl_expected, "url"),
    "pj-jalisco-stj-sentencias": (_jalisco_expected, "expediente"),
    "scjn-sentencias": (_scjn_expected, "expediente"),
}


def _value(doc: Any, field: str) -> Any:
    if field == "files":
        return len(doc.files)
    if field == "url" and "?p=" in doc.url:  # the viewer's p, as the server was asked
        return doc.url
    return getattr(doc, field)


def _key(doc: Any, by: str) -> str:
    value = getattr(doc, by)
    return (
        value.split("?p=", 1)[1].replace("%2B", "+").replace("%2F", "/").replace("%3D", "=")
        if by == "url"
        else str(value)
    )


def compare(db: Database, base: str) -> dict[str, dict[str, Any]]:
    """Per source: each field right, empty or wrong over its documents, and the wrong
    and missing ones named."""
    table: dict[str, dict[str, Any]] = {}
    for source_id, (expected_of, by) in EXPECTED.items():
        expected = expected_of(base)
        docs = [d for d in db.iter_documents() if source_id in {s.source_id for s in d.sources}]
        found = {_key(d, by): d for d in docs}
        tally = {"right": 0, "empty": 0, "wrong": 0, "missing_docs": [], "faults": []}
        for key, fields in expected.items():
            doc = found.get(key)
            if doc is None:
                tally["missing_docs"].append(key)
                tally["empty"] += len(fields)
                continue
            for field, want in fields.items():
                got = _value(doc, field)
                if field == "url":
                    got, want = _plain(got), _plain(want)
                if got == want:
                    tally["right"] += 1
                elif got in (None, "", []) or (field == "files" and got == 0):
                    tally["empty"] += 1
                    tally["faults"].append((key, field, want, got))
                else:
                    tally["wrong"] += 1
                    tally["faults"].append((key, field, want, got))
        tally["extra_docs"] = sorted(set(found) - set(expected))
        table[source_id] = tally
    return table


def _plain(url: str) -> str:
    return url.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=").replace(" ", "+")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, str, Any]]:
    work = tmp_path_factory.mktemp("modelled")
    build_site(work / "site")
    with FixtureServer(work / "site") as server:
        for source_id in HOSTS:
            data = _spec_data(source_id, server.url)
            _write(work / "specs" / f"{source_id}.yaml", json.dumps(data, ensure_ascii=False))
        result = run_abierto(work / "data", server.url, work / "specs")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
        try:
            yield db, server.url, result
        finally:
            db.close()


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_every_field_is_what_the_source_says(
    crawled: tuple[Database, str, Any], source_id: str
) -> None:
    db, base, _ = crawled
    tally = compare(db, base)[source_id]
    assert tally["missing_docs"] == [] and tally["extra_docs"] == [], tally
    assert tally["faults"] == [], tally["faults"]
    (run,) = db.list_runs(source_id, limit=1)
    if source_id == "scjn-sentencias":  # the record whose Word file is not published yet
        # the source's record as it is: kept with its data, said as such (an aviso), not
        # an empty text that marks every day's run incomplete until the file appears
        (said,) = run.errors["file_unpublished"]["examples"]
        assert set(run.errors) == {"file_unpublished"} and run.status == "ok", run.errors
        assert said["url"].rsplit("/", 1)[1] == "233411", said
        assert error_mensaje("file_unpublished", said["message"]) == UNPUBLISHED
    else:
        assert run.errors == {} and run.status == "ok", run.errors


UNPUBLISHED = (
    "el sitio publicó el registro sin su archivo (archivoURL está vacío): se guardó con los "
    "datos del registro, sin texto; se leerá cuando el archivo aparezca"
)


def _previewed(source_id: str, root: Path, data: Path) -> tuple[dict[str, Any], str]:
    build_site(root)
    settings = Settings(allow_loopback=True, data_dir=data)
    with FixtureServer(root) as server:
        spec = SourceSpec.model_validate(_spec_data(source_id, server.url))
        return preview(spec, settings, time_limit_s=120.0), server.url


def _shown_as(field: str, shown: Any, want: Any) -> bool:
    """A listing preview shows a field as the page writes it ("07/octubre/2021", a name
    in capitals), the crawl stores it read: the same value either way."""
    if isinstance(want, dt.date):
        return parse_date(str(shown)) == want
    if field == "session_type" and isinstance(shown, str):
        return normalise_session_type(shown) == want
    if field == "legislature" and isinstance(shown, str):
        return shown.split()[0] == want
    if isinstance(want, str) and isinstance(shown, str):
        return " ".join(shown.split()).casefold() == want.casefold()
    return shown == want or (want in (None, []) and shown in (None, "", []))


@pytest.mark.parametrize("source_id", list(EXPECTED))
def test_the_preview_shows_what_the_crawl_extracts(tmp_path: Path, source_id: str) -> None:
    """What an institution sees before registering the spec: each document it shows is
    one the crawl stores, at the same address, with the same fields, and nothing said
    to have failed (a row whose document is asked for by posting its button is asked
    for, not said to have no document)."""
    shown, base = _previewed(source_id, tmp_path / "site", tmp_path / "data")
    expected_of = EXPECTED[source_id][0]
    expected = {_plain(w["url"]): w for w in expected_of(base).values()}
    assert shown["documents"], shown
    for doc in shown["documents"]:
        assert doc.get("problemas", []) == [] and doc["problems"] == [], doc
        want = expected.get(_plain(doc["url"] or ""))
        assert want is not None, (doc["url"], list(expected))
        for field, value in want.items():
            if field in {"url", "files", "title", "chamber", "matter"}:
                continue
            assert _shown_as(field, doc["fields"].get(field), value), (field, doc["fields"])
    if source_id == "scjn-sentencias":  # the record without its file, said as the crawl does
        (said,) = shown["errors"]
        assert said["cause"] == "file_unpublished", said
        assert said["url"].rsplit("/", 1)[1] == "233411", said
        assert error_mensaje(said["cause"], said["message"]) == UNPUBLISHED
    else:
        assert shown["errors"] == [], shown["errors"]


# --- a postback site that keeps its visitor's session in a cookie ----------------------

SESSION = "ASP.NET_SessionId"
SESSION_ID = "k3vq1m5f0ub2xw4ryjz0ya1d"


def _pj_nl_in_session(root: Path) -> None:
    """The penal grid as an ASP.NET site with session state serves it: the first page
    sets ``ASP.NET_SessionId``; a post back (the pager, a row's button) and the viewer
    are answered only within that session. Without it the site starts over: a post
    answers the first page again, the viewer says the session expired (a 200)."""
    routes = []
    for route in _pj_nl(root):
        if route.get("method") == "POST" or route["path"].endswith("Visor.aspx"):
            route = route | {"cookies": {SESSION: SESSION_ID}}
        elif route["path"].endswith("Penales.aspx"):
            cookie = f"{SESSION}={SESSION_ID}; path=/; HttpOnly; SameSite=Lax"
            route = route | {"headers": {"Set-Cookie": cookie}}
        routes.append(route)
    _write(root / "pjnl" / "expirada.html",
           "<html><body><h2>La sesión ha expirado.</h2></body></html>")  # fmt: skip
    routes += [
        {"path": "/SentenciasPublicas/Modulos/Penales.aspx", "method": "POST",
         "file": "pjnl/penales-1.html", "content_type": "text/html; charset=utf-8"},
        {"path": "/SentenciasPublicas/PDFVisor/Visor.aspx", "file": "pjnl/expirada.html",
         "content_type": "text/html; charset=utf-8"},
    ]  # fmt: skip
    _write(root / "_http.yaml", yaml.safe_dump({"routes": routes}, allow_unicode=True))


def test_a_postback_site_keeps_its_session_through_pages_buttons_and_viewer(
    tmp_path: Path,
) -> None:
    """Every row of the three pages reaches its PDF through its button and its viewer,
    as a browser does carrying the session's cookie; the cookie goes to no other site."""
    _pj_nl_in_session(tmp_path / "site")
    with FixtureServer(tmp_path / "site") as server:
        data = _spec_data("pj-nl-sentencias", server.url)
        _write(tmp_path / "specs" / "pj-nl.yaml", json.dumps(data, ensure_ascii=False))
        result = run_abierto(tmp_path / "data", server.url, tmp_path / "specs")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        base = server.url
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    try:
        tally = compare(db, base)["pj-nl-sentencias"]
        (run,) = db.list_runs("pj-nl-sentencias", limit=1)
    finally:
        db.close()
    assert tally["missing_docs"] == [] and tally["faults"] == [], tally
    assert run.errors == {} and run.status == "ok", run.errors


def test_the_preview_keeps_the_session_as_the_crawl_does(tmp_path: Path) -> None:
    _pj_nl_in_session(tmp_path / "site")
    settings = Settings(allow_loopback=True, data_dir=tmp_path / "data")
    with FixtureServer(tmp_path / "site") as server:
        spec = SourceSpec.model_validate(_spec_data("pj-nl-sentencias", server.url))
        shown = preview(spec, settings, time_limit_s=120.0)
        expected = {_plain(w["url"]) for w in _pj_nl_expected(server.url).values()}
    assert [d["problemas"] for d in shown["documents"]] == [[], []], shown["documents"]
    assert {_plain(d["url"]) for d in shown["documents"]} <= expected
    assert all(len(d["files"]) == 1 for d in shown["documents"]), shown["documents"]
    assert shown["next_form"]["pages_on"] and shown["next_form"]["new_items"] == 2


def test_the_preview_posts_its_first_rows_and_says_the_crawl_posts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first page of four rows behind buttons: the preview posts three (its detail
    pages' bound), shows their documents, and says of the fourth that the crawl posts
    it, as no failure."""
    first, second, third = PJ_NL_PAGES
    monkeypatch.setattr(sys.modules[__name__], "PJ_NL_PAGES", [first + second, third, []])
    shown, base = _previewed("pj-nl-sentencias", tmp_path / "site", tmp_path / "data")
    docs = shown["documents"]
    assert [bool(d["url"]) for d in docs] == [True, True, True, False], docs
    assert [d["problemas"] for d in docs[:3]] == [[], [], []]
    (said,) = docs[3]["problemas"]
    assert said.startswith("no es un error: el documento se pide enviando el botón de la fila")
    assert f"{base}/SentenciasPublicas/controller.aspx" in docs[2]["files"][0]


# --- a numbered pager whose page answers an earlier one ---------------------------------


def _pj_nl_ignoring(root: Path, page: int) -> None:
    """The penal grid whose pager offers ``Page$<page>`` but answers its post with the
    first page again, as the site does when it lost the visitor's session or ignored the
    post: the pages from ``page`` on are there, and not to be had."""
    routes = _pj_nl(root)
    for route in routes:
        if route.get("form", {}).get("__EVENTARGUMENT") == f"Page${page}":
            route["file"] = "pjnl/penales-1.html"
    _write(root / "_http.yaml", yaml.safe_dump({"routes": routes}, allow_unicode=True))


def _crawl_pj_nl(root: Path, work: Path) -> tuple[dict[str, Any], Any, str]:
    with FixtureServer(root) as server:
        data = _spec_data("pj-nl-sentencias", server.url)
        _write(work / "specs" / "pj-nl.yaml", json.dumps(data, ensure_ascii=False))
        result = run_abierto(work / "data", server.url, work / "specs")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        base = server.url
    db = Database(f"sqlite:///{work / 'data' / 'abierto.db'}")
    try:
        return compare(db, base)["pj-nl-sentencias"], db.list_runs("pj-nl-sentencias", 1)[0], base
    finally:
        db.close()


IGNORED = (
    "el paginador ofrecía la página {page} («Page${page}»), pero al pedirla el sitio "
    "respondió con una página ya leída (una sesión perdida o un envío que no atendió): no "
    "se leyeron las páginas desde la {page}"
)


def test_a_pager_page_answered_with_the_first_again_is_a_counted_loss(tmp_path: Path) -> None:
    """Page 3 offered and answered with page 1: the documents of pages 1 and 2 are kept,
    page 3's are lost, and the run says so (not «ok», as when the pager truly ends)."""
    _pj_nl_ignoring(tmp_path / "site", 3)
    tally, run, base = _crawl_pj_nl(tmp_path / "site", tmp_path)
    third = {_pj_nl_p(3, n) for n in range(len(PJ_NL_PAGES[2]))}
    assert set(tally["missing_docs"]) == third and tally["faults"] == [], tally
    assert run.status == "partial" and set(run.errors) == {"pager_ignored"}, run.errors
    (said,) = run.errors["pager_ignored"]["examples"]
    assert run.errors["pager_ignored"]["count"] == 1
    assert error_mensaje("pager_ignored", said["message"]) == IGNORED.format(page=3)
    assert said["url"] == f"{base}/SentenciasPublicas/Modulos/Penales.aspx"


def test_the_preview_says_the_ignored_pager_as_the_crawl_counts_it(tmp_path: Path) -> None:
    """Page 2 answered with page 1: the preview names the crawl's error, in its words."""
    _pj_nl_ignoring(tmp_path / "site", 2)
    settings = Settings(allow_loopback=True, data_dir=tmp_path / "data")
    with FixtureServer(tmp_path / "site") as server:
        spec = SourceSpec.model_validate(_spec_data("pj-nl-sentencias", server.url))
        shown = preview(spec, settings, time_limit_s=120.0)
    _, run, _ = _crawl_pj_nl(tmp_path / "site", tmp_path)
    (crawled,) = run.errors["pager_ignored"]["examples"]
    (said,) = [e for e in shown["errors"] if e["cause"] == "pager_ignored"]
    assert said["message"] == crawled["message"], (said, crawled)
    assert shown["next_form"]["pages_on"] is False
    assert shown["next_form"]["mensaje"] == IGNORED.format(page=2)
    assert run.status == "partial"
