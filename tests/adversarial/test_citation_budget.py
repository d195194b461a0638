"""A hostile text read by the Python citation readers costs a bounded time, not one that
grows with how many places a pattern might start. A character the Rust scanner does not
class as Python does ("ß") sends the whole text to the Python readers; a text of "a/"
repeated has a million slashes where a case number, a local electoral case or a clave
might start, and none does. The readers' time limit was looked at only when a citation
was found, so it never came: two megabytes of it took about 13 s, each such document
in a crawl stalling the write path that long.

The reading runs in a subprocess under a hang guard (no performance target: the readers
stop after ``BUDGET_S``, 2 s, here); what is cited before the hostile part is still read.
"""

from __future__ import annotations

import json

from tests.adversarial.guarded_child import guarded_output

HANG_GUARD_S = 8.0  # the old readers took about 13 s on this text; the new stop at 2 s

CHILD = """
import json, sys
from indexer.citations import extract_citations
text = (
    "Straße. Conforme al artículo 14 constitucional y a la tesis de registro digital "
    "2023456, " + "a/" * 1_000_000
)
sys.stdout.write(json.dumps([c.key for c in extract_citations(text)]))
"""


def test_a_text_of_slashes_beyond_the_scanner_is_read_in_bounded_time() -> None:
    output = guarded_output(CHILD, HANG_GUARD_S, "the citations were still being read")
    keys = json.loads(output)
    assert {"CPEUM art. 14", "registro 2023456"} <= set(keys)
