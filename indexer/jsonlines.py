"""One JSON object as one line of a JSON Lines file (an export, a dump).

``json.dumps(..., ensure_ascii=False)`` keeps U+2028, U+2029 and U+0085 as they are:
valid JSON, but line breaks to ``str.splitlines()``, to readers that split on every
Unicode line break and to JavaScript before ES2019. A crawled title carrying one would
cut its record in two there. They are written as ``\\u`` escapes, which every JSON reader
reads back as the same character.
"""

from __future__ import annotations

import json
from typing import Any

_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def json_line(value: Any) -> str:
    """``value`` as compact-enough JSON with no character any reader takes for a line end."""
    return json.dumps(value, ensure_ascii=False).translate(_BREAKS)
