"""A thesis of the Semanario Judicial de la Federación (its page at sjf2.scjn.gob.mx or
its PDF) read by the sentence reader: it is no sentence. Its precedent's case number,
date, ponente and secretario, and the proceeding the precedent was, are not its own; the
court that issued it and its matter (when it lists one alone) are. Modelled on the
Semanario's layout: the registry and kind labels at the top (the Undécima Época's
"Registro digital:" / "Tipo:", the older "Registro:" / "Tipo de Tesis:"), the rubro, the
text, and the precedents with "Ponente:" and "Secretario:"."""

from __future__ import annotations

from indexer.readers.judgments import read_sentence

ISOLATED = """Registro digital: 2025987
Instancia: Tribunales Colegiados de Circuito
Undécima Época
Materias(s): Penal
Tesis: I.9o.P.345 P (11a.)
Fuente: Gaceta del Semanario Judicial de la Federación.
Tipo: Aislada

PRISIÓN PREVENTIVA OFICIOSA. SU REVISIÓN PROCEDE AUN CUANDO NO LA SOLICITE LA DEFENSA.

Hechos: El quejoso promovió juicio de amparo indirecto contra la negativa del Juez de
Control de revisar la medida cautelar que le fue impuesta.

Criterio jurídico: Este Tribunal Colegiado de Circuito determina que la revisión de la
medida procede de oficio.

NOVENO TRIBUNAL COLEGIADO EN MATERIA PENAL DEL PRIMER CIRCUITO.

Amparo en revisión 234/2021. 10 de junio de 2022. Unanimidad de votos. Ponente: Miguel
Enrique Sánchez Frías. Secretaria: Elizabeth Franco Cervantes.

Esta tesis se publicó el viernes 26 de agosto de 2022 a las 10:34 horas en el Semanario
Judicial de la Federación.
"""

JURISPRUDENCE = """Época: Décima Época
Registro: 2019876
Instancia: Segunda Sala
Tipo de Tesis: Jurisprudencia
Fuente: Gaceta del Semanario Judicial de la Federación
Libro 65, Abril de 2019, Tomo II
Materia(s): Laboral
Tesis: 2a./J. 45/2019 (10a.)
Página: 1234

TRABAJADORES AL SERVICIO DEL ESTADO. EL PLAZO PARA DEMANDAR LA REINSTALACIÓN.

Contradicción de tesis 321/2018. Entre las sustentadas por el Primer Tribunal Colegiado en
Materia de Trabajo del Tercer Circuito y el Segundo Tribunal Colegiado del Vigésimo
Circuito. 13 de febrero de 2019. Cinco votos de los Ministros Alberto Pérez Dayán, Javier
Laynez Potisek, José Fernando Franco González Salas, Margarita Beatriz Luna Ramos y Eduardo
Medina Mora I. Ponente: Javier Laynez Potisek. Secretario: Juan Pablo Gómez Fierro.

Tesis de jurisprudencia 45/2019 (10a.). Aprobada por la Segunda Sala de este Alto Tribunal,
en sesión privada del veinte de marzo de dos mil diecinueve.
"""

PRECEDENT_FIELDS = ("expediente", "proceeding", "resolution_date", "ponente", "secretario",
                    "ruling", "judgment_type")  # fmt: skip


def test_an_isolated_thesis_keeps_its_court_and_matter_not_its_precedents_case() -> None:
    values = read_sentence(ISOLATED).values
    assert values.get("court") == "Noveno Tribunal Colegiado en Materia Penal del Primer Circuito"
    assert values.get("matter") == "penal"  # its "Materia(s):", not the precedent's amparo
    assert not set(PRECEDENT_FIELDS) & set(values), values


def test_a_jurisprudence_of_a_sala_is_the_salas_in_its_matter() -> None:
    values = read_sentence(JURISPRUDENCE).values
    assert values.get("court") == "Segunda Sala de la SCJN"
    assert values.get("matter") == "laboral"
    assert not set(PRECEDENT_FIELDS) & set(values), values


def test_several_matters_are_unsure() -> None:
    text = JURISPRUDENCE.replace("Materia(s): Laboral", "Materia(s): Constitucional, Laboral")
    assert "matter" not in read_sentence(text).values
