"""What people do, in a real browser: a citizen finds a session and its video, a journalist
finds a sentence by a phrase, reads it highlighted and downloads the PDF; facets, order and
paging back and forth; the same with JavaScript off."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import DESKTOP, PHONE, Site, screenshot

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip


def test_a_citizen_reaches_a_sessions_video_in_three_actions(site: Site, open_page: Any) -> None:
    with_video = [s for s in site.manifest.sesiones if s.videos]
    newest = max(s.date.year for s in site.manifest.sesiones)
    sesion = next(s for s in with_video if s.date.year == newest)
    page = open_page()
    page.goto(f"{site.url}/sesiones")
    screenshot(page, "sesiones")
    actions = 0
    page.get_by_role("link", name=re.compile(re.escape(sesion.congress))).first.click()
    actions += 1
    month = MONTHS[sesion.date.month - 1]
    calendar = page.get_by_role("list", name=f"Meses de {sesion.date.year}")
    calendar.get_by_role("link", name=re.compile(month, re.I)).click()
    actions += 1
    card = page.locator("article.sesion", has_text=sesion.title)
    assert card.count() == 1
    weekday = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
    words = f"{weekday[sesion.date.weekday()]} {sesion.date.day} de {month} de {sesion.date.year}"
    assert words.lower() in card.inner_text().lower()
    button = card.get_by_role("link", name=re.compile("Ver (transmisión|en vivo)")).first
    expected = {site.sites.url_for(v.path) for v in sesion.videos}
    assert button.get_attribute("href") in expected
    screenshot(page, "sesiones-mes")
    button.click()
    actions += 1
    page.wait_for_load_state()
    assert page.url in expected and actions <= 3


def test_a_journalist_finds_a_sentence_by_phrase_reads_it_and_downloads_the_pdf(
    site: Site, open_page: Any, tmp_path: Path
) -> None:
    sentencia = site.manifest.sentencias[0]
    phrase = sentencia.distinctive_phrase
    page = open_page()
    page.goto(site.url)
    page.get_by_role("searchbox", name="Buscar").fill(f'"{phrase}"')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/buscar\?"))
    assert page.get_by_text("Resultados 1–1 de 1").is_visible()
    assert page.locator("[aria-current=true]", has_text="Relevancia").count() == 1
    screenshot(page, "buscar-frase")
    page.locator("article.hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/d/"))
    marks = page.locator(".texto mark").all_inner_texts()
    assert any(phrase.lower() in m.lower() for m in marks), (phrase, marks[:5])
    screenshot(page, "documento")
    assert page.get_by_role("button", name="Copiar cita").is_visible()  # JavaScript improves it
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"Descargar PDF \(\d+ KB")).click()
    saved = tmp_path / "sentencia.pdf"
    info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    digest = hashlib.sha256(saved.read_bytes()).digest()
    published = site.sites.root / "tribunal"
    assert any(hashlib.sha256(p.read_bytes()).digest() == digest for p in published.rglob("*.pdf"))
    page.get_by_role("link", name="← Volver a los resultados").click()
    page.wait_for_url(re.compile(r"/buscar\?"))
    assert page.get_by_role("searchbox", name="Buscar").input_value() == f'"{phrase}"'


def test_facets_order_and_paging_back_and_forth(site: Site, open_page: Any) -> None:
    total = len(site.manifest.documents)
    assert total > 20, "the sample corpus should fill more than one page"
    page = open_page()
    page.goto(f"{site.url}/buscar")
    assert page.get_by_text(f"Resultados 1–20 de {total}").is_visible()
    page.get_by_role("link", name="Siguientes →").click()
    assert page.get_by_text(re.compile(r"Resultados 21–\d+ de")).is_visible()
    page.get_by_role("link", name="← Anteriores").click()
    assert page.get_by_text(f"Resultados 1–20 de {total}").is_visible()
    sentencias = len(site.manifest.sentencias)
    page.locator(".filtros a", has_text="Sentencia").first.click()
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["sentencia"]
    assert page.get_by_text(re.compile(f"de {sentencias}$")).first.is_visible()
    page.get_by_role("link", name="Más antiguos").click()
    dates = page.locator("article.hit .meta").all_inner_texts()
    years = [int(y) for y in re.findall(r"de (\d{4})", " ".join(dates))]
    assert years == sorted(years)
    page.get_by_role("link", name="quitar filtro Tipo: Sentencia").click()
    assert "kind" not in parse_qs(urlsplit(page.url).query)
    assert page.get_by_text(re.compile(f"de {total}$")).first.is_visible()


def test_pages_work_without_javascript(site: Site, open_page: Any) -> None:
    sesion = next(s for s in site.manifest.sesiones if s.videos)
    page = open_page(viewport=PHONE, javascript=False)
    page.goto(site.url)
    page.get_by_role("searchbox", name="Buscar").fill("sesión")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_url(re.compile(r"/buscar\?q="))
    assert page.locator("article.hit").count() > 0
    screenshot(page, "buscar-sin-js")
    page.goto(f"{site.url}/sesiones")
    page.get_by_text("Buscar por fechas, tipo de sesión, periodo, legislatura o palabras").click()
    page.get_by_label("Desde").fill(sesion.date.isoformat())
    page.get_by_label("Hasta").fill(sesion.date.isoformat())
    page.get_by_role("button", name="Buscar sesiones").click()
    assert page.locator("article.sesion", has_text=sesion.title).count() == 1
    assert page.get_by_role("link", name=re.compile("Ver (transmisión|en vivo)")).count() >= 1
    page.locator("article.sesion", has_text=sesion.title).get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/d/"))
    assert "Estado Abierto, http://127.0.0.1" in page.locator(".cita p").inner_text()
    assert page.get_by_role("button", name="Copiar cita").count() == 0  # plain selectable text


def test_on_a_phone_results_come_before_filters_and_nothing_scrolls_sideways(
    site: Site, open_page: Any
) -> None:
    page = open_page(viewport=PHONE)
    page.goto(f"{site.url}/buscar?q=sentencia")
    first = page.locator("article.hit").first.bounding_box()
    filters = page.locator("details.filtros").bounding_box()
    assert first is not None and filters is not None and first["y"] < filters["y"]
    assert first["y"] < PHONE["height"]  # the first result is on the first screen
    for path in ("/buscar?q=sentencia", "/sesiones", "/fuentes", f"/d/{_any_id(page, site)}"):
        page.goto(site.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
    page.set_viewport_size(DESKTOP)


def _any_id(page: Any, site: Site) -> str:
    page.goto(f"{site.url}/buscar?kind=sentencia")
    href = page.locator("article.hit h3 a").first.get_attribute("href")
    return href.split("/d/")[1].split("?")[0]


def test_without_javascript_a_citizen_finds_a_legislatures_session_and_follows_a_speaker(
    site: Site, open_page: Any
) -> None:
    sesion = next(s for s in site.manifest.sesiones if s.spoken() and s.transcript_path)
    person = next(t.person for t in sesion.spoken() if t.person)
    page = open_page(javascript=False)
    page.goto(f"{site.url}/sesiones")
    page.get_by_text("Buscar por fechas, tipo de sesión, periodo, legislatura o palabras").click()
    page.get_by_label("Legislatura").fill(sesion.legislature.lower())
    page.get_by_label("Desde").fill(sesion.date.isoformat())
    page.get_by_label("Hasta").fill(sesion.date.isoformat())
    page.get_by_role("button", name="Buscar sesiones").click()
    card = page.locator("article.sesion", has_text=sesion.title)
    assert card.count() == 1
    # the form says what was read: the numeral alone, as the chambers write it
    assert page.get_by_label("Legislatura").input_value() == sesion.legislature.split()[0]
    card.get_by_role("link", name=re.compile(r"intervenci[oó]n")).first.click()
    page.wait_for_url(re.compile(r"/d/"))
    page.locator("ol.intervenciones strong a", has_text=person).first.click()
    page.wait_for_url(re.compile(r"/personas/"))
    assert page.locator("h1").inner_text() == person
    said = page.locator("ol.intervenciones > li")
    assert said.count() >= 1
    screenshot(page, "persona-sin-js")
    said.first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/d/.*#intervencion-\d+$"))
