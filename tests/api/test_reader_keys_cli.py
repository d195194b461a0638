"""The operator issues, lists and revokes reader keys from the command line; the key
printed once reads with the reader's limit until it is revoked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli.main import main
from indexer.library import Library
from tests.api.read_limits import StillClock, client_from, limited_app, settings_for


def test_create_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    create = ["--data-dir", str(data), "keys", "reader", "create"]
    assert main([*create, "--name", "Redacción Norte", "--email", "Datos@Norte.mx"]) == 0
    printed = capsys.readouterr().out
    key = re.search(r"^ear_([0-9a-f]{12})_\S+$", printed, re.M)
    assert key, printed
    key_id = key.group(1)

    assert main(["--data-dir", str(data), "keys", "reader", "list"]) == 0
    listed = capsys.readouterr().out
    assert key_id in listed and "datos@norte.mx" in listed and "activa" in listed
    assert key.group(0) not in listed  # the secret is never shown again

    settings = settings_for(data, read_limit_reader=77, key_cache_s=0)
    library = Library.open(settings)
    try:
        client = client_from(limited_app(library, settings, StillClock()))
        bearer = {"Authorization": f"Bearer {key.group(0)}"}
        assert client.get("/v1/search?q=x", headers=bearer).headers["RateLimit-Limit"] == "77"
        assert main(["--data-dir", str(data), "keys", "reader", "revoke", key_id]) == 0
        assert client.get("/v1/search?q=x", headers=bearer).status_code == 401
    finally:
        library.close()
    assert main(["--data-dir", str(data), "keys", "reader", "revoke", key_id]) == 2
    assert main([*create, "--name", "X", "--email", "no-es-correo"]) == 2
    assert "«no-es-correo» no es una dirección de correo válida" in capsys.readouterr().out
