"""``abierto sources check`` and honest runs, against the Senado sessions fixture: a
good spec is reported ready; a spec whose selector reads a date into ``session_type``
is refused per field, and its crawl ends ``empty`` instead of ``ok``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from config.settings import Settings
from config.specs import load_spec
from crawlers.preview import listing_preview
from indexer.db import Database
from tests.shapes.harness import FIXTURES, REPO, run_abierto
from tests.shapes.server import FixtureServer

CASE = FIXTURES / "html_listing" / "senado-sesiones"


def _specs(folder: Path, **changes: object) -> Path:
    spec = yaml.safe_load((CASE / "spec.yaml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = spec
        *path, last = dotted.split("__")
        for part in path:
            node = node[part]
        node[last] = value
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "spec.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    return folder


def _check(work: Path, base: str, specs: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "ABIERTO_DATA_DIR": str(work / "data"),
        "ABIERTO_SAMPLES_URL": base,
        "ABIERTO_SOURCES_DIR": str(specs),
        "ABIERTO_ALLOW_LOOPBACK": "true",
        "ABIERTO_CRAWL_DELAY_S": "0",
    }
    env.pop("ABIERTO_DATABASE_URL", None)
    command = [sys.executable, "-m", "cli.main", "sources", "check", "fixture-senado-sesiones",
               "--max-seconds", "60"]  # fmt: skip
    return subprocess.run(
        command, env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_reports_each_field_and_says_ready(tmp_path: Path) -> None:
    with FixtureServer(FIXTURES) as server:
        result = _check(tmp_path, server.url, _specs(tmp_path / "specs"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "5/5" in lines["date*"] and "2026-04-08" in lines["date*"]
    assert "5/5" in lines["session_number"] and "173" in result.stdout
    assert "lista:" in result.stdout


def test_a_date_read_as_session_type_is_implausible_and_never_saved(tmp_path: Path) -> None:
    """The check refuses the spec. The crawl keeps no date as a type: a session whose own
    transcript opens naming its type ("Versión estenográfica de la sesión ordinaria…")
    takes that one, as does the Comisión Permanente's ("…de la sesión de la Comisión
    Permanente…"); no. 176, whose agenda stands in for a transcript not yet out, lacks
    its required type: counted."""
    specs = _specs(
        tmp_path / "specs", listing__fields__session_type="xpath:normalize-space(./td[2])"
    )
    with FixtureServer(FIXTURES) as server:
        result = _check(tmp_path / "check", server.url, specs)
        run_abierto(tmp_path / "data", server.url, specs)
    assert result.returncode == 1
    assert "[implausible_field]: 5 errores;" in result.stdout and "NO ESTÁ LISTA" in result.stdout
    assert "tuvo 5 valores inverosímiles" in result.stdout
    assert "se descartó el valor" in result.stdout  # its example said in Spanish
    assert "de abril de 2026" in result.stdout  # the refused value is shown
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    (run,) = db.list_runs("fixture-senado-sesiones")
    types = {d.session_number: d.session_type for d in db.iter_documents()}
    db.close()
    assert types == dict.fromkeys(("175", "174", "173"), "ordinaria") | {"172": "permanente"}
    assert run.errors["implausible_field"]["count"] == 5
    assert run.errors["missing_field"]["count"] == 1  # no. 176


def test_a_backfill_that_leaves_everything_out_is_empty_all_filtered(tmp_path: Path) -> None:
    specs = _specs(tmp_path / "specs")
    with FixtureServer(FIXTURES) as server:
        run_abierto(tmp_path / "data", server.url, specs, "--since", "2030-01-01")
    db = Database(f"sqlite:///{tmp_path / 'data' / 'abierto.db'}")
    (run,) = db.list_runs("fixture-senado-sesiones")
    db.close()
    assert run.status == "empty" and run.message.startswith("all_filtered")


def test_a_start_url_outside_allowed_domains_is_refused_at_load(tmp_path: Path) -> None:
    specs = _specs(tmp_path / "specs", allowed_domains=["www.senado.gob.mx"])
    with FixtureServer(FIXTURES) as server:
        crawl = run_abierto(tmp_path / "data", server.url, specs)
    assert crawl.returncode == 2
    assert "start_urls.0" in crawl.stderr and "fuera de allowed_domains" in crawl.stderr


def test_a_missing_required_field_is_named_in_spanish(tmp_path: Path) -> None:
    """Its example was the pipeline's English ("required field 'session_type' is missing
    or empty") inside the Spanish list of what keeps the source from being ready."""
    specs = _specs(tmp_path / "specs", listing__fields__session_type="xpath:./td[99]/text()")
    with FixtureServer(FIXTURES) as server:
        result = _check(tmp_path, server.url, specs)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NO ESTÁ LISTA" in result.stdout
    assert "falta el campo obligatorio «session_type» o está vacío" in result.stdout
    assert "required field" not in result.stdout, result.stdout


def test_the_listing_preview_counts_constants_as_the_crawl_saves_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview of a listing read each row's own fields only: the spec's constants
    (chamber, legislature) showed filled in 0 of 5 rows, though every saved session has
    them."""
    settings = Settings(data_dir=tmp_path / "data", allow_loopback=True, crawl_delay_s=0)
    with FixtureServer(FIXTURES) as server:
        monkeypatch.setenv("ABIERTO_SAMPLES_URL", server.url)
        spec = load_spec(_specs(tmp_path / "specs") / "spec.yaml")
        found = listing_preview(spec, settings, max_details=0, time_limit_s=60)
    fields = found["fields"]
    assert fields["date"]["filled"] == fields["date"]["items"] == 5
    # (as the crawl saves them: the Comisión Permanente's row, no. 172, is that body's)
    for name, values in (
        ("chamber", ["Senado de la República", "Comisión Permanente"]),
        ("legislature", ["LXVI"]),
    ):
        assert fields[name]["filled"] == 5 and fields[name]["samples"] == values, name
