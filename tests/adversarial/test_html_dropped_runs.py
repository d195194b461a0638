"""Pages whose chrome comes in long runs, each piece followed by text: 50,000 ``<nav>``
(or ``<script>``, ``<header>`` outside the article) with a word after each, 1 MB, under
``MAX_ELEMENTS`` so read by the Python walks. Dropping each moved its tail onto the text
before it, copying that text once per element: 50,000 took 150 s (a worker's timeout,
the page lost or kept as the load went). Now they are dropped in one walk and each
place's tails joined once: some 2 s, linear (140,000: 5 s under load 17), the text the
same, word for word and in order."""

from __future__ import annotations

import time

import pytest

from indexer.extract.html import MAX_ELEMENTS, main_text_from_str


def run_page(tag: str, count: int) -> str:
    pieces = "".join(f"<{tag}>x</{tag}>acuerdo{n} " for n in range(count))
    return f"<html><body><p>Lista de acuerdos</p>{pieces}<p>Fin de la lista</p></body></html>"


@pytest.mark.parametrize("tag", ["nav", "script", "header"])
def test_a_long_run_of_dropped_elements_keeps_its_text_in_linear_time(tag: str) -> None:
    count = 50_000
    assert 2 * count < MAX_ELEMENTS  # read by the Python walks, not by libxml2's
    started = time.monotonic()
    text = main_text_from_str(run_page(tag, count))
    assert time.monotonic() - started < 20
    lines = text.split("\n\n")
    assert lines[0] == "Lista de acuerdos"
    assert lines[1] == " ".join(f"acuerdo{n}" for n in range(count))
    assert lines[2] == "Fin de la lista"


def test_dropped_elements_in_runs_nested_and_first_leave_their_tails_in_order() -> None:
    page = (
        "<html><body><div><nav>m</nav>uno <script>s</script>dos <b>tres</b>"
        "<nav><script>n</script>oculto</nav> cuatro <aside>a</aside><nav>m</nav> cinco"
        "</div></body></html>"
    )
    assert main_text_from_str(page) == "uno dos tres cuatro cinco"
    article = "<article><header>propio</header> seis <nav>m</nav> siete</article>"
    assert main_text_from_str(f"<html><body>{article}</body></html>") == "propio\n\nseis siete"
