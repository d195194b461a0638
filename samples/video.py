"""Fake streaming platform (TransmiteMX): one watch page per video."""

from __future__ import annotations

import json
import random

from samples import captions
from samples.es import text_date
from samples.manifest import Sesion, VideoRef
from samples.site import VIDEO, Files, css, esc, page

CHANNEL = "Congreso del Estado de Guanajuato"
POSTER = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" '
    'height="360" fill="#222"/><text x="320" y="190" fill="#fff" font-size="36" '
    'text-anchor="middle" font-family="sans-serif">TransmiteMX</text></svg>\n'
)


def build(files: Files, rng: random.Random, sessions: list[Sesion]) -> None:
    cards = []
    for s in sessions:
        for v in s.videos:
            duration = (
                None
                if v.live
                else f"{rng.randint(0, 3)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            )
            if s.spoken() and not v.live:
                v.captions_path = f"/video/captions/{v.video_id}.vtt"
            files[v.path.lstrip("/")] = _watch_page(s, v, duration).encode()
            files[f"video/media/{v.video_id}.m3u8"] = _playlist(v).encode()
            state = (
                '<span class="en-vivo">EN VIVO</span>'
                if v.live
                else '<span class="grabado">Grabado</span>'
            )
            cards.append(
                f'<li class="video-tarjeta"><a href="{v.path}">{esc(v.title)}</a> {state}</li>'
            )
    for s in sessions:  # after the pages, so their random durations stay as they were
        if any(v.captions_path for v in s.videos):
            captions.timeline(rng, s)
            for n, v in enumerate(s.videos):
                spoken = [d for d in s.spoken() if d.video == n]
                if v.captions_path and spoken:
                    files[v.captions_path.lstrip("/")] = captions.track(rng, spoken).encode()
    main = f'<h1>Transmisiones recientes</h1><ul class="lista-transmisiones">{"".join(cards)}</ul>'
    files["video/index.html"] = page(VIDEO, "Transmisiones recientes", main).encode()
    files["video/css/sitio.css"] = css(VIDEO).encode()
    files["video/img/poster.svg"] = POSTER.encode()


def _watch_page(s: Sesion, v: VideoRef, duration: str | None) -> str:
    state = (
        '<p class="video-estado en-vivo">EN VIVO</p>'
        if v.live
        else '<p class="video-estado grabado">Grabado</p>'
    )
    track = (
        f'<track kind="captions" srclang="es" label="Español (automáticos)" '
        f'src="{v.captions_path}">'
        if v.captions_path
        else ""
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": v.title,
        "uploadDate": s.date.isoformat(),
        "isLiveBroadcast": v.live,
        "contentUrl": f"/video/media/{v.video_id}.m3u8",
    }
    if duration:
        h, m, sec = duration.split(":")
        ld["duration"] = f"PT{int(h)}H{int(m)}M{int(sec)}S"
    main = (
        f'<div class="video-pagina" data-video-id="{v.video_id}">\n<h1 '
        f'class="video-titulo">{esc(v.title)}</h1>\n'
        f"{state}\n"
        '<div class="reproductor-contenedor"><video class="reproductor" controls preload="none" '
        f'poster="/video/img/poster.svg"><source src="/video/media/{v.video_id}.m3u8" '
        f'type="application/vnd.apple.mpegurl">{track}Su navegador no reproduce video.'
        "</video></div>\n"
        f'<dl class="video-datos"><dt>Canal</dt><dd class="video-canal">{CHANNEL}</dd>'
        f'<dt>Fecha</dt><dd class="video-fecha">{text_date(s.date)}</dd>'
        f'<dt>Duración</dt><dd class="video-duracion">{duration or "En curso"}</dd></dl>\n'
        f'<p class="video-descripcion">Transmisión institucional: {esc(s.title)}. '
        f'<a class="video-origen" href="{s.path}">Ver ficha de la sesión</a></p>\n</div>'
    )
    head = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'
    return page(VIDEO, v.title, main, [("Inicio", "/video/index.html"), (v.label, None)], head=head)


def _playlist(v: VideoRef) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:10", "#EXT-X-MEDIA-SEQUENCE:0"]
    lines += [f"#EXTINF:10.0,\nsegmento-{i}.ts" for i in range(3)]
    if not v.live:
        lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"
