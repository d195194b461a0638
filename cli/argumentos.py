"""The command line's own words in Spanish: argparse writes its usage, its help and its
errors ("usage:", "the following arguments are required"…) through its gettext hooks,
``argparse._`` and ``argparse.ngettext``; the parser here swaps them for Spanish ones
while it builds, parses and prints, and puts them back after (nothing else in the
process is changed)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

SPANISH = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "subcommands": "órdenes",
    "show this help message and exit": "muestra esta ayuda y termina",
    "show program's version number and exit": "muestra la versión y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos obligatorios: %s",
    "one of the arguments %s is required": "se necesita uno de estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos desconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r no es una opción "
    "válida (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "%(value)r no es un valor válido (%(type)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "orden desconocida "
    "%(parser_name)r (las órdenes: %(choices)s)",
    "expected one argument": "falta su valor",
    "expected at most one argument": "admite como máximo un valor",
    "expected at least one argument": "necesita al menos un valor",
    "not allowed with argument %s": "no se admite junto con %s",
    "ignored explicit argument %r": "no admite valor: se ignoraría %r",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s "
    "puede ser %(matches)s",
    "unexpected option string: %s": "opción inesperada: %s",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
}
SPANISH_COUNTED = {
    ("expected %s argument", "expected %s arguments"): ("necesita %s valor", "necesita %s valores")
}


def _name_commands(parser: argparse.ArgumentParser) -> None:
    """A missing command is named by its choices (``{crawl,index,…}``, as the usage shows
    them), not by its ``dest``, an English variable name (``command``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and action.metavar is None:
            action.metavar = "{" + ",".join(action.choices) + "}"


def _spanish(message: str) -> str:
    return SPANISH.get(message, message)


def _spanish_counted(one: str, many: str, n: int) -> str:
    singular, plural = SPANISH_COUNTED.get((one, many), (one, many))
    return singular if n == 1 else plural


@contextlib.contextmanager
def in_spanish() -> Iterator[None]:
    """argparse's messages in Spanish for the duration (its hooks restored after)."""
    hooks = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _spanish, _spanish_counted  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = hooks  # type: ignore[attr-defined]


class SpanishParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that speaks Spanish; its subcommands' parsers are of this
    class too (argparse makes them of its parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with in_spanish():  # the group titles and the -h help are written here
            super().__init__(*args, **kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with in_spanish():  # "unrecognized arguments" is said here
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        _name_commands(self)
        with in_spanish():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with in_spanish():
            return super().format_usage()

    def format_help(self) -> str:
        with in_spanish():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with in_spanish():
            super().error(message)
