"""Numbers given on the command line, checked where they are read: a negative limit or a
zero of processes would otherwise mean something nobody asked for (no limit, an instant
stop, a loop that never waits), and the operator would not be told."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole(least: int, most: int | None = None, of: str = "") -> Callable[[str], int]:
    """A whole number from ``least`` (to ``most``); ``of``: what it counts, for the
    message (``días``)."""
    kind = f"un número de {of}" if of else "un número entero"

    def read(text: str) -> int:
        value = text.strip()
        digits = value.removeprefix("-")
        if not value.isascii() or not digits.isdigit() or len(digits) > 18:
            raise argparse.ArgumentTypeError(f"«{text[:20]}» no es {kind}")
        number = int(value)
        if number < least or (most is not None and number > most):
            span = f"de {least} a {most}" if most is not None else f"{least} o más"
            raise argparse.ArgumentTypeError(f"{number} no vale aquí: escriba {kind}, {span}")
        return number

    return read


def seconds(least: float, *, above: bool = False) -> Callable[[str], float]:
    """A finite number of seconds, at least ``least`` (more than it with ``above``)."""

    def read(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise argparse.ArgumentTypeError(f"«{text[:20]}» no es un número de segundos")
        if number < least or (above and number == least):
            bound = "más de" if above else "al menos"
            raise argparse.ArgumentTypeError(
                f"{text.strip()} no vale aquí: escriba {bound} {least:g} segundos"
            )
        return number

    return read


PORT = whole(1, 65535)
