"""Property tests on the Spanish legal readers: whatever a site or a PDF puts in a field,
a reader answers a value or nothing (None, empty), never an exception, and in bounded
time. Examples mix real-looking pieces (case numbers, months, court words, numerals) so
they reach the readers' deep paths, not only their first "no match"."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.readers.courts import normalise_chamber, normalise_court, regional_chamber
from indexer.readers.expedientes import expediente_forms, normalise_expediente, parse_expediente
from indexer.readers.judgments import read_heading, read_sentence
from indexer.readers.normalise import (
    legislature_number,
    normalise_doc_type,
    normalise_legislature,
    normalise_matter,
    normalise_session_type,
    parse_date,
)
from indexer.readers.plausibility import implausible
from indexer.readers.sessions import recognise_session, sitting_of
from indexer.readers.signatures import split_signatures
from indexer.readers.videos import canonical_video_url, is_video_url, video_key

PIECES = [
    "Amparo", "en", "Revisión", "A.R.", "1234/2023", "0133/2021", "Toca", "No.", "Exp.",
    "SUP-JDC-0427-2023", "TECDMX-JLDC-019/2025", "y", "su", "acumulada", "208/2023", "de",
    "18", "febrero", "dos", "mil", "veinticinco", "2025", "07/03/2022", "31/02/2024",
    "Primera", "Sala", "SCJN", "Pleno", "Tribunal", "Quinta", "Circunscripción", "con",
    "sede", "en", "Toluca", "Juzgado", "Cuarto", "Civil", "LXVI", "LXlV", "Legislatura",
    "66", "Sesión", "Ordinaria", "Vespertina", "EXPEDIENTE:", "VISTOS", "Así", "lo",
    "resolvió", "DOY", "FE", "\n", "\f", "  ", "(", ")", ",", ".", ":", "—", "ñ", "\x00",
    "9" * 40, "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", "https://youtu.be/abc", "%",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
)
SHORT_READERS = [
    parse_date, normalise_expediente, expediente_forms, parse_expediente, normalise_court,
    normalise_chamber, regional_chamber, normalise_matter, normalise_session_type,
    normalise_doc_type, normalise_legislature, legislature_number, sitting_of,
    recognise_session, canonical_video_url, is_video_url, video_key,
]  # fmt: skip


@given(texts)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_reader_answers_a_value_or_nothing(text: str) -> None:
    for reader in SHORT_READERS:
        started = time.process_time()  # CPU time: a loaded machine's wall clock is no bound
        reader(text)
        assert time.process_time() - started < 2, reader.__name__
    for field in ("expediente", "date", "court", "legislature", "session_type", "title"):
        assert implausible(field, text) is None or isinstance(implausible(field, text), str)


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map(" ".join))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_long_sentence_is_read_in_bounded_time(chunk: str) -> None:
    """Tens of thousands of characters (an index before the operative part, as real SCJN
    sentences have): the whole-text readers stay fast and never raise."""
    text = (chunk + "\n") * 400
    started = time.process_time()  # CPU time: a loaded machine's wall clock is no bound
    read_sentence(text)
    read_heading(text)
    split_signatures(text)
    assert time.process_time() - started < 10
