"""The secret that signs the ``/fuentes`` sign-in cookie is never weaker than 32 random
bytes. It was created empty and written afterwards: a disk that filled up (or a process
that died) in between left an empty file, read from then on as the secret, and anyone
could sign ``institución|id de clave|vencimiento`` with an empty HMAC key and read that
institution's private crawl health. The file now appears complete or not at all (written
aside, linked into place, readable by its owner alone), and one too short is replaced."""

from __future__ import annotations

import hashlib
import hmac
import stat
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.pages.signin import COOKIE, SECRET_FILE
from tests.adversarial.service import open_api

HTML = {"Accept": "text/html"}


def _forged(institution: str, key_id: str) -> str:
    payload = f"{institution}|{key_id}|{int(time.time()) + 600}|{'0' * 32}"
    return f"{payload}|{hmac.new(b'', payload.encode(), hashlib.sha256).hexdigest()}"


def test_an_empty_secret_file_signs_nothing_anyone_can_forge(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        (tmp_path / "data" / SECRET_FILE).write_bytes(b"")  # left so by a full disk
        [key] = api.registry.list_keys("pj-gto")
        client = TestClient(create_app(api.library, api.settings))
        client.cookies.set(COOKIE, _forged("pj-gto", key.id), path="/fuentes")
        page = client.get("/fuentes", headers=HTML)
        assert page.status_code == 200
        assert "Sesión iniciada" not in page.text
        signed = client.post(
            "/fuentes/entrar",
            data={"clave": api.headers["Authorization"].split()[1]},
            follow_redirects=True,
        )
        assert "Sesión iniciada como" in signed.text  # a real key still signs in
        secret = tmp_path / "data" / SECRET_FILE
        assert len(secret.read_bytes()) >= 32
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    finally:
        api.close()


def test_a_new_secret_is_readable_by_its_owner_alone(tmp_path: Path) -> None:
    api = open_api(tmp_path / "data")
    try:
        client = TestClient(create_app(api.library, api.settings))
        client.post("/fuentes/entrar", data={"clave": api.headers["Authorization"].split()[1]})
        secret = tmp_path / "data" / SECRET_FILE
        assert len(secret.read_bytes()) == 32
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
        assert [p.name for p in secret.parent.iterdir() if SECRET_FILE in p.name] == [SECRET_FILE]
    finally:
        api.close()
