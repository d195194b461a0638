"""A megabyte of text built to make the circuit-court, case-code, speaker and court-matter
patterns try and retry (role words that also read as names, court words without a
circuit, codes without numbers, a title with many ends): each reader answers in bounded
time, never stalls."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from indexer.citations import extract_citations
from indexer.readers.expedientes import parse_expediente
from indexer.readers.judgments import read_sentence
from indexer.speeches.split import split_turns

MB = 1_000_000
# of the process's CPU time, not the wall clock (a loaded machine's share of a core can be
# a twentieth: a second of work took over ten there); measured under 1 s; a stall takes minutes
LIMIT_S = 10


def fill(piece: str) -> str:
    return (piece * (MB // len(piece) + 1))[:MB]


@pytest.mark.parametrize(
    ("reader", "piece"),
    [(split_turns, "PRESIDENTA SECRETARIA DIP. PRESIDENTE DE LA SECRETARIO DEL Y LOS\n"),
     (split_turns, "PRESIDENTE DIPUTADA ANA RUIZ DE LA PEÑA Y LOS DEL MORENA PRESIDENTA.\n"),
     (split_turns, "El secretario técnico secretario técnico moderadora Ana Pérez de la y\n"),
     # a court matter's title in capitals that never ends: many case numbers and stops
     (split_turns, "SECRETARIO GENERAL DE ACUERDOS: relativo a la " + "A 1/2024. " * 5000),
     (split_turns, "El Presidente C. C. C. C. C. C. C. C. C. C. C. Ana Ruiz (12:00 horas)\n"),
     (read_sentence, "PRIMER TRIBUNAL COLEGIADO EN MATERIA DE LA DEL\n"),
     (read_sentence, "Así lo resolvió el Primer Tribunal Colegiado en Materia de la Pleno del "),
     # a closing on every line (tens of thousands of them), each broken where a PDF would
     (read_sentence, "Así lo resolvió\n"),
     (read_sentence, "A S Í lo resolvió la Segunda Sala Tri-\nbunal de\n"),
     (read_sentence, "Acuerdo del Décimo Tribunal Colegiado del Pleno en, correspondiente a la "
                     "sesión de veinte de octubre de dos mil veinte, emite "),
     (parse_expediente, "D.C. R.F. Q.C. A.D. 1/2020 r.p. q.p. "),
     (extract_citations, "D.C. R.F. Q.C. A.D. 1/2020 r.p. q.p. juicio de amparo directo ")],
)  # fmt: skip
def test_a_megabyte_of_near_misses_is_read_in_bounded_time(
    reader: Callable[[str], object], piece: str
) -> None:
    started = time.process_time()
    reader(fill(piece))
    assert time.process_time() - started < LIMIT_S
