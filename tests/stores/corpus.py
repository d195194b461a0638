"""A small fixed corpus every store must answer about in the same way."""

from __future__ import annotations

import datetime as dt

from indexer.models import Legislativo, Sentencia, Sesion
from indexer.readers.expedientes import expediente_forms, normalise_expediente

GTO = "Poder Judicial del Estado de Guanajuato"
CONGRESO = "Congreso del Estado de Guanajuato"
LONG = "x" * 45  # dropped by the analysers (40+ bytes): leaves a hole in the positions


def sentencia(n: int, text: str, court: str, matter: str, day: dt.date, **extra: str) -> Sentencia:
    expediente = extra.pop("expediente", f"{n}/2023")
    return Sentencia(
        id=f"sen-{n:03d}",
        title=f"Sentencia del expediente {n}/2023",
        date=day,
        institution=GTO,
        jurisdiction="MX-GUA",
        source_id="tribunal-gto",
        url=f"http://127.0.0.1/tribunal/{n}.pdf",
        text=text,
        court=court,
        matter=matter,
        expediente=expediente,
        expediente_normalised=normalise_expediente(expediente),
        expediente_forms=expediente_forms(expediente),
        resolution_date=day,
        **extra,
    )


def corpus() -> list[Sentencia | Sesion | Legislativo]:
    docs: list[Sentencia | Sesion | Legislativo] = [
        sentencia(1, "Se condena al pago por daño moral causado a ****. La decisión es firme.",
                  "Juzgado Primero Civil de León", "civil", dt.date(2023, 3, 7)),
        sentencia(2, "Pensión alimenticia definitiva de la actora; el interés superior de la "
                  "niñez prevalece.", "Juzgado de Oralidad Familiar de Celaya", "familiar",
                  dt.date(2023, 5, 2), expediente="Toca Familiar 133/2021",
                  ponente="Magistrada María Elena Ruiz"),
        sentencia(3, "Las sentencias penales se notificarán. Robo calificado, decisiones firmes.",
                  "Sala Penal", "penal", dt.date(2024, 1, 15), ponente="Magistrado José Pérez",
                  ruling="confirma"),
        sentencia(4, "Prescripción positiva del inmueble; constitucionalidad del artículo 1135.",
                  "Juzgado Primero Civil de León", "civil", dt.date(2024, 6, 30),
                  expediente="Amparo en Revisión 1234/2023", ruling="confirma"),
        sentencia(5, "Texto con <script>alert('x')</script> incrustado y daño material.",
                  "Sala Penal", "penal", dt.date(2024, 9, 9), expediente="Expediente 881/2023",
                  ruling="revocó"),
        Sesion(
            id="ses-001", title="Sesión ordinaria del 18 de febrero de 2025",
            date=dt.date(2025, 2, 18), institution=CONGRESO, jurisdiction="MX-GUA",
            source_id="congreso-gto", url="http://127.0.0.1/congreso/s1.html",
            text="Orden del día: lectura del acta; iniciativa en materia de agua potable.",
            congress=CONGRESO, legislature="LXVI", session_type="ordinaria", chamber="Pleno",
        ),
        Sesion(
            id="ses-002", title="Sesión solemne del 1 de marzo de 2025",
            date=dt.date(2025, 3, 1), institution=CONGRESO, jurisdiction="MX-GUA",
            source_id="congreso-gto", url="http://127.0.0.1/congreso/s2.html",
            text="Entrega de la medalla al mérito; honores a la bandera.",
            congress=CONGRESO, legislature="LXVI", session_type="solemne",
        ),
        Legislativo(
            id="leg-001", title="Iniciativa de reforma a la Ley de Aguas",
            date=dt.date(2025, 2, 10), institution=CONGRESO, jurisdiction="MX-GUA",
            source_id="congreso-gto", url="http://127.0.0.1/congreso/i1.html",
            text="Se propone reformar la ley para garantizar el derecho humano al agua.",
            doc_type="iniciativa", number="12/LXVI", legislature="LXVI",
            authors=["Dip. Ana López"], committee="Comisión de Medio Ambiente",
        ),
        Legislativo(
            id="leg-002", title="Dictamen sobre la Ley de Transparencia",
            date=dt.date(2025, 4, 3), institution=CONGRESO, jurisdiction="MX-GUA",
            source_id="congreso-gto", url="http://127.0.0.1/congreso/d1.html",
            text="La comisión dictamina en sentido positivo la iniciativa de transparencia.",
            doc_type="dictamen", number="4/LXVI", legislature="LXVI",
            committee="Comisión de Gobernación",
        ),
        Legislativo(
            id="leg-003", title="Proposición con punto de acuerdo sobre medicamentos",
            date=dt.date(2025, 5, 20), institution="Cámara de Diputados", jurisdiction="MX",
            source_id="diputados", url="http://127.0.0.1/diputados/p1.html",
            text="Se exhorta a la Secretaría de Salud a garantizar el abasto de medicamentos.",
            doc_type="punto_de_acuerdo", legislature="LXVI",
        ),
    ]  # fmt: skip
    return docs


def phrase_corpus() -> list[Sentencia]:
    """Exact phrases at their edges: a dropped long word, punctuation, plurals and
    accents, a repeated word, the phrase only in the title or in the metadata, a longer
    phrase's words all there but not together."""
    return [
        sentencia(901, f"Condena por daño {LONG} moral sin más.", "Sala Civil", "civil",
                  dt.date(2023, 1, 1)),
        sentencia(902, "Reclama el daño, moral y material; no hay más.", "Sala Civil", "civil",
                  dt.date(2023, 1, 2)),
        sentencia(903, "DAÑOS MORALES reclamados por la actora.", "Sala Penal", "penal",
                  dt.date(2023, 1, 3)),
        sentencia(904, f"pago del daño {LONG} daño moral causado", "Sala Penal", "penal",
                  dt.date(2023, 1, 4)),
        sentencia(905, f"el pago del {LONG} del daño", "Sala Civil", "civil",
                  dt.date(2023, 1, 5)),
        sentencia(906, "Texto sin la frase buscada.", "Sala Civil", "civil", dt.date(2023, 1, 6)
                  ).model_copy(update={"title": "Recurso por daño moral agravado"}),
        sentencia(907, "daño daño daño moral moral", "Sala Civil", "civil", dt.date(2023, 1, 7)),
        sentencia(908, "Resolución sobre el agravio.", "Juzgado de Daño Moral Especial", "civil",
                  dt.date(2023, 1, 8)),
        sentencia(909, f"Atiende al interés superior de {LONG} la niñez.", "Sala Civil", "civil",
                  dt.date(2023, 1, 9)),
        sentencia(910, "Vela por el interés superior de la niñez.", "Sala Civil", "civil",
                  dt.date(2023, 1, 10)),
        sentencia(911, "El pago del saldo y el daño moral.", "Sala Civil", "civil",
                  dt.date(2023, 1, 11)),
    ]  # fmt: skip
