"""HTML markup rewritten where libxml2 reads it otherwise than a browser shows it, or
takes minutes to: before the page is parsed for its text.

``<noframes>`` and ``<noembed>``: libxml2 reads what they hold as raw text, so their tags
became page text («<body><p>Sentencia…»). A frameset page's ``<noframes>`` is its own
text for readers without frames (often the only text it has): read as markup.
``<noembed>`` is a plugin's fallback a browser never shows: dropped.

A tag of thousands of attributes: libxml2 checks each against those before it (20,000
attributes, 200 KB, took 1.4 s; 200,000, 2 MB, ran out a worker's minute and the page's
text was lost). Such a tag is kept by its name alone: attributes are no text.
"""

from __future__ import annotations

import re

_NOFRAMES = re.compile(r"<(/?)noframes\b[^<>]{0,2000}>", re.IGNORECASE)
_NOEMBED = re.compile(r"<noembed\b.*?(?:</noembed\s*>|$)", re.IGNORECASE | re.DOTALL)
MAX_ATTRIBUTES = 1_000  # libxml2 reads 1,000 in ~4 ms; 10,000 in 0.3 s
# a tag long enough to hold more than MAX_ATTRIBUTES (each at least «a=b» and a space)
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]{0,100})(\s[^<>]{" + str(4 * MAX_ATTRIBUTES) + ",})>")


def _named_only(tag: re.Match[str]) -> str:
    return f"<{tag[1]}>" if tag[2].count("=") > MAX_ATTRIBUTES else tag[0]


def as_browsers_read(markup: str) -> str:
    """``markup`` with each ``<noframes>`` made a ``<div>``, each ``<noembed>`` dropped
    and each tag of more than ``MAX_ATTRIBUTES`` attributes left with its name only."""
    lowered = markup.lower()
    if "<noframes" in lowered:
        markup = _NOFRAMES.sub(lambda m: f"<{m[1]}div>", markup)
    if "<noembed" in lowered:
        markup = _NOEMBED.sub("", markup)
    return _LONG_TAG.sub(_named_only, markup)
