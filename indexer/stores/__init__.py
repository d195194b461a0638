"""Search stores: one protocol, an embedded Tantivy implementation (default) and an
engine implementation (Elasticsearch/OpenSearch), checked by one conformance suite."""

from indexer.stores.base import (
    FACET_FIELDS,
    FACETABLE_FIELDS,
    FILTER_FIELDS,
    FacetCount,
    SearchHit,
    SearchQuery,
    SearchResult,
    Store,
    UpsertReport,
)

__all__ = [
    "FACETABLE_FIELDS",
    "FACET_FIELDS",
    "FILTER_FIELDS",
    "FacetCount",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "Store",
    "UpsertReport",
]
