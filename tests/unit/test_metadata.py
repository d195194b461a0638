"""Spanish metadata read from names, titles and a sentence's own text."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.readers.courts import normalise_chamber, normalise_court
from indexer.readers.judgments import read_heading
from indexer.readers.sessions import clean_title, recognise_session
from indexer.readers.signatures import split_signatures
from indexer.readers.videos import canonical_video_url, state_from_text, video_id, video_key


@pytest.mark.parametrize(
    ("written", "court"),
    [
        ("JUZGADO 1o. CIVIL DE PARTIDO DE LEÓN", "Juzgado Primero Civil de Partido de León"),
        ("Jdo. 2o. de lo Penal", "Juzgado Segundo de lo Penal"),
        ("Juzgado Primero Civil de Partido de León", "Juzgado Primero Civil de Partido de León"),
        ("PRIMERA SALA DE LA SUPREMA CORTE DE JUSTICIA DE LA NACIÓN", "Primera Sala de la SCJN"),
        ("Tribunal Pleno", "Pleno de la SCJN"),
        ("Sala Regional Xalapa del Tribunal Electoral del Poder Judicial de la Federación",
         "Sala Regional Xalapa del TEPJF"),
        ("SEGUNDO TRIBUNAL COLEGIADO EN MATERIA PENAL DEL PRIMER CIRCUITO",
         "Segundo Tribunal Colegiado en Materia Penal del Primer Circuito"),
        ("", None),
        # beyond twenty: tribunals of a circuit, circuits up to the Trigésimo Segundo, a
        # city's juzgados; an ordinal before its noun short ("Primer"), after it full
        ("21o. TRIBUNAL COLEGIADO EN MATERIA ADMINISTRATIVA DEL 1er. CIRCUITO",
         "Vigésimo Primer Tribunal Colegiado en Materia Administrativa del Primer Circuito"),
        ("Primer Tribunal Colegiado del 32° Circuito",
         "Primer Tribunal Colegiado del Trigésimo Segundo Circuito"),
        ("23er. Tribunal Colegiado en Materia Civil del 1er. Circuito",
         "Vigésimo Tercer Tribunal Colegiado en Materia Civil del Primer Circuito"),
        ("Tribunal Colegiado del 30o. Circuito", "Tribunal Colegiado del Trigésimo Circuito"),
        ("JUZGADO 42o. DE LO FAMILIAR", "Juzgado Cuadragésimo Segundo de lo Familiar"),
        ("Juzgado 31o. Civil", "Juzgado Trigésimo Primero Civil"),
        ("1er. TRIBUNAL COLEGIADO EN MATERIA CIVIL DEL 3er. CIRCUITO",
         "Primer Tribunal Colegiado en Materia Civil del Tercer Circuito"),
        ("2a. SALA PENAL", "Segunda Sala Penal"),
    ],
)  # fmt: skip
def test_courts_have_one_written_form(written: str, court: str | None) -> None:
    assert normalise_court(written) == court


def test_chambers() -> None:
    assert normalise_chamber("H. Cámara de Diputados") == "Cámara de Diputados"
    assert normalise_chamber("Senado") == "Senado de la República"
    assert normalise_chamber("PLENO") == "Pleno"
    assert normalise_chamber("Comisión de Justicia") == "Comisión de Justicia"
    assert normalise_chamber("COMISIÓN DE HACIENDA Y CRÉDITO PÚBLICO") == (
        "Comisión de Hacienda y Crédito Público"
    )


@pytest.mark.parametrize(
    ("written", "chamber"),
    [("Junta de Coordinación Política de la Cámara de Diputados",
      "Junta de Coordinación Política de la Cámara de Diputados"),
     ("MESA DIRECTIVA DE LA CAMARA DE SENADORES", "Mesa Directiva de la Camara de Senadores"),
     ("Comisión de Justicia de la Cámara de Diputados",
      "Comisión de Justicia de la Cámara de Diputados"),
     # a state congress's own assembly is no federal chamber
     ("Pleno de la Cámara de Diputados del H. Congreso del Estado de Puebla", "Pleno"),
     ("Cámara de Diputados del Congreso de Jalisco", "Cámara de Diputados del Congreso de Jalisco"),
     ("H. Cámara de Diputados del Congreso de la Unión", "Cámara de Diputados")],
)  # fmt: skip
def test_a_body_named_after_its_chamber_is_the_body(written: str, chamber: str) -> None:
    assert normalise_chamber(written) == chamber


@pytest.mark.parametrize(
    ("title", "date", "session_type", "legislature", "chamber"),
    [
        ("🔴 EN VIVO | Sesión Ordinaria de la Cámara de Diputados | martes 18 de febrero de 2025",
         dt.date(2025, 2, 18), "ordinaria", None, "Cámara de Diputados"),
        ("Sesión Extraordinaria del Pleno LXVI Legislatura 05/03/2025",
         dt.date(2025, 3, 5), "extraordinaria", "LXVI", "Pleno"),
        ("Comisión de Hacienda y Crédito Público - Reunión ordinaria 12-03-2025",
         dt.date(2025, 3, 12), "comision", None, "Comisión de Hacienda y Crédito Público"),
        ("Sesión de la Comisión Permanente | 8 de enero de 2025",
         dt.date(2025, 1, 8), "permanente", None, "Comisión Permanente"),
        ("Sesión Solemne | Senado de la República | Sexagésima Sexta Legislatura",
         None, "solemne", "LXVI", "Senado de la República"),
        # a committee named later is not the session's own type
        ("Sesión Ordinaria del Senado de la República | dictámenes de la COMISION DE JUSTICIA",
         None, "ordinaria", None, "Senado de la República"),
        ("SESIÓN PÚBLICA ORDINARIA DEL PLENO, 18/02/2025: acciones de la Comisión Nacional "
         "de los Derechos Humanos", dt.date(2025, 2, 18), "ordinaria", None, "Pleno"),
        ("Reunion extraordinaria de las\nComisiones Unidas de Hacienda 12-03-2025",
         dt.date(2025, 3, 12), "comision", None, "Comisiones Unidas de Hacienda"),
        # the body holding the session, not the chamber its name names
        ("Sesión de la Junta de Coordinación Política de la Cámara de Diputados 12/03/2025",
         dt.date(2025, 3, 12), None, None,
         "Junta de Coordinación Política de la Cámara de Diputados"),
        ("SESION ORDINARIA DEL PLENO DE LA CAMARA DE DIPUTADOS DEL H. CONGRESO DEL ESTADO DE "
         "PUEBLA, 5 DE MARZO DE 2024", dt.date(2024, 3, 5), "ordinaria", None, "Pleno"),
        ("Sesión ordinaria de la Cámara de Diputados | comparecencia ante la Comisión de "
         "Hacienda de la Cámara de Diputados", None, "ordinaria", None, "Cámara de Diputados"),
    ],
)  # fmt: skip
def test_sessions_are_recognised_from_titles(
    title: str, date: dt.date | None, session_type: str, legislature: str | None, chamber: str
) -> None:
    info = recognise_session(title)
    assert info.is_session
    assert (info.date, info.session_type, info.legislature, info.chamber) == (
        date, session_type, legislature, chamber,
    )  # fmt: skip


def test_not_every_video_is_a_session() -> None:
    assert not recognise_session("Conferencia de prensa de la Mesa Directiva").is_session
    assert recognise_session("Sin fecha", dt.date(2025, 1, 8)).date == dt.date(2025, 1, 8)
    assert clean_title("PRÓXIMAMENTE: Sesión Solemne | 20 de febrero de 2025") == (
        "Sesión Solemne | 20 de febrero de 2025"
    )
    assert clean_title("Sesión Ordinaria | 13 de febrero de 2025 | Parte 2") == (
        "Sesión Ordinaria | 13 de febrero de 2025"
    )


def test_videos_have_one_key_whatever_the_link() -> None:
    links = [
        "https://www.youtube.com/watch?v=DipVivo0218&t=30",
        "https://youtu.be/DipVivo0218",
        "https://www.youtube.com/embed/DipVivo0218?autoplay=1",
        "https://www.youtube.com/live/DipVivo0218",
        "https://www.youtube-nocookie.com/embed/DipVivo0218",
    ]
    assert {video_key(link) for link in links} == {"youtube:DipVivo0218"}
    assert canonical_video_url(links[2]) == "https://www.youtube.com/watch?v=DipVivo0218"
    assert video_id("https://www.facebook.com/Congreso/videos/1234567890123/") == "1234567890123"
    assert video_id("https://tv.congreso.example/vivo.m3u8") is None
    assert state_from_text("🔴 Sesión ordinaria") == "live"
    assert state_from_text("EN VIVO | Sesión") == "live"
    assert state_from_text("PRÓXIMAMENTE: Sesión solemne") == "upcoming"
    assert state_from_text("Sesión ordinaria del 13 de febrero") is None


HEADING = """PODER JUDICIAL DEL ESTADO DE GUANAJUATO
JUZGADO PRIMERO CIVIL DE PARTIDO
LEÓN, GUANAJUATO
EXPEDIENTE: 845/2019
SENTENCIA DEFINITIVA
León, Guanajuato, a treinta y uno de enero de dos mil veinticuatro.
V I S T O S los autos, para resolver el expediente 845/2019, relativo al juicio ORDINARIO
CIVIL promovido por ****, en contra de ****; y
R E S U L T A N D O
PRIMERO. Por escrito presentado el doce de marzo de dos mil diecinueve, la actora demandó.
"""


def test_a_sentence_heading_gives_its_metadata() -> None:
    assert read_heading(HEADING) == {
        "court": "Juzgado Primero Civil de Partido",
        "expediente": "845/2019",
        "proceeding": "juicio ordinario civil",
        "matter": "civil",
        "judgment_type": "sentencia definitiva",
        "resolution_date": "2024-01-31",
    }
    scjn = read_heading(
        "AMPARO EN REVISIÓN 1234/2023\nQUEJOSA: ****\nPONENTE: MINISTRA ****\nCiudad de México. "
        "La Primera Sala de la Suprema Corte de Justicia de la Nación, en la sesión "
        "correspondiente al dieciocho de octubre de dos mil veintitrés, emite la siguiente"
    )
    assert scjn["court"] == "Primera Sala de la SCJN"
    assert scjn["expediente"] == "AMPARO EN REVISIÓN 1234/2023"
    assert scjn["matter"] == "amparo"
    assert scjn["resolution_date"] == "2023-10-18"


BODY = "\n".join(["Considerando que la pretensión quedó acreditada con las pruebas."] * 12)
TAIL = """Así lo resolvió y firma la Licenciada MARÍA GÓMEZ LUNA, Jueza Primero Civil, quien
actúa con el Secretario de Acuerdos, que autoriza y da fe. DOY FE.
LIC. MARÍA GÓMEZ LUNA
JUEZA PRIMERO CIVIL
FIRMA ELECTRÓNICA
LIC. JORGE PÉREZ
SECRETARIO DE ACUERDOS
En esta versión pública se suprime la información considerada legalmente como confidencial.
\fEVIDENCIA CRIPTOGRÁFICA · TRANSACCIÓN
Firmante: MARÍA GÓMEZ LUNA
No. serie: 70.6a.66.20.63.6a.66.00.00.00.00.00.00.00.00.00.00.00.12.34
OCSP: OK
Firma: kX9a3fQmZ0pL2e7sV1bN8cR4tY6uW3oI5aS7dF9gH1jK3lZ5xC7vB9nM1qW3eR5tY7u=="""


def test_signatures_and_evidence_are_kept_apart() -> None:
    body, signatures = split_signatures(f"{BODY}\n{TAIL}")
    assert body.endswith("considerada legalmente como confidencial.")
    assert "DOY FE." in body and "FIRMA ELECTRÓNICA" not in body and "OCSP" not in body
    assert signatures.startswith("LIC. MARÍA GÓMEZ LUNA")
    assert "No. serie" in signatures


def test_text_without_signatures_is_left_alone() -> None:
    text = f"{BODY}\nLa firma electrónica avanzada tiene el mismo valor que la autógrafa."
    assert split_signatures(text) == (text, "")
