"""State congress site: sessions (with videos and transcripts) and legislative documents."""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable
from typing import Any

from samples import corpus_congreso as cc
from samples.es import long_date, slugify, text_date
from samples.manifest import Legislativo, Sesion, SpeechRef, VideoRef
from samples.pdf import PdfWriter
from samples.site import CONGRESO, Files, NamePool, chunks, css, esc, listing_file, page, pagination

CONGRESS = "H. Congreso del Estado de Guanajuato"
JURISDICTION = "MX-GUA"
LEGISLATURE = "LXVI Legislatura"
PLATFORM = "TransmiteMX"
PER_PAGE = 5
PRIVATE_PATH = "/congreso/privado/directorio-interno.html"
ROSTER_PATH = "/congreso/diputados/padron.csv"
PARTIES = ("MORENA", "PAN", "PRI", "MC", "PVEM", "PT")

GENERIC_MOTIVES = (
    "El artículo 1 de la Constitución Política de los Estados Unidos Mexicanos obliga a todas las "
    "autoridades, en el ámbito de sus competencias, a promover, respetar, proteger y garantizar "
    "los derechos humanos. El Poder Legislativo contribuye a ese mandato mediante la actualización "
    "del marco normativo estatal.",
    "En la elaboración de esta propuesta se consideraron las opiniones de organizaciones de la "
    "sociedad civil, instituciones académicas y personas servidoras públicas de los tres órdenes "
    "de gobierno, recabadas en reuniones de trabajo celebradas en distintas regiones del estado.",
    "La propuesta no implica la creación de nuevas estructuras administrativas; las atribuciones "
    "que se establecen podrán ejercerse con los recursos humanos y materiales con que ya cuentan "
    "las dependencias.",
    "La técnica legislativa exige que toda reforma guarde congruencia con el resto del orden "
    "jurídico, sea clara para sus destinatarios y establezca plazos razonables para su "
    "implementación.",
    "La medida se alinea con los objetivos de la agenda de desarrollo sostenible, en particular "
    "con los de salud, ciudades sostenibles, educación de calidad y reducción de las "
    "desigualdades.",
)


def _weekdays(start: dt.date, end: dt.date, days: set[int]) -> list[dt.date]:
    out, d = [], start
    while d <= end:
        if d.weekday() in days:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


D = dt.date
WINDOWS: dict[str, list[dt.date]] = {
    "ordinaria": _weekdays(D(2024, 10, 1), D(2024, 12, 15), {1, 3})
    + _weekdays(D(2025, 2, 18), D(2025, 6, 26), {1, 3}),
    "solemne": _weekdays(D(2024, 10, 1), D(2025, 6, 26), {1, 3}),
    "comisión": _weekdays(D(2024, 10, 7), D(2024, 12, 13), {0, 2, 4})
    + _weekdays(D(2025, 2, 17), D(2025, 6, 20), {0, 2, 4}),
    "extraordinaria": _weekdays(D(2025, 1, 8), D(2025, 2, 12), {0, 1, 3, 4}),
    "permanente": _weekdays(D(2025, 1, 8), D(2025, 2, 12), {2}),
}
LEGIS_DATES = _weekdays(D(2024, 10, 1), D(2025, 6, 26), {0, 1, 2, 3, 4})


def build(
    files: Files, rng: random.Random, names: NamePool
) -> tuple[list[Sesion], list[Legislativo]]:
    deputies = [names.person() for _ in range(18)]
    president = next(name for name, female in deputies if female)
    parties = {name: PARTIES[n % len(PARTIES)] for n, (name, _) in enumerate(deputies)}
    files[ROSTER_PATH.lstrip("/")] = roster(deputies, parties).encode()
    legis = _legislative(files, rng, deputies)
    sessions = _sessions(files, rng, deputies, president, legis, parties)
    files["congreso/css/sitio.css"] = css(CONGRESO).encode()
    home = (
        f'<h1>{esc(CONGRESS)}</h1><p class="introduccion">Bienvenida al portal de la '
        f"{LEGISLATURE}. Consulte "
        "las sesiones del Pleno, de la Diputación Permanente y de las comisiones, así como los "
        "documentos "
        'publicados en la Gaceta Parlamentaria.</p><ul class="accesos">'
        '<li><a href="/congreso/sesiones/index.html">Sesiones</a></li>'
        '<li><a href="/congreso/gaceta/index.html">Gaceta Parlamentaria</a></li></ul>'
    )
    files["congreso/index.html"] = page(CONGRESO, "Inicio", home).encode()
    private = (
        '<h1>Directorio interno</h1><p class="restringido">Uso exclusivo del personal del '
        "Congreso. Esta página "
        "no debe ser indexada por buscadores.</p><ul><li>Extensión de la Secretaría General: "
        "1001</li><li>Extensión de Servicios Parlamentarios: 1002</li></ul>"
    )
    files[PRIVATE_PATH.lstrip("/")] = page(CONGRESO, "Directorio interno", private).encode()
    return sessions, legis


# --- legislative documents ------------------------------------------------------------


def _legislative(
    files: Files, rng: random.Random, deputies: list[tuple[str, bool]]
) -> list[Legislativo]:
    topics = list(cc.LEGIS_TOPICS)
    dates = sorted(rng.sample(LEGIS_DATES, len(topics)))
    rng.shuffle(dates)
    numbers: dict[str, list[int]] = {
        "iniciativa": sorted(rng.sample(range(20, 320), 10)),
        "dictamen": sorted(rng.sample(range(5, 90), 10)),
        "punto de acuerdo": sorted(rng.sample(range(10, 200), 10)),
        "gaceta": list(range(rng.randint(20, 30), 400, 9)),
    }
    dated = sorted(zip(dates, topics, strict=True), key=lambda x: x[0])
    docs: list[Legislativo] = []
    for date, topic in dated:
        num = numbers[topic.doc_type].pop(0)
        number = f"{cc.NUMBER_PREFIX[topic.doc_type]} {num}/LXVI"
        slug = slugify(f"{topic.doc_type} {num} lxvi")
        if topic.doc_type == "gaceta":
            authors = ["Secretaría General"]
        else:
            count = 3 if topic.doc_type == "dictamen" else rng.randint(1, 3)
            authors = [name for name, _ in rng.sample(deputies, count)]
        if topic.doc_type == "punto de acuerdo":
            status = cc.STATUSES[topic.doc_type][0 if topic.committee is None else 1]
        else:
            status = rng.choice(cc.STATUSES[topic.doc_type])
        title = f"{topic.title} (número {num})" if topic.doc_type == "gaceta" else topic.title
        doc = Legislativo(
            path=f"/congreso/gaceta/{slug}.html",
            title=title,
            date=date,
            site="congreso",
            listing_page="",
            distinctive_phrase=topic.phrase,
            congress=CONGRESS,
            jurisdiction=JURISDICTION,
            legislature=LEGISLATURE,
            doc_type=topic.doc_type,
            number=number,
            authors=authors,
            committee=topic.committee,
            status=status,
            summary=topic.summary,
            file_path=f"/congreso/gaceta/archivos/{slug}.pdf",
        )
        files[doc.file_path.lstrip("/")] = _legis_pdf(rng, doc, topic, docs)
        docs.append(doc)
    docs.sort(key=lambda d: (d.date, d.path), reverse=True)
    for d in docs:
        files[d.path.lstrip("/")] = _legis_page(d).encode()
    _listing(
        files,
        docs,
        _legis_item,
        "congreso/gaceta",
        "Gaceta Parlamentaria",
        '<p class="introduccion">Gacetas, iniciativas, dictámenes y puntos de '
        f'acuerdo de la {LEGISLATURE}.</p>\n<div class="lista-documentos">\n{{items}}\n</div>\n',
    )
    return docs


def _legis_item(d: Legislativo) -> str:
    committee = (
        f' · Turno: <span class="documento-comision">{esc(d.committee)}</span>'
        if d.committee
        else ""
    )
    return (
        f'<article class="documento-item" data-tipo="{esc(d.doc_type)}"><h2 '
        'class="documento-titulo"><a class="documento-enlace" '
        f'href="{d.path}">{esc(d.title)}</a></h2><p class="documento-meta"><span '
        f'class="documento-numero">{esc(d.number)}</span> · <span '
        f'class="documento-fecha">{text_date(d.date)}</span> · <span '
        f'class="documento-tipo">{esc(d.doc_type.capitalize())}</span></p><p>Presenta: <span '
        f'class="documento-autores">{esc("; ".join(d.authors))}</span>{committee} · Estado: <span '
        f'class="documento-estatus">{esc(d.status)}</span></p></article>'
    )


def _legis_page(d: Legislativo) -> str:
    committee = (
        f'<dt>Comisión</dt><dd class="documento-comision">{esc(d.committee)}</dd>'
        if d.committee
        else ""
    )
    authors = "".join(f'<li class="autor">{esc(a)}</li>' for a in d.authors)
    main = (
        f'<article class="documento-detalle" data-tipo="{esc(d.doc_type)}">\n<h1 '
        f'class="documento-titulo">{esc(d.title)}</h1>\n<dl '
        'class="documento-datos"><dt>Número</dt><dd '
        f'class="documento-numero">{esc(d.number)}</dd><dt>Tipo</dt><dd '
        f'class="documento-tipo">{esc(d.doc_type.capitalize())}</dd><dt>Fecha</dt><dd '
        f'class="documento-fecha">{text_date(d.date)}</dd>{committee}<dt>Estado</dt><dd '
        f'class="documento-estatus">{esc(d.status)}</dd><dt>Legislatura</dt><dd '
        f'class="documento-legislatura">{LEGISLATURE}</dd></dl>\n<section '
        f'class="documento-autores"><h2>Presenta</h2><ul>{authors}</ul></section>\n<section '
        f'class="documento-resumen"><h2>Resumen</h2><p>{esc(d.summary)}</p></section>\n<p '
        f'class="documento-archivo"><a class="documento-adjunto" href="{d.file_path}">Consultar '
        "documento "
        "completo (PDF)</a></p>\n</article>"
    )
    crumbs = [
        ("Inicio", "/congreso/index.html"),
        ("Gaceta Parlamentaria", "/congreso/gaceta/index.html"),
        (d.number, None),
    ]
    return page(CONGRESO, d.title, main, crumbs)


def _legis_pdf(
    rng: random.Random, d: Legislativo, topic: cc.LegisTopic, earlier: list[Legislativo]
) -> bytes:
    w = PdfWriter(
        d.title,
        CONGRESS.upper(),
        f"{LEGISLATURE.upper()} · {d.number}",
        d.date,
        "; ".join(d.authors),
    )
    w.heading(CONGRESS.upper(), size=12, after=1)
    w.heading(d.number.upper(), size=11, after=6)
    if d.doc_type == "gaceta":
        w.write(
            f"Guanajuato, Gto., {long_date(d.date)}. Año I del ejercicio constitucional.",
            align="C",
            after=6,
        )
        w.heading(d.title.upper())
        w.write(topic.summary)
        for text in topic.body:
            w.write(text)
        w.heading("ASUNTOS PUBLICADOS", align="L")
        for prev in earlier[-6:]:
            if prev.doc_type != "gaceta":
                turn = f", turnada a la {prev.committee}" if prev.committee else ""
                w.write(
                    f"- {prev.number}, presentada el {text_date(prev.date)}{turn}.",
                    indent=6,
                    after=1,
                )
        w.write(
            "- Comunicaciones de ayuntamientos y dependencias, turnadas a las comisiones "
            "competentes.",
            indent=6,
        )
        w.write(rng.choice(GENERIC_MOTIVES))
        w.write(
            "Secretaría General del H. Congreso del Estado de Guanajuato.",
            style="B",
            align="C",
            after=2,
        )
        return w.output()
    kind = {
        "iniciativa": "iniciativa",
        "dictamen": "dictamen",
        "punto de acuerdo": "propuesta de punto de acuerdo",
    }
    w.heading(d.title.upper())
    if d.doc_type == "dictamen":
        w.write(
            f"La {d.committee} recibió para efecto de estudio y dictamen la iniciativa referida en "
            "el rubro, y con "
            "fundamento en la Ley Orgánica del Poder Legislativo del Estado de Guanajuato, formula "
            "el presente dictamen conforme a lo siguiente:"
        )
    else:
        w.write(cc.INITIATIVE_PREAMBLE.format(authors=", ".join(d.authors), kind=kind[d.doc_type]))
    w.heading(
        "EXPOSICIÓN DE MOTIVOS" if d.doc_type == "iniciativa" else "CONSIDERACIONES", align="L"
    )
    motives = list(topic.body)
    extra = rng.sample(GENERIC_MOTIVES, rng.randint(2, 4))
    for i, text in enumerate(extra):
        motives.insert(min(len(motives), 1 + 2 * i), text)
    for text in motives:
        w.write(text)
    if d.doc_type == "iniciativa":
        w.write(cc.IMPACT_NOTE)
    w.heading(
        {"iniciativa": "DECRETO", "dictamen": "RESOLUTIVO", "punto de acuerdo": "ACUERDO"}[
            d.doc_type
        ],
        align="L",
    )
    for text in topic.resolution:
        w.write(text)
    w.write(f"Guanajuato, Gto., a {text_date(d.date)}.", after=6)
    w.heading("ATENTAMENTE")
    for name in d.authors:
        w.write(f"Dip. {name}", align="C", after=1)
    return w.output()


# --- sessions ----------------------------------------------------------------------


def _video_id(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11))


def _sessions(
    files: Files,
    rng: random.Random,
    deputies: list[tuple[str, bool]],
    president: str,
    legis: list[Legislativo],
    parties: dict[str, str],
) -> list[Sesion]:
    used: set[dt.date] = set()
    planned: list[tuple[dt.date, cc.SessionTopic]] = []
    for topic in cc.SESSION_TOPICS:
        date = rng.choice([d for d in WINDOWS[topic.session_type] if d not in used])
        used.add(date)
        planned.append((date, topic))
    planned.sort(key=lambda x: x[0], reverse=True)
    # The live session is the most recent one and a plenary ordinary session.
    live_idx = next(i for i, (_, t) in enumerate(planned) if t.session_type == "ordinaria")
    if live_idx:
        date = planned[0][0] + dt.timedelta(days=1)
        while date.weekday() not in (1, 3):
            date += dt.timedelta(days=1)
        planned.insert(0, (date, planned.pop(live_idx)[1]))
    two_parts = set(rng.sample(range(1, len(planned)), 4))
    initiatives = sorted((d for d in legis if d.doc_type == "iniciativa"), key=lambda d: d.date)
    sessions: list[Sesion] = []
    for i, (date, topic) in enumerate(planned):
        live = i == 0
        title = (
            cc.SESSION_TITLES[topic.session_type].format(chamber=topic.chamber)
            + f" del {text_date(date)}"
        )
        prior = [d for d in initiatives if d.date <= date]
        agenda = _agenda(topic, prior[-1].number if prior else None)
        parts = 2 if i in two_parts else 1
        videos = []
        for p in range(1, parts + 1):
            label = f"Parte {p}" if parts > 1 else "Transmisión completa"
            vid = _video_id(rng)
            videos.append(
                VideoRef(
                    path=f"/video/watch/{vid}.html",
                    platform=PLATFORM,
                    live=live,
                    label=label,
                    video_id=vid,
                    title=f"{title} - {label}",
                )
            )
        path = f"/congreso/sesiones/sesion-{date.isoformat()}.html"
        transcript = (
            None if live else f"/congreso/sesiones/estenograficas/ve-{date.isoformat()}.pdf"
        )
        s = Sesion(
            path=path,
            title=title,
            date=date,
            site="congreso",
            listing_page="",
            distinctive_phrase=topic.phrase,
            congress=CONGRESS,
            jurisdiction=JURISDICTION,
            legislature=LEGISLATURE,
            chamber=topic.chamber,
            session_type=topic.session_type,
            agenda=agenda,
            videos=videos,
            transcript_path=transcript,
        )
        if transcript:
            files[transcript.lstrip("/")] = _transcript(
                rng, s, topic, deputies, president, legis, parties
            )
        files[path.lstrip("/")] = _session_page(s).encode()
        sessions.append(s)
    _listing(
        files,
        sessions,
        _session_item,
        "congreso/sesiones",
        "Sesiones",
        '<p class="introduccion">Sesiones del Pleno, de la Diputación Permanente y reuniones '
        f"de comisiones de la {LEGISLATURE}, de la más reciente a la más antigua.</p>\n"
        '<ul class="lista-sesiones">\n{items}\n</ul>\n',
    )
    return sessions


def _agenda(topic: cc.SessionTopic, initiative: str | None) -> list[str]:
    kind = topic.session_type
    middle: list[str]
    if kind == "ordinaria":
        middle = [cc.AGENDA_MINUTES, cc.AGENDA_MAIL]
        if initiative:
            middle.append(cc.AGENDA_INITIATIVE.format(number=initiative))
        return [*cc.AGENDA_OPENING, *middle, topic.item, *cc.AGENDA_CLOSING]
    if kind == "extraordinaria":
        return [*cc.AGENDA_OPENING, topic.item, "Clausura del periodo extraordinario."]
    if kind == "solemne":
        return [*cc.AGENDA_OPENING, *cc.AGENDA_SOLEMN, topic.item, "Clausura de la sesión solemne."]
    if kind == "comisión":
        return [*cc.AGENDA_OPENING, cc.AGENDA_MINUTES, topic.item, *cc.AGENDA_CLOSING]
    return [*cc.AGENDA_OPENING, cc.AGENDA_MINUTES, cc.AGENDA_MAIL, topic.item, *cc.AGENDA_CLOSING]


def _session_item(s: Sesion) -> str:
    live = ' <span class="sesion-en-vivo">EN VIVO</span>' if any(v.live for v in s.videos) else ""
    return (
        f'<li class="sesion-item"><span class="sesion-fecha">{long_date(s.date)}</span> · '
        f'<span class="sesion-tipo">{esc(s.session_type.capitalize())}</span> · '
        f'<a class="sesion-enlace" href="{s.path}">{esc(s.title)}</a>{live}</li>'
    )


def _session_page(s: Sesion) -> str:
    agenda = "".join(f'<li class="punto-orden">{esc(item)}</li>' for item in s.agenda)
    videos = "".join(
        f'<li class="video"><a class="video-enlace" href="{v.path}">{esc(v.label)}</a> '
        + (
            '<span class="video-estado en-vivo">EN VIVO</span>'
            if v.live
            else '<span class="video-estado grabado">Grabado</span>'
        )
        + "</li>"
        for v in s.videos
    )
    if s.transcript_path:
        transcript = (
            f'<a class="version-estenografica" href="{s.transcript_path}">'
            "Versión estenográfica (PDF)</a>"
        )
    else:
        transcript = (
            '<span class="version-estenografica-pendiente">'
            "Versión estenográfica en elaboración.</span>"
        )
    main = (
        f'<article class="sesion-detalle" data-tipo="{esc(s.session_type)}">\n<h1 '
        f'class="sesion-titulo">{esc(s.title)}</h1>\n<dl class="sesion-datos"><dt>Fecha</dt><dd '
        f'class="sesion-fecha">{long_date(s.date)}</dd><dt>Tipo de sesión</dt><dd '
        f'class="sesion-tipo">{esc(s.session_type.capitalize())}</dd><dt>Órgano</dt><dd '
        f'class="sesion-organo">{esc(s.chamber)}</dd><dt>Legislatura</dt><dd '
        f'class="sesion-legislatura">{esc(s.legislature)}</dd><dt>Congreso</dt><dd '
        f'class="sesion-congreso">{esc(s.congress)}</dd></dl>\n<section '
        f'class="orden-del-dia"><h2>Orden del día</h2><ol>{agenda}</ol></section>\n<section '
        'class="transmisiones"><h2>Transmisión</h2><ul '
        f'class="lista-videos">{videos}</ul></section>\n<section '
        f'class="documentos-sesion"><h2>Documentos</h2><p>{transcript}</p></section>\n</article>'
    )
    crumbs = [
        ("Inicio", "/congreso/index.html"),
        ("Sesiones", "/congreso/sesiones/index.html"),
        (s.title, None),
    ]
    return page(CONGRESO, s.title, main, crumbs)


def _transcript(
    rng: random.Random,
    s: Sesion,
    topic: cc.SessionTopic,
    deputies: list[tuple[str, bool]],
    president: str,
    legis: list[Legislativo],
    parties: dict[str, str],
) -> bytes:
    """The session's versión estenográfica; its turns are recorded in ``s.speeches``.
    Variety (party tags, interruptions from the seat, applause, a recess, a named change
    of presidency) is drawn from a generator of its own, so the shared one draws exactly
    what it always did."""
    extra = random.Random(f"{s.date.isoformat()}-variedad")
    w = PdfWriter(
        f"Versión estenográfica - {s.title}",
        CONGRESS.upper(),
        LEGISLATURE.upper(),
        s.date,
        CONGRESS,
    )
    w.heading("VERSIÓN ESTENOGRÁFICA", size=12, after=1)
    w.heading(s.title.upper(), after=2)
    w.write(
        f"{s.chamber} · {long_date(s.date)} · Presidencia de la diputada {president}",
        align="C",
        after=6,
    )
    chair = president
    item_index = 0
    women = [name for name, female in deputies if female and name != president]
    vice = women[0]

    def record(
        written: str | None, person: str | None, text: str, procedural: bool = False
    ) -> None:
        party = parties.get(person or "")
        s.speeches.append(
            SpeechRef(
                speaker_as_written=written,
                person=person,
                party=party,
                agenda_index=item_index,
                procedural=procedural,
                text=text,
            )
        )

    def say(speaker: str, text: str, person: str | None = None) -> None:
        w.write(f"-{speaker}: {text}")
        if speaker == "La C. Presidenta":
            person = chair
        record(speaker, person, text)

    def stage(text: str) -> None:
        w.write(text)
        record(None, None, text, procedural=True)

    def deputy_says(text: str) -> None:
        name, female = rng.choice(deputies)
        tag = f" ({parties[name]})" if extra.random() < 0.5 else ""
        say(f"{'La diputada' if female else 'El diputado'} {name}{tag}", text, name)

    def interruption() -> None:
        name, female = extra.choice(deputies)
        say(
            f"{'La diputada' if female else 'El diputado'} {name} (desde la curul)",
            "Pido la palabra para una moción de orden, Presidenta.",
            name,
        )
        say("La C. Presidenta", "Adelante, diputada o diputado; se le concede un minuto.")

    def vote() -> None:
        yes = rng.randint(20, 34)
        say("La C. Presidenta", cc.TRANSCRIPT_LINES["vote"][0])
        stage("(Votación)")
        say(
            "La Secretaría",
            cc.TRANSCRIPT_LINES["vote"][1].format(yes=yes, no=rng.randint(0, 36 - yes)),
        )
        say("La C. Presidenta", cc.TRANSCRIPT_LINES["vote"][2])

    for n, item in enumerate(s.agenda, start=1):
        item_index = n - 1
        w.write(f"{n}. {item}", style="B", after=2)
        if item == cc.AGENDA_OPENING[0]:
            hour = rng.randint(10, 12) if s.session_type != "comisión" else rng.randint(9, 16)
            lines = cc.TRANSCRIPT_LINES["open"]
            say("La C. Presidenta", lines[0])
            say("La Secretaría", lines[1].format(present=rng.randint(28, 36)))
            say("La C. Presidenta", lines[2].format(hour=hour, minute=rng.randint(2, 55)))
        elif item in (cc.AGENDA_OPENING[1], cc.AGENDA_MINUTES):
            say(
                "La Secretaría",
                "Se da lectura al documento, que fue distribuido con anticipación por medios "
                "electrónicos.",
            )
            vote()
        elif item == cc.AGENDA_MAIL:
            say(
                "La Secretaría",
                "Se da cuenta con los oficios remitidos por ayuntamientos, dependencias y "
                "particulares, que se turnan a las comisiones correspondientes para su atención.",
            )
        elif item.startswith("Presentación de la "):
            number = item.removeprefix("Presentación de la ").split(",")[0]
            committee = next(
                (d.committee for d in legis if d.number == number and d.committee),
                "comisión competente",
            )
            deputy_says(
                f"Con el permiso de la Presidencia. Presentamos la {number}, cuyo texto íntegro se "
                "publicó en la Gaceta Parlamentaria."
            )
            if extra.random() < 0.6:
                stage("(Aplausos)")
            say("La C. Presidenta", f"Se turna a la {committee} para su estudio y dictamen.")
        elif item == topic.item:
            for j, text in enumerate(topic.speech):
                explicit = topic.speakers[j] if j < len(topic.speakers) else ""
                if explicit:
                    say(explicit, text)
                else:
                    deputy_says(text)
                if j == 0 and extra.random() < 0.5:
                    interruption()
            if s.session_type in ("ordinaria", "extraordinaria") and "Comparecencia" not in item:
                vote()
            if s.session_type == "ordinaria" and extra.random() < 0.4:
                say("La C. Presidenta", "Se decreta un receso de quince minutos.")
                stage("(Se decreta un receso)")
                stage("(Se reanuda la sesión)")
        elif item in cc.AGENDA_SOLEMN:
            say(
                "La C. Presidenta",
                "Se solicita a los presentes ponerse de pie."
                if "Honores" in item
                else rng.choice(cc.GENERAL_REMARKS),
            )
        elif item == cc.AGENDA_CLOSING[0]:
            if extra.random() < 0.5:
                chair = vice
                say(
                    f"La Presidenta diputada {vice}",
                    "Asumo la Presidencia para conducir los asuntos de interés general.",
                    vice,
                )
            for text in rng.sample(cc.GENERAL_REMARKS, rng.randint(1, 3)):
                deputy_says(text)
        else:
            say(
                "La C. Presidenta",
                cc.TRANSCRIPT_LINES["close"][0].format(end_hour=rng.randint(13, 17)),
            )
    return w.output()


def roster(deputies: list[tuple[str, bool]], parties: dict[str, str]) -> str:
    """The legislature's roster as congresses publish it: pipe-delimited, surnames
    first, cells with stray spaces."""
    lines = ["nombre|partido|distrito "]
    for n, (name, _female) in enumerate(deputies, start=1):
        given, first, second = name.rsplit(" ", 2)
        lines.append(f"{first} {second}, {given}|{parties[name]} |{n:02d} ")
    return "\n".join(lines) + "\n"


def _listing(
    files: Files,
    docs: list[Any],
    item: Callable[[Any], str],
    folder: str,
    heading: str,
    body: str,
) -> None:
    """Paginated listing pages of ``docs`` under ``folder``; ``body`` holds ``{items}``."""
    pages = chunks(docs, PER_PAGE)
    for n, group in enumerate(pages, start=1):
        items = "\n".join(item(d) for d in group)
        main = f"<h1>{heading}</h1>" + body.format(items=items) + pagination(n, len(pages))
        rel = f"{folder}/{listing_file(n)}"
        crumbs = [("Inicio", "/congreso/index.html"), (heading, None)]
        files[rel] = page(CONGRESO, f"{heading} - página {n}", main, crumbs).encode()
        for d in group:
            d.listing_page = "/" + rel
