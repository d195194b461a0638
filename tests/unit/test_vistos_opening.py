"""The court and day a sentence gives in its VISTOS paragraph («VISTOS para resolver…, el
Tribunal Pleno de la Suprema Corte…, en sesión de…, y»), as older SCJN sentences and
many state and circuit courts open: a user searching by court or by date found such a
sentence with neither. A court the paragraph only names (the one whose act is reviewed,
a council's plenary) or a session it tells of is never the sentence's own. Texts written
for the project on the structure of real public versions; names invented."""

from __future__ import annotations

import pytest

from indexer.readers.judgments import read_sentence

BODY = (
    "\n\nR E S U L T A N D O:\n\nPRIMERO. Por escrito presentado el cuatro de febrero de dos "
    "mil diecinueve, la parte promovente presentó su demanda.\n\nC O N S I D E R A N D O:\n\n"
    "ÚNICO. Los argumentos son infundados.\n\nPor lo expuesto y fundado, se resuelve:\n\n"
    "PRIMERO. Se confirma la resolución recurrida.\n\nNotifíquese.\n"
)


def read(caption: str, vistos: str) -> dict[str, str]:
    return read_sentence(f"{caption}\n\n{vistos}{BODY}").values


@pytest.mark.parametrize(
    ("caption", "vistos", "court", "day"),
    [
        (
            "CONTROVERSIA CONSTITUCIONAL 91/2010\nACTOR: MUNICIPIO DE TEPIC, NAYARIT",
            "VISTOS para resolver los autos de la controversia constitucional 91/2010, el "
            "Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en sesión de "
            "dieciséis de agosto de dos mil once, y",
            "Pleno de la SCJN",
            "2011-08-16",
        ),
        (
            "AMPARO DIRECTO EN REVISIÓN 2204/2012\nQUEJOSO: **********",
            "V I S T O S los autos para resolver el amparo directo en revisión 2204/2012, la "
            "Segunda Sala de la Suprema Corte de Justicia de la Nación, en sesión del día "
            "veintitrés de enero de dos mil trece; y",
            "Segunda Sala de la SCJN",
            "2013-01-23",
        ),
        (  # the court's name and the day broken over the PDF's lines
            "TOCA CIVIL 902/2021\nAPELANTE: **********",
            "VISTOS para resolver el toca civil 902/2021, la Primera Sala Civil del Tribunal "
            "Superior de Justicia del\nEstado de Querétaro, en sesión ordinaria de fecha nueve "
            "de\nnoviembre de dos mil veintiuno; y",
            "Primera Sala Civil del Tribunal Superior de Justicia del Estado de Querétaro",
            "2021-11-09",
        ),
        (  # a circuit court with its seat (kept where its name needs it: not here)
            "AMPARO EN REVISIÓN 140/2023\nQUEJOSA: **********",
            "VISTOS para resolver el amparo en revisión 140/2023, el Segundo Tribunal Colegiado "
            "en Materia Administrativa del Cuarto Circuito, con residencia en Monterrey, Nuevo "
            "León, en sesión de treinta de junio de dos mil veintitrés, y",
            "Segundo Tribunal Colegiado en Materia Administrativa del Cuarto Circuito",
            "2023-06-30",
        ),
        (  # its honorifics off, as a caption names it
            "TOCA CIVIL 15/2020\nAPELANTE: **********",
            "VISTOS para resolver el toca civil 15/2020, el Honorable Pleno del H. Tribunal "
            "Superior de Justicia del Estado Libre y Soberano de Durango, en sesión ordinaria "
            "celebrada el día tres de marzo de dos mil veinte; y",
            "Pleno del Tribunal Superior de Justicia del Estado de Durango",
            "2020-03-03",
        ),
        (  # the session first, the court after "por"
            "RECURSO DE APELACIÓN 17/2024\nRECURRENTE: PARTIDO LOCAL",
            "VISTOS, para resolver, en sesión pública del día dos de mayo de dos mil "
            "veinticuatro, por el Pleno del Tribunal Electoral del Estado de Sonora, los autos "
            "del recurso de apelación 17/2024, y",
            "Pleno del Tribunal Electoral del Estado de Sonora",
            "2024-05-02",
        ),
    ],
)
def test_the_vistos_paragraph_gives_the_court_and_the_day(
    caption: str, vistos: str, court: str, day: str
) -> None:
    values = read(caption, vistos)
    assert (values.get("court"), values.get("resolution_date")) == (court, day)


@pytest.mark.parametrize(
    "vistos",
    [
        # the session of the act under review, and the body that held it
        "VISTOS para resolver el recurso de apelación 9/2024, interpuesto contra el acuerdo "
        "emitido en sesión de tres de enero de dos mil veinticuatro, por el Pleno del "
        "Tribunal Electoral del Estado de Sonora; y",
        # a court the paragraph names after "por": the one whose sentence is appealed
        "VISTOS para resolver el toca civil 9/2024, relativo a la sentencia dictada por la "
        "Tercera Sala Civil del Tribunal Superior de Justicia del Estado de Querétaro, en "
        "sesión de tres de enero de dos mil veinticuatro; y",
        # a session the paragraph tells of: its verb in the past
        "VISTOS para resolver el recurso 9/2024, promovido contra el acuerdo que, el Pleno del "
        "Tribunal Electoral del Estado de Sonora, en sesión de tres de enero de dos mil "
        "veinticuatro, aprobó; y",
        # a council's plenary is no court
        "VISTOS para resolver el recurso 9/2024, el Pleno del Consejo General del Instituto "
        "Electoral del Estado de Sonora, en sesión de tres de enero de dos mil veinticuatro; y",
    ],
)
def test_a_court_or_session_the_paragraph_only_names_is_not_the_sentence_s(vistos: str) -> None:
    values = read("RECURSO 9/2024", vistos)
    assert "court" not in values
    assert values.get("resolution_date") != "2024-01-03"


def test_a_body_named_alone_gives_its_session_s_day_but_no_court() -> None:
    # "este Tribunal Pleno" may be any court's Pleno: the day is its own, the court unsure
    values = read(
        "TOCA 12/2022",
        "VISTOS para resolver el toca 12/2022, este Tribunal Pleno, en sesión de cinco de "
        "abril de dos mil veintidós; y",
    )
    assert values.get("resolution_date") == "2022-04-05"
    assert "court" not in values


def test_a_session_cited_in_the_background_is_not_read_as_the_vistos_one() -> None:
    values = read(
        "AMPARO EN REVISIÓN 77/2020",
        "VISTOS para resolver los autos del amparo en revisión 77/2020; y\n\nRESULTANDO:\n\n"
        "PRIMERO. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en sesión "
        "de diez de enero de dos mil diecinueve, resolvió la contradicción de tesis 5/2018.",
    )
    assert "court" not in values
    assert values.get("resolution_date") != "2019-01-10"


def test_a_state_tribunal_s_pleno_signing_in_the_closing_is_the_court() -> None:
    # «lo resolvieron y firmaron las Magistradas y los Magistrados integrantes del Pleno…»
    text = (
        "JUICIO ELECTORAL 3/2024\n\nVISTOS para resolver el juicio electoral 3/2024; y"
        + BODY
        + "\nAsí, por unanimidad de votos, lo resolvieron y firmaron las Magistradas y los "
        "Magistrados integrantes del Pleno del Tribunal Electoral del Estado de Sonora, ante "
        "el Secretario General de Acuerdos, quien autoriza y da fe.\n"
    )
    assert (
        read_sentence(text).values.get("court")
        == "Pleno del Tribunal Electoral del Estado de Sonora"
    )


@pytest.mark.parametrize(
    "vistos",
    [
        # the singular, as a colegiado or a state court writes it
        "VISTO para resolver el toca civil 15/2020, el Pleno del Tribunal Superior de "
        "Justicia del Estado de Durango, en sesión de tres de marzo de dos mil veinte; y",
        "V I S T O para resolver el toca civil 15/2020, el Pleno del Tribunal Superior de "
        "Justicia del Estado de Durango, en sesión de tres de marzo de dos mil veinte; y",
        "Visto, para dictar sentencia, el expediente del toca civil 15/2020, el Pleno del "
        "Tribunal Superior de Justicia del Estado de Durango, en sesión de tres de marzo de "
        "dos mil veinte; y",
        "VISTO el expediente del toca civil 15/2020, para resolverlo, el Pleno del Tribunal "
        "Superior de Justicia del Estado de\nDurango, en sesión de tres de marzo de dos mil "
        "veinte; y",
        # the session first, the court after "por"
        "Visto, para resolver, en sesión de tres de marzo de dos mil veinte, por el Pleno del "
        "Tribunal Superior de Justicia del Estado de Durango, el toca civil 15/2020; y",
        "VISTOS los autos, en sesión de tres de marzo de dos mil veinte, por el Pleno del "
        "Tribunal Superior de Justicia del Estado de Durango, del toca civil 15/2020; y",
    ],
)
def test_the_singular_visto_opens_the_paragraph_as_vistos_does(vistos: str) -> None:
    values = read("TOCA CIVIL 15/2020\nAPELANTE: **********", vistos)
    assert (values.get("court"), values.get("resolution_date")) == (
        "Pleno del Tribunal Superior de Justicia del Estado de Durango",
        "2020-03-03",
    )


@pytest.mark.parametrize(
    "opening",
    ["Visto lo anterior", "VISTO BUENO", "Visto que"],
)
def test_a_visto_that_opens_no_paragraph_of_vistos_gives_no_court(opening: str) -> None:
    # «Visto lo anterior, el Pleno…, en sesión de…» tells of a session: no opening
    values = read(
        "TOCA CIVIL 15/2020\nAPELANTE: **********",
        f"{opening}, el Pleno del Tribunal Superior de Justicia del Estado de Durango, en "
        "sesión de tres de marzo de dos mil veinte; y",
    )
    assert "court" not in values
