"""Character references left in a field's text as the site escaped it once too often.

A PHP API answering ``"Sesi&oacute;n Ordinaria"`` (``htmlentities`` before
``json_encode``), a CMS cell written ``Sesi&amp;oacute;n`` (the page shows
``Sesi&oacute;n``): what the publisher meant is ``Sesión``. Only a reference closed by
its ``;`` is read: ``&copy=2`` in an address or ``&para`` in a sentence are text.
"""

from __future__ import annotations

import html
import re

_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "&amp;oacute;" is one escape too many over "&oacute;": two readings reach the character
_READINGS = 2


def unescaped(value: str) -> str:
    """``value`` with its closed character references read (``&oacute;`` → ``ó``,
    ``&#243;`` → ``ó``, ``&amp;oacute;`` → ``ó``); an unknown name stays as written."""
    for _ in range(_READINGS):
        if "&" not in value:
            break
        value = _REFERENCE.sub(_character, value)
    return value


def _character(reference: re.Match[str]) -> str:
    """The character, or nothing for a reference to none (``&#0;``, ``&#x110000;``):
    not the replacement character that would show as ``�``."""
    found = html.unescape(reference[0])
    return "" if found == "\ufffd" and reference[0].lower() not in _REPLACEMENT else found


_REPLACEMENT = ("&#65533;", "&#xfffd;")
