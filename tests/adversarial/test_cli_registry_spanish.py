"""What ``abierto`` tells an operator when the registry refuses (a new institution, a
key): Spanish, with the refused value, exit status 2 and no traceback. It printed the
registry's English (``no institution 'nadie'``, ``institution id: lowercase letters…``,
``not a valid e-mail address``) and an unknown jurisdiction ended in a traceback. And
the counts it prints carry the pages' thousands separator («3.711 bytes»)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.adversarial.abierto import abierto

ENGLISH = re.compile(
    r"\b(no institution|already exists|lowercase|expected|not a valid|needs a name|"
    r"unknown|Traceback)\b"
)

# (arguments, what the operator is told)
REFUSED = [
    (("keys", "issue", "nadie"), "abierto keys: no hay ninguna institución «nadie»"),
    (
        ("institutions", "add", "NU", "--name", "Otra", "--kind", "court", "--jurisdiction", "MX"),
        "abierto institutions: el id «NU» no vale: escriba de 3 a 64 letras minúsculas",
    ),
    (
        (
            "institutions",
            "add",
            "otra-inst",
            "--name",
            "Otra",
            "--kind",
            "court",
            "--jurisdiction",
            "XX-ZZZ",
        ),
        "abierto institutions: la jurisdicción «XX-ZZZ» no existe",
    ),
    (
        (
            "institutions",
            "add",
            "tribunal-x",
            "--name",
            "Tribunal X",
            "--kind",
            "court",
            "--jurisdiction",
            "MX",
        ),
        "abierto institutions: ya existe la institución «tribunal-x»",
    ),
    (
        ("keys", "reader", "create", "--name", "Redacción", "--email", "nada"),
        "abierto keys reader: «nada» no es una dirección de correo válida",
    ),
    (
        ("keys", "reader", "create", "--name", " ", "--email", "redaccion@ejemplo.mx"),
        "abierto keys reader: una clave de lectura necesita un nombre",
    ),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("registry-data")
    made = abierto(
        folder, "institutions", "add", "tribunal-x", "--name", "Tribunal X", "--kind", "court",
        "--jurisdiction", "MX",
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    return folder


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a[:3]) for a, _ in REFUSED])
def test_a_registry_refusal_is_told_in_spanish(
    data: Path, args: tuple[str, ...], said: str
) -> None:
    done = abierto(data, *args)
    told = done.stdout + done.stderr
    assert done.returncode == 2, told
    assert said in told, told
    assert not ENGLISH.search(told), told


def test_a_backup_counts_with_the_thousands_separator(tmp_path: Path) -> None:
    folder = tmp_path / "documentos"
    folder.mkdir()
    paragraph = "<p>El tribunal resolvió confirmar la sentencia apelada en sus términos.</p>"
    (folder / "fallo.html").write_text(
        f"<html><body><h1>Sentencia 1/2024</h1>{paragraph * 60}</body></html>", "utf-8"
    )
    indexed = abierto(tmp_path / "data", "index", "--kind", "sentencia", str(folder))
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    done = abierto(tmp_path / "data", "backup", str(tmp_path / "copia"))
    assert done.returncode == 0, done.stdout + done.stderr
    size = re.search(r"originales: 1 archivo, (\S+) bytes", done.stdout)
    assert size, done.stdout
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", size.group(1)), done.stdout  # «4.611», not «4611»
    assert "copiando 1 archivo original " in done.stdout, done.stdout


def test_a_roster_that_cannot_be_read_is_told_in_spanish(tmp_path: Path) -> None:
    """``abierto padron`` repeated the system's English («[Errno 2] No such file or
    directory») and its own («the roster has no 'nombre' column»)."""
    headerless = tmp_path / "padron.csv"
    headerless.write_text("x,y\nAna Pérez,PAN\n", "utf-8")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("nombre\nJosé Núñez\n".encode("latin-1"))
    cases = [
        (tmp_path / "no-hay.csv", "no se pudo leer el padrón", "no existe"),
        (tmp_path, "no se pudo leer el padrón", "es una carpeta, no un archivo"),
        (latin, "no se pudo leer el padrón", "no está escrito en UTF-8"),
        (headerless, "el padrón no se puede leer", "falta la columna «nombre»"),
    ]
    for path, said, why in cases:
        done = abierto(tmp_path / "data", "padron", "--congreso", "H. Congreso", str(path))
        told = done.stdout + done.stderr
        assert done.returncode == 2, told
        assert said in told and why in told, told
        assert not re.search(r"Errno|No such|\bcolumn\b|Traceback", told), told
