"""``abierto demo`` (what ``make run`` does): serve the bundled sample sites on
127.0.0.1, crawl them with the real spiders, and serve the API."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.parse import quote

from config.settings import Settings
from indexer.db import Database
from indexer.db.registry import Registry
from samples.generate import generate
from samples.server import serve

DEMO_INSTITUTION = "demo"


def run_demo(settings: Settings, port: int, samples_port: int) -> int:
    samples_dir = settings.data_dir / "samples"
    if not (samples_dir / "manifest.json").exists():
        print(f"generando los sitios de ejemplo en {samples_dir} …", flush=True)
        generate(samples_dir)
    server = serve(samples_dir, port=samples_port)
    print(f"sitios de ejemplo servidos en {server.url}", flush=True)
    env = os.environ | {
        "ABIERTO_SAMPLES_URL": server.url,
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
        "ABIERTO_DATA_DIR": str(settings.data_dir),
    }
    started = time.monotonic()
    crawl = subprocess.run([sys.executable, "-m", "cli.main", "crawl"], env=env, check=False)
    print(f"rastreo terminado en {time.monotonic() - started:.1f} s", flush=True)
    if crawl.returncode not in (0, 1, 3):  # 1 some source failed, 3 some incomplete
        server.stop()
        return crawl.returncode
    base = f"http://{settings.host}:{port}"
    key = demo_key(settings)
    print("\nPruebe:")
    for label, path in example_queries():
        print(f"  {label}\n    curl '{base}{path}'")
    print(f"  OpenAPI: {base}/docs")
    print(
        "\nLa clave de API de una institución de demostración (nueva en cada arranque; la "
        "anterior queda revocada):"
        f"\n  {key}\n  curl -H 'Authorization: Bearer {key}' '{base}/v1/sources'"
        "\n  (registre y pruebe fuentes como muestra README.md; los sitios de ejemplo están en"
        f" {server.url})\n",
        flush=True,
    )
    import uvicorn

    from api.app import create_app
    from cli.http_limits import server_limits
    from cli.proxy_trust import proxy_trust

    demo_settings = settings.model_copy(update={"allow_loopback": True})
    try:
        uvicorn.run(
            create_app(settings=demo_settings),
            host=settings.host,
            port=port,
            log_level="info",
            **server_limits(),
            **proxy_trust(settings),
        )
    finally:
        server.stop()
    return 0


def demo_key(settings: Settings) -> str:
    """A fresh key for the demo institution, so a new user can try registration at once."""
    db = Database(settings.database)
    registry = Registry(db)
    try:
        if registry.get_institution(DEMO_INSTITUTION) is None:
            registry.add_institution(
                DEMO_INSTITUTION, "Institución de demostración", "other", "MX-GUA"
            )
        for row in registry.list_keys(DEMO_INSTITUTION):
            if row.revoked_at is None:
                registry.revoke_key(row.id)
        return registry.issue_key(DEMO_INSTITUTION, "make run")[1]
    finally:
        db.close()


def example_queries() -> list[tuple[str, str]]:
    phrase = quote('"interés superior de la niñez"')
    return [
        ("Una frase en sentencias de tribunales:", f"/v1/search?q={phrase}&kind=sentencia"),
        (
            "Videos de sesiones del Congreso de Guanajuato en febrero de 2025:",
            "/v1/sessions?congress=H.%20Congreso%20del%20Estado%20de%20Guanajuato"
            "&date_from=2025-02-01&date_to=2025-02-28",
        ),
        (
            "Iniciativas legislativas sobre el agua:",
            "/v1/search?q=agua&kind=legislativo&doc_type=iniciativa&sort=date_desc",
        ),
    ]
