"""Speeches: a session's stenographic version (versión estenográfica; the SCJN's
versión taquigráfica) cut into who said what, under which agenda item.

Contract for the aligner (video timings):

- ``session_speeches(db, session_id) -> list[Speech]``: the session's speeches in
  ``order`` (1, 2, …). Each has a stable ``id`` (same session and order → same id),
  ``speaker_as_written``, ``person_id``/``person_name`` (resolved), ``role``,
  ``party``, ``agenda_index``/``agenda_item``, ``procedural`` (stage directions such as
  ``(Aplausos)`` or ``(VOTACIÓN FAVORABLE)``; their text is kept), ``text``, and the
  nullable ``start_s``, ``end_s`` (seconds from the start of the session's video),
  ``align_confidence`` (0–1) and ``align_method`` (e.g. ``"captions"``, ``"audio"``).
- ``get_speeches(db, ids) -> dict[str, Speech]``: speeches by id.
- ``set_alignment(db, speech_id, start_s, end_s, confidence, method) -> bool``: record
  a speech's place in the video (False if the speech no longer exists). Timings
  survive a re-split of the session as long as the speech's id and text are unchanged.
  The API reads timings from the database, so nothing needs re-indexing after it.
- Speeches are (re)written by ``process_sessions`` whenever their session is indexed
  (``Library.flush``); an aligner runs after that, e.g. as a worker job.
"""

from indexer.speeches.model import Mention, Speech
from indexer.speeches.service import import_roster, process_sessions, rebuild_index
from indexer.speeches.store import get_speeches, session_speeches, set_alignment

__all__ = [
    "Mention",
    "Speech",
    "get_speeches",
    "import_roster",
    "process_sessions",
    "rebuild_index",
    "session_speeches",
    "set_alignment",
]
