"""A crawl's log hides its specs' credentials, as its runs' records do.

Scrapy writes the addresses it fetches into its own lines ("Gave up retrying <GET
…?api_key=…>", "Crawled (200) <GET …>", tracebacks naming a request): read in the
operator's terminal and kept in any log file, they would show the key a spec sends in
its query or headers. A filter on every handler that writes (the root logger's, set up
by the CLI) rewrites each record's final text, its arguments formatted in first, and its
traceback, through ``without_secrets``; records with nothing to hide pass untouched.
Handlers, not loggers: a logger's filter misses what its children propagate."""

from __future__ import annotations

import logging

from indexer.db.audited_spec import without_secrets

_TRACEBACKS = logging.Formatter()


class HiddenSecrets(logging.Filter):
    """Rewrites a record's message and traceback without ``secrets``."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        hidden = without_secrets(message, self.secrets)
        if hidden != message:
            record.msg, record.args = hidden, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = without_secrets(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = without_secrets(record.stack_info, self.secrets)
        return True


def hide_secrets(secrets: tuple[str, ...]) -> HiddenSecrets:
    """Put a ``HiddenSecrets`` on every handler of the root logger; the filter, for
    ``unhide_secrets``."""
    hiding = HiddenSecrets(secrets)
    for handler in logging.root.handlers:
        handler.addFilter(hiding)
    return hiding


def unhide_secrets(hiding: HiddenSecrets) -> None:
    """Take ``hiding`` off the root logger's handlers (a crawl in a test, or a library
    user's process, leaves the logging as it found it)."""
    for handler in logging.root.handlers:
        handler.removeFilter(hiding)
