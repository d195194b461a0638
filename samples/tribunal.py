"""Judiciary site: paginated table of public versions of sentences (PDF)."""

from __future__ import annotations

import datetime as dt
import random

from samples import corpus_judicial as cj
from samples.es import ORDINALS, slash_date, spelled_date, text_date
from samples.manifest import Sentencia
from samples.pdf import PdfWriter
from samples.site import TRIBUNAL, Files, NamePool, chunks, css, esc, listing_file, page, pagination

PER_PAGE = 6
JUDICIARY = "Poder Judicial del Estado de Guanajuato"

VIA = {
    "escrito": (
        "La vía {juicio_lower} elegida por la parte actora es la procedente, en virtud de que las "
        "prestaciones reclamadas no tienen señalada una tramitación especial distinta en la ley, y "
        "las partes no la controvirtieron."
    ),
    "oral": (
        "La vía oral es procedente, atendiendo a la naturaleza de las prestaciones reclamadas y a "
        "lo dispuesto por el {ley}, cuyas reglas privilegian la inmediación, la concentración y la "
        "continuidad del procedimiento."
    ),
    "alzada": (
        "El recurso de apelación fue interpuesto en tiempo y forma, por parte legitimada y en "
        "contra de una resolución apelable, por lo que procede el estudio de los agravios "
        "expresados."
    ),
    "penal": (
        "Durante la audiencia de juicio se respetaron los principios de publicidad, contradicción, "
        "concentración, continuidad e inmediación previstos en el artículo 20 de la Constitución "
        "Política de los Estados Unidos Mexicanos."
    ),
    "nulidad": (
        "La demanda se presentó dentro del plazo legal y no se actualiza ninguna causa de "
        "improcedencia o sobreseimiento que deba estudiarse de oficio."
    ),
}
STANDING = (
    "La personalidad y legitimación de las partes quedaron acreditadas en autos, sin que hubiesen "
    "sido objeto de controversia, por lo que se procede al estudio del fondo del asunto."
)
STANDING_PENAL = (
    "La intervención del Ministerio Público, de la asesoría jurídica de la víctima, de la persona "
    "acusada y de su defensa quedó debidamente registrada, con lo que se garantizó el derecho de "
    "defensa adecuada."
)
STREETS = ("Hidalgo", "Allende", "Juárez", "Morelos", "Aldama")
COSTS = (
    "En cuanto a las costas, al no advertirse temeridad o mala fe en la conducta procesal de las "
    "partes, cada una soportará las que hubiere erogado, sin especial condena en esta instancia."
)


def _dates(rng: random.Random, resolved: dt.date, n: int) -> list[dt.date]:
    """n increasing dates in the 2-3 years before ``resolved``."""
    span = rng.randint(400, 900)
    offsets = sorted(rng.sample(range(20, span), n), reverse=True)
    out = []
    for o in offsets:
        d = resolved - dt.timedelta(days=o)
        while d.weekday() >= 5 or (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 6):
            d -= dt.timedelta(days=1)  # skip weekends and the winter court recess
        out.append(d)
    return out


def _court_for(rng: random.Random, case: cj.Case) -> cj.Court:
    appeal = case.style == "alzada"
    options = [c for c in cj.COURTS if c.matter == case.matter and c.appeal == appeal]
    return rng.choice(options)


def build(files: Files, rng: random.Random, names: NamePool) -> list[Sentencia]:
    judges = {c.code: names.person() for c in cj.COURTS}
    secretaries = {c.code: names.person() for c in cj.COURTS}
    cases = list(cj.CASES)
    rng.shuffle(cases)
    used_numbers: set[str] = set()
    docs: list[Sentencia] = []
    for case in cases:
        court = _court_for(rng, case)
        resolved = dt.date(2020, 3, 1) + dt.timedelta(days=rng.randint(0, 5 * 365))
        while resolved.weekday() >= 5:
            resolved += dt.timedelta(days=1)
        dates = _dates(rng, resolved, 5)
        while True:
            year = dates[4].year if court.appeal else dates[1].year
            num = rng.randint(3, 240) if court.appeal else rng.randint(12, 1899)
            key = f"{court.code}-{num}-{year}"
            if key not in used_numbers:
                used_numbers.add(key)
                break
        expediente = f"Toca {num}/{year}" if court.appeal else f"{num}/{year}"
        if court.appeal:
            ponente, female = names.person()
        else:
            ponente, female = judges[court.code]
        name = f"{court.code}-{'toca-' if court.appeal else ''}{num}-{year}.pdf"
        path = f"/tribunal/sentencias/documentos/{resolved.year}/{name}"
        title = f"Versión pública de la sentencia {expediente} - {court.name}"
        pdf, pages = _sentence_pdf(
            rng,
            case,
            court,
            expediente,
            dates,
            resolved,
            ponente,
            female,
            secretaries[court.code],
            title,
        )
        files[path.lstrip("/")] = pdf
        docs.append(
            Sentencia(
                path=path,
                title=title,
                date=resolved,
                site="tribunal",
                listing_page="",
                distinctive_phrase=case.phrase,
                expediente=expediente,
                court=court.name,
                matter=case.matter,
                resolution_date=resolved,
                ponente=ponente,
                city=court.city,
                juicio=case.juicio,
                pages=pages,
            )
        )
    docs.sort(key=lambda d: (d.resolution_date, d.path), reverse=True)
    _listing(files, docs)
    files["tribunal/css/sitio.css"] = css(TRIBUNAL).encode()
    home = (
        f"<h1>{esc(JUDICIARY)}</h1><p>Consulte las versiones públicas de las sentencias emitidas "
        "por los "
        'juzgados y salas del Supremo Tribunal de Justicia.</p><p><a class="enlace-sentencias" '
        'href="/tribunal/sentencias/index.html">Versiones públicas de sentencias</a></p>'
    )
    files["tribunal/index.html"] = page(TRIBUNAL, "Inicio", home).encode()
    return docs


def _listing(files: Files, docs: list[Sentencia]) -> None:
    pages = chunks(docs, PER_PAGE)
    for n, group in enumerate(pages, start=1):
        rows = "\n".join(
            '<tr class="sentencia-fila">'
            f'<td class="expediente">{esc(d.expediente)}</td><td '
            f'class="organo">{esc(d.court)}</td><td '
            f'class="materia">{esc(d.matter.capitalize())}</td><td '
            f'class="fecha-resolucion">{slash_date(d.resolution_date)}</td><td '
            f'class="ponente">{esc(d.ponente)}</td><td class="documento"><a class="descarga-pdf" '
            f'href="{d.path}">Descargar PDF</a></td></tr>'
            for d in group
        )
        main = (
            "<h1>Versiones públicas de sentencias</h1>"
            '<p class="introduccion">Listado de sentencias definitivas y resoluciones de segunda '
            "instancia, "
            "ordenadas de la más reciente a la más antigua.</p>"
            '<table class="tabla-sentencias"><thead><tr><th>Expediente</th><th>Órgano '
            "jurisdiccional</th>"
            "<th>Materia</th><th>Fecha de resolución</th><th>Juez(a) o magistrado(a) "
            "ponente</th><th>Documento</th>"
            f"</tr></thead><tbody>\n{rows}\n</tbody></table>\n{pagination(n, len(pages))}"
        )
        rel = f"tribunal/sentencias/{listing_file(n)}"
        crumbs = [("Inicio", "/tribunal/index.html"), ("Versiones públicas de sentencias", None)]
        files[rel] = page(
            TRIBUNAL, f"Versiones públicas de sentencias - página {n}", main, crumbs
        ).encode()
        for d in group:
            d.listing_page = "/" + rel


def _public_address(rng: random.Random, city: str) -> str:
    """A property's address as a public version prints it: the street and number are
    suppressed (still drawn, so the rest of the samples stay as they were)."""
    rng.choice(STREETS), rng.randint(10, 999)
    return f"la calle **** número ****, de la ciudad de {city}"


def _sentence_pdf(
    rng: random.Random,
    case: cj.Case,
    court: cj.Court,
    expediente: str,
    dates: list[dt.date],
    resolved: dt.date,
    ponente: str,
    female: bool,
    secretary_info: tuple[str, bool],
    title: str,
) -> tuple[bytes, int]:
    secretary, sec_female = secretary_info
    sec_role = (
        "Secretaria de Acuerdos, Licenciada" if sec_female else "Secretario de Acuerdos, Licenciado"
    )
    hechos_d, demanda, admision, emplaz, citacion = dates
    law = cj.PROCEDURAL_LAW[case.matter]
    origin_court = rng.choice([c for c in cj.COURTS if c.matter == case.matter and not c.appeal])
    exp_origen = f"{rng.randint(30, 1500)}/{demanda.year}"
    if case.matter == "penal":
        crime = case.extra.get("delito", "").lower()
        origen = (
            f"la causa penal {exp_origen}, instruida en contra de **** por el delito de {crime}"
        )
    else:
        origen = (
            f"el expediente {exp_origen}, relativo al juicio {case.juicio.lower()} promovido por "
            "**** en contra de ****"
        )
    values = {
        "exp": expediente,
        "juicio_lower": case.juicio.lower(),
        "fecha_hechos": text_date(hechos_d),
        "fecha_demanda": text_date(demanda),
        "fecha_admision": text_date(admision),
        "fecha_emplazamiento": text_date(emplaz),
        "fecha_citacion": text_date(citacion),
        "fecha_primera": text_date(emplaz),
        "juez_origen": origin_court.name,
        "exp_origen": exp_origen,
        "origen": origen,
        "dias": rng.choice(["nueve", "quince"]),
        "monto": f"${rng.randint(40, 900) * 1000:,.2f} M.N.",
        "monto2": f"${rng.randint(5, 40) * 500:,.2f} M.N.",
        "inmueble": _public_address(rng, court.city),
        "anios": rng.choice(["dos", "tres", "cuatro", "seis", "once", "doce"]),
        "porcentaje": rng.choice(["treinta", "treinta y cinco", "veinticinco", "cuarenta"]),
        "ley": law,
        "apelante": "",
        "delito": "",
        "autoridad": "",
        **case.extra,
    }
    values["objeto"] = case.objeto.format(**values)
    values["hechos"] = case.hechos.format(**values)

    def fmt(text: str) -> str:
        return text.format(**values)

    w = PdfWriter(title, JUDICIARY.upper(), f"{expediente} · VERSIÓN PÚBLICA", resolved, court.name)
    w.heading(JUDICIARY.upper(), size=12, after=1)
    w.heading(court.name.upper(), size=11, after=6)
    w.write(f"Expediente: {expediente}", align="R", after=1)
    w.write(
        f"Juicio: {case.juicio}" if case.matter != "penal" else "Materia: PENAL", align="R", after=1
    )
    w.write(
        "Resolución: "
        + ("SENTENCIA DE SEGUNDA INSTANCIA" if court.appeal else "SENTENCIA DEFINITIVA"),
        align="R",
        after=6,
    )
    w.write(f"{court.city}, Guanajuato, a {spelled_date(resolved)}.", after=5)
    if case.style == "alzada":
        vistos = (
            f"V I S T O S para resolver los autos del {expediente}, formado con motivo del recurso "
            f"de apelación interpuesto por {values['apelante']} en contra de la sentencia dictada "
            f"el {values['fecha_primera']} por el {origin_court.name} en {origen}; y"
        )
    elif case.style == "penal":
        vistos = (
            f"V I S T O S los autos de la causa penal {expediente}, instruida en contra de **** "
            f"por el hecho que la ley señala como delito de {values['delito']}, cometido en "
            "agravio de quien en vida respondiera al "
            "nombre de ****, para dictar sentencia definitiva; y"
        )
    elif case.style == "nulidad":
        vistos = (
            f"V I S T O S los autos del expediente {expediente}, relativo al proceso "
            f"administrativo promovido por ****, en contra de {values['autoridad']}, para dictar "
            "sentencia definitiva; y"
        )
    else:
        vistos = (
            f"V I S T O S los autos del expediente {expediente}, relativo al juicio {case.juicio} "
            "promovido por "
            "****, en contra de ****, para dictar sentencia definitiva; y"
        )
    w.write(vistos, after=6)

    w.heading("RESULTANDOS")
    for i, tpl in enumerate(cj.RESULTANDOS[case.style]):
        w.write(f"{ORDINALS[i]}. {fmt(tpl)}")
    w.space(3)

    w.heading("CONSIDERANDOS")
    paragraphs = [
        "Competencia. " + cj.COMPETENCE[case.matter],
        "Procedencia. " + fmt(VIA[case.style]),
        "Legitimación. " + (STANDING_PENAL if case.matter == "penal" else STANDING),
        f"Fijación de la litis. La cuestión a resolver consiste en {fmt(case.litis)}.",
    ]
    for i, text in enumerate(paragraphs):
        w.write(f"{ORDINALS[i]}. {text}")
    n = len(paragraphs)
    reasoning = [fmt(p) for p in case.reasoning]
    w.write(f"{ORDINALS[n]}. Estudio de fondo. {reasoning[0]}")
    n += 1
    for text in reasoning[1:-1]:
        w.write(text)
    # Evidence valuation until the target length is reached (final length: 3 to 8 pages).
    target = rng.randint(3, 7)
    deck: list[str] = []
    evidence = list(cj.EVIDENCE[case.matter])
    rng.shuffle(evidence)
    filler = 0
    while filler < 2 or (w.pages < target and filler < 40):
        if len(deck) < 4:
            deck = list(cj.REASONING_SENTENCES)
            rng.shuffle(deck)
        fecha = text_date(
            admision + dt.timedelta(days=rng.randint(5, max(6, (citacion - admision).days)))
        )
        parte = rng.choice(
            ["fiscal", "defensora"] if case.matter == "penal" else ["actora", "demandada"]
        )
        intro = cj.EVIDENCE_INTRO.format(
            prueba=evidence[filler % len(evidence)],
            parte=parte,
            fecha=fecha,
            valor=rng.choice(cj.EVIDENCE_VALUE),
            ley=law,
        )
        body = " ".join(deck.pop() for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.3:
            rubro = rng.choice(cj.JURISPRUDENCE)
            body += (
                f' Sirve de apoyo, por las razones que la informan, el criterio de rubro: "{rubro}"'
            )
        w.write(f"{intro} {body}")
        filler += 1
    w.write(f"{ORDINALS[n]}. Conclusión. {reasoning[-1]}")
    n += 1
    if case.matter in ("civil", "mercantil"):
        w.write(f"{ORDINALS[n]}. Costas. {COSTS}")
    w.space(3)

    w.heading("RESOLUTIVOS")
    w.write(
        "Por lo expuesto y fundado, y con apoyo además en los artículos 14, 16 y 17 de la "
        "Constitución Política de los Estados Unidos Mexicanos, es de resolverse y se resuelve:"
    )
    points = [fmt(r) for r in case.resolutivos] + [
        cj.CLOSING["alzada" if court.appeal else "primera"]
    ]
    for i, text in enumerate(points):
        w.write(f"{ORDINALS[i]}. {text}")
    w.space(4)
    if court.appeal:
        sign = (
            "Así lo resolvieron y firman por unanimidad de votos las magistradas y los "
            f"magistrados que integran la {court.name}, siendo ponente "
            f"{'la Magistrada' if female else 'el Magistrado'} {ponente}, quienes actúan con "
            f"{sec_role} {secretary}, que autoriza y da fe. DOY FE."
        )
    else:
        role = ("Jueza" if female else "Juez") + " del " + court.name
        sign = (
            f"Así lo resolvió y firma {'la Licenciada' if female else 'el Licenciado'} "
            f"{ponente.upper()}, {role}, quien actúa con {sec_role} {secretary}, que autoriza y da "
            "fe. DOY FE."
        )
    w.write(sign, after=10)
    w.write(ponente.upper(), style="B", align="C", after=1)
    w.write("FIRMA ELECTRÓNICA", size=9, align="C", after=6)
    w.write(secretary.upper(), style="B", align="C", after=1)
    w.write(
        "SECRETARIA DE ACUERDOS" if sec_female else "SECRETARIO DE ACUERDOS",
        size=9,
        align="C",
        after=8,
    )
    w.write(cj.PUBLIC_VERSION_NOTE, size=8)
    return w.output(), w.pages
