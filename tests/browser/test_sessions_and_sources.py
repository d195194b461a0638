"""The newer parts of the pages, in a real browser: a session's discussed documents and its
speeches with their moment in the video, live sessions set apart on the finder, the charts
of /fuentes with their numbers (without JavaScript), and the issue's list of what a
results page offers."""

from __future__ import annotations

import csv as csv_module
import io
import re
from typing import Any

from tests.browser.conftest import DESKTOP, PHONE, Site, screenshot

CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2})$")


def _discussing(site: Site) -> tuple[Any, Any]:
    """A recorded session whose agenda names a legislative document of the sample, and it."""
    numbers = {doc.number: doc for doc in site.manifest.legislativos}
    for sesion in site.manifest.sesiones:
        if not sesion.spoken() or any(v.live for v in sesion.videos):
            continue
        for item in sesion.agenda:
            for number, doc in numbers.items():
                if number in item:
                    return sesion, doc
    raise AssertionError("no sample session names a legislative document")


def test_a_session_shows_what_it_discussed_and_opens_each_speech_in_the_video(
    site: Site, open_page: Any
) -> None:
    sesion, iniciativa = _discussing(site)
    day = sesion.date.isoformat()
    page = open_page()
    page.goto(f"{site.url}/sesiones?desde={day}&hasta={day}")
    card = page.locator("article.sesion", has_text=sesion.title)
    assert card.get_by_role("link", name=iniciativa.number).count() == 1
    spoken = sesion.spoken()
    card.get_by_role("link", name=re.compile(rf"^{len(spoken)} intervenciones")).click()
    page.wait_for_url(re.compile(r"/d/.*#intervenciones$"))
    screenshot(page, "sesion-intervenciones", full_page=False)
    discussed = page.locator("ul.discutidos")
    assert discussed.get_by_role("link", name=iniciativa.number).is_visible()
    turns = page.locator("ol.intervenciones > li")
    assert turns.count() == len(spoken)
    videos = [site.sites.url_for(v.path) for v in sesion.videos]
    close = timed = 0
    for n, truth in enumerate(spoken):
        turn = turns.nth(n)
        shown = turn.locator("time")
        if shown.count() == 0:
            assert "#t=" not in turn.inner_html()  # no time known: none made up
            continue
        timed += 1
        hours, minutes, seconds = map(int, CLOCK.match(shown.inner_text()).groups())
        at = hours * 3600 + minutes * 60 + seconds
        href = turn.locator("a:has(time)").get_attribute("href")
        base, _, fragment = href.partition("#")
        assert fragment == f"t={at}" and base in videos
        if truth.start is not None and base == videos[truth.video] and abs(at - truth.start) <= 3:
            close += 1
    assert timed >= len(spoken) * 0.8 and close >= timed * 0.8, (timed, close, len(spoken))
    first = turns.locator("a:has(time)").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url(target)
    page.go_back()
    page.get_by_role("link", name=iniciativa.number).first.click()
    page.wait_for_url(re.compile(r"/d/"))
    assert page.locator("h1").inner_text() == iniciativa.title


def test_live_sessions_are_set_apart_before_the_list(site: Site, open_page: Any) -> None:
    live = [s for s in site.manifest.sesiones if any(v.live for v in s.videos)]
    assert live
    for viewport, javascript in ((DESKTOP, True), (PHONE, False)):
        page = open_page(viewport=viewport, javascript=javascript)
        page.goto(f"{site.url}/sesiones")
        block = page.locator("section.ahora")
        assert block.get_by_role("heading", name="En vivo y próximamente").is_visible()
        for sesion in live:
            assert block.locator("article.sesion", has_text=sesion.title).count() == 1
            assert block.get_by_text("En vivo").first.is_visible()
        listed = page.locator("#lista ~ article.sesion").all_inner_texts()
        assert listed and not any(s.title in text for s in live for text in listed)
        box = block.bounding_box()
        heading = page.locator("#lista").bounding_box()
        assert box is not None and heading is not None and box["y"] < heading["y"]
        screenshot(page, "sesiones-en-vivo", full_page=False)


def test_sources_chart_documents_per_source_and_court_with_their_numbers(
    site: Site, open_page: Any
) -> None:
    courts = {s.court for s in site.manifest.sentencias}
    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport=viewport, javascript=False)
        page.goto(f"{site.url}/fuentes")
        pictures = page.locator("figure.grafica svg[role=img]")
        assert pictures.count() == 2
        titles = [pictures.nth(i).locator("title").text_content() for i in range(2)]
        assert titles == ["Documentos por mes y fuente", "Sentencias por mes y órgano"]
        by_court = page.locator("details.numeros").nth(1)
        table = by_court.locator("table")
        assert not table.is_visible()
        by_court.locator("summary").click()  # no JavaScript needed to open it
        assert table.is_visible()
        columns = table.locator("thead th").all_inner_texts()[1:]
        assert columns and set(columns) <= courts
        total = sum(int(x.replace(".", "")) for x in table.locator("tbody td").all_inner_texts())
        drawn = [s for s in site.manifest.sentencias if s.court in columns]
        assert total <= len(drawn) and total > 0
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]
        screenshot(page, "fuentes-numeros")


def test_a_results_page_offers_what_the_issue_lists(site: Site, open_page: Any) -> None:
    page = open_page()
    page.goto(f"{site.url}/buscar?kind=sesion")
    filters = page.locator("details.filtros")
    year = filters.get_by_role("heading", name="Año")
    assert year.is_visible()
    chart = filters.locator("figure.grafica svg[role=img]")
    assert chart.get_attribute("aria-label").startswith("Resultados por año. ")
    with_video = sum(1 for s in site.manifest.sesiones if s.videos)
    assert page.locator("article.hit", has_text="▶ Con video").count() == min(20, with_video)
    atom = page.get_by_role("link", name="Suscribirse (Atom)").get_attribute("href")
    feed = page.request.get(site.url + atom)
    assert feed.ok and "atom" in feed.headers["content-type"]
    assert feed.text().count("<entry") == len(site.manifest.sesiones)
    csv = page.request.get(
        site.url + page.get_by_role("link", name="Descargar CSV").get_attribute("href")
    )
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    rows = list(csv_module.reader(io.StringIO(csv.text())))
    assert len(rows) == len(site.manifest.sesiones) + 1
    page.locator(".filtros a", has_text="Extraordinaria").first.click()
    remove = page.get_by_role("link", name="quitar filtro Tipo de sesión: Extraordinaria")
    assert remove.is_visible()
    page.goto(f"{site.url}/sesiones")
    congress = site.manifest.sesiones[0].congress
    drawn = page.locator("figure.grafica svg[role=img]").get_attribute("aria-label")
    assert drawn.startswith("Sesiones por mes en ") and congress in drawn
