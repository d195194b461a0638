"""Sentences of other courts and eras read field by field: a circuit court's and a
district judge's SISE public version (page headers repeated, "MAGISTRADO PONENTE:" with
the name on the next line, the closing's "siendo relatora la segunda de los nombrados"),
the SCJN's 1990s and 2000s engroses ("AMPARO DIRECTO EN REVISIÓN 1234/97", "Acuerdo del
Tribunal en Pleno…", "Así lo resolvió la Suprema Corte…, en Pleno"), state salas and
juzgados, the TFJA and the TEPJF ("5. RESOLUTIVO"). Fixtures in
``tests/fixtures/court_shapes``, written on real public versions' structures (names
invented); each is also read without its caption's ponente lines, as a lost Word header
leaves it (``bench/court_shapes_fields.py`` prints the same as a table)."""

from __future__ import annotations

import pytest

from bench.court_shapes_fields import FIELDS, comparable, documents
from indexer.readers.expedientes import expediente_forms, normalise_expediente
from indexer.readers.judgments import read_sentence

DOCUMENTS = documents()


@pytest.mark.parametrize(("name", "text", "want"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_each_field_is_what_the_sentence_states(
    name: str, text: str, want: dict[str, str | None]
) -> None:
    read = read_sentence(text).values
    got = {f: comparable(f, read.get(f)) for f in FIELDS}
    assert got == {f: comparable(f, want.get(f)) for f in FIELDS}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("AMPARO DIRECTO EN REVISIÓN 1234/97.", "ADR 1234/1997"),
     ("Amparo en revisión número 345/05", "AR 345/2005"),
     ("CONTRADICCIÓN DE TESIS 2/97-PL", "CT 2/1997-PL")],
)  # fmt: skip
def test_a_two_digit_year_after_its_type_is_the_case_s_year(written: str, canonical: str) -> None:
    assert normalise_expediente(written) == canonical
    assert written.split()[-1].rstrip(".").lower() in [f.lower() for f in expediente_forms(written)]


@pytest.mark.parametrize(
    "written", ["12/97", "la tesis P./J. 12/97", "amparo directo 12/45", "amparo directo 12/97/3"]
)
def test_a_two_digit_year_alone_or_out_of_range_is_no_case(written: str) -> None:
    assert normalise_expediente(written) == " ".join(written.lower().split())


def test_the_signing_day_in_the_closing_wins_over_the_hearing_s_that_opens_it() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "juzgado_distrito_fecha_al_cierre.txt")
    assert read_sentence(text).values["resolution_date"] == "2018-11-28"
    hearing_only = text.replace(", hoy veintiocho de noviembre de dos mil dieciocho, en que "
                                "lo permitieron las labores de este juzgado", "")  # fmt: skip
    assert read_sentence(hearing_only).values["resolution_date"] == "2018-11-12"


def test_a_case_code_after_juicio_is_no_proceeding_s_name() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sup_rec_acumulados.txt")
    assert "en el juicio ST-JRC-120/2021" in text
    assert read_sentence(text).values["proceeding"] == "recurso de reconsideración"


def test_a_first_point_that_only_joins_cases_leaves_the_outcome_to_the_second() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sup_rec_acumulados.txt")
    assert read_sentence(text).values["ruling"] == "revocar"
    undecided = text.replace("SEGUNDO. Se revoca la sentencia impugnada.", "SEGUNDO. Dese vista.")
    assert "ruling" not in read_sentence(undecided).values


def test_a_closing_after_the_last_point_on_its_line_gives_the_judge() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "nuevo_leon_juzgado_civil_cierre_en_linea.txt")
    assert "personalmente. Así definitivamente juzgando lo resolvió y firma" in text
    assert read_sentence(text).values["ponente"] == "Rocío Treviño Garza"
    # unsigned, right after the order to notify: the judge named after her office
    last = text.index("Así definitivamente")
    notified = text[:last] + (
        "Así lo resolvió la ciudadana Jueza Tercero de Jurisdicción Concurrente del Primer "
        "Distrito Judicial del Estado, licenciada Rocío Treviño Garza, ante el Secretario que "
        "autoriza y da fe.\n"
    )
    assert read_sentence(notified).values["ponente"] == "Rocío Treviño Garza"


@pytest.mark.parametrize(
    "closing",
    [  # a quote of another court's decision after a sentence's end, in the closing part
        "TERCERO. Se condena en costas. Así lo resolvió la Sala responsable, Licenciada Ana "
        "Ruiz Soto, Jueza de origen, en la sentencia reclamada.",
        "TERCERO. Así lo resolvió la licenciada Ana Ruiz Soto, Jueza de origen; se confirma.",
        "TERCERO. Se condena. Asimismo se resolvió la licenciada Ana Ruiz Soto, Jueza…",
    ],
)
def test_a_mid_line_closing_that_neither_signs_nor_follows_the_notice_names_nobody(
    closing: str,
) -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "nuevo_leon_juzgado_civil_cierre_en_linea.txt")
    last = text.index("TERCERO. Notifíquese")
    assert "ponente" not in read_sentence(text[:last] + closing + "\n").values


def _text(name: str) -> str:
    return next(t for n, t, _ in DOCUMENTS if n == name)


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [  # unsigned: the judge's title before her name, her office after it
        ("Así, definitivamente juzgando, lo resolvió la licenciada Patricia Olmos Serrano, "
         "Jueza Segundo de lo Familiar…", "Patricia Olmos Serrano"),
        ("Así lo resolvió el ciudadano licenciado Pedro Ríos Gil, Juez Segundo de lo "
         "Familiar…", "Pedro Ríos Gil"),
        # no title: a body as subject is no person ("la Tercera Sala, Magistrada…")
        ("Así lo resolvió la Segunda Sala Familiar, Magistrada de turno, ante…", None),
        ("Así lo resolvió la Patricia Olmos Serrano, Jueza…", None),
    ],
)  # fmt: skip
def test_a_judge_s_closing_without_y_firma_names_the_judge(
    closing: str, ponente: str | None
) -> None:
    text = _text("juzgado_familiar_cierre_sin_firma.txt")
    head = text[: text.index("Así, definitivamente")]
    assert read_sentence(head + closing + "\n").values.get("ponente") == ponente


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [("lo resolvió y firma el Magistrado de la Tercera Sala Penal del Tribunal Superior de "
      "Justicia del Estado, licenciado Gerardo Bustos Madrigal, ante", "Gerardo Bustos Madrigal"),
     ("lo resolvió la Magistrada de la Décima Sala Penal, Laura Peña Ruiz, quien actúa",
      "Laura Peña Ruiz"),
     # several magistrates and no ponente named: none of them
     ("lo resolvieron los Magistrados de la Tercera Sala Penal, Gerardo Bustos Madrigal, Ana "
      "Ríos Luna y Pedro Gil Mora, ante", None),
     # the office alone, or a place after it: nobody
     ("lo resolvió el Magistrado de la Tercera Sala Penal del Tribunal Superior de Justicia "
      "del Estado, ante", None),
     ("lo resolvió el Magistrado de la Tercera Sala Penal de Guanajuato, Guanajuato, ante",
      None)],
)  # fmt: skip
def test_a_unitary_sala_s_magistrate_named_after_the_office_is_the_ponente(
    closing: str, ponente: str | None
) -> None:
    text = _text("tsj_sala_unitaria_toca_penal.txt")
    signed = "lo resolvió y firma el Magistrado de la Tercera Sala Penal del Tribunal Superior de Justicia del Estado, licenciado Gerardo Bustos Madrigal, ante"  # noqa: E501
    assert signed in text
    assert read_sentence(text.replace(signed, closing)).values.get("ponente") == ponente


@pytest.mark.parametrize(
    ("second", "ruling"),
    [("Se condena al demandado al pago de una pensión alimenticia.", "condenatorio"),
     ("Se absuelve al demandado de las prestaciones reclamadas.", "absolutorio"),
     ("Se decreta la disolución del vínculo matrimonial.", None)],
)  # fmt: skip
def test_a_first_point_that_states_the_way_and_the_proof_leaves_the_outcome_to_the_second(
    second: str, ruling: str | None
) -> None:
    text = _text("juzgado_familiar_cierre_sin_firma.txt")
    first = "SEGUNDO. Se condena al demandado al pago de una pensión alimenticia definitiva equivalente al veinte por ciento de sus percepciones."  # noqa: E501
    assert first in text
    assert read_sentence(text.replace(first, f"SEGUNDO. {second}")).values.get("ruling") == ruling
    # a first point that decides something itself is read, not passed over
    decided = text.replace(
        "PRIMERO. Ha procedido la vía ordinaria civil",
        "PRIMERO. Se confirma la vía ordinaria civil",
    )
    assert read_sentence(decided).values.get("ruling") == "confirmar"


_HEADING = "1o. TRIBUNAL COLEGIADO EN MATERIA DE TRABAJO DEL 3ER. CIRCUITO"
_OPENING = "Acuerdo del Primer Tribunal Colegiado en Materia de Trabajo del Tercer Circuito, correspondiente a la sesión"  # noqa: E501
_CLOSING = "Así lo resolvió el Primer Tribunal Colegiado en Materia de Trabajo del Tercer Circuito"


@pytest.mark.parametrize(
    ("heading", "court"),
    [(_HEADING, "Primer Tribunal Colegiado en Materia de Trabajo del Tercer Circuito"),
     ("13o. TRIBUNAL COLEGIADO EN MATERIA DE TRABAJO DEL 1ER. CIRCUITO",
      "Décimo Tercer Tribunal Colegiado en Materia de Trabajo del Primer Circuito"),
     ("1°. TRIBUNAL COLEGIADO EN MATERIA DE TRABAJO DEL 3er. CIRCUITO",
      "Primer Tribunal Colegiado en Materia de Trabajo del Tercer Circuito"),
     ("TRIBUNAL COLEGIADO EN MATERIA PENAL DEL DÉCIMO PRIMER CIRCUITO",
      "Tribunal Colegiado en Materia Penal del Décimo Primer Circuito")],
)  # fmt: skip
def test_a_circuit_court_s_heading_alone_names_it_whatever_its_ordinals(
    heading: str, court: str
) -> None:
    """Only the letterhead names the court (the opening and the closing say "este
    tribunal"): ordinals in figures or above ten, or none, are the court's own."""
    text = _text("tcc_circuito_ordinal_figura.txt")
    bare = text.replace(_HEADING, heading).replace(_OPENING, "Sesión")
    bare = bare.replace(_CLOSING, "Así lo resolvió este tribunal")
    assert read_sentence(bare).values["court"] == court


def test_a_court_case_or_date_only_cited_is_never_the_sentence_s() -> None:
    """Each shape cites another court's case, date or name in its body; without its own
    caption, opening and closing, the sentence states none and none is read."""
    text = _text("tcc_decimo_tercero_penal.txt")
    assert "el Décimo Primer Tribunal Colegiado en Materia Penal del Primer Circuito, al " in text
    own = "Décimo Tercer Tribunal Colegiado en Materia Penal del Primer Circuito"
    bare = text.replace("AMPARO DIRECTO 456/2023\n", "").replace(
        "juicio de amparo directo 456/2023", "juicio"
    )
    bare = bare.replace(
        f"Acuerdo del {own}, correspondiente a la sesión de nueve de noviembre de dos mil "
        "veintitrés",
        "Sesión",
    )
    bare = bare.replace(f"Este {own}", "Este tribunal").replace(
        f"resolvió el {own}", "resolvió este tribunal"
    )
    values = read_sentence(bare).values
    assert values.get("court") is None
    assert values.get("expediente") is None  # not the amparo directo 88/2021 it cites
    assert values.get("resolution_date") is None  # nor the day that one was resolved


@pytest.mark.parametrize(
    ("name", "old", "new", "proceeding"),
    [  # a juzgado's own juicio in lower case, only by a kind's whole name
        ("juzgado_familiar_cierre_sin_firma.txt", "", "", "juicio de alimentos"),
        ("juzgado_familiar_cierre_sin_firma.txt", "juicio de alimentos", "juicio de la actora",
         None),
        ("juzgado_familiar_cierre_sin_firma.txt", "juicio de alimentos", "juicio oral penal",
         None),
        # its caption's line alone in capitals
        ("nuevo_leon_juzgado_civil_cierre_en_linea.txt", "relativo al juicio ordinario civil",
         "relativo al asunto", "juicio ordinario civil"),
        # "en los autos del juicio ESPECIAL HIPOTECARIO": the juzgado's own
        ("cdmx_juzgado_civil.txt", "", "", "juicio especial hipotecario"),
        # a toca's juicio is the one it comes from: its own kind is the toca
        ("tsj_sala_unitaria_toca_penal.txt", "relativo al recurso de apelación",
         "en los autos del juicio ORDINARIO CIVIL, relativo al recurso de apelación", "toca"),
        # the TFJA numbers a juicio contencioso; a recurso's caption names its kind
        ("tfja_sala_superior.txt", "", "", "juicio contencioso administrativo"),
        ("tdj_pleno_revision.txt", "", "", "recurso de revisión"),
        ("tcc_queja_relatora.txt", "", "", "recurso de queja")],
)  # fmt: skip
def test_the_case_s_kind_is_its_own_never_its_origin_s(
    name: str, old: str, new: str, proceeding: str | None
) -> None:
    text = _text(name)
    assert old in text
    values = read_sentence(text.replace(old, new) if old else text).values
    assert values.get("proceeding") == proceeding


@pytest.mark.parametrize(
    "quote",
    [
        "Así lo resolvió la licenciada Ana Ruiz Soto, Jueza de Control del Sistema Penal "
        "Acusatorio de la Región B, en el auto recurrido, sin fundar su decisión.",
        "Así lo resolvió la Magistrada de la Primera Sala Penal, licenciada Ana Ruiz Soto, en "
        "el toca penal 98/2022.",
    ],
)
def test_an_unsigned_closing_before_the_order_to_notify_is_a_quote_not_the_ponente(
    quote: str,
) -> None:
    """The decision under review quoted in the considerandos as a closing would be:
    where the sentence's own closing names nobody, nobody is read."""
    text = _text("tsj_sala_unitaria_toca_penal.txt")
    point = "PRIMERO. Esta Sala es competente. Los agravios son fundados."
    own = (
        "y firma el Magistrado de la Tercera Sala Penal del Tribunal Superior de Justicia del "
        "Estado, licenciado Gerardo Bustos Madrigal,"
    )
    quoted = text.replace(point, f"{point}\n\n{quote}")
    assert read_sentence(quoted).values["ponente"] == "Gerardo Bustos Madrigal"
    assert "ponente" not in read_sentence(quoted.replace(own, "y firma el Magistrado,")).values


@pytest.mark.parametrize(
    ("label", "proceeding"),
    [("JUICIO: DIVORCIO INCAUSADO", "juicio de divorcio incausado"),
     ("JUICIO: ALIMENTOS", "juicio de alimentos"),
     ("TIPO DE JUICIO: PÉRDIDA DE PATRIA POTESTAD", "juicio de pérdida de patria potestad"),
     ("JUICIO: USUCAPIÓN", "juicio de usucapión"),
     ("JUICIO: ORDINARIO CIVIL", "juicio ordinario civil"),
     ("JUICIO: SUCESORIO INTESTAMENTARIO", "juicio sucesorio intestamentario"),
     ("JUICIO: CONTROVERSIA DEL ORDEN FAMILIAR", "controversia del orden familiar"),
     ("JUICIO: AMPARO DIRECTO", "amparo directo")],
)  # fmt: skip
def test_a_caption_label_s_proceeding_reads_as_captions_write_it(
    label: str, proceeding: str
) -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "edomex_juzgado_familiar.txt")
    assert "JUICIO: DIVORCIO INCAUSADO" in text
    text = text.replace("JUICIO: DIVORCIO INCAUSADO", label).replace(
        "relativo al procedimiento especial de DIVORCIO INCAUSADO, ", ""
    )
    assert read_sentence(text).values["proceeding"] == proceeding


_SM_CLOSING = (
    "la Sala Regional correspondiente a la Segunda Circunscripción Plurinominal, "
    "con sede en Monterrey, Nuevo León"
)


@pytest.mark.parametrize(
    ("members", "sala", "court"),
    [("la magistrada y los magistrados", _SM_CLOSING, "Sala Regional Monterrey del TEPJF"),
     ("las magistradas y los magistrados", "la Sala Regional correspondiente a la Primera "
      "Circunscripción Plurinominal, con sede en Guadalajara, Jalisco",
      "Sala Regional Guadalajara del TEPJF"),
     ("el magistrado y las magistradas", "la Sala Regional correspondiente a la Tercera "
      "Circunscripción Plurinominal, con sede en Xalapa, Veracruz",
      "Sala Regional Xalapa del TEPJF"),
     ("la magistrada y los magistrados", "la Sala Regional correspondiente a la Cuarta "
      "Circunscripción Plurinominal, con sede en la Ciudad de México",
      "Sala Regional Ciudad de México del TEPJF"),
     ("la magistrada y los magistrados", "la Sala Regional correspondiente a la Quinta "
      "Circunscripción Plurinominal, con sede en Toluca de Lerdo, Estado de México",
      "Sala Regional Toluca del TEPJF")],
)  # fmt: skip
def test_a_regional_sala_named_by_its_circunscripcion_in_its_closing_is_the_court(
    members: str, sala: str, court: str
) -> None:
    """The TEPJF's regional salas close naming the whole bench ("la magistrada y los
    magistrados que integran la Sala Regional correspondiente a la … Circunscripción
    Plurinominal, con sede en …"): with no chamber in its number or opening, that names
    the court."""
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sm_rap.txt")
    text = text.replace("SM-RAP-45/2023", "RAP-45/2023").replace(
        "Sentencia de la Sala Regional Monterrey del Tribunal Electoral del Poder Judicial "
        "de la Federación que", "Sentencia que"
    )  # fmt: skip
    closing = f"la magistrada y los magistrados que integran {_SM_CLOSING}"
    assert closing in text
    text = text.replace(closing, f"{members} que integran {sala}")
    assert read_sentence(text).values["court"] == court


def test_a_regional_sala_s_closing_quoted_in_the_reasons_is_not_the_court() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sm_rap.txt")
    text = text.replace("SM-RAP-45/2023", "RAP-45/2023").replace(
        "Sentencia de la Sala Regional Monterrey del Tribunal Electoral del Poder Judicial "
        "de la Federación que", "Sentencia que"
    )  # fmt: skip
    own = text[text.index("Así lo resolvieron") :]
    text = text.replace(own, "Así lo acordó el Secretario General de Acuerdos.\n").replace(
        "3. ESTUDIO DE FONDO\n",
        "3. ESTUDIO DE FONDO\n\nEn el juicio SX-JDC-12/2022 se lee: «Así lo resolvieron, por "
        "unanimidad de votos, la magistrada y los magistrados que integran la Sala Regional "
        "correspondiente a la Tercera Circunscripción Plurinominal, con sede en Xalapa, "
        "Veracruz».\n",
    )
    assert "con sede en Xalapa" in text
    assert read_sentence(text).values.get("court") is None


_SM_DATELINE = "Monterrey, Nuevo León, a doce de octubre de dos mil veintitrés.\n"


@pytest.mark.parametrize(
    "session",
    ["Ciudad de México. Sesión de doce de octubre de dos mil veintitrés.",
     "Monterrey, Nuevo León. Sesión pública de doce de octubre de dos mil veintitrés.",
     "Monterrey, Nuevo León. Sesión pública del día doce de octubre de dos mil veintitrés.",
     "Toluca de Lerdo, Estado de México. Sesión no presencial de doce de octubre de dos mil "
     "veintitrés."],
)  # fmt: skip
def test_the_document_s_own_session_line_gives_its_date(session: str) -> None:
    """A TEPJF sentence's place and session, a sentence apart, in its heading or after its
    closing ("Ciudad de México. Sesión de nueve de noviembre de dos mil veinticuatro")."""
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sm_rap.txt")
    assert _SM_DATELINE in text
    assert (
        read_sentence(text.replace(_SM_DATELINE, f"{session}\n")).values["resolution_date"]
        == "2023-10-12"
    )
    at_the_end = text.replace(_SM_DATELINE, "") + f"\n{session}\n"
    assert read_sentence(at_the_end).values["resolution_date"] == "2023-10-12"


@pytest.mark.parametrize(
    ("heading", "body"),
    [("", "Ciudad de México. Sesión de tres de agosto de dos mil veintidós."),
     ("Sala Superior. Sesión de tres de agosto de dos mil veintidós.", "")],
)  # fmt: skip
def test_a_session_line_cited_or_of_another_sala_gives_no_date(heading: str, body: str) -> None:
    """The same line quoted in the reasons (another sentence's session), or a sala's name
    where the place goes, is no date of the document's own."""
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sm_rap.txt")
    text = text.replace(_SM_DATELINE, f"{heading}\n").replace(
        "3. ESTUDIO DE FONDO\n", f"3. ESTUDIO DE FONDO\n\n{body}\n"
    )
    # the sentence the body cites: its background and reasons name other days only
    assert read_sentence(text).values.get("resolution_date") is None


_JD_CLOSING = (
    "Así lo resolvió la Jueza Primero de Distrito en Materia Administrativa en el Estado de "
    "Nuevo León, Mónica Garza Ibarra, quien"
)


@pytest.mark.parametrize(
    ("closing", "ponente"),
    [("Así lo resolvió la Jueza Mónica Garza Ibarra, quien", "Mónica Garza Ibarra"),
     ("Así lo resolvió el Juez Andrés de la Garza Ibarra, quien",
      "Andrés de la Garza Ibarra"),
     ("Así lo resolvió la Jueza Primero de Distrito, quien", None),
     ("Así lo resolvió la Jueza Titular Mónica Garza, quien", None),
     ("Así lo resolvió la Jueza Mónica, quien", None)],
)  # fmt: skip
def test_a_judge_named_after_a_bare_office_in_the_own_closing_is_the_ponente(
    closing: str, ponente: str | None
) -> None:
    """An unsigned closing after the order to notify, an office without its ordinal and
    then two or more capitalised words that are no court's: the judge; an office's words
    or a single name: nobody."""
    text = next(t for n, t, _ in DOCUMENTS if n == "juzgado_distrito_amparo_456.txt")
    assert _JD_CLOSING in text
    assert read_sentence(text.replace(_JD_CLOSING, closing)).values.get("ponente") == ponente


def test_a_bare_office_s_judge_quoted_before_the_points_is_no_ponente() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "juzgado_distrito_amparo_456.txt")
    own = text[text.index(_JD_CLOSING) :]
    text = text.replace(own, "Así lo acordó el Secretario.\n").replace(
        "Notifíquese personalmente.", ""
    )
    quoted = (
        "En el auto recurrido se lee: «Así lo resolvió la Jueza Laura Peña Ortiz, quien "
        "actúa con secretario». "
    )
    at = text.index("PRIMERO. La Justicia")
    text = text[:at] + quoted + "\n\n" + text[at:]
    assert read_sentence(text).values.get("ponente") is None


def test_the_old_distrito_federal_sala_s_number_names_its_sala_and_proceeding() -> None:
    """SDF- (the fourth circunscripción's sala before it became SCM-): its proceeding
    read from the number, its court by the name it had, the seat after the
    circunscripción winning over today's name; a cited SUP- case is never its own."""
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sdf_jdc_2015.txt")
    values = read_sentence(text.replace("MAGISTRADO: HÉCTOR ROMERO BOLAÑOS\n", "")).values
    assert values.get("court") == "Sala Regional Distrito Federal del TEPJF"
    assert values.get("proceeding", "").startswith("juicio para la protección")
    assert normalise_expediente("SDF-JDC-481/2015") == "SDF-JDC-481/2015"


@pytest.mark.parametrize(
    ("label", "ponente"),
    [("MAGISTRADO: HÉCTOR ROMERO BOLAÑOS", "HÉCTOR ROMERO BOLAÑOS"),
     ("JUEZA: MARÍA LUISA PEÑA ORTIZ", "MARÍA LUISA PEÑA ORTIZ"),
     ("MAGISTRADOS: HÉCTOR ROMERO BOLAÑOS, ANA RUIZ SOTO Y JUAN PÉREZ LÓPEZ", None),
     ("MAGISTRADO: HÉCTOR ROMERO BOLAÑOS Y ANA RUIZ SOTO", None),
     ("JUEZ: PRIMERO DE LO CIVIL", None)],
)  # fmt: skip
def test_a_caption_s_one_magistrate_under_the_bare_office_is_the_ponente(
    label: str, ponente: str | None
) -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sdf_jdc_2015.txt")
    text = text.replace("MAGISTRADO: HÉCTOR ROMERO BOLAÑOS", label)
    assert read_sentence(text).values.get("ponente") == ponente


@pytest.mark.parametrize(
    "closing",
    ["Así lo resolvió y firma el Juez Andrés Martínez López ante la Secretaria",
     "Así lo resolvió y firma el Juez Andrés Martínez López quien actúa con la Secretaria",
     "Así lo resolvió y firma el Juez Andrés Martínez López. Doy fe"],
)  # fmt: skip
def test_a_judge_named_after_the_bare_office_without_a_comma_is_the_ponente(
    closing: str,
) -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "juzgado_civil_juez_ante.txt")
    own = "Así lo resolvió y firma el Juez Andrés Martínez López ante la Secretaria"
    text = text.replace(own, closing)
    assert read_sentence(text).values.get("ponente") == "Andrés Martínez López"


def test_a_judge_cited_without_a_comma_before_the_points_is_no_ponente() -> None:
    text = next(t for n, t, _ in DOCUMENTS if n == "juzgado_civil_juez_ante.txt")
    text = text[: text.index("Así lo resolvió y firma el Juez Andrés")]
    assert "Ricardo Salas Fuentes" in text
    assert read_sentence(text).values.get("ponente") is None


def test_the_fourth_circunscripcion_alone_names_the_sala_of_its_number_s_day() -> None:
    """A closing that names the circunscripción without its seat: the SDF- number's sala
    is the Distrito Federal's (the Ciudad de México's only for an SCM- one)."""
    text = next(t for n, t, _ in DOCUMENTS if n == "tepjf_sdf_jdc_2015.txt")
    text = text.replace(", con sede en el Distrito Federal", "")
    assert read_sentence(text).values.get("court") == "Sala Regional Distrito Federal del TEPJF"
    text = text.replace("SDF-JDC-481/2015", "SCM-JDC-481/2017")
    assert read_sentence(text).values.get("court") == "Sala Regional Ciudad de México del TEPJF"


def test_a_letterhead_s_two_matters_are_the_court_s_the_case_s_kind_gives_its_own() -> None:
    """A juzgado mixto heads its sentences with the matters it hears ("MATERIA: PENAL Y
    CIVIL"): that label is no case's matter (reading its first matter filed a civil
    juicio as penal); the case's kind ("JUICIO: ORDINARIO CIVIL") says which it is."""
    named = [(n, t, w) for n, t, w in DOCUMENTS if "matter" in w]
    assert named
    for name, text, want in named:
        assert read_sentence(text).values.get("matter") == want["matter"], name
