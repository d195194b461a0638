"""A ``204 No Content`` (or ``205``, or another 2xx but 200 with an empty body) where a
document, a file or an API page was asked for. Scrapy takes every 2xx as the answer: a
detail page answering 204 was saved as a document with no text and counted "el archivo
no tiene texto que extraer", an API page as "no JSON". The site said there is nothing
here; that is the error counted, and nothing is saved from the answer. A 200 with an
empty body is the site's page as it is (counted ``empty_text`` where no part of its
document has text)."""

from __future__ import annotations

from scrapy.http import Response

NO_CONTENT = "no_content"
SAID = "(no content): there was nothing to read"
"""How the error's message ends (read back by ``crawlers.causas``)."""


def nothing_sent(response: Response) -> str | None:
    """The error's message when ``response`` says there is nothing to read; else None."""
    status = response.status
    if status in (204, 205) or (200 < status < 300 and not response.body):
        return f"HTTP {status} {SAID}"
    return None
