"""``abierto index`` of a page with a DOCTYPE internal subset: what its custom entities
would expand to is never indexed; the reference is indexed as a browser shows it,
«&sello;» as written (a browser's HTML parser expands no subset's entity)."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.abierto import abierto
from tests.e2e.helpers import client_for

PAGE = (
    '<!DOCTYPE html [ <!ENTITY sello "Palabraexpandida"> ]>'
    "<html><head><title>Dictamen</title></head><body><main><h1>Dictamen de la Comisión</h1>"
    "<p>Se aprueba &sello; el dictamen de la Comisi&oacute;n de Hacienda.</p></main></body></html>"
)


def test_index_a_page_with_an_internal_subset_keeps_no_expanded_word(tmp_path: Path) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    (folder / "dictamen.html").write_text(PAGE, encoding="utf-8")
    data_dir = tmp_path / "data"

    result = abierto(data_dir, "index", "--kind", "legislativo", str(folder))

    assert result.returncode == 0, result.stdout + result.stderr
    with client_for(data_dir) as api:
        for words, total in (("Hacienda", 1), ("sello", 1), ("Palabraexpandida", 0)):
            body = api.get("/v1/search", params={"q": words}).json()
            assert body["total"] == total, (words, body)
