"""Every cause a crawl or an extraction records reads in Spanish, wherever a person reads
it. The causes and message templates are enumerated from the code itself (every
``ExtractionError`` raised in ``indexer.extract``, every cause a crawler records), so a
cause added without its Spanish fails here. A refusal that carries a parser's complaint
(expat's «unbound prefix: line 1, column 0») says it in Spanish, not glued on in English."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path
from xml.parsers import expat

import pytest

from crawlers import causas
from crawlers.causas import EXTRACTIONS, LABELS, error_mensaje
from indexer.extract import ExtractionError, extract_text
from indexer.extract.model import CAUSES
from indexer.extract.parser_words import EXPAT
from tests.adversarial.abierto import abierto

ROOT = Path(__file__).resolve().parents[2]
# words of English prose (a code such as «CRC-32» or «XObject» is no sentence)
ENGLISH = re.compile(
    r"\b(?:the|of|is|are|was|were|and|not|could|with|from|its|which|has|have|did|does|to|"
    r"by|at|in|left|unread|read|failed|found|line|column|unbound|prefix|invalid|token|"
    r"mismatched|element|while|decompressing|header|load|page|pages|file)\b",
    re.I,
)
# stored with Python's own exception (an unforeseen failure): said by its cause on display
RAW_EXCEPTION = {("worker.py", "internal"), ("worker.py", "malformed")}


def _spanish(said: str) -> bool:
    return ENGLISH.search(said) is None


def _sample(node: ast.expr, constants: dict[str, ast.expr]) -> str | None:
    """The message a template writes, each value it formats taken as ``2``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "2" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left, constants), _sample(node.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Name) and node.id in constants:
        return _sample(constants[node.id], constants)
    return None


def _templates() -> list[tuple[str, str, str]]:
    """(file, cause, message) of every ``ExtractionError(cause, message)`` of the
    extractor whose message is written in its code."""
    found = []
    for path in sorted((ROOT / "indexer" / "extract").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "ExtractionError"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Constant)
            ):
                continue
            message = _sample(node.args[1], constants)
            if message is not None:
                found.append((path.name, node.args[0].value, message))
    return found


TEMPLATES = _templates()


def test_the_templates_are_found() -> None:
    assert len(TEMPLATES) > 40
    assert {cause for _, cause, _ in TEMPLATES} == set(CAUSES)


@pytest.mark.parametrize(("where", "cause", "message"), TEMPLATES)
def test_every_extraction_message_is_stored_and_shown_in_spanish(
    where: str, cause: str, message: str
) -> None:
    shown = error_mensaje("extraction_failed", f"{cause}: {message}")
    assert _spanish(shown), shown
    if (where, cause) not in RAW_EXCEPTION or "type(" not in message:
        assert _spanish(message), f"{where}: {message}"


def test_every_extraction_cause_has_its_spanish() -> None:
    assert set(EXTRACTIONS) == set(CAUSES)
    for cause in CAUSES:
        assert _spanish(error_mensaje("extraction_failed", f"{cause}: ValueError: x")), cause


def _crawl_causes() -> set[str]:
    """Every cause the crawlers record: ``run.error("cause", …)``, ``cause="…"`` and
    ``{"cause": "…"}``."""
    causes: set[str] = set()
    for path in (ROOT / "crawlers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                first = node.args[0] if node.args else None
                if getattr(node.func, "attr", None) == "error" and isinstance(first, ast.Constant):
                    causes.add(first.value)
                causes |= {
                    k.value.value
                    for k in node.keywords
                    if k.arg == "cause" and isinstance(k.value, ast.Constant)
                }
            if isinstance(node, ast.Dict):
                causes |= {
                    value.value
                    for key, value in zip(node.keys, node.values, strict=True)
                    if isinstance(key, ast.Constant) and key.value == "cause"
                    if isinstance(value, ast.Constant)
                }
    return {c for c in causes if isinstance(c, str) and "%" not in c}


def test_every_crawl_cause_has_a_spanish_name() -> None:
    causes = _crawl_causes() | causas.NOTICES
    assert len(causes) > 20
    missing = sorted(c for c in causes if c not in LABELS)
    assert not missing, missing
    for cause in LABELS:
        assert _spanish(LABELS[cause]) or cause in ("crawl_delay",), LABELS[cause]


# the English messages a run stores (its ``message``, read by API clients), each said in
# Spanish as a person reads it
STORED = [
    (causas.PAGES_TRUNCATED, causas.pages_truncated(300, 200)),
    (causas.OCR_INCOMPLETE, causas.ocr_incomplete(12, 5)),
    (causas.PAGES_TOO_COSTLY, causas.pages_too_costly(2, 16)),
    (causas.PAGES_GARBLED, causas.pages_garbled(1)),
    (causas.PAGES_GARBLED, causas.pages_garbled(3)),
    (causas.SCANS_UNREAD, causas.scans_unread(2)),
    (causas.FALSE_CODING, causas.false_coding("gzip", "Not a gzipped file (b'<h')")),
    (causas.SAME_FILE, causas.same_file("https://sitio.gob.mx/a.pdf")),
    (causas.LEGISLATURE_CONTRADICTED, causas.legislature_contradicted("LXV", "2024-10-01", "LXVI")),
    ("extraction_failed", f"malformed: {causas.NO_PAGES}"),
    ("extraction_failed", f"unsupported_type: {causas.XFA_UNREAD}"),
    ("cut_short", causas.CUT_SHORT),
    ("cut_short", causas.CODING_CUT.format(coding="gzip")),
    ("network", causas.NO_ANSWER),
    ("malformed_answer", causas.HEAD_CUT),
    ("malformed_answer", causas.NOT_HTTP),
    ("malformed_answer", causas.MALFORMED_CHUNKS),
    ("malformed_answer", causas.LONGER_THAN_DECLARED),
    ("malformed_answer", causas.CODING_STACK.format(count=5, codings="gzip, gzip", most=2)),
    ("malformed_answer", causas.GZIP_MEMBERS.format(coding="gzip", members=900, given=0)),
    ("preview_failed", causas.PREVIEW_MEMORY.format(mb=512)),
    ("too_large", causas.PAST_MAXSIZE),
    ("crawl_failed", "no crawl ran"),
]


@pytest.mark.parametrize(("cause", "message"), STORED)
def test_every_english_stored_message_is_shown_in_spanish(cause: str, message: str) -> None:
    shown = error_mensaje(cause, message)
    assert _spanish(shown), shown


def test_every_expat_complaint_has_its_spanish_words() -> None:
    assert set(EXPAT) == set(expat.errors.codes)
    assert all(_spanish(said) for said in EXPAT.values())


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _word(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


UNBOUND = _word(
    f'<w:document xmlns:w="{W}"><w:body><w:p><x:r><w:t>Amparo</w:t></x:r></w:p>'
    "</w:body></w:document>"
)
MISMATCHED = _word(f'<w:document xmlns:w="{W}"><w:body><w:p></w:body></w:document>')


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (UNBOUND, "un prefijo de espacio de nombres sin declarar (línea 1, columna "),
        (MISMATCHED, "una etiqueta que cierra otra que no estaba abierta (línea 1, columna "),
    ],
    ids=["unbound-prefix", "mismatched-tag"],
)
def test_a_word_xml_fault_is_said_in_spanish(data: bytes, said: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(data, filename="a.docx")
    assert str(info.value).startswith(f"el XML del documento Word no es válido: {said}")
    assert _spanish(str(info.value)), info.value


def test_a_damaged_word_zip_is_said_in_spanish() -> None:
    data = bytearray(_word(f'<w:document xmlns:w="{W}"><w:body/></w:document>'))
    at = data.index(b"PK\x01\x02")  # the central directory's first entry, its magic broken
    data[at : at + 4] = b"PK\x09\x09"
    with pytest.raises(ExtractionError) as info:
        extract_text(bytes(data), filename="a.docx")
    assert _spanish(str(info.value)), info.value


def test_abierto_index_says_a_word_xml_fault_in_spanish(tmp_path: Path) -> None:
    folder = tmp_path / "recibido"
    folder.mkdir()
    (folder / "prefijo.docx").write_bytes(UNBOUND)
    done = abierto(tmp_path / "data", "index", str(folder), timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert (
        "prefijo.docx: malformed: el XML del documento Word no es válido: un prefijo de "
        "espacio de nombres sin declarar (línea 1, columna "
    ) in done.stdout, done.stdout
    assert "unbound" not in done.stdout, done.stdout


# details stored before they were said in Spanish: a parser's English glued on, or set
# aside in parentheses; each shown as one Spanish sentence
OLD_DETAILS = {
    "malformed: el XML del documento Word no es válido: unbound prefix: line 1, column 0": (
        "el XML del documento Word no es válido: un prefijo de espacio de nombres sin "
        "declarar (línea 1, columna 0): no se extrajo su texto"
    ),
    "malformed: documento Word ilegible: File is not a zip file": (
        "documento Word ilegible: no es un archivo ZIP: no se extrajo su texto"
    ),
    "malformed: documento Word ilegible: Truncated ZIP entry for something": (
        "documento Word ilegible: el archivo ZIP está dañado: no se extrajo su texto"
    ),
    "malformed: el PDF está dañado: ni pdfium ni pdfminer pudieron leer su estructura "
    "(pdfium: el archivo no es un PDF; pdfminer: PSEOF: Unexpected EOF)": (
        "el PDF está dañado: ni pdfium ni pdfminer pudieron leer su estructura: no se "
        "extrajo su texto"
    ),
}


@pytest.mark.parametrize("stored", OLD_DETAILS)
def test_a_parser_detail_stored_in_english_is_said_in_spanish(stored: str) -> None:
    shown = error_mensaje("extraction_failed", stored)
    assert shown == OLD_DETAILS[stored]
    assert _spanish(shown), shown


def _closings() -> list[tuple[str, str]]:
    """(status, message) of every way a run is closed (``crawlers.outcome``,
    ``crawlers.runner``'s stall, Scrapy's reasons), each kind of part a partial one has."""
    from crawlers import outcome
    from crawlers.stall import stall_message

    said = [("empty", f"{cause}: {english}") for cause, english in outcome.MESSAGES.items()]
    said += [("failed", "no page could be fetched"), ("failed", "shutdown")]
    said += [("failed", reason) for reason in ("cancelled", "closespider_errorcount")]
    said.append(("failed", f"parse_timeout: {stall_message('http://sitio/a', 40, 30)}"))
    listing = {"url": "http://sitio/l?p=2", "unread": "listing page"}
    limit = {"message": "listing.max_pages (5) reached: …"}
    errors = {
        "http_404": {"count": 2, "examples": [listing]},
        "limit_reached": {"count": 1, "examples": [limit]},
        "timeout": {"count": 1, "examples": [{"url": "http://sitio/b.pdf", "unread": "file"}]},
    }
    counts = {key: 1 for key in outcome.LOST}
    limits = [*outcome.EARLY_STOPS.values(), "listing.max_pages (5)"]
    said.append(("partial", outcome.partial_message(counts, errors, limits)))
    return said


@pytest.mark.parametrize(("status", "message"), _closings())
def test_every_closing_message_of_a_run_is_shown_in_spanish(status: str, message: str) -> None:
    shown = causas.run_mensaje(status, message)
    assert shown and _spanish(shown), shown
