"""``abierto``'s own words are Spanish also where argparse writes them: its usage, its
help and its refusals. They were English ("usage:", "the following arguments are
required", "invalid choice", "unrecognized arguments", "show this help message and
exit", "positional arguments", "options") beside the Spanish help of each option."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.abierto import abierto

ENGLISH = (
    "usage:",
    "the following arguments are required",
    "invalid choice",
    "unrecognized arguments",
    "expected one argument",
    "show this help message",
    "positional arguments",
    "options:",
    "argument ",
)

# (arguments, what the Spanish refusal says)
REFUSED = [
    ((), "faltan estos argumentos obligatorios: {crawl,index,"),
    (("nada",), "'nada' no es una opción válida (elija entre 'crawl', 'index'"),
    (("crawl", "--sin-esto"), "argumentos desconocidos: --sin-esto"),
    (("crawl", "--since"), "argumento --since: falta su valor"),
    (("index", "--kind", "otro", "x"), "'otro' no es una opción válida"),
    (("sources", "check"), "faltan estos argumentos obligatorios: source_id"),
    (("keys",), "faltan estos argumentos obligatorios: {issue,revoke,list,reader}"),
]


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) or "-" for a, _ in REFUSED])
def test_a_refused_command_line_is_told_in_spanish(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    done = abierto(tmp_path / "data", *args)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("abierto") and said in done.stderr
    assert "uso: abierto" in done.stderr
    assert not [word for word in ENGLISH if word in done.stderr], done.stderr


@pytest.mark.parametrize("args", [("--help",), ("crawl", "--help"), ("sources", "check", "-h")])
def test_the_help_is_spanish_throughout(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = abierto(tmp_path / "data", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("uso: abierto")
    assert "opciones:" in done.stdout and "-h, --help            muestra esta ayuda" in done.stdout
    assert not [word for word in ENGLISH if word in done.stdout], done.stdout
