"""The legal readers on every real court document of ../shared/corpus, for two checkouts
of the code, run alternately: the sentence's heading fields (case, court, type of case,
matter, date, ponente, secretario, ruling) right / empty / wrong against what each
document says (written down by reading it), and every citation (cases, tesis, articles)
the citation reader finds, with what changed between the two.

    python bench/real_legal_readers.py OLD_CHECKOUT [ROUNDS]

Each real SCJN sentence is read too as other copies give it (``_copies``: in capitals,
without accents, a scanned caption, a date typed with slips, a vote after it, an engrose
by another).
The Supremo Tribunal de Jalisco's API titles are read as sentences too (their toca and
sala from the record's fields). The real SCJN sentences are read as published and without
their caption's ponente line (as a Word file's lost header leaves them); the Pleno's
versión taquigráfica is no sentence: only its court and session date are its own.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results")
CORPUS = Path("/work/shared/corpus")
FIELDS = ("expediente", "court", "proceeding", "matter", "resolution_date", "ponente",
          "secretario", "ruling")  # fmt: skip
# Written by reading each document (caption, opening, resolutive points, signatures).
TRUTH = {
    "record_0000.json": ("ADR 1309/2023", "Primera Sala de la SCJN",
                         "amparo directo en revisión", "amparo", "2025-08-13",
                         "Loretta Ortiz Ahlf", "Carlos Adrián López Sánchez", "revocar"),
    "record_0001.json": ("AI 29/2024", "Pleno de la SCJN", "acción de inconstitucionalidad",
                         "constitucional", "2025-06-24", "Javier Laynez Potisek",
                         "Paula Ximena Méndez Azuela", "procedente y fundado"),
    "record_0002.json": ("Juicio de Inconformidad en Materia Electoral 29/2025",
                         "Pleno de la SCJN", "juicio de inconformidad en materia electoral",
                         "electoral", "2025-08-12", "Alberto Pérez Dayán",
                         "Israel Rivas Acuña", "desechar"),
    "record_0004.json": ("AI 153/2022", "Primera Sala de la SCJN",
                         "acción de inconstitucionalidad", "constitucional", "2025-08-13",
                         "Jorge Mario Pardo Rebolledo", "Mercedes Verónica Sánchez Miguez",
                         "sobreseer"),
    "record_0006.json": ("Juicio de Inconformidad en Materia Electoral 56/2025",
                         "Pleno de la SCJN", "juicio de inconformidad en materia electoral",
                         "electoral", "2025-08-12", "Yasmín Esquivel Mossa",
                         "Mauricio Tapia Maltos", "desechar"),
}  # fmt: skip
_CAPTION_PONENTE = re.compile(r"^(?:MINISTR[OA] )?PONENTE:.*$", re.M)
_CAPTION_SECRETARIO = re.compile(r"^SECRETARI([OA]):", re.M)
# a caption's ponente / secretario label with its colon (taken off, or the name put on the
# next line, as other copies write the caption)
_CAPTION_LABEL_COLON = re.compile(r"^((?:MINISTR[OA] )?PONENTE|SECRETARI[OA]):[ \t]*", re.M)
# the caption's case lines at the top ("AMPARO DIRECTO EN REVISIÓN 1309/2023"): the last
# word of the type, split at its middle by a scan's line end ("REVI-⏎SIÓN")
_TOP_CASE_LINE = re.compile(r"^([A-ZÁÉÍÓÚ ]+ )([A-ZÁÉÍÓÚ]{6,})( \d{1,5}/\d{4})", re.M)
# the caption's ponente: the office and the name's first two words, then the rest
_CAPTION_PONENTE_NAME = re.compile(
    r"^((?:MINISTR[OA] )?PONENTE: (?:MINISTR[OA] )?\S+ \S+) (\S+.*)$", re.M
)
# the engrose's cover marks, each on its line above the label ("VISTO BUENO⏎⏎SR.
# MINISTRO⏎⏎PONENTE: …", "COTEJÓ⏎⏎SECRETARIO: …")
_COVER_MARKS = re.compile(
    r"^((?i:visto bueno))\s*\n\s*(\S+\.? ?\S+)\s*\n\s*(?=(?:MINISTR[OA] )?PONENTE)", re.M
)
_COTEJO_LINE = re.compile(r"^COTEJÓ\s*\n\s*(?=SECRETARI)", re.M)
_SPELLED_YEAR = re.compile(r"dos mil veinticinco")
_MONTH_WORDS = re.compile(r"\b(junio|agosto)\b")


def _mojibake(text: str) -> str:
    """``text`` as a copy that read its UTF-8 as Windows-1252 gives it ("REVISIÃ“N")."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _plain(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# a vote published after the sentence (written here): its own points and signature
_VOTE = (
    "\n\nVOTO PARTICULAR QUE FORMULA EL MINISTRO JUAN ORTEGA LIRA.\n\n"
    + "Disiento respetuosamente de la decisión de la mayoría, por las razones que expongo a "
    "continuación, conforme al amparo directo en revisión 1234/2019.\n\n"
    * 400
    + "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia recurrida."
    "\n\nMINISTRO\n\nJUAN ORTEGA LIRA\n"
)


# a first page that is a table of contents, above the caption (written here)
_CONTENTS_PAGE = (
    "ÍNDICE\n\nI. ANTECEDENTES Y TRÁMITE ............ 2\nII. COMPETENCIA ............ 5\n"
    "III. PROCEDENCIA ............ 7\nIV. ESTUDIO DE FONDO ............ 9\n"
    "V. DECISIÓN ............ 30\n\n"
)


def _copies(text: str) -> list[tuple[str, str, dict[str, str | None]]]:
    """The sentence as other copies give it (made here from the real text, never stored):
    a shouting copy in capitals, one without accents, a scanned caption (the secretary's
    label misread "SECRETARlO;"), the caption's labels without their colon (on the name's
    line, or alone on theirs), the date in words typed with one slip in the year and
    the month, a long vote after it (with a caption that lost its ponente line) and a
    caption naming an engrose by another Ministro (then no ponente); a scanned caption
    whose case type's word a line's end split ("REVI-⏎SIÓN"), a page's footer between the
    ponente's name's lines, and the cover's marks run into the labels' lines ("VISTO
    BUENO SR. MINISTRO PONENTE: …", "COTEJÓ SECRETARIO: …"); a caption whose accents a
    wrong encoding broke ("REVISIÃ“N": the opening, whole, still says the case); a first
    page that is a table of contents ("I. ANTECEDENTES Y TRÁMITE …… 2")."""

    def split_type(found: re.Match[str]) -> str:
        word = found[2]
        return f"{found[1]}{word[: len(word) // 2]}-\n{word[len(word) // 2 :]}{found[3]}"

    slips = {"junio": "jnuio", "agosto": "agsoto"}
    return [
        ("en mayúsculas", text.upper(), {}),
        ("sin acentos", _plain(text), {}),
        ("rubro escaneado", _CAPTION_SECRETARIO.sub(r"SECRETARl\1;", text), {}),
        ("fecha con erratas",
         _MONTH_WORDS.sub(lambda m: slips[m[1]], _SPELLED_YEAR.sub("dos mil veinticnico", text)),
         {}),
        ("sin ponente en el rubro, con voto particular al final",
         _CAPTION_PONENTE.sub("", text) + _VOTE, {}),
        ("rubro sin dos puntos",
         _CAPTION_LABEL_COLON.sub(r"\1 ", text), {}),
        ("rubro con la etiqueta en su renglón",
         _CAPTION_LABEL_COLON.sub(r"\1\n", text), {}),
        ("tipo partido al final del renglón",
         _TOP_CASE_LINE.sub(split_type, text[:3000]) + text[3000:], {}),
        ("pie de página en el nombre del ponente",
         _CAPTION_PONENTE_NAME.sub(r"\1\nPÁGINA 1 DE 40\n\2", text), {}),
        ("marcas del engrose en el renglón de las etiquetas",
         _COTEJO_LINE.sub("COTEJÓ ", _COVER_MARKS.sub(r"\1 \2 ", text)), {}),
        ("rubro con acentos rotos (UTF-8 leído como Windows-1252)",
         _mojibake(text[:400]) + text[400:], {}),
        ("índice al frente (puntos guía y páginas)", _CONTENTS_PAGE + text, {}),
        ("con engrose de otro",
         _CAPTION_PONENTE.sub(lambda m: f"{m[0]}\n\nENCARGADO DEL ENGROSE: MINISTRO JUAN"
                              " ORTEGA LIRA", text, count=2),
         {"ponente": None}),
    ]  # fmt: skip


_ENDS_WITH_NUMBER = re.compile(r"\d(?:\s*-\s*[A-Z0-9]{1,4})*\.?$")


def documents() -> list[tuple[str, str, dict[str, str | None]]]:
    out = []
    for name, values in TRUTH.items():
        path = CORPUS / "real" / "scjn-sentencias" / name
        if not path.exists():
            continue
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        want = dict(zip(FIELDS, values, strict=True))
        out.append((name, text, want))
        out.append((f"{name} sin ponente en el rubro", _CAPTION_PONENTE.sub("", text), want))
        out += [(f"{name} {label}", copy, want | changed) for label, copy, changed in _copies(text)]
    jalisco = CORPUS / "real" / "pj-jalisco" / "stj-api-records.json"
    if jalisco.exists():
        # the Supremo Tribunal de Jalisco's API titles ("Toca 52/2025 — SÉPTIMA SALA…"):
        # the toca and the sala its record's fields give; the matter only where the sala's
        # name is of penal matters (the record's, every one); a civil sala's tocas are
        # civil, family or commercial (its record's subject_area): the title does not say
        from indexer.readers.courts import normalise_court
        from indexer.readers.normalise import normalise_matter

        for record in json.loads(jalisco.read_text(encoding="utf-8")):
            penal = "PENAL" in record["court"]
            want = dict.fromkeys(FIELDS) | {
                "expediente": f"Toca {record['case_number']}",
                "proceeding": "toca",
                "court": normalise_court(record["court"]),
                "matter": normalise_matter(record["subject_area"]) if penal else None,
            }
            out.append((f"stj-jalisco {record['case_number']} (título)", record["title"], want))
    transcript = CORPUS / "scjn-transcripts" / "vt-pleno-2025-02-18.pdf"
    if transcript.exists():
        from indexer.extract.pdf import extract_pdf

        text = extract_pdf(transcript.read_bytes(), 500).text
        want = dict.fromkeys(FIELDS) | {"court": "Pleno de la SCJN",
                                        "resolution_date": "2025-02-18"}  # fmt: skip
        out.append(("vt-pleno-2025-02-18.pdf", text, want))
    return out


def _comparable(field: str, value: str | None) -> str | None:
    from indexer.readers.expedientes import normalise_expediente
    from indexer.readers.normalise import normalise_person

    if value is None:
        return None
    if field == "expediente":
        return normalise_expediente(value)
    if field in ("ponente", "secretario"):
        kept = normalise_person(value)
        return _plain(kept).casefold() if kept else None
    if field in ("court", "ruling", "proceeding", "matter"):
        return _plain(value).casefold()  # (a copy in capitals or without accents)
    return value


def measure() -> dict[str, object]:
    """Run in the checkout on PYTHONPATH: each document's fields and citations."""
    import time

    from indexer.citations import extract_citations
    from indexer.readers.judgments import read_sentence

    rows, cites, seconds, cpu = [], {}, 0.0, 0.0
    for name, text, want in documents():
        start, start_cpu = time.perf_counter(), time.process_time()
        read = read_sentence(text).values
        found = extract_citations(text)
        seconds += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        written = read.get("expediente")
        if written is not None:
            # the number as written, kept for people to read: right when it ends with the
            # case's number (its suffix), wrong when more follows it ("Toca 52/2025 — SALA…")
            ends = bool(_ENDS_WITH_NUMBER.search(written))
            rows.append({"document": name, "field": "expediente_escrito",
                         "outcome": "right" if ends else "wrong", "expected": None,
                         "read": written})  # fmt: skip
        for field in FIELDS:
            expected, got = _comparable(field, want[field]), _comparable(field, read.get(field))
            outcome = ("right" if got == expected else "wrong") if got is not None else (
                "empty" if expected is None else "missing")  # fmt: skip
            rows.append({"document": name, "field": field, "outcome": outcome,
                         "expected": expected, "read": got})  # fmt: skip
        if name.endswith(".json") or "(título)" in name or name.endswith(".pdf"):
            cites[name] = [[c.kind, c.key, c.written, c.start, c.court] for c in found]
    return {"rows": rows, "citations": cites, "seconds": seconds, "cpu": cpu}


def _run(checkout: Path) -> dict[str, object]:
    code = (
        f"import sys, json; sys.path[:0] = [{str(checkout)!r}];"
        f"sys.path.insert(1, {str(REPO)!r});"
        "import importlib.util as u;"
        f"s = u.spec_from_file_location('b', {str(Path(__file__).resolve())!r});"
        "m = u.module_from_spec(s); s.loader.exec_module(m);"
        "print(json.dumps(m.measure()))"
    )
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(done.stdout)


def main() -> None:
    old = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times: dict[str, list[float]] = {"antes": [], "después": []}
    cpu: dict[str, list[float]] = {"antes": [], "después": []}
    results: dict[str, dict[str, object]] = {}
    for _ in range(rounds):
        for label, checkout in (("antes", old), ("después", REPO)):
            result = _run(checkout)
            times[label].append(float(result["seconds"]))  # type: ignore[arg-type]
            cpu[label].append(float(result.get("cpu", 0.0)))  # type: ignore[arg-type]
            results[label] = result
    load = os.getloadavg()
    print(f"carga (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    kinds = ("right", "empty", "missing", "wrong")
    print(f"{'campo':16} {'antes b/v/f/m':>16} {'después b/v/f/m':>17}   "
          "(bien / vacío con razón / falta / mal)")  # fmt: skip
    tables = {k: Counter((r["field"], r["outcome"]) for r in v["rows"]) for k, v in results.items()}  # type: ignore[union-attr]
    for field in (*FIELDS, "expediente_escrito"):
        b = "/".join(str(tables["antes"][(field, o)]) for o in kinds)
        a = "/".join(str(tables["después"][(field, o)]) for o in kinds)
        print(f"{field:16} {b:>16} {a:>17}")
    for r in results["después"]["rows"]:  # type: ignore[union-attr]
        if r["outcome"] in ("wrong", "missing"):
            print(f"  {r['outcome']:8} {r['document']:45} {r['field']:16} "
                  f"esperado={r['expected']!r} leído={r['read']!r}")  # fmt: skip
    print("\ncitas por documento (antes → después): casos, tesis, artículos")
    changed = []
    for name, after in results["después"]["citations"].items():  # type: ignore[union-attr]
        before = results["antes"]["citations"][name]  # type: ignore[index]
        count = lambda found: Counter(c[0] for c in found)  # noqa: E731
        b, a = count(before), count(after)
        counts = "  ".join(f"{k} {b[k]}→{a[k]}" for k in ("case", "tesis", "article"))
        print(f"  {name:28} {counts}")
        gone = [c for c in before if c not in after]
        new = [c for c in after if c not in before]
        changed += [(name, "-", c) for c in gone] + [(name, "+", c) for c in new]
    for name, sign, c in changed:
        print(f"  {sign} {name}: {c}")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"lectura de todos los documentos, {label}: mediana {median:.3f} s "
              f"(CPU {statistics.median(cpu[label]):.3f} s)")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    out = {"load": load, "seconds": times, "cpu": cpu, "results": results, "changed": changed}
    (RESULTS / "real_legal_readers.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
