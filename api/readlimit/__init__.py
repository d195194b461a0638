"""Limits on public reads, shared by every API process through the database.

``counter`` decides from memory and settles with the ``rate_limits`` table now and then;
``keys`` tells readers, institutions and strangers apart; ``middleware`` applies both
to every public read and answers with the ``RateLimit-*`` headers or a 429.
"""

from api.readlimit.counter import Decision, SharedCounter
from api.readlimit.middleware import ReadLimits

__all__ = ["Decision", "ReadLimits", "SharedCounter"]
