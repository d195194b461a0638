"""``abierto dump`` reads the previous ``catalog.json`` to remove expired deltas: a catalog
edited (or damaged) to name ``deltas/../..``, an absolute folder or a bare ``deltas``
made the dump remove whatever that was, and a catalog that was no catalog stopped it
with a traceback. Only a folder the dump itself named is ever removed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.dump.test_delta import _dump, _save, _sentencia

DAY_ONE = dt.datetime(2026, 1, 1, 3, tzinfo=dt.UTC)
OLD_END = "2026-01-01T03:00:00Z"


def _hostile(identifier: str) -> dict[str, Any]:
    return {"@type": "dcat:Dataset", "identifier": identifier, "endDate": OLD_END}


def test_an_edited_catalog_removes_nothing_outside_the_dumps_deltas(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "public" / "dump"
    _save(data, _sentencia("uno"))
    _dump(data, out, now=DAY_ONE)
    _save(data, _sentencia("dos"))
    _dump(data, out, now=DAY_ONE + dt.timedelta(days=1))
    real = sorted((out / "deltas").iterdir())
    assert len(real) == 1

    beside = tmp_path / "public" / "otros"
    outside = tmp_path / "fuera"
    for folder in (beside, outside):
        folder.mkdir()
        (folder / "importante.txt").write_text("no se borra")
    catalog = json.loads((out / "catalog.json").read_text())
    catalog["dataset"] += [
        _hostile("estado-abierto-delta-../../otros"),
        _hostile(f"estado-abierto-delta-{outside}"),
        _hostile("estado-abierto-delta-"),
        _hostile("estado-abierto-delta-."),
        _hostile(str(outside)),
    ]
    (out / "catalog.json").write_text(json.dumps(catalog))

    _dump(data, out, now=DAY_ONE + dt.timedelta(days=90))

    assert (beside / "importante.txt").read_text() == "no se borra"
    assert (outside / "importante.txt").read_text() == "no se borra"
    assert (out / "deltas").is_dir()
    assert not real[0].exists()  # the dump's own expired delta still goes
    kept = json.loads((out / "catalog.json").read_text())["dataset"]
    assert [d["identifier"] for d in kept][1:] == [f"estado-abierto-delta-{_folder(out)}"]


def _folder(out: Path) -> str:
    (only,) = (out / "deltas").iterdir()
    return only.name


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        '{"estadoAbierto": {}}',
        '{"estadoAbierto": {"corte": "ayer"}}',
        '{"estadoAbierto": {"corte": "2026-01-01T03:00:00"}}',
        '{"estadoAbierto": {"corte": "2026-01-01T03:00:00Z"}, "dataset": "x"}',
        '{"estadoAbierto": {"corte": "2026-01-01T03:00:00Z"}, "dataset": [1, {"endDate": 3}]}',
        '{"estadoAbierto": {"corte": "2026-01-01T03:00:00Z"}, "dataset": '
        '[{"identifier": "estado-abierto-delta-2026-01-01T030000Z", "endDate": "ayer"}]}',
    ],
)
def test_a_catalog_that_is_no_catalog_is_replaced_not_a_traceback(
    tmp_path: Path, content: str
) -> None:
    data, out = tmp_path / "data", tmp_path / "dump"
    _save(data, _sentencia("uno"))
    out.mkdir()
    (out / "catalog.json").write_text(content)
    report = _dump(data, out, now=DAY_ONE + dt.timedelta(days=1))
    assert report.rows["sentencia"] == 1
    written = json.loads((out / "catalog.json").read_text())
    assert written["estadoAbierto"]["corte"] == "2026-01-02T03:00:00Z"
