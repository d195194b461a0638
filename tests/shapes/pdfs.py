"""The fixture PDFs: public versions of sentences written for these tests, in the shape
real ones have (court in capitals, labels, place and spelled-out date, ``V I S T O S``,
operative points, signature block, a page of signature evidence).

``python -m tests.shapes.pdfs`` rewrites them (deterministically); the crawl fixtures
link to them. The parties are anonymised (``****``) as in real public versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from tests.shapes.harness import FIXTURES

FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Sentence:
    heading: tuple[str, ...]
    place_date: str
    vistos: str
    topic: str
    resolutivos: tuple[str, ...]
    signers: tuple[tuple[str, str], ...]
    evidence: bool = True
    extra: tuple[str, ...] = field(default=())


def _pdf(pages: list[list[tuple[str, str]]]) -> bytes:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Versión pública")
    pdf.set_auto_page_break(True, margin=20)
    for lines in pages:
        pdf.add_page()
        for style, text in lines:
            size = 8 if style == "small" else 11
            pdf.set_font("Helvetica", "B" if style == "bold" else "", size)
            align = "C" if style in ("bold", "center") else "J"
            pdf.multi_cell(0, 6, text, align=align, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def sentence_pdf(s: Sentence) -> bytes:
    body: list[tuple[str, str]] = [("bold", line) for line in s.heading]
    body += [("plain", s.place_date), ("plain", s.vistos), ("bold", "R E S U L T A N D O")]
    body += [
        ("plain", f"PRIMERO. Por escrito presentado ante este órgano, la parte actora demandó "
                  f"{s.topic}, y ofreció las pruebas que estimó pertinentes."),
        ("plain", "SEGUNDO. Admitida la demanda, se emplazó a la contraparte, quien contestó "
                  "en tiempo; desahogadas las pruebas y formulados los alegatos, se citó a las "
                  "partes para oír sentencia."),
        ("bold", "C O N S I D E R A N D O"),
        ("plain", "PRIMERO. Este órgano es competente para conocer y resolver el presente "
                  "asunto, en términos de la ley orgánica aplicable."),
        ("plain", f"SEGUNDO. La cuestión a resolver consiste en determinar si procede {s.topic}. "
                  "Del análisis de las constancias de autos se advierte que la pretensión se "
                  "encuentra acreditada con las documentales exhibidas y con la confesión "
                  "ficta de la contraparte, valoradas conforme a las reglas de la lógica y la "
                  "experiencia."),
        *(("plain", line) for line in s.extra),
        ("bold", "R E S U E L V E"),
        *(("plain", f"{n}. {text}") for n, text in zip(
            ("PRIMERO", "SEGUNDO", "TERCERO", "CUARTO"), s.resolutivos, strict=False)),
        ("plain", "NOTIFÍQUESE PERSONALMENTE Y CÚMPLASE."),
        ("plain", f"Así lo resolvió y firma {s.signers[0][0]}, {s.signers[0][1]}, quien actúa "
                  f"con {s.signers[1][0]}, {s.signers[1][1]}, que autoriza y da fe. DOY FE."),
    ]  # fmt: skip
    for name, role in s.signers:
        body += [
            ("center", name.upper()),
            ("center", role.upper()),
            ("center", "FIRMA ELECTRÓNICA"),
        ]
    pages = [body]
    if s.evidence:
        signer = s.signers[0][0].upper()
        pages.append([
            ("bold", "EVIDENCIA CRIPTOGRÁFICA · TRANSACCIÓN"),
            ("small", "Archivo firmado: versión pública de la sentencia"),
            ("small", "Autoridad certificadora: Autoridad Certificadora del Poder Judicial"),
            ("small", f"Firmante: {signer}"),
            ("small", "No. serie: 70.6a.66.20.65.73.74.61.64.6f.00.00.00.00.00.00.00.00.41.7b"),
            ("small", "Fecha (UTC / CDMX): 15/03/2023T18:21:33Z / 15/03/2023T12:21:33-06:00"),
            ("small", "Estatus certificado: OK · Revocación: no revocado · OCSP: respuesta válida"),
            ("small", "Firma: Qm9sZXRpbkRlUHJ1ZWJhc0VzdGFkb0FiaWVydG9GaXJtYUVsZWN0cm9uaWNh"),
        ])  # fmt: skip
    return _pdf(pages)


ZAC = "PODER JUDICIAL DEL ESTADO DE ZACATECAS"
JUEZA = ("Licenciada Rosa María Ibarra Solís", "Jueza Segundo de lo Civil")
SECRETARIO = ("Licenciado Héctor Valdez Ruiz", "Secretario de Acuerdos")

PDFS: dict[str, Sentence] = {
    "html_listing/legado-latin1/docs/sentencia 123-2022.pdf": Sentence(
        heading=(ZAC, "JUZGADO SEGUNDO DE LO CIVIL DEL DISTRITO JUDICIAL DE LA CAPITAL",
                 "EXPEDIENTE: 0123/2022", "JUICIO: ORDINARIO CIVIL", "SENTENCIA DEFINITIVA"),
        place_date="Zacatecas, Zacatecas, a quince de marzo de dos mil veintitrés.",
        vistos="V I S T O S los autos del expediente 0123/2022, relativo al juicio ORDINARIO "
               "CIVIL promovido por **** en contra de ****, para dictar sentencia definitiva; y",
        topic="la prescripción positiva de un predio rústico ubicado en Guadalupe",
        resolutivos=("Ha procedido la vía ordinaria civil.",
                     "Se declara que la parte actora ha adquirido por prescripción el predio."),
        signers=(JUEZA, SECRETARIO),
    ),
    "html_listing/legado-latin1/archivo/77.pdf": Sentence(
        heading=(ZAC, "JUZGADO PRIMERO DE LO FAMILIAR DEL DISTRITO JUDICIAL DE FRESNILLO",
                 "EXPEDIENTE: 77/2023", "JUICIO: ORAL FAMILIAR", "SENTENCIA DEFINITIVA"),
        place_date="Fresnillo, Zacatecas, a veinte de abril de dos mil veintitrés.",
        vistos="V I S T O S los autos del expediente 77/2023, relativo al juicio ORAL FAMILIAR "
               "sobre alimentos, promovido por **** en representación de sus menores hijos; y",
        topic="el pago de una pensión alimenticia definitiva",
        resolutivos=("Se condena al demandado al pago de una pensión alimenticia del treinta "
                     "por ciento de sus percepciones.",),
        signers=(("Licenciado Marco Antonio Reyes", "Juez Primero de lo Familiar"), SECRETARIO),
        evidence=False,
    ),
    "html_listing/legado-latin1/archivo/78.pdf": Sentence(
        heading=(ZAC, "SALA CIVIL DEL TRIBUNAL SUPERIOR DE JUSTICIA", "TOCA CIVIL 45/2023",
                 "SENTENCIA DE SEGUNDA INSTANCIA"),
        place_date="Zacatecas, Zacatecas, a dos de mayo de dos mil veintitrés.",
        vistos="V I S T O S para resolver los autos del toca civil 45/2023, formado con motivo "
               "del recurso de apelación interpuesto por **** en contra de la sentencia "
               "definitiva dictada en el juicio ORDINARIO MERCANTIL; y",
        topic="la revocación de la sentencia que absolvió del pago de un pagaré",
        resolutivos=("Se revoca la sentencia apelada.",),
        signers=(("Magistrada Elena Torres Castañeda", "Magistrada Ponente"), SECRETARIO),
    ),
    "html_listing/legado-latin1/archivo/79.pdf": Sentence(
        heading=(ZAC, "JUZGADO TERCERO DE LO PENAL DEL DISTRITO JUDICIAL DE LA CAPITAL",
                 "CAUSA PENAL 210/2021", "SENTENCIA DEFINITIVA"),
        place_date="Zacatecas, Zacatecas, a nueve de junio de dos mil veintitrés.",
        vistos="V I S T O S los autos de la causa penal 210/2021, instruida en contra de **** "
               "por el delito de robo calificado, para dictar sentencia definitiva; y",
        topic="la acreditación del delito de robo calificado",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciado Joaquín Muro Esparza", "Juez Tercero de lo Penal"), SECRETARIO),
    ),
    "html_listing/legado-latin1/docs/sentencia-0456-2022.pdf": Sentence(
        heading=(ZAC, "JUZGADO SEGUNDO DE LO CIVIL DEL DISTRITO JUDICIAL DE LA CAPITAL",
                 "EXPEDIENTE: 456/2022", "JUICIO: EJECUTIVO MERCANTIL", "SENTENCIA DEFINITIVA"),
        place_date="Zacatecas, Zacatecas, a siete de marzo de dos mil veintitrés.",
        vistos="V I S T O S los autos del expediente 456/2022, relativo al juicio EJECUTIVO "
               "MERCANTIL promovido por **** en contra de ****; y",
        topic="el pago de la suerte principal documentada en dos pagarés",
        resolutivos=("Se condena a la parte demandada al pago de la suerte principal.",),
        signers=(JUEZA, SECRETARIO),
    ),
    "html_listing/legado-latin1/docs/sin-datos.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE ZACATECAS",
                 "JUZGADO PRIMERO DE LO MERCANTIL DEL DISTRITO JUDICIAL DE LA CAPITAL"),
        place_date="Zacatecas, Zacatecas, a veintidós de febrero de dos mil veintitrés.",
        vistos="V I S T O S para resolver los autos del expediente número 0988/2022, relativo "
               "al juicio ORAL MERCANTIL promovido por **** en contra de ****, para dictar "
               "sentencia definitiva; y",
        topic="la rescisión de un contrato de prestación de servicios",
        resolutivos=("Se declara rescindido el contrato base de la acción.",),
        signers=(("Licenciada Patricia Luna Haro", "Jueza Primero de lo Mercantil"), SECRETARIO),
    ),
    "html_listing/formulario-post/Archivos/2024/SENT_1501_2023.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE SONORA", "JUZGADO PRIMERO DE PRIMERA INSTANCIA "
                 "DE LO FAMILIAR DE HERMOSILLO", "EXPEDIENTE: 1501/2023",
                 "SENTENCIA DEFINITIVA"),
        place_date="Hermosillo, Sonora, a doce de enero de dos mil veinticuatro.",
        vistos="V I S T O S los autos del expediente 1501/2023, relativo al juicio ORAL "
               "FAMILIAR DE DIVORCIO INCAUSADO promovido por ****; y",
        topic="la disolución del vínculo matrimonial",
        resolutivos=("Se decreta la disolución del vínculo matrimonial.",),
        signers=(("Licenciada Ana Cecilia Duarte", "Jueza Primero de lo Familiar"), SECRETARIO),
    ),
    "html_listing/formulario-post/Archivos/2024/SENT_0087_2023.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE SONORA", "JUZGADO SEGUNDO DE PRIMERA INSTANCIA "
                 "DE LO CIVIL DE CAJEME", "EXPEDIENTE: 87/2023", "SENTENCIA INTERLOCUTORIA"),
        place_date="Ciudad Obregón, Sonora, a treinta de enero de dos mil veinticuatro.",
        vistos="V I S T O S para resolver el incidente de nulidad de actuaciones planteado en "
               "el expediente 87/2023, relativo al juicio SUMARIO CIVIL DE ARRENDAMIENTO; y",
        topic="la nulidad del emplazamiento",
        resolutivos=("Es infundado el incidente de nulidad de actuaciones.",),
        signers=(("Licenciado Ramón Félix Acosta", "Juez Segundo de lo Civil"), SECRETARIO),
        evidence=False,
    ),
    "html_listing/formulario-post/Archivos/2024/SENT_0333_2022.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE SONORA", "JUZGADO PRIMERO ORAL PENAL DE "
                 "HERMOSILLO", "CAUSA PENAL 333/2022", "SENTENCIA DEFINITIVA"),
        place_date="Hermosillo, Sonora, a ocho de febrero de dos mil veinticuatro.",
        vistos="V I S T O S los registros de la causa penal 333/2022, seguida en contra de **** "
               "por el delito de fraude específico; y",
        topic="la acreditación del delito de fraude específico",
        resolutivos=("Se absuelve a la persona acusada.",),
        signers=(("Licenciado Gilberto Ochoa", "Juez de Tribunal de Enjuiciamiento"),
                 ("Licenciada Mónica Vega", "Administradora del Juzgado")),
    ),
    "html_listing/pj-nl-penal/files/2021/03/JOP-118-2020.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "JUZGADO DE CONTROL Y DE JUICIO "
                 "ORAL PENAL DEL ESTADO", "CARPETA JUDICIAL: 118/2020", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a dieciocho de marzo de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 118/2020, seguida por el delito "
               "de robo con violencia; y",
        topic="la acreditación del delito de robo con violencia",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciada **** ****", "Jueza de Juicio Oral Penal"), SECRETARIO),
    ),
    "html_listing/pj-nl-penal/files/2021/03/JOP-051-2019.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "JUZGADO DE CONTROL Y DE JUICIO "
                 "ORAL PENAL DEL ESTADO", "CARPETA JUDICIAL: 51/2019", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a diez de marzo de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 51/2019, seguida por el delito "
               "de lesiones dolosas calificadas; y",
        topic="la acreditación del delito de lesiones dolosas calificadas",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciado **** ****", "Juez de Juicio Oral Penal"), SECRETARIO),
    ),
    "html_listing/pj-nl-penal/files/2021/03/TJO-077-2020.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "TRIBUNAL DE JUICIO ORAL PENAL "
                 "DEL ESTADO", "CARPETA JUDICIAL: 77/2020", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a cuatro de marzo de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 77/2020, seguida por el delito "
               "de homicidio culposo; y",
        topic="la acreditación del delito de homicidio culposo",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciado **** ****", "Juez Presidente del Tribunal"), SECRETARIO),
    ),
    "html_listing/pj-nl-botones/files/2021/04/JOP-204-2020.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "JUZGADO DE CONTROL Y DE JUICIO "
                 "ORAL PENAL DEL ESTADO", "CARPETA JUDICIAL: 204/2020", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a doce de abril de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 204/2020, seguida por el delito "
               "de daño en propiedad ajena; y",
        topic="la acreditación del delito de daño en propiedad ajena",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciada **** ****", "Jueza de Juicio Oral Penal"), SECRETARIO),
    ),
    "html_listing/pj-nl-botones/files/2021/04/JOP-205-2020.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "JUZGADO DE CONTROL Y DE JUICIO "
                 "ORAL PENAL DEL ESTADO", "CARPETA JUDICIAL: 205/2020", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a doce de abril de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 205/2020, seguida por el delito "
               "de daño en propiedad ajena; y",
        topic="la acreditación del delito de daño en propiedad ajena",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciada **** ****", "Jueza de Juicio Oral Penal"), SECRETARIO),
    ),
    "html_listing/pj-nl-botones/files/2021/04/JOP-233-2020.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "JUZGADO DE CONTROL Y DE JUICIO "
                 "ORAL PENAL DEL ESTADO", "CARPETA JUDICIAL: 233/2020", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a catorce de abril de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 233/2020, seguida por el delito "
               "de allanamiento de morada; y",
        topic="la acreditación del delito de allanamiento de morada",
        resolutivos=("Se absuelve a la persona acusada.",),
        signers=(("Licenciado **** ****", "Juez de Juicio Oral Penal"), SECRETARIO),
    ),
    "html_listing/pj-nl-botones/files/2021/04/TJO-019-2021.pdf": Sentence(
        heading=("PODER JUDICIAL DEL ESTADO DE NUEVO LEÓN", "TRIBUNAL DE JUICIO ORAL PENAL "
                 "DEL ESTADO", "CARPETA JUDICIAL: 19/2021", "SENTENCIA DEFINITIVA"),
        place_date="Monterrey, Nuevo León, a veinte de abril de dos mil veintiuno.",
        vistos="V I S T O S los registros de la carpeta judicial 19/2021, seguida por el delito "
               "de extorsión; y",
        topic="la acreditación del delito de extorsión",
        resolutivos=("Se dicta sentencia condenatoria.",),
        signers=(("Licenciado **** ****", "Juez Presidente del Tribunal"), SECRETARIO),
    ),
    "feed/atom-tribunal-electoral/sentencias/SUP-JDC-1234-2024.pdf": Sentence(
        heading=("JUICIO PARA LA PROTECCIÓN DE LOS DERECHOS POLÍTICO-ELECTORALES DE LA "
                 "CIUDADANÍA", "EXPEDIENTE: SUP-JDC-1234/2024", "MAGISTRADA PONENTE: ****"),
        place_date="Ciudad de México, a veinte de marzo de dos mil veinticuatro.",
        vistos="Sentencia de la Sala Superior del Tribunal Electoral del Poder Judicial de la "
               "Federación que revoca el acuerdo impugnado, relativo al registro de una "
               "candidatura; y",
        topic="la revocación del acuerdo que negó el registro de una candidatura",
        resolutivos=("Se revoca el acuerdo impugnado.", "Se ordena emitir uno nuevo."),
        signers=(("Magistrada presidenta ****", "Magistrada Presidenta"),
                 ("Secretaria general de acuerdos ****", "Secretaria General de Acuerdos")),
    ),
    "feed/atom-tribunal-electoral/sentencias/SX-JRC-0045-2024.pdf": Sentence(
        heading=("JUICIO DE REVISIÓN CONSTITUCIONAL ELECTORAL", "EXPEDIENTE: SX-JRC-45/2024"),
        place_date="Xalapa-Enríquez, Veracruz, a dos de abril de dos mil veinticuatro.",
        vistos="Sentencia de la Sala Regional Xalapa del Tribunal Electoral del Poder Judicial "
               "de la Federación que confirma la resolución del tribunal local; y",
        topic="la nulidad de la elección municipal",
        resolutivos=("Se confirma la resolución impugnada.",),
        signers=(("Magistrado ****", "Magistrado Presidente"),
                 ("Secretario ****", "Secretario General de Acuerdos")),
        evidence=False,
    ),
    "json_api/buscador-scjn/archivos/AR-1234-2023.pdf": Sentence(
        heading=("AMPARO EN REVISIÓN 1234/2023", "QUEJOSA Y RECURRENTE: ****",
                 "PONENTE: MINISTRA ****"),
        place_date="Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la "
                   "Nación, en la sesión correspondiente al diecinueve de febrero de dos mil "
                   "veinticinco, emite la siguiente sentencia.",
        vistos="V I S T O S para resolver los autos del amparo en revisión 1234/2023; y",
        topic="la inconstitucionalidad de un precepto de la ley de ingresos municipal",
        resolutivos=("Se revoca la sentencia recurrida.", "La Justicia de la Unión ampara y "
                     "protege a la quejosa."),
        signers=(("Ministra Presidenta ****", "Presidenta de la Primera Sala"),
                 ("Secretario de acuerdos ****", "Secretario de Acuerdos de la Primera Sala")),
    ),
    "json_api/buscador-scjn/archivos/AI-206-2023.pdf": Sentence(
        heading=("ACCIÓN DE INCONSTITUCIONALIDAD 206/2023 Y SU ACUMULADA 208/2023",
                 "PROMOVENTES: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS Y OTRA"),
        place_date="Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la "
                   "Nación, en la sesión correspondiente al dieciocho de febrero de dos mil "
                   "veinticinco, emite la siguiente sentencia.",
        vistos="V I S T O S para resolver los autos de la acción de inconstitucionalidad "
               "206/2023 y su acumulada 208/2023; y",
        topic="la invalidez de diversas disposiciones de una ley de responsabilidad patrimonial",
        resolutivos=("Es procedente y parcialmente fundada la acción.",),
        signers=(("Ministra Presidenta ****", "Presidenta"),
                 ("Secretario general de acuerdos ****", "Secretario General de Acuerdos")),
    ),
    "json_api/buscador-scjn/archivos/ADR-88-2024.pdf": Sentence(
        heading=("AMPARO DIRECTO EN REVISIÓN 88/2024", "RECURRENTE: ****"),
        place_date="Ciudad de México. La Segunda Sala de la Suprema Corte de Justicia de la "
                   "Nación, en la sesión correspondiente al cinco de marzo de dos mil "
                   "veinticinco, emite la siguiente sentencia.",
        vistos="V I S T O S para resolver los autos del amparo directo en revisión 88/2024; y",
        topic="la interpretación directa de un precepto constitucional en materia laboral",
        resolutivos=("Se desecha el recurso de revisión.",),
        signers=(("Ministro Presidente ****", "Presidente de la Segunda Sala"),
                 ("Secretaria de acuerdos ****", "Secretaria de Acuerdos")),
        evidence=False,
    ),
}  # fmt: skip


# Legislative documents: a title in capitals and paragraphs.
_CONSIDERANDOS = (
    "C O N S I D E R A N D O:",
    "PRIMERO. Este órgano es legalmente competente para conocer del presente asunto, en "
    "términos de la Ley de Amparo y de la Ley Orgánica del Poder Judicial de la Federación.",
    "SEGUNDO. Los argumentos planteados se estudian en su conjunto, dada su estrecha "
    "relación, conforme a las constancias de autos que merecen valor probatorio pleno.",
    "TERCERO. Del análisis de las constancias se advierte que asiste razón a la parte "
    "recurrente, pues la autoridad omitió valorar las pruebas ofrecidas en tiempo y forma, "
    "lo que trascendió al sentido del fallo y deja sin defensa a quien las ofreció.",
    "CUARTO. En consecuencia, procede resolver en los términos que se precisan enseguida, "
    "sin que sea necesario el estudio de los demás argumentos planteados.",
)
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "html_listing/gaceta-diputados/PDF/66/2026/jul/20260706-I.pdf": (
        "GACETA PARLAMENTARIA, ANEXO I",
        "Iniciativas recibidas en las sesiones de la Comisión Permanente.",
        "Que reforma el artículo 4o. de la Ley General de Educación, suscrita por "
        "diputados integrantes del Grupo Parlamentario.",
    ),
    "html_listing/gaceta-diputados/PDF/66/2026/jul/20260706-II.PDF": (
        "GACETA PARLAMENTARIA, ANEXO II",
        "Comunicaciones de la Junta de Coordinación Política.",
        "Acuerdo relativo a la integración de comisiones ordinarias.",
    ),
    "html_listing/colegiados-federales/archivos/dc-412-2021.pdf": (
        "PODER JUDICIAL DE LA FEDERACIÓN",
        "PRIMER TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL TERCER CIRCUITO",
        "AMPARO DIRECTO",
        "D.C. 412/2021",
        "QUEJOSA: ****",
        "MAGISTRADO PONENTE: JUAN CARLOS RAMÍREZ GÓMEZ",
        "SECRETARIA: ANA LUCÍA TORRES MEJÍA",
        "Zapopan, Jalisco. Acuerdo del Primer Tribunal Colegiado en Materia Civil del Tercer "
        "Circuito, correspondiente a la sesión de veinte de octubre de dos mil veintidós.",
        "V I S T O S, para resolver, los autos del juicio de amparo directo D.C. 412/2021; y,",
        "R E S U L T A N D O:",
        "PRIMERO. La quejosa promovió juicio de amparo directo contra la sentencia dictada en "
        "el toca 88/2020 por la Cuarta Sala del Supremo Tribunal de Justicia del Estado.",
        *_CONSIDERANDOS,
        "Por lo expuesto y fundado, se resuelve:",
        "ÚNICO. La Justicia de la Unión ampara y protege a la quejosa.",
        "Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del Tercer Circuito, "
        "por unanimidad de votos de los Magistrados Juan Carlos Ramírez Gómez, Elena Ruiz "
        "Soto y Luis Pérez Díaz, siendo ponente el primero de los nombrados.",
    ),
    "html_listing/colegiados-federales/archivos/rf-45-2021.pdf": (
        "DÉCIMO TERCER TRIBUNAL COLEGIADO EN MATERIA",
        "ADMINISTRATIVA DEL PRIMER",
        "CIRCUITO",
        "REVISIÓN FISCAL",
        "R.F. 45/2021",
        "RECURRENTE: ADMINISTRACIÓN DESCONCENTRADA JURÍDICA",
        "MAGISTRADA PONENTE: LAURA MÉNDEZ ORTIZ",
        "Ciudad de México. Acuerdo del Décimo Tercer Tribunal Colegiado en Materia "
        "Administrativa del Primer Circuito, correspondiente a la sesión de once de marzo de "
        "dos mil veintidós.",
        "V I S T O S, para resolver, los autos del recurso de revisión fiscal R.F. 45/2021; y,",
        "R E S U L T A N D O:",
        "PRIMERO. La autoridad demandada interpuso recurso de revisión fiscal contra la "
        "sentencia dictada en el juicio de nulidad 1234/2020 por la Sala Regional.",
        *_CONSIDERANDOS,
        "Por lo expuesto y fundado, se resuelve:",
        "ÚNICO. Es fundado el recurso de revisión fiscal.",
        "Así lo resolvió el Décimo Tercer Tribunal Colegiado en Materia Administrativa del "
        "Primer Circuito, por unanimidad de votos, siendo ponente la Magistrada Laura Méndez "
        "Ortiz.",
    ),
    "html_listing/colegiados-federales/archivos/ccr-15-2023.pdf": (
        "PLENO REGIONAL EN MATERIA PENAL DE LA",
        "REGIÓN CENTRO-SUR, CON RESIDENCIA EN LA CIUDAD DE MÉXICO",
        "CONTRADICCIÓN DE CRITERIOS 15/2023",
        "MAGISTRADO PONENTE: MARIO ALBERTO SOSA VEGA",
        "Ciudad de México. El Pleno Regional en Materia Penal de la Región Centro-Sur, en "
        "sesión correspondiente al nueve de noviembre de dos mil veintitrés, emite la "
        "siguiente sentencia.",
        "V I S T O S, para resolver, los autos de la contradicción de criterios 15/2023; y,",
        "R E S U L T A N D O:",
        "PRIMERO. Se denunció la posible contradicción entre los criterios sustentados por el "
        "Segundo Tribunal Colegiado en Materia Penal del Primer Circuito, al resolver el "
        "amparo en revisión R.P. 100/2022, y el Primer Tribunal Colegiado en Materia Penal del "
        "Segundo Circuito, al resolver el amparo en revisión 55/2022.",
        *_CONSIDERANDOS,
        "Por lo expuesto y fundado, se resuelve:",
        "ÚNICO. Sí existe la contradicción de criterios denunciada.",
    ),
    "html_listing/colegiados-federales/archivos/qp-7-2023.pdf": (
        "SEGUNDO TRIBUNAL COLEGIADO EN MATERIA PENAL",
        "QUEJA PENAL",
        "Q.P. 7/2023",
        "RECURRENTE: ****",
        "Zapopan, Jalisco, a dos de mayo de dos mil veintitrés.",
        "V I S T O S, para resolver, los autos del recurso de queja Q.P. 7/2023; y,",
        "R E S U L T A N D O:",
        "PRIMERO. El recurrente interpuso recurso de queja contra el auto que desechó su "
        "demanda de amparo indirecto.",
        *_CONSIDERANDOS,
        "Por lo expuesto y fundado, se resuelve:",
        "ÚNICO. Es fundado el recurso de queja.",
        "Así lo resolvió el Segundo Tribunal Colegiado en Materia Penal, por unanimidad de votos.",
    ),
    "json_api/scjn-versiones-taquigraficas/archivos/vt-20521.pdf": (
        "VERSIÓN TAQUIGRÁFICA DE LA SESIÓN PÚBLICA DE LA PRIMERA SALA",
        "Ciudad de México, miércoles diecinueve de febrero de dos mil veinticinco.",
        "SEÑORA MINISTRA PRESIDENTA: Se abre la sesión. Secretario, dé cuenta con los asuntos "
        "listados para esta fecha.",
        "SECRETARIO DE ACUERDOS: Amparo directo en revisión 4370/2024, sometido a la "
        "consideración de la Sala.",
    ),
    "json_api/scjn-versiones-taquigraficas/archivos/vt-20522.pdf": (
        "VERSIÓN TAQUIGRÁFICA DE LA SESIÓN PÚBLICA ORDINARIA DEL PLENO",
        "Ciudad de México, martes dieciocho de febrero de dos mil veinticinco.",
        "SEÑORA MINISTRA PRESIDENTA: Se abre la sesión. Declaratoria general de "
        "inconstitucionalidad 12/2022: se somete a votación el proyecto.",
    ),
    "json_api/stj-jalisco/toca/91001/file": (
        "SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO",
        "TOCA 52/2025. SÉPTIMA SALA ESPECIALIZADA EN MATERIA CIVIL.",
        "Guadalajara, Jalisco, veintiuno de marzo de dos mil veinticinco. Se resuelve la "
        "aclaración de sentencia solicitada en el juicio sucesorio.",
    ),
    "json_api/stj-jalisco/toca/91002/file": (
        "SUPREMO TRIBUNAL DE JUSTICIA DEL ESTADO DE JALISCO",
        "TOCA 239/2024. PRIMERA SALA ESPECIALIZADA EN MATERIA PENAL.",
        "Guadalajara, Jalisco, catorce de marzo de dos mil veinticinco. Se ordena reponer el "
        "procedimiento.",
    ),
    "feed/rss-gaceta/anexos/iniciativa-2025-031.pdf": (
        "INICIATIVA CON PROYECTO DE DECRETO POR EL QUE SE REFORMAN DIVERSAS DISPOSICIONES "
        "DE LA LEY DE MOVILIDAD SOSTENIBLE Y ACCESIBILIDAD PARA EL ESTADO DE NUEVO LEÓN",
        "Diputada Laura Garza Treviño y Diputado Mario Salinas Elizondo, integrantes de la "
        "LXXVII Legislatura, con fundamento en la Constitución Política del Estado, "
        "presentamos la siguiente iniciativa.",
        "EXPOSICIÓN DE MOTIVOS. El transporte público metropolitano registra tiempos de "
        "espera crecientes; la reforma propone carriles confinados y tarifas integradas para "
        "personas estudiantes y adultas mayores.",
        "ARTÍCULO ÚNICO. Se reforman los artículos 12 y 48 de la Ley de Movilidad Sostenible "
        "y Accesibilidad para el Estado de Nuevo León.",
    ),
}


def document_pdf(paragraphs: tuple[str, ...]) -> bytes:
    return _pdf([[("bold", paragraphs[0]), *(("plain", p) for p in paragraphs[1:])]])


def main() -> None:
    made = {rel: sentence_pdf(s) for rel, s in PDFS.items()}
    made |= {rel: document_pdf(d) for rel, d in DOCUMENTS.items()}
    for relative, data in made.items():
        path = FIXTURES / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(Path.cwd())}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
