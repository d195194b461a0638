"""Hostile text runs in time linear in its length: the regexes that read documents, speech
transcripts and robots.txt files were each quadratic or worse on one shape of text (a run
of spaces, tabs or blank lines where a pattern could split it many ways or start again at
each of its characters), found by ``bench/regex_growth.py``.

Each case runs the real reader in a subprocess at a size where the old pattern took many
minutes, under a hang guard of ``HANG_GUARD_S``. The guard is no performance target (the
readers take well under a second here); it only turns a hang into a failure. Each case
also checks the reading, so a rewrite that stopped early would fail too.
"""

from __future__ import annotations

import json

import pytest

from tests.adversarial.guarded_child import guarded_output

HANG_GUARD_S = 30.0

# (reader call on ``text``, the text built, what it reads), as Python source run in the child
CASES = {
    # a page of alternating spaces and tabs (extraction collapses runs of spaces, not
    # this), then a line end: 200,000 characters took about 6 minutes
    "normalise_text: spaces and tabs before a line end": (
        "from indexer.extract.normalise import normalise_text as read",
        "' \\t' * 100_000 + 'x \\n'",
        "x",
    ),
    # a closing's passage with a run of spaces: 200,000 took about 5 minutes
    "mended: a run of spaces in a court's name": (
        "from indexer.readers.artifacts import mended as read",
        "'Tribunal' + ' ' * 200_000 + 'Colegiado\\ndel Circuito'",
        "Tribunal" + " " * 200_000 + "Colegiado del Circuito",
    ),
    # a robots.txt with a run of blank lines and no Sitemap line after them: 8,000 took
    # 1.5 s and it grew as the square, so 200,000 took about 15 minutes
    "robots_sitemaps: blank lines after the Sitemap line": (
        "from crawlers.formats.sitemaps import robots_sitemaps as read",
        "'Sitemap: https://a.example/s.xml\\n' + '\\n' * 200_000 + 'Disallow: /'",
        ["https://a.example/s.xml"],
    ),
    # a sentence of blank lines with no background heading after them: 2,000 took 0.75 s
    # and it grew as the square, so 100,000 took about half an hour
    "read_heading: blank lines and no ANTECEDENTES": (
        "from indexer.readers.judgments import read_heading as read",
        "'SENTENCIA' + '\\n' * 100_000 + 'Ciudad de México'",
        {},
    ),
    # a line opening like a speaker's heading, then spaces and no colon: 2,000 spaces
    # took 5 s and it grew as the cube, so 20,000 took over an hour
    "split_turns: a speaker's heading without its colon": (
        "from indexer.speeches.split import split_turns\n"
        "def read(text):\n"
        "    return [[t.speaker, t.text] for t in split_turns(text)]",
        "'—El diputado Juan Pérez: Gracias.\\nLa C. Presidenta'"
        " + ' ' * 20_000 + 'pide la palabra.'",
        [["El diputado Juan Pérez", "Gracias. La C. Presidenta pide la palabra."]],
    ),
    # a text with a character the Rust scanner does not class as Python does ("ß") is
    # read by the Python citation readers: an article, a run of spaces and its law took
    # 4 s at 2,000 spaces, and grew as the square, so 20,000 took over 6 minutes
    "extract_citations (Python readers): spaces between an article and its law": (
        "from indexer.citations import extract_citations\n"
        "def read(text):\n"
        "    return [c.key for c in extract_citations(text)]",
        "'Straße: el artículo 14' + ' ' * 20_000 + 'constitucional'",
        ["CPEUM art. 14"],
    ),
    # a court's name ending in many words a name never ends with ("a" after "a"): 3,000
    # of them took 37 s, and it grew as the square, so 15,000 took about 15 minutes
    "normalise_court: a name ending in a thousand dangling words": (
        "from indexer.readers.courts import normalise_court as read",
        "'Juzgado Primero de lo Civil ' + 'A ' * 15_000",
        "Juzgado Primero de lo Civil",
    ),
    # a seat after a name of many "Región": whether an auxiliary region's court (its seat
    # then part of its name) was asked with a ".*" between the words, 8,000 took 20 s and
    # it grew as the square, so 40,000 took about 8 minutes
    "normalise_court: a seat after a name of many «Región»": (
        "from indexer.readers.courts import normalise_court as read",
        "'Región ' * 40_000 + 'Auxiliar, con residencia en Toluca'",
        "Región " * 40_000 + "Auxiliar, con residencia en Toluca, Estado de México",
    ),
    # a sentence saying "para resolver" again and again with no case number after it: the
    # statement's search cost 0.1 ms a character, so 2 MB took over 3 minutes
    "read_heading: «para resolver» without a number, two megabytes of it": (
        "from indexer.readers.judgments import read_heading as read",
        "'para resolver ' * 143_000",
        {},
    ),
    # a party's trigger ("el C.") and a run of spaces before the name: the spaces could
    # be split many ways between the fillers' separators; 2,000 took 1.5 s and it grew as
    # the square, so 40,000 took about 10 minutes
    "privacy.scan: spaces between a party's trigger and the name": (
        "from indexer.privacy.guard import scan\n"
        "def read(text):\n"
        "    return [text[s.start : s.end] for s in scan(text)]",
        "'el C. ' + ' ' * 40_000 + 'Ana Ruiz López promovió el juicio'",
        ["Ana Ruiz López"],
    ),
    # a transmission's title with a run of spaces and no bar or part number after it:
    # 2,000 took 1.3 s and it grew as the square, so 40,000 took about 9 minutes
    "clean_title: a run of spaces in a session's title": (
        "from indexer.readers.sessions import clean_title as read",
        "'Sesión Ordinaria' + ' ' * 40_000 + 'x'",
        "Sesión Ordinaria x",
    ),
    # a street's name, a run of spaces and no number after them: the spaces could be
    # split every way around the optional "número"; 4,000 took 0.3 s and it grew as the
    # square, so 100,000 took about 3 minutes
    "privacy.scan: spaces after a street with no number": (
        "from indexer.privacy.guard import scan\n"
        "def read(text):\n"
        "    return [text[s.start : s.end] for s in scan(text)]",
        "'Calle Juárez' + ' ' * 100_000 + 'sin número, y en Calle Reforma número 12.'",
        ["Calle Reforma número 12"],
    ),
}


def _read_in_child(reader: str, text: str) -> object:
    code = f"{reader}\nimport json, sys\ntext = {text}\nsys.stdout.write(json.dumps(read(text)))\n"
    return json.loads(guarded_output(code, HANG_GUARD_S, "the reader was still running"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_text_is_read_in_bounded_time(case: str) -> None:
    reader, text, expected = CASES[case]
    assert _read_in_child(reader, text) == expected
