"""A court's matters, read from the secretary's account, become the session's items whole."""

from __future__ import annotations

from indexer.speeches.split import split_turns

# Modelled on the SCJN's versiones taquigráficas: the secretary reads the matter's title in
# capitals, broken where the PDF's column ends, with a full stop inside it after an inciso.
ACCOUNT = """SEÑORA MINISTRA PRESIDENTA: Continúe, por favor.
SECRETARIO GENERAL DE ACUERDOS: Sí, señora Ministra
Presidenta. Se somete a su consideración el proyecto relativo a la
DECLARATORIA GENERAL DE
INCONSTITUCIONALIDAD 4/2024,
SOLICITADA POR LA SEGUNDA SALA
RESPECTO DEL ARTÍCULO 12,
FRACCIÓN III, INCISO B).
SUBINCISO 2), PÁRRAFO SEGUNDO,
DE LA LEY DE AGUAS DEL ESTADO.
Bajo la ponencia del señor Ministro Ramos Olvera y conforme al
punto resolutivo que propone:
ÚNICO. SE DESESTIMA.
SEÑORA MINISTRA PRESIDENTA: Gracias. Siga, por favor.
SECRETARIO GENERAL DE ACUERDOS: Se somete a su consideración
el proyecto relativo a la CONTROVERSIA CONSTITUCIONAL 88/2024,
PROMOVIDA POR EL MUNICIPIO DE TEPIC, NAYARIT.
PRIMERO. ES PROCEDENTE LA PRESENTE CONTROVERSIA.
SEÑORA MINISTRA PRESIDENTA: Gracias.
"""


def test_a_full_stop_inside_a_matters_title_does_not_cut_the_item_short() -> None:
    turns = split_turns(ACCOUNT)
    items = list(dict.fromkeys(t.agenda_item for t in turns if t.agenda_item))
    assert items == [
        "DECLARATORIA GENERAL DE INCONSTITUCIONALIDAD 4/2024, SOLICITADA POR LA SEGUNDA "
        "SALA RESPECTO DEL ARTÍCULO 12, FRACCIÓN III, INCISO B). SUBINCISO 2), PÁRRAFO "
        "SEGUNDO, DE LA LEY DE AGUAS DEL ESTADO",
        # the resolutive points after the title are not part of it
        "CONTROVERSIA CONSTITUCIONAL 88/2024, PROMOVIDA POR EL MUNICIPIO DE TEPIC, NAYARIT",
    ]
    assert [t.agenda_index for t in turns] == [None, 0, 0, 1, 1]
