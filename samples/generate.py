"""Generate the three sample sites and ``manifest.json``.

Usage: ``python -m samples.generate OUT_DIR [--seed N]``. Output is byte-identical for a seed,
and files whose content did not change are not rewritten (their mtime is preserved).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from samples import congreso, tribunal, video
from samples.manifest import Manifest, SiteInfo
from samples.site import Files, NamePool

SITE_DIRS = ("congreso", "tribunal", "video")
ROBOTS = f"""# Sitios de muestra de Estado Abierto
User-agent: *
Disallow: {congreso.PRIVATE_PATH.rsplit("/", 1)[0]}/
"""
ROOT_INDEX = """<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><title>Sitios de muestra</title></head>
<body>
<h1>Sitios de muestra de Estado Abierto</h1>
<ul>
<li><a href="/congreso/index.html">H. Congreso del Estado de Guanajuato</a></li>
<li><a href="/tribunal/index.html">Poder Judicial del Estado de Guanajuato</a></li>
<li><a href="/video/index.html">TransmiteMX</a></li>
</ul>
<p>Toda la información es ficticia.</p>
</body>
</html>
"""


def build(seed: int = 7) -> tuple[Manifest, Files]:
    """Build every file in memory: (manifest, {relative path: bytes})."""
    files: Files = {}
    names = NamePool(random.Random(f"{seed}-names"))
    sessions, legis = congreso.build(files, random.Random(f"{seed}-congreso"), names)
    sentencias = tribunal.build(files, random.Random(f"{seed}-tribunal"), names)
    video.build(files, random.Random(f"{seed}-video"), sessions)
    files["robots.txt"] = ROBOTS.encode()
    files["index.html"] = ROOT_INDEX.encode()

    def pages(prefix: str) -> list[str]:
        found = [
            p
            for p in files
            if p.startswith(prefix) and p.rsplit("/", 1)[-1].startswith(("index", "pagina-"))
        ]
        return ["/" + p for p in sorted(found, key=lambda p: (len(p), p))]

    manifest = Manifest(
        seed=seed,
        sites={
            "congreso": SiteInfo(
                name=congreso.CONGRESS,
                jurisdiction=congreso.JURISDICTION,
                home="/congreso/index.html",
                listings={
                    "sesiones": pages("congreso/sesiones/"),
                    "gaceta": pages("congreso/gaceta/"),
                },
            ),
            "tribunal": SiteInfo(
                name=tribunal.JUDICIARY,
                jurisdiction=congreso.JURISDICTION,
                home="/tribunal/index.html",
                listings={"sentencias": pages("tribunal/sentencias/")},
            ),
            "video": SiteInfo(
                name=congreso.PLATFORM,
                home="/video/index.html",
                listings={"videos": ["/video/index.html"]},
            ),
        },
        robots_disallow=[congreso.PRIVATE_PATH.rsplit("/", 1)[0] + "/"],
        private_paths=[congreso.PRIVATE_PATH],
        documents=[*sessions, *legis, *sentencias],
    )
    files["manifest.json"] = manifest.to_json().encode()
    return manifest, files


def generate(out_dir: Path, seed: int = 7) -> Manifest:
    """Write the sample sites under ``out_dir`` and return the manifest.

    Stale files inside the site folders are removed; unchanged files are left untouched.
    """
    manifest, files = build(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for site in SITE_DIRS:
        base = out_dir / site
        if base.is_dir():
            for path in sorted(base.rglob("*"), reverse=True):
                rel = path.relative_to(out_dir).as_posix()
                if path.is_file() and rel not in files:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    for rel, data in files.items():
        target = out_dir / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Genera los sitios de muestra y manifest.json")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    manifest = generate(args.out_dir, args.seed)
    counts = {k: len(manifest.by_kind(k)) for k in ("sesion", "legislativo", "sentencia")}
    print(f"{len(manifest.documents)} documentos en {args.out_dir}: {counts}")


if __name__ == "__main__":
    main()
