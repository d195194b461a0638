"""``catalog.json`` in the manner of DCAT-US 1.1 / DCAT-AP: one dataset for the full dump
and one per kept delta (with its period), each file a distribution with its size,
sha256, licence, date, row count and schema. The catalog is cumulative: each run adds its
delta to those still kept and drops the ones past the retention period.

It also keeps the dump's cut (``estadoAbierto.corte``): the moment the last run started
reading, where the next run's delta begins; and, when a write was open at that moment
(``escrituraAbiertaDesde``), when it began: the next delta reads from then.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from indexer.dump.files import WrittenFile

LICENCE = (
    "Información pública de sus instituciones; metadatos, texto extraído e índices de "
    "Estado Abierto reutilizables libremente citando la fuente original y este servicio."
)
CATALOG = "catalog.json"
DELTAS = "deltas"
FULL_ID = "estado-abierto-completo"
DELTA_ID = "estado-abierto-delta-"
# when the oldest write still open at the cut began (absent: none was)
OPEN_WRITE = "escrituraAbiertaDesde"
# the name ``write._stamp`` gives a delta's folder: nothing else is ever removed
STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z(?:-[0-9]{1,6})?", re.ASCII)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def read_previous(folder: Path) -> dict[str, Any] | None:
    """The last run's catalog, if it has a cut to continue from (a file that is not one:
    none, and this run starts afresh)."""
    path = folder / CATALOG
    if not path.exists():
        return None
    try:
        catalog = json.loads(path.read_text())
        last_cut(catalog)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return catalog


def last_cut(catalog: dict[str, Any]) -> dt.datetime:
    cut = parse_iso(catalog["estadoAbierto"]["corte"])
    if cut.tzinfo is None:
        raise ValueError("the catalog's cut has no time zone")
    return cut


def read_from(catalog: dict[str, Any]) -> dt.datetime:
    """Where the next run's reads of what changed begin: the last cut or, when a write
    was open at that cut (``estadoAbierto.escrituraAbiertaDesde``), the moment that
    write began, whichever is earlier. Such a write, committed after the last run read,
    carries the time it was made: read from the cut only, it was in no delta."""
    cut = last_cut(catalog)
    opened = catalog["estadoAbierto"].get(OPEN_WRITE)
    if not isinstance(opened, str):
        return cut
    try:
        moment = parse_iso(opened)
    except ValueError:
        return cut
    return min(cut, moment) if moment.tzinfo is not None else cut


def distribution(
    file: WrittenFile, root: Path, title: str, schema: dict[str, Any], issued: dt.datetime
) -> dict[str, Any]:
    return {
        "@type": "dcat:Distribution",
        "title": f"{title} ({file.format})",
        "downloadURL": file.path.relative_to(root).as_posix(),
        "mediaType": file.media_type,
        "format": file.format,
        "compressFormat": file.compression,
        "byteSize": file.size,
        "checksum": {"algorithm": "sha256", "checksumValue": file.sha256},
        "license": LICENCE,
        "issued": iso(issued),
        "rows": file.rows,
        "schema": schema,
    }


def full_dataset(distributions: list[dict[str, Any]], cut: dt.datetime) -> dict[str, Any]:
    return {
        "@type": "dcat:Dataset",
        "identifier": FULL_ID,
        "title": "Documentos publicados: volcado completo",
        "description": "Todos los documentos publicados al momento del corte, un archivo por "
        "tipo en JSONL comprimido y en Parquet; el texto publicado (datos personales "
        "enmascarados) y sin los documentos retenidos.",
        "issued": iso(cut),
        "modified": iso(cut),
        "license": LICENCE,
        "accrualPeriodicity": "R/P1D",
        "distribution": distributions,
    }


def delta_dataset(
    stamp: str, start: dt.datetime, end: dt.datetime, distributions: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "@type": "dcat:Dataset",
        "identifier": f"{DELTA_ID}{stamp}",
        "title": f"Cambios del {iso(start)} al {iso(end)}",
        "description": "Documentos nuevos o modificados en el periodo (archivos por tipo: "
        "reemplazan por id al registro anterior) y bajas (eliminados.*: ids que ya no forman "
        "parte del conjunto). Aplicados en orden sobre el volcado completo de la fecha de "
        "inicio dan el estado de la fecha final.",
        "issued": iso(end),
        "temporal": f"{iso(start)}/{iso(end)}",
        "startDate": iso(start),
        "endDate": iso(end),
        "isPartOf": FULL_ID,
        "license": LICENCE,
        "distribution": distributions,
    }


def kept_deltas(
    previous: dict[str, Any] | None, root: Path, cut: dt.datetime, keep_days: int
) -> tuple[list[dict[str, Any]], list[Path]]:
    """The previous catalog's deltas still within ``keep_days`` of ``cut`` (whose files
    are still there), and the folders of the older ones, to remove."""
    if previous is None:
        return [], []
    horizon = cut - dt.timedelta(days=keep_days)
    kept, expired = [], []
    datasets = previous.get("dataset")
    for dataset in datasets if isinstance(datasets, list) else []:
        found = _delta_folder(root, dataset)
        if found is None:
            continue
        folder, end = found
        if end < horizon:
            expired.append(folder)
        elif folder.is_dir():
            kept.append(dataset)
    return kept, expired


def delta_folders(previous: dict[str, Any], root: Path) -> list[Path]:
    """The folders of the deltas the previous catalog lists (only those this dump
    wrote, ``_delta_folder``)."""
    datasets = previous.get("dataset")
    found = [_delta_folder(root, d) for d in (datasets if isinstance(datasets, list) else [])]
    return [folder for folder, _ in filter(None, found)]


def _delta_folder(root: Path, dataset: Any) -> tuple[Path, dt.datetime] | None:
    """A delta's folder and end, only for a dataset this dump wrote: its folder a stamp
    directly under ``deltas/`` (a catalog edited to name ``../..`` or ``/`` removes
    nothing), its end a moment."""
    if not isinstance(dataset, dict):
        return None
    identifier, end = dataset.get("identifier"), dataset.get("endDate")
    if not isinstance(identifier, str) or not isinstance(end, str):
        return None
    stamp = identifier.removeprefix(DELTA_ID)
    if not identifier.startswith(DELTA_ID) or not STAMP.fullmatch(stamp):
        return None
    try:
        moment = parse_iso(end)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return root / DELTAS / stamp, moment


def catalog(
    cut: dt.datetime,
    full: dict[str, Any],
    deltas: list[dict[str, Any]],
    keep_days: int,
    open_since: dt.datetime | None = None,
) -> dict[str, Any]:
    state: dict[str, Any] = {"corte": iso(cut), "retencionDeltasDias": keep_days}
    if open_since is not None and open_since < cut:
        state[OPEN_WRITE] = iso(open_since)
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": "Estado Abierto: sentencias, sesiones y documentos legislativos",
        "description": f"Un volcado completo diario y los cambios de cada día (deltas) de "
        f"los últimos {keep_days} días. Quien tenga un volcado completo anterior aplica, en "
        "orden, los deltas cuyo inicio es posterior o igual a su fecha.",
        "issued": iso(cut),
        "modified": iso(cut),
        "license": LICENCE,
        "dataset": [full, *sorted(deltas, key=lambda d: d["startDate"])],
        "estadoAbierto": state,
    }


def write_catalog(root: Path, content: dict[str, Any]) -> None:
    temporary = root / f".{CATALOG}.part"
    temporary.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n")
    temporary.replace(root / CATALOG)
