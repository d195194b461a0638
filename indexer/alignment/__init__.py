"""The moment in the video: each speech of a stenographic version placed in its
session's transmission, from the platform's captions or, without them, from the audio.

Contract (what the worker wires to the stored speeches):

- input: the session's speech texts **in order** (``list[str]``), and either the caption
  tracks of its videos (``captions.fetch_captions(url_or_file)`` → ``list[Cue]``, one
  list per video, in the session's video order) or an audio file of one video;
- ``from_captions.align_tracks(texts, tracks)`` / ``audio.align_audio(texts, path)``
  return an ``Alignment``: ``timings[k]`` is speech ``k``'s ``SpeechTiming`` (``start``
  and ``end`` in seconds from the start of video ``video``, ``confidence`` in 0..1,
  ``method`` ``"captions"`` or ``"audio"``), ``None`` times where there was no evidence;
- ``Alignment.status`` ``mismatch`` (text and video do not belong together: no speech
  has a time), ``partial`` (part of the text has no counterpart: ``reason`` says which),
  or ``ok``; store ``start_s``, ``end_s``, ``align_confidence``, ``align_method`` from
  the timings and keep ``status``/``reason`` on the session;
- ``links.deep_link(video_url, start)`` is the address that opens the video there;
- ``job.align_session(texts, session.video_urls, check=guard)`` does all of it for one
  session (captions first, else audio; deep links), for the worker to run after a crawl
  with the crawler's address guard as ``check``.
"""
