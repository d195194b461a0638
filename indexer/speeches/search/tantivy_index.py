"""The embedded speech index: a Tantivy folder beside the documents' index, compiled
from the same query syntax tree (``indexer.query``) with the same Spanish analysis."""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy

from indexer.analysis import (
    FOLDED,
    STEMMED,
    compatible_text,
    fold_keyword,
    indexed_text,
    stem_tokens,
    visible_text,
    without_gaps,
)
from indexer.highlight import MatchPlan, mark, plan, prefix_window, whole_words_end
from indexer.query import Node, parse_query
from indexer.speeches.model import Speech
from indexer.speeches.search.shapes import SPEECH_FILTERS, SpeechHit, SpeechQuery, SpeechResult
from indexer.stores import phrase_rule
from indexer.stores.base import (
    FILTER_FIELDS,
    FacetCount,
    decode_cursor_at,
    encode_cursor,
)
from indexer.stores.held import HeldCommits
from indexer.stores.query_kits import TantivyKit
from indexer.stores.stamped import Stamp, open_stamped, stamped_version
from indexer.stores.tantivy_store import (
    HELD_COMMITS,
    HELD_SECONDS,
    SEGMENT_BUCKETS,
    arranged_within_bounds,
    compile_node,
)

log = logging.getLogger(__name__)
SNIPPET_CHARS = 220
WRITER_HEAP = 64 * 1024 * 1024
# Document fields added after the speech indexes' fields were set: a speech has none of
# them, and a field more would make every speech index folder unreadable until rebuilt
# (and the engine's mapping another); ``ruling:x`` in a speech search matches nothing.
LATER_DOCUMENT_FIELDS = frozenset({"ruling", "redacted", "period"})
# every field the query language may name gets a keyword field (but the later ones), so
# ``court:x`` in a speech search matches nothing instead of failing
KEY_FIELDS = tuple(
    dict.fromkeys((*SPEECH_FILTERS, *(f for f in FILTER_FIELDS if f not in LATER_DOCUMENT_FIELDS)))
)
_ABSENT_KEYS = frozenset(f"key_{name}" for name in LATER_DOCUMENT_FIELDS)


class _SpeechKit(TantivyKit):
    """tantivy-py's queries, a value of a field the speech index keeps none of matching
    nothing (as the engine's term on a field its mapping lacks)."""

    def term(self, field: str, value: str) -> tantivy.Query:
        if field in _ABSENT_KEYS:
            return tantivy.Query.empty_query()
        return super().term(field, value)


# How the speech index's texts are analysed beyond what its schema says: 1, no stamp,
# before they were the documents' indexed texts (``analysis.indexed_text``: the
# characters no one sees kept, «am\u00adparo» two words; «𝐚𝐦𝐩𝐚𝐫𝐨» not «amparo»); 2
# before an ordinal's superscript letters were read as its indicator («1ᵒ» is «1º»:
# ``analysis._superscript_ordinal``); 3 before an ordinal written with a period was
# read as one written without («1.º» was «1» and «º»: ``analysis._plain_ordinals``); 4
# since.
SPEECH_ANALYSIS_VERSION = 4


def speech_analysis_version(path: Path) -> int:
    """The version of the analysis the speech index folder ``path`` was written with."""
    return stamped_version(path)


def outdated_analysis(path: Path) -> str:
    return (
        f"el índice de discursos en {path} se escribió con el análisis de texto de una "
        "versión anterior (una palabra con caracteres invisibles no se encuentra): "
        "ejecute `abierto reindex` para reconstruirlo desde la base de datos"
    )


_STAMP = Stamp(SPEECH_ANALYSIS_VERSION, "discursos", outdated_analysis, corrupt_replaced=True)

# the sessions whose speeches are dropped, and the speeches added after
SessionsReplaced = tuple[Iterable[str], Iterable[Speech]]


def _key(name: str) -> str:
    return f"key_{name}"


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name="es_stem")
    builder.add_text_field("text", stored=True, tokenizer_name="es_stem")
    builder.add_text_field("meta", tokenizer_name="es_stem")
    builder.add_text_field("agenda", tokenizer_name="es_stem")
    builder.add_text_field("title_fold", tokenizer_name="es_fold", index_option="freq")
    builder.add_text_field("text_fold", tokenizer_name="es_fold", index_option="freq")
    builder.add_date_field("date", indexed=True, fast=True)
    builder.add_integer_field("procedural", indexed=True)
    for name in KEY_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
        builder.add_text_field(_key(name), tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("payload", stored=True, indexed=False)
    return builder.build()


def _meta_text(speech: Speech) -> str:
    """A speech's descriptive words as the index holds them (``meta``)."""
    meta = [speech.speaker_as_written, speech.person_name, speech.party]
    return indexed_text("\n".join(v for v in meta if v))


def key_values(speech: Speech) -> dict[str, str | None]:
    """The keyword fields a speech is filtered and faceted on (every speech index), read
    as the documents' filter values are (``documents.filter_values``)."""
    values = _key_values(speech)
    return {
        name: value if value is None else compatible_text(visible_text(value))
        for name, value in values.items()
    }


def _key_values(speech: Speech) -> dict[str, str | None]:
    return {
        "speaker": speech.person_name,
        "person_id": speech.person_id,
        "party": speech.party,
        "congress": speech.congress,
        "legislature": speech.legislature,
        "role": speech.role,
        "session_id": speech.session_id,
        "jurisdiction": speech.jurisdiction,
        "kind": "discurso",
    }


class TantivySpeechIndex:
    def __init__(self, path: Path | None, replace_outdated: bool = True) -> None:
        """An index built by another version is started anew by a writer (``reindex``
        fills it from the database); a reader says so instead."""
        self.path = path
        self.schema = build_schema()
        self.replaced = False
        if path is None:
            self.index = tantivy.Index(self.schema)
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.index = self._open(path, replace_outdated)
        self.index.register_tokenizer("es_stem", STEMMED)
        self.index.register_tokenizer("es_fold", FOLDED)
        self._lock = threading.Lock()
        # a page's cursor names its commit: the next page is read from it while held
        self._commits: HeldCommits[tantivy.Searcher] = HeldCommits(HELD_COMMITS, HELD_SECONDS)

    def _open(self, path: Path, replace_outdated: bool) -> tantivy.Index:
        """The index in ``path`` (``stamped.open_stamped``): one of another schema or
        analysis, or whose ``meta.json`` is unreadable, is started anew by a writer
        (``replaced``: the library has every session read again)."""
        index, self.replaced = open_stamped(self.schema, path, _STAMP, replace_outdated)
        return index

    def replace_sessions(
        self,
        session_ids: Iterable[str],
        speeches: Iterable[Speech],
        previous: Iterable[str] | None = None,
    ) -> int:
        """Drop the sessions' speeches and add ``speeches`` in one commit (its writer
        deletes by session: ``previous`` is not needed)."""
        return self._write([(session_ids, speeches)], replace_all=False)

    def replace_many(self, steps: Sequence[SessionsReplaced]) -> int:
        """``replace_sessions`` for each step, in order, in one writer and one commit
        (opening a writer and committing cost more than a batch's speeches)."""
        return self._write(steps, replace_all=False)

    def rebuild(self, speeches: Iterable[Speech]) -> int:
        return self._write([((), speeches)], replace_all=True)

    def _write(self, steps: Sequence[SessionsReplaced], replace_all: bool) -> int:
        count = 0
        with self._lock:
            writer = self.index.writer(WRITER_HEAP, 1)
            try:
                if replace_all:
                    writer.delete_all_documents()
                for session_ids, speeches in steps:
                    for session_id in session_ids:
                        term = fold_keyword(session_id)
                        writer.delete_documents_by_term(_key("session_id"), term)
                    for speech in speeches:
                        writer.add_document(self._entry(speech))
                        count += 1
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                del writer
            self.index.reload()
        return count

    def _entry(self, speech: Speech) -> tantivy.Document:
        entry = tantivy.Document()
        entry.add_text("id", speech.id)
        entry.add_text("title", "")
        # as the documents' texts (``indexed_text``): without the characters no one sees
        # («am\u00adparo» was two words), compatibility characters plain, a gap after each
        # redaction holding no word (a phrase is not matched across «****» or «(…)»); the
        # payload keeps the text as written
        text = indexed_text(speech.text)
        entry.add_text("text", text)
        entry.add_text("text_fold", text)
        entry.add_text("meta", _meta_text(speech))
        entry.add_text("agenda", indexed_text(speech.agenda_item or ""))
        entry.add_integer("procedural", int(speech.procedural))
        if speech.date is not None:
            entry.add_date("date", dt.datetime.combine(speech.date, dt.time(), tzinfo=dt.UTC))
        for name, value in key_values(speech).items():
            if value and value.strip():
                entry.add_text(name, value)
                entry.add_text(_key(name), fold_keyword(value))
        entry.add_bytes("payload", speech.model_dump_json().encode())
        return entry

    def count(self) -> int:
        self.index.reload()
        return self.index.searcher().num_docs

    def _reloaded(self) -> tantivy.Searcher:
        self.index.reload()
        return self.index.searcher()

    def _as_now(
        self,
        searcher: tantivy.Searcher,
        full: tantivy.Query,
        text_query: tantivy.Query,
        match_plan: MatchPlan,
        hits: list[SpeechHit],
    ) -> list[SpeechHit]:
        """A held commit's ``hits`` as ``searcher`` (the current commit) holds them: the
        question ``full`` asked again of them alone. A speech taken out since, or
        re-indexed so that it no longer matches (a name masked), is not shown; one
        re-indexed that still matches shows its current text and highlights, never the
        held commit's (text the library has since masked). Order and scores stay."""
        ids = list(dict.fromkeys(hit.speech.id for hit in hits))
        if not ids:
            return hits
        among = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "id", i)) for i in ids]
        )
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, full), (tantivy.Occur.Must, among)]
        )
        found = searcher.search(both, limit=len(ids))
        now = {
            hit.speech.id: hit
            for hit in self._shown(searcher, found.hits, text_query, match_plan, scored=False)
        }
        return [
            now[hit.speech.id].model_copy(update={"score": hit.score})
            for hit in hits
            if hit.speech.id in now
        ]

    def _shown(
        self,
        searcher: tantivy.Searcher,
        found: list[tuple[Any, tantivy.DocAddress]],
        text_query: tantivy.Query,
        match_plan: MatchPlan,
        scored: bool,
    ) -> list[SpeechHit]:
        """The hits ``searcher`` found, with their highlights (``scored``: by relevance,
        the score kept)."""
        snippets = tantivy.SnippetGenerator.create(searcher, text_query, self.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for key, address in found:
            stored = searcher.doc(address)
            speech = Speech.model_validate_json(bytes(stored["payload"][0]))
            snippet = snippets.snippet_from_doc(stored)
            fragment = snippet.fragment()
            if fragment:
                ranges = [(r.start, r.end) for r in snippet.highlighted()]
                marked = [without_gaps(mark(fragment, ranges, match_plan))]
            else:
                marked = _unmatched(speech.text, match_plan)
            score = float(key) if scored else None
            hits.append(SpeechHit(speech=speech, score=score, highlights=marked))
        return hits

    def _question(
        self, tree: Node, query: SpeechQuery, searcher: tantivy.Searcher
    ) -> tantivy.Query:
        """The whole question (words, filters, agenda, dates) as asked of ``searcher``: a
        proximity phrase of too many arrangements is matched by the rule among the
        speeches holding its words (``phrase_rule``), as the documents' search does."""
        rule = phrase_rule.PhraseRule(
            self.schema,
            searcher,
            meta=_speech_meta(self.schema, searcher),
            most=phrase_rule.MAX_CANDIDATES,
        )
        with phrase_rule.checking(rule):
            # speeches are short: their index keeps no pair fields, phrases read positions
            text_query = compile_node(self.schema, tree, pairs=False, kit=_SpeechKit(self.schema))
        clauses = [(tantivy.Occur.Must, text_query)]
        for name, values in query.filters.items():
            if name not in SPEECH_FILTERS:
                raise ValueError(f"unknown filter field {name!r}")
            wanted = [v for v in values if v.strip()]
            if wanted:
                options = [
                    (
                        tantivy.Occur.Should,
                        # as a speech's value is indexed (``key_values``)
                        tantivy.Query.term_query(
                            self.schema, _key(name), fold_keyword(visible_text(v))
                        ),
                    )
                    for v in wanted
                ]
                clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(options)))
        # read as a question's words are (``indexed_text``'s characters gone or plain)
        agenda_words = stem_tokens(compatible_text(visible_text(query.agenda)))
        for token in agenda_words:
            clauses.append(
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "agenda", token))
            )
        if not query.include_procedural:
            clauses.append(
                (tantivy.Occur.MustNot, tantivy.Query.term_query(self.schema, "procedural", 1))
            )
        if query.date_from or query.date_to:

            def at(day: dt.date | None) -> dt.datetime | None:
                return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None

            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        self.schema,
                        "date",
                        tantivy.FieldType.Date,
                        at(query.date_from),
                        at(query.date_to),
                    ),
                )
            )
        return tantivy.Query.boolean_query(clauses)

    def search(self, query: SpeechQuery) -> SpeechResult:
        offset, made_on = decode_cursor_at(query)  # type: ignore[arg-type]
        tree = arranged_within_bounds(parse_query(query.q))
        commit, searcher = self._commits.renewed(self.path, self._reloaded)
        current = searcher
        if made_on is not None and made_on != commit:
            held = self._commits.held(made_on)
            if held is not None:  # the cursor's page was read from an earlier commit
                commit, searcher = made_on, held
        full = self._question(tree, query, searcher)
        # the snippets light up a ruled phrase's words (what it matched by is ids)
        with phrase_rule.checking(phrase_rule.words(self.schema)):
            text_query = compile_node(self.schema, tree, pairs=False, kit=_SpeechKit(self.schema))
        if query.sort == "relevance":
            result = searcher.search(full, limit=query.limit, offset=offset, count=True)
        else:
            order = tantivy.Order.Desc if query.sort == "date_desc" else tantivy.Order.Asc
            result = searcher.search(
                full,
                limit=query.limit,
                offset=offset,
                count=True,
                order_by_field="date",
                order=order,
            )
        match_plan = plan(tree)
        scored = query.sort == "relevance"
        hits = self._shown(searcher, result.hits, text_query, match_plan, scored)
        total = result.count or 0
        next_offset = offset + len(hits)
        if searcher is not current:  # shown as the current commit holds them
            now = self._question(tree, query, current)
            hits = self._as_now(current, now, text_query, match_plan, hits)
        cursor = (
            encode_cursor(query, next_offset, commit=commit)  # type: ignore[arg-type]
            if next_offset < total and result.hits  # (a page all of whose hits went leads on)
            else None
        )
        facets: dict[str, list[FacetCount]] = {}
        spec = {
            n: {"terms": {"field": n, "size": query.facet_size, "segment_size": SEGMENT_BUCKETS}}
            for n in query.facets
            if n in SPEECH_FILTERS
        }
        if spec:
            raw = searcher.aggregate(full, spec)
            for name in spec:
                buckets = raw.get(name, {}).get("buckets", [])
                facets[name] = [
                    FacetCount(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets
                ]
        return SpeechResult(total=total, hits=hits, facets=facets, next_cursor=cursor)


def _speech_meta(schema: tantivy.Schema, searcher: tantivy.Searcher) -> Callable[[str], str | None]:
    """A speech's descriptive words (speaker, party) as its index holds them, by id
    (``meta`` is indexed, not stored: made again from the stored speech)."""

    def meta(speech_id: str) -> str | None:
        query = tantivy.Query.term_query(schema, "id", speech_id)
        found = searcher.search(query, limit=1).hits
        if not found:
            return None
        stored = searcher.doc(found[0][1])
        return _meta_text(Speech.model_validate_json(bytes(stored["payload"][0])))

    return meta


def _unmatched(text: str, match_plan: MatchPlan) -> list[str]:
    """A speech's highlight when its words gave no snippet (the speaker or the agenda
    matched, a prefix the generator does not know): around the first word a prefix
    matches, or its beginning; in whole words either way, as a document's is and as
    the engine cuts its own (``no_match_size`` ends at a word boundary)."""
    if match_plan.prefixes:
        found = prefix_window(text, match_plan, SNIPPET_CHARS)
        if found:
            return [mark(found, [], match_plan)]
    start = " ".join(text[: whole_words_end(text, 0, SNIPPET_CHARS)].split())
    return [html.escape(start)] if start else []
