"""Index settings and mappings: the engine analyses Spanish as the embedded store does.

Tantivy's chain is: split on anything not alphanumeric, drop tokens of 40+ bytes,
lowercase, fold accents to ASCII, Snowball Spanish stem. The engine gets the same chain,
with one addition: its Snowball Spanish only removes ``-ión`` suffixes written with the
accent, so after folding a final ``ion`` gets its accent back before the stemmer runs
(``resolucion`` → ``resolución`` → ``resolu``, as Tantivy stems it). The equivalence is
checked word by word against the engine's ``_analyze`` in the tests.

Each text is analysed as few times as the answers need, since analysis is most of what a
write costs the engine: once stemmed (with positions for phrases, and offsets on ``text``
for the highlighter) and, for ``title`` and ``text``, once folded for prefixes. Word
pairs (``index_phrases``) are not indexed: they made exact phrases faster to find (about
15 ms of a 45-60 ms phrase search at 10k documents) at nearly twice the engine's CPU per
written document (``bench/engine_write.py``); a phrase is answered from positions, with
the same hits.

``MAPPING_VERSION`` is kept in the index's ``_meta``: an index of another version is
detected when the store first uses it (``EngineStore.ensure``).
"""

from __future__ import annotations

from typing import Any

from indexer.analysis import MAX_TOKEN_CHARS
from indexer.stores.base import FILTER_FIELDS

STEMMED = "abierto_stem"
FOLDED = "abierto_fold"
KEY_NORMALIZER = "abierto_key"
# Rust's char::is_alphanumeric is Alphabetic or a numeric general category (Nd, Nl, No).
NOT_ALPHANUMERIC = r"[^\p{IsAlphabetic}\p{N}]+"
# what the current code writes; 1 is every index made before versions were kept (it had
# word pairs too), 2 the one before the ``ruling`` filter, 3 the one whose texts had no
# gap after a redaction holding no word (``analysis.with_gaps``: a phrase matched across
# «**********») nor the sessions' ``period`` filter nor the ``redacted`` one (a public
# version that hides data), 4 the one that kept the characters no one sees in its texts
# and filter values (``analysis.indexed_text``: «am\u034fparo» was two words, and the
# question «amparo» did not find it), 5 the one that kept their compatibility
# characters (``analysis.compatible_text``: «𝐚𝐦𝐩𝐚𝐫𝐨» was not «amparo»), 6 the one
# that kept an ordinal's superscript letters («1ᵒ» was not «1º»:
# ``analysis._superscript_ordinal``), 7 the one that split an ordinal written with a
# period («1.º» was «1» and «º», not «1º»: ``analysis._plain_ordinals``). ``LACKING``:
# older versions still read, and the fields each has none of. Searches read them (a
# deployment keeps answering during the hour an ``abierto reindex`` takes), but a
# question naming a field they lack is refused
# (``FieldNotIndexed``: its filter would find nothing, silently), and writes are refused
# (the mapping is strict: a sentencia with a ruling could not be written) until
# ``abierto reindex`` rebuilds them. Any other version is refused whole.
MAPPING_VERSION = 8
LACKING: dict[int, frozenset[str]] = {
    1: frozenset({"ruling", "period", "redacted"}),
    2: frozenset({"ruling", "period", "redacted"}),
    3: frozenset({"period", "redacted"}),
    4: frozenset(),
    5: frozenset(),
    6: frozenset(),
    7: frozenset(),
}
READABLE = frozenset({MAPPING_VERSION, *LACKING})
META_KEY = "abierto_mapping"


def analysis() -> dict[str, Any]:
    chain = ["abierto_long", "lowercase", "asciifolding"]
    return {
        "tokenizer": {"abierto_words": {"type": "pattern", "pattern": NOT_ALPHANUMERIC}},
        "char_filter": {
            "abierto_underscore": {"type": "mapping", "mappings": ["_ => \\u0020"]},
            "abierto_trim": {"type": "pattern_replace", "pattern": r"^\s+|\s+$", "replacement": ""},
            "abierto_spaces": {"type": "pattern_replace", "pattern": r"\s+", "replacement": " "},
        },
        "filter": {
            "abierto_long": {"type": "length", "max": MAX_TOKEN_CHARS - 1},
            "abierto_accent_ion": {
                "type": "pattern_replace",
                "pattern": "ion$",
                "replacement": "ión",
            },
            "abierto_spanish": {"type": "stemmer", "language": "spanish"},
        },
        "analyzer": {
            STEMMED: {
                "type": "custom",
                "tokenizer": "abierto_words",
                "filter": [*chain, "abierto_accent_ion", "abierto_spanish"],
            },
            FOLDED: {"type": "custom", "tokenizer": "abierto_words", "filter": chain},
        },
        # filters compare as indexer/query/values.keyword_key does: case, accents,
        # spacing, and ``_`` read as a space
        "normalizer": {
            KEY_NORMALIZER: {
                "type": "custom",
                "char_filter": ["abierto_underscore", "abierto_trim", "abierto_spaces"],
                "filter": ["lowercase", "asciifolding"],
            }
        },
    }


def _full_text(prefix_field: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "text", "analyzer": STEMMED}
    if prefix_field:
        # unstemmed words for ``constitu*``: positions are not needed, only the terms
        field["fields"] = {"fold": {"type": "text", "analyzer": FOLDED, "index_options": "freqs"}}
    return field


def mappings() -> dict[str, Any]:
    text = _full_text(prefix_field=True)
    # offsets let the highlighter read matches from the postings instead of re-analysing
    text["index_options"] = "offsets"
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "title": _full_text(prefix_field=True),
        "text": text,
        "meta": _full_text(prefix_field=False),
        "date": {"type": "date", "format": "strict_date"},
        # how many documents cite this one, for the ``most_cited`` sort (doc values only)
        "cited_by": {"type": "integer", "index": False},
        "payload": {"type": "object", "enabled": False},
    }
    for name in FILTER_FIELDS:
        # the raw value is what a facet shows; ``.key`` is what a filter compares
        properties[name] = {
            "type": "keyword",
            "ignore_above": 4096,
            "fields": {
                "key": {"type": "keyword", "normalizer": KEY_NORMALIZER, "ignore_above": 4096}
            },
        }
    return {
        "dynamic": "strict",
        "_meta": {META_KEY: MAPPING_VERSION},
        "properties": properties,
    }


def mapping_version(mapping: dict[str, Any]) -> int:
    """The version an index's mapping says it was written with (1: none said)."""
    found = (mapping.get("_meta") or {}).get(META_KEY, 1)
    return found if isinstance(found, int) else 0


def index_settings(shards: int, replicas: int) -> dict[str, Any]:
    return {
        "index": {"number_of_shards": shards, "number_of_replicas": replicas},
        "analysis": analysis(),
    }
