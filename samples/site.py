"""Shared HTML layout, site descriptions and name generation."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from typing import TypeVar

from samples.corpus_congreso import FIRST_F, FIRST_M, SURNAMES

Files = dict[str, bytes]
T = TypeVar("T")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    tagline: str
    nav: tuple[tuple[str, str], ...]
    footer: str
    aside: str
    accent: str

    @property
    def css_path(self) -> str:
        return f"/{self.key}/css/sitio.css"


CONGRESO = Site(
    "congreso",
    "H. Congreso del Estado de Guanajuato",
    "LXVI Legislatura",
    (
        ("Inicio", "/congreso/index.html"),
        ("Sesiones", "/congreso/sesiones/index.html"),
        ("Gaceta Parlamentaria", "/congreso/gaceta/index.html"),
        ("Transmisiones", "/video/index.html"),
    ),
    "<p>Av. del Congreso 100, Zona Centro, Guanajuato, Gto. C.P. 36000 · Tel. 473 000 0000</p>"
    '<p><a href="/congreso/privado/directorio-interno.html" class="enlace-intranet">Intranet '
    "(personal)</a>"
    " · Aviso de privacidad · Transparencia</p>",
    "<h2>Avisos</h2><p>Consulte el calendario de sesiones y la Gaceta Parlamentaria. Las sesiones "
    "del Pleno se transmiten en vivo a través de la plataforma TransmiteMX.</p>",
    "#7a1f3d",
)

TRIBUNAL = Site(
    "tribunal",
    "Poder Judicial del Estado de Guanajuato",
    "Supremo Tribunal de Justicia · Juzgados y Tribunales",
    (
        ("Inicio", "/tribunal/index.html"),
        ("Versiones públicas de sentencias", "/tribunal/sentencias/index.html"),
    ),
    "<p>Circuito Superior Pozuelos s/n, Guanajuato, Gto. · Atención ciudadana: 473 000 0001</p>"
    "<p>Aviso de privacidad · Unidad de Transparencia · Mapa del sitio</p>",
    "<h2>Información</h2><p>Las versiones públicas se elaboran suprimiendo los datos personales de "
    "las partes. Para solicitar una versión pública adicional acuda a la Unidad de "
    "Transparencia.</p>",
    "#1f4e79",
)

VIDEO = Site(
    "video",
    "TransmiteMX",
    "Transmisiones institucionales en vivo y bajo demanda",
    (("Inicio", "/video/index.html"),),
    "<p>TransmiteMX · Plataforma de video para instituciones públicas · Términos de uso</p>",
    "<h2>Canales</h2><p>Congreso del Estado de Guanajuato</p>",
    "#222222",
)

DISCLAIMER = "Sitio de demostración de Estado Abierto: toda la información es ficticia."


def page(
    site: Site,
    title: str,
    main: str,
    crumbs: list[tuple[str, str | None]] | None = None,
    head: str = "",
) -> str:
    """Wrap ``main`` in the site's header/nav/aside/footer boilerplate."""
    nav = "".join(f'<li><a href="{href}">{esc(label)}</a></li>' for label, href in site.nav)
    crumb_html = ""
    if crumbs:
        parts = [
            f'<a href="{href}">{esc(label)}</a>' if href else f"<span>{esc(label)}</span>"
            for label, href in crumbs
        ]
        crumb_html = f'<nav class="migas" aria-label="Ruta">{" › ".join(parts)}</nav>\n'
    return f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(site.name)}</title>
<link rel="stylesheet" href="{site.css_path}">
{head}</head>
<body class="sitio-{site.key}">
<header class="encabezado">
<div class="marca"><a href="{site.nav[0][1]}">{esc(site.name)}</a>
<span class="lema">{esc(site.tagline)}</span></div>
<nav class="menu-principal"><ul>{nav}</ul></nav>
</header>
{crumb_html}<main id="contenido" class="contenido">
{main}
</main>
<aside class="avisos">{site.aside}</aside>
<footer class="pie">{site.footer}<p class="aviso-demo">{esc(DISCLAIMER)}</p></footer>
</body>
</html>
"""


def css(site: Site) -> str:
    rules = (
        "body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}",
        f".encabezado{{background:{site.accent};color:#fff;padding:1rem 2rem}}",
        ".encabezado a{color:#fff;text-decoration:none}",
        ".marca a{font-size:1.4rem;font-weight:700}",
        ".lema{display:block;font-size:.9rem;opacity:.85}",
        ".menu-principal ul{list-style:none;padding:0;display:flex;gap:1rem}",
        ".migas{padding:.5rem 2rem;font-size:.85rem}",
        ".contenido{padding:1rem 2rem;max-width:60rem}",
        ".avisos{padding:1rem 2rem;background:#eee}",
        ".pie{padding:1rem 2rem;font-size:.8rem;background:#ddd}",
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem}",
        ".paginacion a{margin-right:1rem}",
        ".en-vivo,.sesion-en-vivo{color:#c00;font-weight:700}",
    )
    return "\n".join(rules) + "\n"


def pagination(page_no: int, total: int) -> str:
    """Pager with relative links: index.html, pagina-2.html, ..."""

    def name(n: int) -> str:
        return "index.html" if n == 1 else f"pagina-{n}.html"

    links = []
    if page_no > 1:
        links.append(
            f'<a class="pagina-anterior" rel="prev" href="{name(page_no - 1)}">‹ Anterior</a>'
        )
    links.append(f'<span class="pagina-actual">Página {page_no} de {total}</span>')
    if page_no < total:
        links.append(
            f'<a class="pagina-siguiente" rel="next" href="{name(page_no + 1)}">Siguiente ›</a>'
        )
    return f'<nav class="paginacion">{" ".join(links)}</nav>'


def listing_file(page_no: int) -> str:
    return "index.html" if page_no == 1 else f"pagina-{page_no}.html"


@dataclass
class NamePool:
    """Draws unique invented full names."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def person(self, female: bool | None = None) -> tuple[str, bool]:
        if female is None:
            female = self.rng.random() < 0.5
        while True:
            first = self.rng.choice(FIRST_F if female else FIRST_M)
            a, b = self.rng.sample(SURNAMES, 2)
            name = f"{first} {a} {b}"
            if name not in self.used:
                self.used.add(name)
                return name, female


def chunks(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
