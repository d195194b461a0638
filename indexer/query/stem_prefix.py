"""A prefix (``cort*``) among the stemmed words of the metadata (court, ponente…).

Title and text keep their words folded but unstemmed for prefixes; the metadata field
keeps them stemmed only («Suprema Corte» is ``suprem cort``), and a field of folded
words there would need a reindex. A typed prefix is therefore looked for among the
stems in two ways, both stores alike:

- the stems that begin with it (``suprem*`` → ``suprem``; ``competen*`` → ``competent``);
- the stems shorter than it that a word beginning with it is cut to (``corte*`` → ``cort``
  of «Corte», ``colegiad*`` → ``colegi`` of «Colegiado»): found by stemming the prefix
  with the commonest Spanish endings. Such a stem may also be another word's («corto»,
  «colegio»): the price of no reindex, and only where the typed prefix is longer than
  the stem of the word it means.
"""

from __future__ import annotations

from indexer.analysis import stem_tokens

# endings that, added to a typed prefix, make the words it is most often the beginning
# of (gender and number, verb forms of the participles, nouns in -ción, adverbs)
ENDINGS = (
    "", "a", "o", "e", "as", "os", "es", "s", "ar", "er", "ir", "ado", "ada", "ados",
    "adas", "ido", "ida", "idos", "idas", "cion", "ciones", "mente", "ia", "ias",
)  # fmt: skip
# a shorter stem of fewer letters names too many other words to stand for the prefix
MIN_STEM = 3


def shorter_stems(prefix: str) -> tuple[str, ...]:
    """The stems shorter than ``prefix`` (folded) that words beginning with it have."""
    found: set[str] = set()
    for ending in ENDINGS:
        tokens = stem_tokens(prefix + ending)
        if len(tokens) != 1:
            continue
        stem = tokens[0]
        if MIN_STEM <= len(stem) < len(prefix) and prefix.startswith(stem):
            found.add(stem)
    return tuple(sorted(found))


def leading_stems(leading: list[str]) -> list[str] | None:
    """The stems of a prefix's whole words before it (``suprema cort*``), one a word;
    None when a word has no single stem (it then cannot be asked of the metadata)."""
    stems = []
    for word in leading:
        tokens = stem_tokens(word)
        if len(tokens) != 1:
            return None
        stems.append(tokens[0])
    return stems
