"""``abierto dump --conservar-dias`` takes a number of days, one or more: 0 was taken as
the default 30 and -5 as "remove every delta", both in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.abierto import abierto


@pytest.mark.parametrize("days", ["0", "-5", "treinta", "1.5"])
def test_a_retention_that_is_no_number_of_days_is_refused(tmp_path: Path, days: str) -> None:
    done = abierto(tmp_path / "data", "dump", str(tmp_path / "datos"), "--conservar-dias", days)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--conservar-dias" in done.stderr and "días" in done.stderr
    assert not (tmp_path / "datos").exists()


def test_a_retention_of_days_dumps(tmp_path: Path) -> None:
    done = abierto(tmp_path / "data", "dump", str(tmp_path / "datos"), "--conservar-dias", "7")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "datos" / "catalog.json").is_file()
