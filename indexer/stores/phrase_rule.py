"""A proximity phrase with too many arrangements to ask as exact phrases
(``"violencia de género"~10`` is 274 of them), matched on tantivy-py's path by the rule
itself, as the native search matches it (``native/src/plan/sloppy.rs``): the documents
holding every word of the phrase in a field (a superset), then, for each, the words'
positions read again from the field's own text with the store's analysers
(``indexer.analysis.token_stems``: a stem at each position, none where a word was
dropped for its length), and kept when the words stand at positions ``p_i`` of their
own with ``max(p_i - i) - min(p_i - i) <= slop``. The phrase is then asked as the ids of
the documents kept (one term each), anywhere in the question: under a NOT or an OR too.

Where the candidates are few and their texts at hand: the small index of a batch of
documents an alert is matched against, and the one the index-lag check asks
(``checking``); the whole library searched without the native search too, up to
``MAX_CANDIDATES`` documents holding the words, and not where the words are all in the
descriptive words (``meta``: indexed, not stored) of a document that does not hold the
phrase in its title or text: refused there. How
many of them a question may ask is bounded with the arranged ones
(``indexer.query.arrangements.arranged_phrases``: each counts as the widest asked)."""

from __future__ import annotations

import bisect
import contextlib
import contextvars
from collections.abc import Callable, Iterator, Sequence

import tantivy

from indexer.analysis import indexed_text, token_stems
from indexer.query import QueryTooCostly
from indexer.stores.documents import metadata_text

# where a field's text comes from for a candidate: its stored value (title, text) or
# what the caller gives (``meta`` is indexed, not stored)
Texts = Callable[[str, str], str | None]


# the documents holding a phrase's words in a field that the whole library's search
# (tantivy-py's, without the native one) reads again, at most: past them it is refused
MAX_CANDIDATES = 5_000


class PhraseRule:
    """The documents of ``searcher`` that hold a phrase by the rule. ``searcher`` None:
    the question is only checked (an alert being created), the phrase found nowhere.
    ``meta``: a document's descriptive words by its id; None, not at hand (the whole
    library: the field is indexed, not stored), and a phrase whose words some document's
    descriptive words hold all is refused. ``most``: the candidates read at most in a
    field (None: all, a batch's)."""

    def __init__(
        self,
        schema: tantivy.Schema,
        searcher: tantivy.Searcher | None,
        meta: Callable[[str], str | None] | None = None,
        most: int | None = MAX_CANDIDATES,
    ) -> None:
        self.schema = schema
        self.searcher = searcher
        self.meta = meta
        self.most = most
        self.words = False
        # the documents kept, by (field, words, slop): a question compiled twice (its
        # loose form, ``compile_loose``) reads them once
        self._kept: dict[tuple[str, tuple[str, ...], int], list[str]] = {}

    def query_ids(self, field: str, tokens: list[str], slop: int) -> list[str]:
        """The ids of the documents holding the phrase in ``field`` by the rule."""
        key = (field, tuple(tokens), slop)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = self._holding(field, tokens, slop)
        return kept

    def query(self, field: str, tokens: list[str], slop: int) -> tantivy.Query:
        if self.words:
            every = [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, field, term))
                for term in dict.fromkeys(tokens)
            ]
            return tantivy.Query.boolean_query(every)
        if self.searcher is None:
            return tantivy.Query.empty_query()
        kept = self.query_ids(field, tokens, slop)
        if not kept:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, "id", kept)

    def _holding(self, field: str, tokens: list[str], slop: int) -> list[str]:
        assert self.searcher is not None
        searcher = self.searcher
        every = [
            (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, field, term))
            for term in dict.fromkeys(tokens)
        ]
        limit = searcher.num_docs if self.most is None else self.most + 1
        candidates = searcher.search(tantivy.Query.boolean_query(every), limit=max(1, limit)).hits
        if not candidates:
            return []
        if self.most is not None and len(candidates) > self.most:
            raise QueryTooCostly(
                f"a proximity phrase of {len(tokens)} words with ~{slop}: more than "
                f"{self.most} documents hold its words, too many to check here",
                f"la frase de {len(tokens)} palabras con proximidad ~{slop}: sus palabras "
                f"aparecen en más de {self.most} documentos, demasiados para revisarlos en "
                "esta búsqueda: acorte la frase, reduzca la proximidad o añada un filtro",
            )
        if field == "meta" and self.meta is None:
            # asked only beside the title and the text (a phrase in any of the three):
            # a document holding it in either needs no look at its descriptive words
            held = {
                doc_id
                for other in ("title", "text")
                for doc_id in self.query_ids(other, tokens, slop)
            }
            unsure = [a for _, a in candidates if str(searcher.doc(a)["id"][0]) not in held]
            if not unsure:
                return []
            raise QueryTooCostly(
                f"a proximity phrase of {len(tokens)} words with ~{slop} whose words are "
                "all in some document's descriptive fields cannot be checked here",
                f"la frase de {len(tokens)} palabras con proximidad ~{slop} tiene todas sus "
                "palabras en los datos descriptivos de algún documento (tribunal, materia, "
                "número…), que esta búsqueda no puede revisar: acorte la frase o reduzca "
                "la proximidad",
            )
        kept = []
        for _, address in candidates:
            stored = searcher.doc(address)
            doc_id = str(stored["id"][0])
            if field == "meta":
                text = self.meta(doc_id) if self.meta is not None else None
            else:
                text = stored.get_first(field)
            if text and holds(token_stems(text), tokens, slop):
                kept.append(doc_id)
        return kept


_RULE: contextvars.ContextVar[PhraseRule | None] = contextvars.ContextVar(
    "phrase_rule", default=None
)


def words(schema: tantivy.Schema) -> PhraseRule:
    """The phrase as its words, each anywhere in the field: the terms the snippet
    generator lights up (``compile_node(..., pairs=False)`` for snippets), never what a
    search matches by."""
    rule = PhraseRule(schema, None)
    rule.words = True
    return rule


def current() -> PhraseRule | None:
    return _RULE.get()


@contextlib.contextmanager
def checking(rule: PhraseRule | None) -> Iterator[None]:
    """Questions compiled within are asked of ``rule``'s documents (``PhraseRule``)."""
    token = _RULE.set(rule)
    try:
        yield
    finally:
        _RULE.reset(token)


def meta_of(docs: Sequence[object]) -> Callable[[str], str | None]:
    """A document's descriptive words as the index holds them (``tantivy_entry.prepare``),
    by id, made when first asked (only candidates are)."""
    by_id = {doc.id: doc for doc in docs}  # type: ignore[attr-defined]
    made: dict[str, str | None] = {}

    def meta(doc_id: str) -> str | None:
        if doc_id not in made:
            doc = by_id.get(doc_id)
            if doc is None:
                made[doc_id] = None
            else:
                values = doc.model_dump(mode="json")  # type: ignore[attr-defined]
                values.pop("text", None)
                made[doc_id] = indexed_text(metadata_text(doc, values))  # type: ignore[arg-type]
        return made[doc_id]

    return meta


def holds(stems: Sequence[str | None], tokens: Sequence[str], slop: int) -> bool:
    """Whether a field whose position ``p`` holds ``stems[p]`` holds the phrase ``tokens``
    (word ``i`` at offset ``i``) within ``slop``: each word at a position of its own,
    ``max(p_i - i) - min(p_i - i) <= slop``. As ``sloppy.rs`` walks it: the windows
    ``[lo, lo + slop]`` of shifts ``p - i`` that start at a word's shift and hold a shift
    of the word rarest in the field, each word taking the first free position inside it
    (copies of a word in their order: intervals of one length in order, so the first fit
    is a fit when one exists). The work is the positions of the phrase's words times its
    length times a binary search."""
    wanted = set(tokens)
    positions: dict[str, list[int]] = {term: [] for term in wanted}
    for at, stem in enumerate(stems):
        if stem in wanted:
            positions[stem].append(at)  # type: ignore[index]
    if any(not found for found in positions.values()):
        return False
    words = list(enumerate(tokens))
    anchor_offset, anchor = min(words, key=lambda word: len(positions[word[1]]))
    anchors = [p - anchor_offset for p in positions[anchor]]
    starts = sorted({p - offset for offset, term in words for p in positions[term]})
    for lo in starts:
        # a window fits only with one of the anchor's shifts inside it
        at = bisect.bisect_left(anchors, lo)
        if at == len(anchors) or anchors[at] > lo + slop:
            continue
        last: dict[str, int] = {}
        for offset, term in words:
            found = positions[term]
            start = max(lo + offset, last.get(term, -1) + 1)
            k = bisect.bisect_left(found, start)
            if k == len(found) or found[k] > lo + offset + slop:
                break
            last[term] = found[k]
        else:
            return True
    return False
