"""Sentence captions as damaged copies and other courts give them: a case type's word split
at a line's end by a scan ("AMPARO DIRECTO EN REVI-⏎SIÓN"), a page's footer between a
name's lines, a name split at its line's end, the engrose's approval marks run into the
labels' line ("VISTO BUENO SR. MINISTRO PONENTE: …", "COTEJÓ SECRETARIA: …"), a label's
two-digit year ("TOCA: 123/24") and a state court's honorific ("del H. Tribunal…").

Each reading is right or none: a name cut short, a split word kept with its hyphen or the
shorter case type ("amparo directo" for an amparo directo en revisión) is a wrong value."""

import pytest

from indexer.readers.judgments import read_court, read_expediente, read_sentence

OPENING = (
    "\n\nCiudad de México. Acuerdo de la Primera Sala de la Suprema Corte de Justicia de la "
    "Nación, correspondiente a la sesión del seis de marzo de dos mil veinticuatro, en el "
    "que se emite la siguiente sentencia.\n\nV I S T O S para resolver los autos, y\n\n"
    "RESULTANDO:\n\nPRIMERO. Por escrito presentado el tres de marzo de dos mil veintitrés, "
    "la parte quejosa promovió juicio de amparo.\n\n"
)
BODY = (
    "Esta Sala estima que el agravio es infundado, conforme a las consideraciones que "
    "siguen y a lo dispuesto en el artículo 14 de la Constitución.\n\n"
) * 60
POINTS = "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se desecha el recurso de revisión.\n"


def _sentence(caption: str, closing: str = "") -> str:
    return caption + OPENING + BODY + POINTS + closing


def _values(text: str) -> dict[str, str]:
    return read_sentence(text).values


# --- a case type's word split at the caption line's end -------------------------------


@pytest.mark.parametrize(
    ("caption", "expediente", "proceeding"),
    [
        (
            "AMPARO DIRECTO EN REVI-\nSIÓN 2345/2023\nQUEJOSO: ********",
            "AMPARO DIRECTO EN REVISIÓN 2345/2023",
            "amparo directo en revisión",
        ),
        (
            "ACCIÓN DE INCONSTITUCIONA-\nLIDAD 45/2023\nPROMOVENTE: [ELIMINADO]",
            "ACCIÓN DE INCONSTITUCIONALIDAD 45/2023",
            "acción de inconstitucionalidad",
        ),
        (
            "CONTROVERSIA CONSTITU-\nCIONAL 210/2023\nACTOR: MUNICIPIO DE XXXXX",
            "CONTROVERSIA CONSTITUCIONAL 210/2023",
            "controversia constitucional",
        ),
    ],
)
def test_a_case_type_split_at_the_line_end_is_read_whole(
    caption: str, expediente: str, proceeding: str
) -> None:
    values = _values(_sentence(caption))
    assert values.get("expediente") == expediente
    assert values.get("proceeding") == proceeding


def test_a_split_word_that_completes_no_case_type_is_left_alone() -> None:
    # a compound name's hyphen at the line's end is no case type's word: not joined (the
    # amparo directo en revisión is still read from its own line)
    text = _sentence(
        "AMPARO DIRECTO EN REVISIÓN 2345/2023\nQUEJOSA: SOCIEDAD CENTRO-\nSUR, S.A. DE C.V."
    )
    values = _values(text)
    assert values.get("expediente") == "AMPARO DIRECTO EN REVISIÓN 2345/2023"
    assert values.get("proceeding") == "amparo directo en revisión"


# --- a page's footer inside the caption; a name split at the line's end ----------------

CASE = "AMPARO DIRECTO EN REVISIÓN 555/2024\nQUEJOSA: ********\n"


@pytest.mark.parametrize(
    ("caption", "ponente", "secretario"),
    [
        (
            "PONENTE: MINISTRA ANA MARGARITA\nPÁGINA 1 DE 40\nRÍOS FARJAT\n"
            "SECRETARIO: JUAN CARLOS MÉNDEZ",
            "MINISTRA ANA MARGARITA RÍOS FARJAT",
            "JUAN CARLOS MÉNDEZ",
        ),
        (
            "PONENTE: MINISTRO JORGE MARIO PARDO\n- 2 -\nREBOLLEDO\nSECRETARIA: ANA LÓPEZ RUIZ",
            "MINISTRO JORGE MARIO PARDO REBOLLEDO",
            "ANA LÓPEZ RUIZ",
        ),
        (
            "PONENTE: Ministro Jorge Mario Pardo Rebo-\nlledo\nSECRETARIA: Ana López Ruiz",
            "Ministro Jorge Mario Pardo Rebolledo",
            "Ana López Ruiz",
        ),
    ],
)
def test_a_page_footer_or_a_split_word_does_not_cut_the_name(
    caption: str, ponente: str, secretario: str
) -> None:
    values = _values(_sentence(CASE + caption))
    assert values.get("ponente") == ponente
    assert values.get("secretario") == secretario


@pytest.mark.parametrize(
    "caption",
    [
        # in capitals a split word and a compound surname look alike: none, never
        # "PARDO REBO- LLEDO"
        "PONENTE: MINISTRO JORGE MARIO PARDO REBO-\nLLEDO\nSECRETARIO: JUAN PÉREZ",
        # the rest of the name is not there
        "PONENTE: MINISTRO JORGE MARIO PARDO REBO-\nSECRETARIO: JUAN PÉREZ",
    ],
)
def test_a_name_split_in_capitals_gives_no_ponente(caption: str) -> None:
    values = _values(_sentence(CASE + caption))
    assert values.get("ponente") is None
    assert values.get("secretario") == "JUAN PÉREZ"


def test_a_label_with_its_value_on_the_next_line_keeps_a_bare_figure() -> None:
    # "TOCA:⏎45" is the label's value, no page number: the caption's lines pair as ever
    text = _sentence("TOCA:\n- 45 -\nPONENTE: MAGISTRADO JUAN PÉREZ LÓPEZ\n")
    assert _values(text).get("ponente") == "MAGISTRADO JUAN PÉREZ LÓPEZ"


# --- the engrose's approval marks run into the labels' line -----------------------------


@pytest.mark.parametrize(
    ("caption", "ponente", "secretario"),
    [
        (
            "VISTO BUENO SR. MINISTRO PONENTE: JORGE MARIO PARDO REBOLLEDO\n"
            "COTEJÓ SECRETARIA: MERCEDES SÁNCHEZ MIGUEZ",
            "JORGE MARIO PARDO REBOLLEDO",
            "MERCEDES SÁNCHEZ MIGUEZ",
        ),
        (
            "Visto bueno srA. ministrA PONENTE: MINISTRA YASMÍN ESQUIVEL MOSSA COTEJÓ "
            "SECRETARIO: MAURICIO TAPIA MALTOS",
            "MINISTRA YASMÍN ESQUIVEL MOSSA",
            "MAURICIO TAPIA MALTOS",
        ),
        (
            "VO. BO. SR. MINISTRO\nPONENTE: MINISTRO JAVIER LAYNEZ POTISEK\n"
            "COTEJÓ: SECRETARIA DE ESTUDIO Y CUENTA: PAULA MÉNDEZ AZUELA",
            "MINISTRO JAVIER LAYNEZ POTISEK",
            "PAULA MÉNDEZ AZUELA",
        ),
        (
            "PONENTE: MINISTRO JAVIER LAYNEZ POTISEK VO. BO.\nSECRETARIA: PAULA MÉNDEZ AZUELA",
            "MINISTRO JAVIER LAYNEZ POTISEK",
            "PAULA MÉNDEZ AZUELA",
        ),
    ],
)
def test_the_approval_marks_on_the_labels_line(caption: str, ponente: str, secretario: str) -> None:
    values = _values(_sentence(CASE + caption))
    assert values.get("ponente") == ponente
    assert values.get("secretario") == secretario


def test_an_approval_without_a_label_names_no_ponente() -> None:
    # the Ministro who gives the visto bueno is not said to be the ponente: none
    text = _sentence(CASE + "VISTO BUENO\nSR. MINISTRO\nJAVIER LAYNEZ POTISEK\n")
    assert _values(text).get("ponente") is None


# --- a label's two-digit year ------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "expediente", "key"),
    [
        ("TOCA: 123/24", "Toca 123/24", "Toca 123/2024"),
        ("TOCA PENAL NÚMERO: 45/97-B", "Toca Penal 45/97-B", "Toca 45/1997-B"),
        ("JUICIO DE AMPARO: 1234/23-III", "JUICIO DE AMPARO 1234/23-III", "AMP 1234/2023-III"),
        ("CAUSA PENAL: 45/22", "Causa Penal 45/22", "Causa Penal 45/2022"),
    ],
)
def test_a_labelled_number_with_a_two_digit_year(caption: str, expediente: str, key: str) -> None:
    from indexer.readers.expedientes import normalise_expediente

    text = (
        caption
        + "\nQUEJOSO: ********\n\nGuadalajara, Jalisco, a dos de agosto de dos mil veinticuatro.\n"
    )
    found = read_expediente(text)
    assert found is not None
    assert found[0] == expediente
    assert normalise_expediente(found[0]) == key


@pytest.mark.parametrize("caption", ["TOCA: 12/35", "FECHA: 12/03", "EXPEDIENTE: 3/40"])
def test_a_two_digit_year_that_is_no_case_gives_none(caption: str) -> None:
    # 1935 is before any number read so; a bare "12/03" may be a date, "3/40" a page
    tail = "\n\nGuadalajara, Jalisco, a dos de agosto de dos mil veinticuatro.\n"
    assert read_expediente(caption + tail) is None


# --- a state court's honorific in its closing ----------------------------------------------


@pytest.mark.parametrize(
    ("closing", "court"),
    [
        (
            "Así lo resolvió la Segunda Sala Unitaria Penal del H. Tribunal Superior de "
            "Justicia del Estado de Tamaulipas, por unanimidad.",
            "Segunda Sala Unitaria Penal del H. Tribunal Superior de Justicia del Estado de "
            "Tamaulipas",
        ),
        (
            "Así lo resolvió la Décima Sala del Honorable Supremo Tribunal de Justicia del "
            "Estado de Jalisco. Notifíquese.",
            "Décima Sala del Honorable Supremo Tribunal de Justicia del Estado de Jalisco",
        ),
    ],
)
def test_an_honorific_is_no_end_of_the_courts_name(closing: str, court: str) -> None:
    text = "TOCA PENAL 12/2024\n\n" + BODY + POINTS + "\n" + closing
    found = read_court(text)
    assert found is not None
    assert found[0] == court  # never "Segunda Sala Unitaria Penal del H"


# --- a state court's juicio named by its kind on the number's line ----------------------

JUZGADO = (
    "\nACTOR: ********\nDEMANDADO: ********\n\nMonterrey, Nuevo León, a quince de enero de dos "
    "mil veinticuatro.\n\nVistos para dictar sentencia definitiva los autos del juicio, y\n\n"
    "RESULTANDO:\n\nPRIMERO. Por escrito presentado el tres de marzo de dos mil veintitrés, "
    "la parte actora promovió juicio.\n"
)


@pytest.mark.parametrize(
    ("caption", "expediente", "key"),
    [
        ("JUICIO ORDINARIO CIVIL: 345/2023", "JUICIO ORDINARIO CIVIL 345/2023", "345/2023"),
        ("JUICIO ORAL MERCANTIL 77/2023", "JUICIO ORAL MERCANTIL 77/2023", "77/2023"),
        ("JUICIO ADMINISTRATIVO NÚMERO: 12/2024.", "JUICIO ADMINISTRATIVO 12/2024", "12/2024"),
    ],
)
def test_a_juicio_named_by_its_kind_with_its_number(
    caption: str, expediente: str, key: str
) -> None:
    from indexer.readers.expedientes import normalise_expediente

    found = read_expediente(caption + JUZGADO)
    assert found is not None
    assert found[0] == expediente
    assert normalise_expediente(found[0]) == key


@pytest.mark.parametrize(
    ("caption", "expediente"),
    [
        # an appeal's caption names the first instance's juicio: the toca is the case
        ("TOCA CIVIL 12/2024\nJUICIO ORDINARIO CIVIL: 345/2023", "TOCA CIVIL 12/2024"),
        ("TOCA: 12/24\nJUICIO ORDINARIO CIVIL: 345/2023", "Toca 12/24"),
        # an amparo's caption names the juicio it comes from: the amparo is the case
        ("AMPARO DIRECTO 45/2024\nJUICIO ORDINARIO CIVIL: 345/2023", "AMPARO DIRECTO 45/2024"),
        # a labelled expediente is the case, the juicio's kind a line of its own
        ("JUICIO ORDINARIO CIVIL: 345/2023\nEXPEDIENTE: 346/2023", "346/2023"),
    ],
)
def test_the_juicio_of_another_case_is_not_the_own(caption: str, expediente: str) -> None:
    found = read_expediente(caption + JUZGADO)
    assert found is not None
    assert found[0] == expediente


# --- a juzgado's opening without "en": "Vistos para dictar sentencia definitiva los autos…"

VISTOS = (
    "ACTOR: ********\n\nMonterrey, Nuevo León, a quince de enero de dos mil veinticuatro.\n\n"
    "Vistos para dictar sentencia definitiva los autos del expediente 999/2023, relativo al "
    "juicio ordinario civil promovido por ********, y\n\nRESULTANDO:\n\nPRIMERO. Por escrito "
    "presentado el tres de marzo de dos mil veintitrés, la parte actora promovió juicio.\n"
)


def test_the_opening_without_en_says_the_case() -> None:
    found = read_expediente(VISTOS)
    assert found is not None
    assert found[0] == "999/2023"


@pytest.mark.parametrize(
    "caption", ["EXPEDIENTE: 345/2023\n", "JUICIO ORDINARIO CIVIL: 345/2023\n"]
)
def test_a_caption_the_opening_contradicts_gives_none(caption: str) -> None:
    # the caption says 345/2023, the opening 999/2023: unsure which, none
    assert read_expediente(caption + VISTOS) is None


# --- a longer case type's name broken by a scan or a wrong encoding ----------------------


@pytest.mark.parametrize(
    "caption",
    [
        "AMPARO DIRECTO EN REVISIÃ“N 1309/2023",  # UTF-8 read as Windows-1252
        "AMPARO DIRECTO EN REVISI?N 1309/2023",  # the accent lost to a "?"
        "AMPARO DIRECTO EN REVISI\ufffdN 1309/2023",  # … to the replacement character
        "AMPARO DIRECTO EN REVISI N 1309/2023",  # … to nothing
        "AMPARO DIRECTO EN REVISlÓN 1309/2023",  # a scan's "l" for an "I"
        "JUICIO DE AMPARO DIR?CTO 12/2024",
    ],
)
def test_a_broken_longer_type_is_not_read_as_the_shorter(caption: str) -> None:
    # never "amparo directo" (AD 1309/2023, another case) nor "amparo indirecto"
    text = caption + "\nQUEJOSA: ********" + OPENING
    values = _values(text)
    assert values.get("expediente") is None
    assert values.get("proceeding") is None


def test_a_broken_caption_with_a_whole_opening_reads_the_opening() -> None:
    text = "AMPARO DIRECTO EN REVISIÃ“N 1309/2023\nQUEJOSA: ********" + OPENING.replace(
        "los autos, y", "los autos del amparo directo en revisión 1309/2023, y"
    )
    values = _values(text)
    assert values.get("expediente") == "amparo directo en revisión 1309/2023"
    assert values.get("proceeding") == "amparo directo en revisión"


@pytest.mark.parametrize(
    ("caption", "proceeding"),
    [
        ("AMPARO DIRECTO 12/2023", "amparo directo"),
        ("AMPARO DIRECTO EN MATERIA CIVIL 12/2023", "amparo directo"),
        ("JUICIO DE AMPARO 12/2024", "amparo indirecto"),
        ("AMPARO DIRECTO EN REVISION 1309/2023", "amparo directo en revisión"),
    ],
)
def test_a_whole_type_still_reads(caption: str, proceeding: str) -> None:
    values = _values(caption + "\nQUEJOSA: ********" + OPENING)
    assert values.get("proceeding") == proceeding


# --- a caption's names whose accents a wrong encoding broke ------------------------------

BROKEN_CASE = "ACCIÃ“N DE INCONSTITUCIONALIDAD 29/2024\nPROMOVENTE: ********\n"


@pytest.mark.parametrize(
    ("caption", "secretario"),
    [
        # UTF-8 read as Windows-1252: each broken pair is one letter's, put back
        ("SECRETARIA: PAULA XIMENA MÃ‰NDEZ AZUELA", "PAULA XIMENA MÉNDEZ AZUELA"),
        ("COTEJÃ“\nSECRETARIO: ISRAEL RIVAS ACUÃ‘A.", "ISRAEL RIVAS ACUÑA"),
        ("COTEJÃ“ SECRETARIA: MarÃ­a LÃ³pez Ruiz", "María López Ruiz"),
        # read as Latin-1, the byte Windows-1252 lacks kept as its control character
        (
            "SECRETARIO: CARLOS ADRI\u00c3\u0081N LÃ“PEZ SÃ\u0081NCHEZ",
            "CARLOS ADRIÁN LÓPEZ SÁNCHEZ",
        ),
        ("SECRETARIA:\nPAULA XIMENA MÃ‰NDEZ AZUELA", "PAULA XIMENA MÉNDEZ AZUELA"),
    ],
)
def test_a_name_a_wrong_encoding_broke_whole_is_put_back(caption: str, secretario: str) -> None:
    values = _values(_sentence(BROKEN_CASE + "PONENTE: MINISTRO JAVIER LAYNEZ POTISEK\n" + caption))
    assert values.get("secretario") == secretario


@pytest.mark.parametrize(
    "name",
    [
        "CARLOS ADRIÃ\ufffdN LÃ“PEZ",  # "Á"'s second byte lost to the replacement character
        "CARLOS ADRIÃ?N LÃ“PEZ",  # … to a "?"
        "CARLOS ADRIÃ N LÃ“PEZ",  # … to a space
        "MINISTRA YASMÃN ESQUIVEL MOSSA",  # … dropped ("Í": "Ã" alone)
    ],
)
def test_a_name_a_wrong_encoding_lost_a_letter_of_is_none(name: str) -> None:
    # a letter is gone: which one is a guess ("ADRIÃN" may be Adrián or Adrín)
    values = _values(_sentence(CASE + "PONENTE: " + name + "\nSECRETARIO: " + name))
    assert values.get("secretario") is None
    assert values.get("ponente") is None


# --- a short sentence dated in its closing only -------------------------------------------

SHORT_HEAD = (
    "AMPARO EN REVISIÓN 789/2023\nQUEJOSA: ********\nPONENTE: MINISTRO ALBERTO PÉREZ DAYÁN\n"
    "SECRETARIO: JOSÉ LUIS RAMÍREZ\n\nRESULTANDO:\n\nPRIMERO. Por escrito presentado el tres "
    "de marzo de dos mil veintitrés, la quejosa promovió juicio.\n\n"
)
SHORT_POINTS = (
    "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia recurrida."
    "\n\nSEGUNDO. La Justicia de la Unión no ampara ni protege a la quejosa.\n\nNotifíquese; "
    "con testimonio de esta resolución, vuelvan los autos a su lugar de origen y, en su "
    "oportunidad, archívese el toca como asunto concluido.\n\n"
)
SIGNATURES = (
    "Firman el Ministro Presidente de la Segunda Sala y el Ministro Ponente, con el Secretario "
    "de Acuerdos, que autoriza y da fe.\n\nPRESIDENTE DE LA SEGUNDA SALA\n\nMINISTRO JAVIER "
    "LAYNEZ POTISEK\n\nPONENTE\n\nMINISTRO ALBERTO PÉREZ DAYÁN\n\n"
    + "En términos de lo previsto en los artículos 113 y 116 de la Ley General de "
    "Transparencia y Acceso a la Información Pública, en esta versión pública se suprime la "
    "información considerada legalmente como reservada o confidencial. " * 6
)
CLOSING = (
    "Así lo resolvió la Segunda Sala de la Suprema Corte de Justicia de la Nación, en sesión "
    "de veintidós de mayo de dos mil veinticuatro, por unanimidad de cinco votos.\n\n"
)


def test_a_short_sentence_is_dated_by_its_closing() -> None:
    # the signatures and the public version's notice make the closing start before the
    # last fifth of a three-page sentence
    text = SHORT_HEAD + "Esta Segunda Sala estima infundado el agravio.\n\n" * 60
    values = _values(text + SHORT_POINTS + CLOSING + SIGNATURES)
    assert values.get("resolution_date") == "2024-05-22"
    assert values.get("court") == "Segunda Sala de la SCJN"


def test_a_closing_quoted_before_the_points_gives_no_date() -> None:
    # a precedent's closing quoted in the considerations is not the sentence's
    quoted = (
        "Así lo resolvió la Segunda Sala de la Suprema Corte de Justicia de la Nación, en "
        "sesión de tres de marzo de dos mil veinte, por unanimidad de cinco votos.\n\n"
    )
    text = SHORT_HEAD + quoted + "Esta Segunda Sala estima infundado el agravio.\n\n" * 30
    values = _values(text + SHORT_POINTS + SIGNATURES)
    assert values.get("resolution_date") != "2020-03-03"


# --- a state high court's Pleno named in its closing ---------------------------------------


@pytest.mark.parametrize(
    ("closing", "court"),
    [
        (
            "Así lo resolvió el Pleno del Tribunal Superior de Justicia del Estado de Nuevo "
            "León, por unanimidad de votos.",
            "Pleno del Tribunal Superior de Justicia del Estado de Nuevo León",
        ),
        (
            "Así lo resolvió el Tribunal Pleno del H. Supremo Tribunal de Justicia del Estado "
            "de Jalisco. Notifíquese.",
            "Pleno del Supremo Tribunal de Justicia del Estado de Jalisco",
        ),
        (
            "Así, por unanimidad de votos, lo resolvió el Pleno del Tribunal Superior de "
            "Justicia del Estado Libre y Soberano de Puebla, ante el Secretario General.",
            "Pleno del Tribunal Superior de Justicia del Estado de Puebla",
        ),
    ],
)
def test_a_state_pleno_in_its_closing(closing: str, court: str) -> None:
    found = read_court("CONFLICTO COMPETENCIAL 12/2024\n\n" + BODY + POINTS + "\n" + closing)
    assert found is not None
    assert found[0] == court


@pytest.mark.parametrize(
    "closing",
    [
        # no state named: which Pleno is unsaid
        "Así lo resolvió el Pleno del Tribunal Superior de Justicia del Estado, por unanimidad.",
        # the Pleno is no subject of the verb: another's order
        "Así lo resolvió la Primera Sala, en cumplimiento de lo ordenado por el Pleno del "
        "Tribunal Superior de Justicia del Estado de Nuevo León.",
    ],
)
def test_a_pleno_not_the_closings_subject_is_no_court(closing: str) -> None:
    found = read_court("CONFLICTO COMPETENCIAL 12/2024\n\n" + BODY + POINTS + "\n" + closing)
    assert found is None or "Pleno" not in found[0]


# --- a page's furniture inside the closing paragraph ---------------------------------------


@pytest.mark.parametrize(
    ("closing", "court", "date"),
    [
        (
            "Así lo resolvió la Segunda Sala de la Suprema Corte de\nAMPARO EN REVISIÓN "
            "12/2024\n15\nJusticia de la Nación, en sesión de veintidós de mayo de dos mil "
            "veinticuatro, por unanimidad.",
            "Segunda Sala de la SCJN",
            "2024-05-22",
        ),
        (
            "Así lo resolvió la Segunda Sala de la Suprema Corte de Justicia de la Nación, en "
            "sesión de veintidós de\nPÁGINA 40 DE 41\nmayo de dos mil veinticuatro, por "
            "unanimidad.",
            "Segunda Sala de la SCJN",
            "2024-05-22",
        ),
        (
            "Así lo resolvió el Primer Tribunal Colegiado en Materia Civil del\n- 15 -\nSegundo "
            "Circuito, por unanimidad.",
            "Primer Tribunal Colegiado en Materia Civil del Segundo Circuito",
            None,
        ),
    ],
)
def test_a_page_break_inside_the_closing(closing: str, court: str, date: str | None) -> None:
    text = "AMPARO EN REVISIÓN 12/2024\nQUEJOSA: ********\n\n" + BODY + POINTS + "\n" + closing
    values = _values(text)
    assert values.get("court") == court
    assert values.get("resolution_date") == date
