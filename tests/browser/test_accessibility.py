"""Every page, at a desktop's and a phone's size: axe-core finds no critical or serious
violation, headings go in order, touch targets are at least 44 px on the phone, a skip link
comes first and the first result is a few Tab presses away. Screenshots of each page."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import AXE, DESKTOP, PHONE, Site, axe_violations, screenshot

SMALL_TARGETS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, summary')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    const box = el.closest('p, li, dd, td, figcaption');
    const inline = el.tagName === 'A' && box &&
      box.textContent.trim().length > el.textContent.trim().length + 2;
    if (!inline && (r.height < 44 || r.width < 44))
      bad.push(`${el.outerHTML.slice(0, 90)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return bad;
}"""
HEADINGS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


def pages(site: Site) -> dict[str, str]:
    sentencia = site.manifest.sentencias[0]
    sesion = next(s for s in site.manifest.sesiones if s.videos)
    spoken = next(s for s in site.manifest.sesiones if s.spoken())
    slug = re.sub(r"[^a-z0-9]+", "-", sesion.congress.lower().replace("é", "e")).strip("-")
    month = sesion.date.strftime("%Y-%m")
    return {
        "inicio": "/",
        "buscar": "/buscar?q=sentencia",
        "buscar-filtros": "/buscar?kind=sentencia&matter=familiar",
        "buscar-error": "/buscar?q=%22sin+cerrar",
        "sesiones": "/sesiones",
        "sesiones-mes": f"/sesiones?congreso={quote(sesion.congress)}&mes={month}",
        "congreso": f"/sesiones/{slug}",
        "documento": f"/buscar?q=%22{quote(sentencia.distinctive_phrase)}%22",
        "sesion": f"/sesiones?desde={spoken.date}&hasta={spoken.date}",
        "persona": f"/sesiones?desde={spoken.date}&hasta={spoken.date}",
        "fuentes": "/fuentes",
        "fuentes-numeros": "/fuentes",
        "ayuda": "/ayuda",
        "acerca": "/acerca",
        "no-existe": "/no-existe",
    }


@pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: run `make node-deps` (npm)")
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
def test_every_page_is_accessible(site: Site, open_page: Any, viewport: dict[str, int]) -> None:
    page = open_page(viewport=viewport, axe=True)
    problems: dict[str, Any] = {}
    for name, path in pages(site).items():
        page.goto(site.url + path)
        if name == "documento":  # reached from a search, as people arrive
            page.locator("article.hit h3 a").first.click()
            page.wait_for_url(re.compile(r"/d/"))
        if name in ("sesion", "persona"):  # its speeches and the documents it discussed
            page.locator("article.sesion h3 a").first.click()
            page.wait_for_url(re.compile(r"/d/"))
        if name == "persona":  # a speaker's page, from the session's speeches
            page.locator("ol.intervenciones strong a").first.click()
            page.wait_for_url(re.compile(r"/personas/"))
        if name.endswith("-numeros"):  # the charts' tables, opened
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        screenshot(page, name, full_page=name not in ("documento", "sesion", "persona"))
        levels = page.evaluate(HEADINGS)
        if not levels or levels[0] != 1 or any(b > a + 1 for a, b in pairwise(levels)):
            problems[f"{name}: headings"] = levels
        if viewport == PHONE:
            small = page.evaluate(SMALL_TARGETS)
            if small:
                problems[f"{name}: small targets"] = small
        found = axe_violations(page)
        if found:
            problems[f"{name}: axe"] = found
    assert problems == {}


def test_a_skip_link_comes_first_and_the_first_result_is_close(site: Site, open_page: Any) -> None:
    page = open_page()
    page.goto(f"{site.url}/buscar?q=sentencia")
    first = page.locator("article.hit h3 a").first.get_attribute("href")
    presses = 0
    while presses < 5:
        page.keyboard.press("Tab")
        presses += 1
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if presses == 1:
            assert focused.startswith("Saltar a")
            page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.getAttribute('href')") == first:
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == first, presses
    page.goto(f"{site.url}/ayuda")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Saltar al contenido"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"
