"""Faithful hand-written forms real Mexican sources publish and the saved copies of
../shared/corpus do not show, against what each says (written down by reading it):
case numbers in lists and beside another label's number, Semanario thesis pages, dates
with their digits in brackets, and a listing's script links to file handlers. Per class:
right, wrong, missing.

    python bench/hand_written_forms.py [--json PATH]   # the code on PYTHONPATH: run on
                                                       # two checkouts to compare
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from crawlers.links import clean_link  # noqa: E402
from indexer.readers.expedientes import expediente_forms  # noqa: E402
from indexer.readers.judgments import read_sentence  # noqa: E402
from indexer.readers.normalise import normalise_expediente, parse_date  # noqa: E402
from tests.unit.test_tesis_pages import ISOLATED, JURISPRUDENCE  # noqa: E402

CASES = {  # written → its cases as a person reads them
    "A.D. 12/2021 (cuaderno auxiliar 345/2021)": "AD 12/2021, 345/2021",
    "AMPARO DIRECTO 456/2022 (CUADERNO AUXILIAR 789/2022)": "AD 456/2022, 789/2022",
    "Toca penal 123/2021 derivado del juicio 45/2019": "Toca 123/2021, 45/2019",
    "Amparo directo 12/2021, folio 3456/2021": "AD 12/2021, 3456/2021",
    "A.R. 1234/2023": "AR 1234/2023",
    "C.T. 45/2022": "CT 45/2022",
    "AD 12/2021": "AD 12/2021",
    "A.I. 206/2023 y su acumulada 208/2023": "AI 206/2023, AI 208/2023",
    "Amparos directos en revisión 4370/2024, 1049/2023 y 7653/2019":
        "ADR 4370/2024, ADR 1049/2023, ADR 7653/2019",
    "Toca en definitiva número 291/2014": "Toca 291/2014",
}  # fmt: skip
DATES = {
    "Ciudad de México, a uno de febrero de dos mil veintitrés": "2023-02-01",
    "Toluca de Lerdo, México, quince (15) de marzo de dos mil veintiuno (2021).": "2021-03-15",
    "Oaxaca de Juárez, Oaxaca, a trece (13) de mayo de dos mil veintidós (2022).": "2022-05-13",
    "primero (1) de julio del año dos mil veinte (2020)": "2020-07-01",
    "Monterrey, Nuevo León, a 15 quince de marzo de 2021 dos mil veintiuno": "2021-03-15",
    "a los treinta y un días del mes de marzo de dos mil veintidós": "2022-03-31",
}
THESES = {  # the thesis's own fields; a precedent's are wrong
    "aislada": (ISOLATED, {"court": "Noveno Tribunal Colegiado en Materia Penal del Primer "
                           "Circuito", "matter": "penal"}),
    "jurisprudencia": (JURISPRUDENCE, {"court": "Segunda Sala de la SCJN", "matter": "laboral"}),
}  # fmt: skip
LINKS = {
    "javascript:descargar('ObtenerDocumento.ashx?id=9')": "ObtenerDocumento.ashx?id=9",
    "verSentencia('ver.jsp?id=7');return false;": "ver.jsp?id=7",
    "javascript:abrir('consulta.do?id=3')": "consulta.do?id=3",
    "javascript:abrirVentana('../Sentencias/2023/123.pdf')": "../Sentencias/2023/123.pdf",
    "javascript:verDocumento(12345)": None,
}


def _outcome(read: str | None, expected: str | None) -> str:
    if read == expected:
        return "right"
    return "missing" if read is None else "wrong"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", default=str(REPO / "bench" / "results" / "hand_written.json"))
    args = parser.parse_args()
    table: dict[str, Counter[str]] = {}
    for written, expected in CASES.items():
        out = _outcome(normalise_expediente(written), expected)
        # a form that finds the document by another's number is as wrong
        numbers = [c.strip() for c in expected.split(",")]
        forms = expediente_forms(written)
        if out == "right" and any(f"AD {n}" in forms for n in numbers if " " not in n):
            out = "wrong"
        table.setdefault("expediente", Counter())[out] += 1
    for written, day in DATES.items():
        read = parse_date(written)
        table.setdefault("date", Counter())[_outcome(read and read.isoformat(), day)] += 1
    for text, own in THESES.values():
        values = read_sentence(text).values
        for name in ("court", "matter"):
            table.setdefault(f"thesis {name}", Counter())[
                _outcome(values.get(name), own[name])
            ] += 1
        for name in ("expediente", "proceeding", "resolution_date", "ponente", "secretario"):
            table.setdefault("thesis precedent fields", Counter())[
                "right" if name not in values else "wrong"
            ] += 1
    for link, expected in LINKS.items():
        table.setdefault("script link", Counter())[_outcome(clean_link(link), expected)] += 1
    print(f"{'class':28} {'right':>6} {'WRONG':>6} {'missing':>8}")
    for name, counts in table.items():
        print(f"{name:28} {counts['right']:>6} {counts['wrong']:>6} {counts['missing']:>8}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({k: dict(v) for k, v in table.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
