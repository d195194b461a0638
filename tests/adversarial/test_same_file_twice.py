"""Two entries of a listing giving the same file byte for byte (a court linking one PDF
from two rows, under two addresses) are one document: the second is saved as another
publication of the first (``indexer.shared``). The run said nothing of it: three
entries, «2 nuevos, 1 actualizado», two documents, and an operator could not tell where
the third went. It is now a notice (``same_file``) naming the entry and the document it
joined, in Spanish on the run's health, the run still healthy. A real crawl of a site on
127.0.0.1, real PDFs."""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.hostile import text_pdf
from tests.adversarial.service import listing_spec, open_api
from tests.adversarial.test_parse_stall import _crawl
from tests.shapes.server import FixtureServer


def _site(root: Path) -> None:
    """Three rows: ``a.pdf`` and ``b.pdf`` the same bytes, ``c.pdf`` another sentence."""
    same = text_pdf(["Sentencia del toca 12/2024 del pleno sobre un arrendamiento."])
    (root / "a.pdf").write_bytes(same)
    (root / "b.pdf").write_bytes(same)
    (root / "c.pdf").write_bytes(text_pdf(["Sentencia del toca 13/2024 sobre usufructo."]))
    rows = "".join(
        f"<tr><td class='t'>Sentencia {n}</td><td><a href='{href}'>ver</a></td></tr>"
        for n, href in enumerate(["a.pdf", "b.pdf", "c.pdf"], 1)
    )
    (root / "lista.html").write_text(f"<html><body><table><tbody>{rows}</tbody></table>")


def test_an_entry_giving_another_ones_file_is_counted(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    _site(tmp_path / "www")
    api = open_api(tmp_path / "data")
    try:
        with FixtureServer(tmp_path / "www") as server:
            spec = listing_spec(f"{server.url}/lista.html", id="pj-gto-iguales")
            spec["listing"]["fields"] = {"title": "css:td.t::text"}
            assert api.client.post("/v1/sources", json=spec, headers=api.headers).status_code == 201
            done = _crawl(api, spec["id"])
        assert done.returncode == 0, done.stdout + done.stderr
        docs = {d.url.rsplit("/", 1)[1]: d for d in api.library.db.iter_documents()}
        # whichever arrived first is the document (the files are fetched at once)
        kept = "a.pdf" if "a.pdf" in docs else "b.pdf"
        joined = ({"a.pdf", "b.pdf"} - {kept}).pop()
        assert sorted(docs) == sorted([kept, "c.pdf"])
        assert sorted(s.url.rsplit("/", 1)[1] for s in docs[kept].sources) == ["a.pdf", "b.pdf"]
        answer = api.client.get(f"/v1/sources/{spec['id']}/runs", headers=api.headers)
        [run] = answer.json()["runs"]
        assert run["status"] == "ok" and run["errors"] == {}, run  # nothing lost
        assert run["stats"]["items"] == 3 and run["stats"]["notices"] == 1, run["stats"]
        said = run["notices"]["same_file"]
        assert said["count"] == 1
        [example] = said["examples"]
        assert example["url"] == f"{server.url}/{joined}"
        assert example["mensaje"] == (
            f"el mismo archivo, byte por byte, que el documento de {server.url}/{kept}: se "
            "guardó como otra publicación de ese documento, no como un documento aparte"
        )
        assert "1 aviso" in done.stdout, done.stdout
        assert "el mismo archivo que otro documento de la fuente" in done.stdout, done.stdout
    finally:
        api.close()
