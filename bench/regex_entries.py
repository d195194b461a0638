"""The text-reading entry points a hostile text reaches, each as ``text -> anything``.

Crawled pages and PDFs reach the readers, the citation reader, the speech splitter and
the privacy guard whole; a query reaches the parser and the highlighter. Helpers that
take a line or a value get the whole text as one line/value: a PDF line or a field has
no length limit of its own.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

Entry = Callable[[str], Any]

# modules whose compiled patterns meet document or query text
PATTERN_PACKAGES = (
    "indexer/readers",
    "indexer/citations",
    "indexer/speeches",
    "indexer/extract",
    "indexer/query",
    "indexer/privacy",
    "indexer/alignment",
    "indexer/highlight.py",
    "indexer/analysis.py",
    "indexer/spanish.py",
    "crawlers/templates.py",
    "crawlers/links.py",
    "crawlers/formats",
    "api/citation.py",
    "api/search_params.py",
    "api/search_route.py",
)


def pattern_modules(repo: Path) -> Iterator[ModuleType]:
    """The modules of ``repo`` (first on ``sys.path``) listed in ``PATTERN_PACKAGES``."""
    for entry in PATTERN_PACKAGES:
        path = repo / entry
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            name = ".".join(file.relative_to(repo).with_suffix("").parts)
            try:
                yield importlib.import_module(name)
            except Exception:  # a module needing a service or an extension: not swept
                continue


def compiled_patterns(repo: Path) -> dict[str, re.Pattern[str]]:
    """Every ``re.Pattern`` at module level (or one container deep), by module.name."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()
    for module in pattern_modules(repo):
        for attr, value in vars(module).items():
            values = (
                list(value.values())
                if isinstance(value, dict)
                else list(value)
                if isinstance(value, list | tuple | frozenset | set)
                else [value]
            )
            for i, item in enumerate(values):
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    if id(item) in seen:
                        continue
                    seen.add(id(item))
                    suffix = f"[{i}]" if len(values) > 1 or values[0] is not value else ""
                    found[f"{module.__name__}.{attr}{suffix}"] = item
    return found


def entries() -> dict[str, Entry]:
    from crawlers.formats.sitemaps import robots_sitemaps
    from indexer.build import build_document
    from indexer.citations import articles, cases, citation_key, extract_citations, tesis
    from indexer.citations.laws import fold
    from indexer.extract.normalise import has_words, normalise_text
    from indexer.highlight import plan, shown
    from indexer.privacy import guard
    from indexer.query.parser import operator_suggestion, parse_query
    from indexer.readers import (
        artifacts,
        courts,
        expedientes,
        judge_offices,
        judgments,
        named_members,
        normalise,
        opening_courts,
        plausibility,
        rulings,
        sessions,
        signatures,
    )
    from indexer.speeches import agenda, chair, collective, roles, roll_call, split

    def lines(text: str) -> list[str]:
        return text.split("\n")

    def place(text: str) -> Any:
        phrase = text + ", siendo ponente el último de los nombrados"
        return named_members.member_by_place(phrase, len(text) + 2)

    return {
        "judgments.read_sentence": judgments.read_sentence,
        "judgments.read_expediente": judgments.read_expediente,
        "judgments.read_court": judgments.read_court,
        "judgments.read_resolution_date": judgments.read_resolution_date,
        "judgments.read_ponente": judgments.read_ponente,
        "judgments.read_secretario": judgments.read_secretario,
        "judgments.read_matter": lambda t: judgments.read_matter(
            t[: judgments.HEAD_CHARS], None, None
        ),
        "rulings.read_ruling": rulings.read_ruling,
        "rulings.ruling_in_point": rulings.ruling_in_point,
        "opening_courts.opening_court": opening_courts.opening_court,
        "judge_offices.judges_court": judge_offices.judges_court,
        "judge_offices.judge_after_office": judge_offices.judge_after_office,
        "named_members.member_by_place": place,
        "signatures.split_signatures": signatures.split_signatures,
        "artifacts.mended": artifacts.mended,
        "artifacts.ordinals_in_words": artifacts.ordinals_in_words,
        "expedientes.parse_expediente": expedientes.parse_expediente,
        "expedientes.expediente_forms": expedientes.expediente_forms,
        "courts.normalise_court": courts.normalise_court,
        "courts.normalise_chamber": courts.normalise_chamber,
        "normalise.parse_date": normalise.parse_date,
        "normalise.normalise_person": normalise.normalise_person,
        "normalise.normalise_matter": normalise.normalise_matter,
        "normalise.normalise_legislature": normalise.normalise_legislature,
        "normalise.normalise_ruling": normalise.normalise_ruling,
        "normalise.clean_text": normalise.clean_text,
        "sessions.recognise_session": sessions.recognise_session,
        "sessions.session_type_in_heading": sessions.session_type_in_heading,
        "sessions.clean_title": sessions.clean_title,
        "plausibility.looks_like_date": plausibility.looks_like_date,
        "citations.extract_citations": extract_citations,
        "citations.citation_key": citation_key,
        # the Python readers: the reference, and what reads a text the Rust scanner does
        # not class as Python does (or every text, without the native extension)
        "citations.find_cases": lambda t: list(cases.find_cases(t, fold(t))),
        "citations.find_articles": lambda t: list(articles.find_articles(t, fold(t))),
        "citations.find_tesis": lambda t: list(tesis.find_tesis(t, fold(t))),
        "citations.find_rubros": lambda t: list(tesis.find_rubros(t)),
        "speeches.split_turns": split.split_turns,
        "speeches.collective_speaker_at": collective.collective_speaker_at,
        "speeches.collective_party": collective.collective_party,
        "speeches.roll_call_at": lambda t: roll_call.roll_call_at(lines(t), 0, None),
        "speeches.chair_change_at": lambda t: chair.chair_change_at(
            lines("Presidencia " + t), 0, None
        ),
        "speeches.heading_chair": chair.heading_chair,
        "speeches.court_attendance": chair.court_attendance,
        "speeches.read_speaker": roles.read_speaker,
        "speeches.agenda_references": agenda.references,
        "extract.normalise_text": normalise_text,
        "crawlers.robots_sitemaps": robots_sitemaps,
        "extract.has_words": has_words,
        "privacy.scan": guard.scan,
        # a crawled field as long as a page: the court's and the case number's readers
        "build.court_expediente_fields": lambda t: build_document(
            kind="sentencia",
            source_id="bench",
            institution="Tribunal",
            jurisdiction="MX",
            url="https://bench.example/1",
            fields={"title": "Sentencia", "court": t, "expediente": t},
            text="Texto.",
        ),
        "query.parse_query": parse_query,
        "query.operator_suggestion": operator_suggestion,
        "query.highlight_plan": lambda t: plan(shown(parse_query(t))),
    }
