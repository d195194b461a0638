"""Alerts: saved searches matched against every document as it is indexed (once per
document), their matches kept in the database until they are delivered."""

from indexer.alerts.book import AlertBook, NewAlert
from indexer.alerts.matching import AlertMatcher
from indexer.alerts.saved_query import saved_query, search_of

__all__ = ["AlertBook", "AlertMatcher", "NewAlert", "saved_query", "search_of"]
