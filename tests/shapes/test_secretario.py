"""The secretario who drafted a sentence with its ponente is read from the caption's own
label only: "SECRETARIO:", "SECRETARIA:", "SECRETARIO DE ESTUDIO Y CUENTA:", "SECRETARIA
PROYECTISTA:", "SECRETARIO DE TRIBUNAL:", "SECRETARIA DE ESTUDIO Y PROYECTO:", the TEPJF's
"SECRETARIADO:", the name on the same line, the next one or the next cell. Never another
secretary (auxiliar, de acuerdos), a collaborator, a name in the signatures, nor a masked
or double value: unsure, none. The captions follow the SCJN's published sentences (PONENTE,
COTEJÓ, SECRETARIO, SECRETARIA AUXILIAR, COLABORARON) and circuit and state courts'."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from indexer.build import build_document
from indexer.library import Library
from indexer.models import Sentencia, document_id
from indexer.readers.judgments import read_sentence

UNHASHED = {"content_sha256", "fetched_at", "updated_at"}
BODY = (
    "Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al siete de junio de dos mil veintitrés, emite la siguiente:\n\n"
    "S E N T E N C I A\n\nMediante la cual se resuelve el amparo directo en revisión "
    "1234/2023, promovido contra la sentencia dictada por el tribunal colegiado.\n\n"
    "Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación, con el "
    "Secretario de Acuerdos, que autoriza y da fe.\n\nPRESIDENTA DE LA PRIMERA SALA\n\n"
    "MINISTRA ANA MARGARITA RÍOS FARJAT\n\nSECRETARIO DE ACUERDOS DE LA PRIMERA SALA\n\n"
    "MAESTRO RODRIGO PEÑA SALINAS\n"
)


def caption(*lines: str) -> str:
    head = "AMPARO DIRECTO EN REVISIÓN 1234/2023\n\nQUEJOSA: **********\n\n"
    return head + "\n\n".join(lines) + "\n\n" + BODY


PONENTE = "PONENTE: MINISTRO JORGE ALBERTO SOLÍS GUTIÉRREZ"


@pytest.mark.parametrize(
    ("lines", "secretario"),
    [((PONENTE, "COTEJÓ", "SECRETARIO: JULIO CÉSAR ORTEGA BRAVO",
       "SECRETARIA AUXILIAR: LAURA PATRICIA VEGA ROJAS"), "JULIO CÉSAR ORTEGA BRAVO"),
     ((PONENTE, "SECRETARIA: MÓNICA ESTELA GARZA LUNA.",
       "COLABORÓ: PEDRO IVÁN SOTO MEZA."), "MÓNICA ESTELA GARZA LUNA"),
     # the label written twice, as a public version may repeat it
     ((PONENTE, "COTEJÓ", "SECRETARIA: SECRETARIA: MÓNICA ESTELA GARZA LUNA",
       "COLABORARON: PEDRO IVÁN SOTO MEZA Y ROSA ELENA DÍAZ PAZ"), "MÓNICA ESTELA GARZA LUNA"),
     # the name on the next line, or in the next cell of a table
     ((PONENTE, "SECRETARIO DE ESTUDIO Y CUENTA:", "LIC. RAÚL ANTONIO NÚÑEZ PARDO"),
      "LIC. RAÚL ANTONIO NÚÑEZ PARDO"),
     (("MAGISTRADA PONENTE:\tMARÍA TERESA LEAL SOTO", "SECRETARIA PROYECTISTA:\tLIC. SONIA IRENE "
       "CAMPOS RUIZ"), "LIC. SONIA IRENE CAMPOS RUIZ"),
     ((PONENTE, "Secretaria: Mtra. Elena Sofía Barrios Cano"), "Mtra. Elena Sofía Barrios Cano"),
     # a circuit court's secretary by office, a state court's and a TEPJF regional
     # chamber's drafting secretary, the TEPJF's "SECRETARIADO" naming one person
     (("MAGISTRADO PONENTE: JOSÉ LUIS VÁZQUEZ CAMACHO", "SECRETARIO DE TRIBUNAL: ERNESTO "
       "ARMANDO ROJAS DÍAZ"), "ERNESTO ARMANDO ROJAS DÍAZ"),
     (("MAGISTRADA PONENTE: CLAUDIA VALLE AGUILASOCHO", "SECRETARIA DE ESTUDIO Y PROYECTO:",
       "ROSA MARÍA SÁNCHEZ ÁVILA"), "ROSA MARÍA SÁNCHEZ ÁVILA"),
     (("MAGISTRADO PONENTE: FELIPE DE LA MATA PIZAÑA", "SECRETARIADO: FERNANDO RAMÍREZ "
       "BARRIOS"), "FERNANDO RAMÍREZ BARRIOS"),
     # a footnote's call after the name, as a sentence published in HTML keeps it
     (("MAGISTRADA PONENTE: MÓNICA ARALÍ SOTO FREGOSO[2]", "SECRETARIADO: ROSA ILIANA "
       "AGUILAR CURIEL[3]"), "ROSA ILIANA AGUILAR CURIEL")],
)  # fmt: skip
def test_the_captions_secretario_is_read_from_its_label(
    lines: tuple[str, ...], secretario: str
) -> None:
    reading = read_sentence(caption(*lines))
    assert reading.values.get("secretario") == secretario
    assert reading.sources["secretario"] == "heading"


@pytest.mark.parametrize(
    "lines",
    [(PONENTE, "SECRETARIA AUXILIAR: LAURA PATRICIA VEGA ROJAS"),
     (PONENTE, "SECRETARIO DE ACUERDOS: MAESTRO RODRIGO PEÑA SALINAS"),
     (PONENTE, "COLABORÓ: PEDRO IVÁN SOTO MEZA"),
     (PONENTE, "SECRETARIO: **********"),
     # a label whose next line is another secretary's or a collaborator's: none of them
     (PONENTE, "SECRETARIO:", "SECRETARIA AUXILIAR: LAURA PATRICIA VEGA ROJAS"),
     (PONENTE, "SECRETARIA:", "COLABORÓ: PEDRO IVÁN SOTO MEZA"),
     # two people in one value, or a plural label: which drafted it is unknown
     (PONENTE, "SECRETARIOS: JULIO CÉSAR ORTEGA BRAVO Y MÓNICA ESTELA GARZA LUNA"),
     (PONENTE, "SECRETARIA: MÓNICA ESTELA GARZA LUNA Y JULIO CÉSAR ORTEGA BRAVO"),
     ("MAGISTRADA PONENTE: JANINE M. OTÁLORA MALASSIS", "SECRETARIADO: FERNANDO RAMÍREZ "
      "BARRIOS, ROSA MARÍA SÁNCHEZ ÁVILA Y JUAN LÓPEZ PAZ"),
     ("MAGISTRADA PONENTE: MÓNICA ARALÍ SOTO FREGOSO", "SECRETARIADO: ROSA ILIANA AGUILAR "
      "CURIEL, BENITO TOMÁS TOLEDO Y OTROS[3]"),
     # a secretary acting as the judge is the ponente, no secretario
     ("SECRETARIO EN FUNCIONES DE MAGISTRADO: JUAN PÉREZ LÓPEZ",),
     (PONENTE,)],
)  # fmt: skip
def test_no_other_secretary_nor_a_doubtful_value_is_the_secretario(lines: tuple[str, ...]) -> None:
    assert "secretario" not in read_sentence(caption(*lines)).values


def _sentencia(text: str) -> Sentencia:
    doc = build_document(
        kind="sentencia",
        source_id="scjn",
        institution="Suprema Corte de Justicia de la Nación",
        jurisdiction="MX",
        url="https://ejemplo.gob.mx/adr-1234-2023",
        fields={"title": "Amparo directo en revisión 1234/2023"},
        text=text,
    )
    assert isinstance(doc, Sentencia)
    return doc


def test_the_secretario_is_kept_without_titles_and_recorded_as_read_from_the_caption() -> None:
    doc = _sentencia(caption(PONENTE, "SECRETARIO DE ESTUDIO Y CUENTA: LIC. RAÚL NÚÑEZ PARDO"))
    assert doc.secretario == "Raúl Núñez Pardo"
    assert doc.field_sources["secretario"] == "heading"
    assert doc.ponente == "Jorge Alberto Solís Gutiérrez"
    # the signatures' secretario de acuerdos is never taken for it
    unnamed = _sentencia(caption(PONENTE))
    assert unnamed.secretario is None and "secretario" not in unnamed.field_sources


def test_a_sentence_without_a_secretario_keeps_the_hash_it_was_saved_with() -> None:
    doc = Sentencia(
        id="x", title="t", institution="i", jurisdiction="MX", source_id="s", url="u", text="a"
    )
    digest = doc.with_hash().content_sha256
    # the hash as defined before the later fields existed: the dump without them
    payload = doc.model_dump(mode="json", exclude={"ruling", "secretario", "parties", *UNHASHED})
    assert digest == hashlib.sha256(repr(sorted(payload.items())).encode()).hexdigest()
    assert doc.model_copy(update={"secretario": "Ana Ruiz"}).with_hash().content_sha256 != digest


def test_the_page_json_export_and_search_words_show_the_secretario(tmp_path: Path) -> None:
    library = Library.open(Settings(data_dir=tmp_path / "datos", database_url=None))
    doc = _sentencia(caption(PONENTE, "SECRETARIA: MÓNICA ESTELA GARZA LUNA"))
    # the text without its caption: "Garza" is found through the field's searchable words
    doc = doc.model_copy(update={"text": BODY})
    assert doc.id == document_id("scjn", "https://ejemplo.gob.mx/adr-1234-2023")
    library.add_document(doc)
    library.flush()
    try:
        with TestClient(create_app(library)) as client:
            page = client.get(f"/documentos/{doc.id}")
            record = client.get(f"/v1/documents/{doc.id}")
            export = client.get("/v1/export.csv", params={"q": "Garza"})
            lines = client.get("/v1/export.jsonl", params={"q": "Garza"})
    finally:
        library.close()
    assert page.status_code == 200
    assert "Secretario(a)" in page.text and "Mónica Estela Garza Luna" in page.text
    assert record.status_code == 200 and record.json()["secretario"] == "Mónica Estela Garza Luna"
    assert record.json()["field_sources"]["secretario"] == "heading"
    assert export.status_code == 200, export.text
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [r["secretario"] for r in rows] == ["Mónica Estela Garza Luna"]
    # a column added later comes after the ones existing exports had (and before the
    # ones added after it: a session's period)
    header = export.text.splitlines()[0].split(",")
    status = header.index("status")
    assert header[status:] == ["status", "secretario", "citation", "period", "parties"]
    assert lines.status_code == 200, lines.text
    (line,) = lines.text.splitlines()
    assert json.loads(line)["secretario"] == "Mónica Estela Garza Luna"


REAL = next(
    (c for f in Path(__file__).parents if (c := f / "shared" / "corpus" / "real").is_dir()), None
)
_LABEL = re.compile(r"^SECRETARI[OA]:(?:\s*SECRETARI[OA]:)?\s*(.+?)\.?\s*$", re.M)


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is not present")
def test_the_real_scjn_sentences_give_their_captions_secretario() -> None:
    """Each published SCJN sentence names its secretario on the caption's own line, with
    a secretaria auxiliar or collaborators below it: the secretario is that line's name."""
    assert REAL is not None
    records = sorted((REAL / "scjn-sentencias").glob("record_*.json"))
    assert records
    for path in records:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        labelled = _LABEL.search(text)
        assert labelled, path.name
        reading = read_sentence(text)
        assert reading.values.get("secretario") == labelled[1].strip(), path.name
        assert reading.sources["secretario"] == "heading"
