"""``abierto padron``: a congress's published roster of legislators (name, party) added
to its people, and its sessions' speeches attributed again with it."""

from __future__ import annotations

import argparse
from pathlib import Path

from config.settings import Settings


def cmd_roster(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.library import Library
    from indexer.speeches.service import import_roster, reattribute

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"abierto: no se pudo leer el padrón {path}: {_why(exc)}")
        return 2
    library = Library.open(settings, writer=True)
    try:
        rows = import_roster(library.db, text, args.congreso, args.legislatura, args.camara)
        speeches = reattribute(library.db, library.speech_index, args.congreso)
    except ValueError as exc:
        print(f"abierto: el padrón no se puede leer: {exc}")
        return 2
    finally:
        library.close()
    print(f"padrón: {rows} personas de {args.congreso}; {speeches} intervenciones atribuidas")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    roster = commands.add_parser(
        "padron", help="importa un padrón de legisladores (nombre|partido…) de un congreso"
    )
    roster.add_argument("file", help="texto delimitado con una columna 'nombre' y una 'partido'")
    roster.add_argument(
        "--congreso", required=True, help="el congreso, como lo nombran sus sesiones"
    )
    roster.add_argument("--legislatura", help="p. ej. LXVI")
    roster.add_argument("--camara", help="p. ej. Pleno, Senado")
    roster.set_defaults(func=cmd_roster)


def _why(exc: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, as the operator reads it (not the system's English)."""
    if isinstance(exc, UnicodeDecodeError):
        return "no está escrito en UTF-8 (guárdelo como «CSV UTF-8»)"
    if isinstance(exc, FileNotFoundError):
        return "no existe"
    if isinstance(exc, IsADirectoryError):
        return "es una carpeta, no un archivo"
    if isinstance(exc, PermissionError):
        return "no hay permiso para leerlo"
    return f"el sistema no pudo leerlo ({exc.strerror or type(exc).__name__})"
