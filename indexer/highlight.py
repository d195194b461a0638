"""Highlighted fragments that show what matched, the same way for every store.

A hit's fragment is looked for in a bounded passage, never in the whole text: the
candidates of the query's words are found by substring search for their few spellings
(accent, capitals), checked by stemming only those words, and the window of
``WINDOW_CHARS`` holding most of the query's distinct words is what the store's
highlighter reads (a 140 KB sentence costs what its passage costs).

Engines highlight every occurrence of every query term; for a phrase that lights up each
``de`` and ``la`` in the fragment. Here a match is kept where its word is searched on its
own, or where it is part of an occurrence of a whole phrase of the query; adjacent kept
matches become one ``<mark>``. Everything else is escaped. A prefix (``constitu*``) is no
term a store's highlighter knows, so its words are found here, in the fragment itself;
the words of a proximity phrase (``"a b"~5``) need not be adjacent: each is marked
where another of its words stands within the proximity (``near_pairs``, ``near_words``),
not alone elsewhere.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.analysis import MAX_TOKEN_CHARS, fold_tokens, stem_tokens
from indexer.query import And, Field, Node, Not, Or, Phrase, Prefix, Term

_WORD = re.compile(r"\w")
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class MatchPlan:
    """Which stems may be marked on their own, and the phrases (as stem sequences)."""

    standalone: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    prefixes: tuple[str, ...] = ()
    # proximity phrases of two different words (``"pensión definitiva"~3``), with their
    # proximity: where they match is where the passage is
    near: tuple[tuple[tuple[str, str], int], ...] = ()


def plan(node: Node) -> MatchPlan:
    standalone: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    near: list[tuple[tuple[str, str], int]] = []

    def walk(item: Node) -> None:
        match item:
            case Phrase(text, slop) | Field(_, text, _, slop) if slop:
                tokens = stem_tokens(text)
                pairs = near_pairs(tokens, slop)
                if pairs:
                    near.extend(pair for pair in pairs if pair not in near)
                else:  # one word, one word repeated, or too many: each word on its own
                    standalone.update(tokens)
            case Term(text) | Phrase(text) | Field(_, text):
                tokens = stem_tokens(text)
                if len(tokens) == 1:
                    standalone.update(tokens)
                elif tokens:
                    phrases.append(tuple(tokens))
            case Prefix(text):
                standalone.update(stem_tokens(text))
                folded = fold_tokens(text)
                if folded:
                    prefixes.append(folded[-1])
            case And(items) | Or(items):
                for child in items:
                    walk(child)
            case Not():
                return

    walk(node)
    return MatchPlan(frozenset(standalone), tuple(phrases), tuple(prefixes), tuple(near))


# a proximity phrase of more words than this is lit word by word (its pairs grow as the
# square of its words)
MAX_NEAR_WORDS = 8


def near_pairs(tokens: list[str], slop: int) -> list[tuple[tuple[str, str], int]]:
    """A proximity phrase as pairs of its words, each with how far apart it lets them
    stand: two words, the phrase itself; three or more, each pair of different words of
    which one is no short word («de», «la»: near each other everywhere), the words
    between them in the phrase added to its proximity. A word is then lit where another
    word of the phrase stands that near (every match of the phrase is lit; a word near
    only some of the others may be too: the price of no positions walk here). Empty:
    nothing to pair (one word, one word repeated, too many words)."""
    if len(tokens) == 2:
        return [((tokens[0], tokens[1]), slop)] if tokens[0] != tokens[1] else []
    if len(tokens) > MAX_NEAR_WORDS:
        return []
    pairs: list[tuple[tuple[str, str], int]] = []
    for i, first in enumerate(tokens):
        for j in range(i + 1, len(tokens)):
            second = tokens[j]
            if first == second or max(len(first), len(second)) <= SHORT_STEM:
                continue
            pair = ((first, second), slop + j - i - 1)
            if pair not in pairs:
                pairs.append(pair)
    return pairs


def near_words(
    stems: Sequence[str | None], positions: Sequence[int], match_plan: MatchPlan
) -> set[int]:
    """Which of the words (their ``stems`` at token ``positions``, in order) are part of a
    match of a proximity phrase of the plan: the two words at most its proximity apart
    (positions between them; in swapped order two more, the index's rule)."""
    kept: set[int] = set()
    for (first, second), slop in match_plan.near:
        seconds = [i for i, stem in enumerate(stems) if stem == second]
        if not seconds:
            continue
        for i, stem in enumerate(stems):
            if stem != first:
                continue
            for j in seconds:
                apart = positions[j] - positions[i] - 1
                if apart < 0:
                    apart = positions[i] - positions[j] - 1 + 2
                if apart <= slop:
                    kept.update((i, j))
    return kept


# a case or thesis number as texts write it: 881/2023, 1234 / 2023, 12/2020, with a
# toca's appeal (1150/2019/1) and what a hyphen adds after the year (1234/2023-II): the
# whole number, so that 1234/2023-I, another case, is not lit for 1234/2023-II
_CASE_NUMBER = re.compile(r"\d+(?:\s*/\s*\d+)+(?:-[^\W_]+)*")
# fields searched in a document's record, whose case numbers its text writes too
_NUMBERED = ("expediente", "cita")


def shown(node: Node) -> Node:
    """The question as a document's text shows what matched it, for highlighting: a case
    number asked of its record (``expediente:``) or of what it cites (``cita:``) is lit
    where the text writes the number (``881/2023``); the rest of such a value (a case
    type, an abbreviation the text spells out) is no words of the text."""
    match node:
        case Field(name, value) if name in _NUMBERED:
            numbers = [Phrase(" ".join(n.split())) for n in _CASE_NUMBER.findall(value)]
            if not numbers:
                return node
            return numbers[0] if len(numbers) == 1 else And(tuple(numbers))
        case And(items):
            return And(tuple(shown(item) for item in items))
        case Or(items):
            return Or(tuple(shown(item) for item in items))
    return node


WINDOW_CHARS = 600
SNIPPET_CHARS = 220  # at most, in a hit's snippet (``tantivy_store``'s snippet generator)
LEAD_CHARS = 40  # the first fragment of the window starts just before its best place
MAX_CANDIDATES = 5000
PHRASE_KEY = "\x00phrase"
SHORT_STEM = 2
PHRASE_SPAN = 40  # characters per word, at most, between the words of a phrase
# lowercase accented letters to their base letter (for the few candidate words)
_FOLD = str.maketrans("áàâäéèêëíìîïóòôöúùûüñç", "aaaaeeeeiiiioooouuuunc")
# how a Spanish word writes a letter the index folds: one accent (or tilde) per word
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"}
_ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
_WORD_END = re.compile(r"\w*")


def _token_count(text: str) -> int:
    """How many tokens the analysers cut ``text`` into (runs of letters and digits, those
    of ``MAX_TOKEN_CHARS`` bytes or more dropped), without stemming them."""
    return sum(1 for word in _WORDS.findall(text) if len(word.encode()) < MAX_TOKEN_CHARS)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    tokens = stem_tokens(word)
    return tokens[0] if len(tokens) == 1 else ""


@functools.lru_cache(maxsize=65536)
def _folded_stem(word: str) -> tuple[str, str]:
    """A word of a text in lower case without accents, and its stem (the same words
    come back in every hit: each is folded and stemmed once)."""
    folded = word.lower().translate(_FOLD)
    return folded, _stem(folded)


@functools.lru_cache(maxsize=65536)
def _stemmed(word: str) -> str:
    return " ".join(stem_tokens(word))


@functools.lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return " ".join(fold_tokens(word))


def _accented(head: str) -> list[str]:
    """``dan`` → dan, dán, dañ…: the lower-case forms a word beginning with it may have.
    One letter of a word changed, or, as Spanish writes, an ñ (or the ü of «güe», «güi»)
    and an acute accent both: Ibáñez, Núñez, cañón, argüí (a word that has both and is
    looked for by one only is found by neither: no passage, no mark). An ñ stands only
    before a vowel, an ü only between g and e or i: the forms Spanish cannot write (each
    one more search of every text) are not looked for."""
    forms = {head}
    for i, letter in enumerate(head):
        forms.update(head[:i] + accented + head[i + 1 :] for accented in _ACCENTED.get(letter, ""))
    marked = [  # the other marks a word may have besides an accent: a tilde, a diaeresis
        head[:i] + ("ñ" if letter == "n" else "ü") + head[i + 1 :]
        for i, letter in enumerate(head)
        if head[i + 1 : i + 2] in ("", *(_ACUTE if letter == "n" else "ei"))
        and (letter == "n" or (letter == "u" and head[i - 1 : i] == "g"))
    ]
    for base in marked:
        forms.update(
            base[:i] + _ACUTE[letter] + base[i + 1 :]
            for i, letter in enumerate(base)
            if letter in _ACUTE
        )
    return sorted(forms)


@functools.lru_cache(maxsize=1024)
def spellings(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The ``forms`` in lower case, capitalised and upper case."""
    return tuple(sorted({f for form in forms for f in (form, form.capitalize(), form.upper())}))


@dataclass(frozen=True)
class PassageFinder:
    """Where in a text the words of a query are densest."""

    match_plan: MatchPlan
    stems: frozenset[str]
    prefixes: frozenset[str]
    forms: tuple[str, ...]
    # patterns of the phrases' (and proximity pairs') words standing together, looked for
    # in a text whose words of the query were too many to find each (``MAX_CANDIDATES``)
    joined: tuple[str, ...] = ()
    # the stems of every word, the short ones too («no», «el», «y»), when some are not
    # telling: their finder (``short``) is tried where none of the telling words stands
    # in the text (they matched the metadata only: «penal no» of a penal court's sentence
    # saying «no procede»), so the words that did match the text are shown marked, as the
    # engine's highlighter marks them
    every: frozenset[str] | None = None

    @functools.cached_property
    def short(self) -> PassageFinder | None:
        """The finder of every word, made the first time it is needed (most texts hold
        a telling word: a question's finder rarely needs it)."""
        return None if self.every is None else _finder(self.match_plan, set(self.every))

    def _matches(self, text: str) -> list[tuple[int, str]]:
        """(position, word key) of each word of the query in ``text``: each form of each
        head found with ``str.find`` (fast even in 140 KB) in the text in lower case (a
        third of the searches of looking for each capitalisation), then the word it starts
        checked by its stem (or a prefix of the query). Where a word is so frequent that
        its candidates stop at ``MAX_CANDIDATES``, a phrase of the query after them would
        be missed (the snippet of «pensión definitiva», once after 5 000 «pensión» alone,
        showed the two words apart, unmarked): the phrases' words are then also found
        where they stand together (``joined``), in the whole text."""
        lowered = text.lower()
        if len(lowered) != len(text):  # not the same positions (a few letters)
            return self._found(text, spellings(self.forms))
        found = self._found(lowered, self.forms)
        if len(found) < MAX_CANDIDATES or not self.joined:
            return found
        known = {at for at, _ in found}
        for pattern in self.joined:
            for match in _compiled(pattern).finditer(lowered):
                for word in _WORDS.finditer(lowered, match.start(), match.end()):
                    key = self._key(word.group())
                    if key and word.start() not in known:
                        known.add(word.start())
                        found.append((word.start(), key))
        return sorted(found)

    def _found(self, text: str, spellings: tuple[str, ...]) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for spelling in spellings:
            at = text.find(spelling)
            limit = len(found) + MAX_CANDIDATES
            while at >= 0 and len(found) < limit:
                if not at or not text[at - 1].isalnum():
                    end = _WORD_END.match(text, at).end()  # type: ignore[union-attr]
                    key = self._key(text[at:end])
                    if key:
                        found.append((at, key))
                at = text.find(spelling, at + 1)
        found.sort()
        return found

    def _key(self, word: str) -> str:
        """A word's stem when the query has it, else the first prefix of the query it
        begins with, else "" (not the query's)."""
        folded, key = _folded_stem(word)
        if key not in self.stems:
            key = next((p for p in self.prefixes if folded.startswith(p)), "")
        return key

    def _phrases(self, text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """An entry for each place where a phrase of the query occurs whole: its words
        found one after the other, close together, and the words from the first of them
        to the last exactly the phrase's there (``daño, y lo moral`` holds both words of
        "daño moral" close together, but not the phrase: a window of it would show no
        phrase at all)."""
        keys = [key for _, key in found]
        marks: list[tuple[int, str]] = []
        for number, whole in enumerate(self.match_plan.phrases):
            telling = [at for at, stem in enumerate(whole) if stem in self.stems]
            if not telling:
                continue
            phrase = tuple(whole[at] for at in telling)
            inside = list(whole[telling[0] : telling[-1] + 1])
            size = len(phrase)
            for i in range(len(found) - size + 1):
                start, last = found[i][0], found[i + size - 1][0]
                if tuple(keys[i : i + size]) != phrase or last - start > PHRASE_SPAN * size:
                    continue
                end = _WORD_END.match(text, last).end()  # type: ignore[union-attr]
                span = text[start:end]
                if _token_count(span) != len(inside):
                    continue
                # no word between the found ones, or the very words of the phrase
                if size == len(inside) or stem_tokens(span) == inside:
                    marks.append((start, f"{PHRASE_KEY}{number}"))
        count = len(self.match_plan.phrases)
        for number, ((first, second), slop) in enumerate(self.match_plan.near, count):
            if first not in self.stems or second not in self.stems:
                continue
            for i, (start, key) in enumerate(found):
                if key not in (first, second):
                    continue
                other = second if key == first else first
                # the next of the other word, if close enough to be within the proximity
                reach = start + PHRASE_SPAN * (2 + slop)
                j = i + 1
                while j < len(found) and found[j][0] <= reach and keys[j] != other:
                    j += 1
                if j == len(found) or found[j][0] > reach:
                    continue
                end = _WORD_END.match(text, found[j][0]).end()  # type: ignore[union-attr]
                # the positions between them; swapped words cost two more (the index's rule)
                tokens = _token_count(text[start:end])
                apart = max(0, tokens - 2) + (0 if key == first else 2)
                if tokens >= 2 and apart <= slop:
                    marks.append((start, f"{PHRASE_KEY}{number}"))
        return marks

    def window(self, text: str) -> tuple[int, int] | None:
        """The (start, end) of the passage to highlight; None when no word matches. The
        window holding the most whole phrases of the query wins, then the one with the
        most distinct words, then the most matches."""
        found = self._matches(text) if self.forms else []
        if not found:
            return self.short.window(text) if self.short is not None else None
        if len(text) <= WINDOW_CHARS:  # a short text is its own passage
            return 0, len(text)
        found = sorted(found + self._phrases(text, found))
        best, best_score, first = 0, (0, 0, 0), 0
        counts: dict[str, int] = {}
        phrases = 0  # how many of the keys in the window are whole phrases
        for last, (position, key) in enumerate(found):
            if key not in counts and key.startswith(PHRASE_KEY):
                phrases += 1
            counts[key] = counts.get(key, 0) + 1
            while position - found[first][0] > WINDOW_CHARS - LEAD_CHARS:
                gone = found[first][1]
                counts[gone] -= 1
                if not counts[gone]:
                    del counts[gone]
                    phrases -= gone.startswith(PHRASE_KEY)
                first += 1
            score = (phrases, len(counts), last - first + 1)
            if score > best_score:
                best, best_score = first, score
        at, size = found[best][0], WINDOW_CHARS
        if best_score[0]:
            # a whole phrase of the query stands in it: the passage is one snippet long from
            # just before the phrase (in a longer one the snippet was the fragment where its
            # words stand most often alone, «pensión» after «pensión», with no mark at all)
            at = next(position for position, key in found[best:] if key.startswith(PHRASE_KEY))
            size = SNIPPET_CHARS
        start = max(0, at - LEAD_CHARS)
        space = text.find(" ", start, at)  # begin with a whole word
        start = space + 1 if space >= 0 else start
        return start, whole_words_end(text, start, min(len(text), start + size))


def passage_finder(match_plan: MatchPlan) -> PassageFinder:
    """The finder for a query's plan. A stem's words begin with the stem less its last
    letter (Snowball Spanish rewrites at most that much), which is what is looked for."""
    stems = set(match_plan.standalone)
    for phrase in match_plan.phrases:
        stems.update(phrase)
    for pair, _ in match_plan.near:
        stems.update(pair)
    # "de", "la", "el" are everywhere: they locate nothing (unless they are all there is);
    # a short number does (the 12 of «A.D. 12/2021»: without it the passage was the first
    # date of 2021 in the text, and showed no case number at all)
    telling = {stem for stem in stems if len(stem) > SHORT_STEM or stem.isdigit()}
    every = frozenset(stems) if telling and telling != stems else None
    return _finder(match_plan, telling or stems, every)


def _finder(
    match_plan: MatchPlan, stems: set[str], every: frozenset[str] | None = None
) -> PassageFinder:
    """The finder looking for ``stems`` (and the plan's prefixes)."""
    # a number is written as it is stemmed: looked for whole (not every 202x for 2021)
    heads = {stem[:-1] if len(stem) > 3 and not stem.isdigit() else stem for stem in stems if stem}
    heads.update(match_plan.prefixes)
    # a head that begins with another head finds nothing more
    kept = [h for h in heads if not any(o != h and h.startswith(o) for o in heads)]
    forms = tuple(form for head in sorted(kept) for form in _accented(head))
    prefixes = frozenset(match_plan.prefixes)
    return PassageFinder(
        match_plan, frozenset(stems), prefixes, forms, _joined(match_plan, frozenset(stems)), every
    )


def _head_pattern(stem: str) -> str:
    """A word of ``stem`` as ``_found`` looks for it: one of its head's forms, begun."""
    head = stem[:-1] if len(stem) > 3 and not stem.isdigit() else stem
    return r"\b(?:" + "|".join(re.escape(form) for form in _accented(head)) + r")\w*"


MAX_JOINED_WORDS = 6


def _joined(match_plan: MatchPlan, stems: frozenset[str]) -> tuple[str, ...]:
    """Patterns (the same in Python's ``re`` and Rust's ``regex``) of the telling words of
    each phrase of the plan in its order, as many words between them as the phrase has,
    and of each proximity pair within its proximity (swapped: two fewer words between)."""
    patterns: list[str] = []
    for whole in match_plan.phrases:
        # a phrase's first words find where it stands; all of a long one made a pattern
        # past Rust's compiled-size limit (200 words: a 500)
        telling = [at for at, stem in enumerate(whole) if stem in stems][:MAX_JOINED_WORDS]
        if len(telling) < 2:
            continue
        pattern = _head_pattern(whole[telling[0]])
        for before, at in itertools.pairwise(telling):
            between = at - before - 1
            pattern += (rf"(?:\W+\w+){{{between}}}" if between else "") + r"\W+"
            pattern += _head_pattern(whole[at])
        patterns.append(pattern)
    for (first, second), slop in match_plan.near:
        if first not in stems or second not in stems:
            continue
        for one, other, most in ((first, second, slop), (second, first, slop - 2)):
            if most >= 0:
                between = rf"(?:\W+\w+){{0,{most}}}?" if most else ""
                patterns.append(_head_pattern(one) + between + r"\W+" + _head_pattern(other))
    return tuple(patterns)


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def prefix_ranges(fragment: str, match_plan: MatchPlan) -> list[tuple[int, int]]:
    """Byte ranges of the words of ``fragment`` that begin with a prefix of the query."""
    if not match_plan.prefixes:
        return []
    ranges = []
    for word in _WORDS.finditer(fragment):
        folded = _folded(word.group())
        if folded and folded.split(" ", 1)[0].startswith(match_plan.prefixes):
            start = len(fragment[: word.start()].encode("utf-8"))
            ranges.append((start, start + len(word.group().encode("utf-8"))))
    return ranges


def whole_words_end(text: str, start: int, end: int) -> int:
    """``end``, moved back to the space before the word it would cut: a passage or a
    snippet ends with a whole word ("señor", not "se"). Unmoved when no space lies
    between ``start`` and it (one long token), or when no word is cut."""
    if end >= len(text) or end <= start or text[end].isspace() or text[end - 1].isspace():
        return end
    space = end - 1
    while space > start and not text[space].isspace():
        space -= 1
    return space if space > start else end


def prefix_window(text: str, match_plan: MatchPlan, chars: int) -> str:
    """About ``chars`` characters of ``text`` around its first word matching a prefix."""
    for word in _WORDS.finditer(text):
        folded = _folded(word.group())
        if folded and folded.split(" ", 1)[0].startswith(match_plan.prefixes):
            start = max(0, word.start() - chars // 3)
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = min(len(text), start + chars)
            while end < len(text) and not text[end].isspace():
                end += 1
            return " ".join(text[start:end].split())
    return ""


def _runs(raw: bytes, ranges: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    for start, end in sorted(ranges):
        if runs and start >= runs[-1][-1][1] and _adjacent(raw, runs[-1][-1][1], start):
            runs[-1].append((start, end))
        elif not runs or start >= runs[-1][-1][1]:
            runs.append([(start, end)])
    return runs


def _kept(stems: list[str], folded: list[str], match_plan: MatchPlan) -> list[bool]:
    keep = [
        stem in match_plan.standalone or (bool(word) and word.startswith(match_plan.prefixes))
        for stem, word in zip(stems, folded, strict=True)
    ]
    for phrase in match_plan.phrases:
        size = len(phrase)
        for i in range(len(stems) - size + 1):
            if tuple(stems[i : i + size]) == phrase:
                keep[i : i + size] = [True] * size
    return keep


def mark(fragment: str, byte_ranges: list[tuple[int, int]], match_plan: MatchPlan | None) -> str:
    """Escape ``fragment`` and wrap each kept run of matches in one ``<mark>``."""
    raw = fragment.encode("utf-8")
    kept: list[tuple[int, int]] = []
    if match_plan is not None:
        byte_ranges = sorted(set(byte_ranges) | set(prefix_ranges(fragment, match_plan)))
    runs = _runs(raw, byte_ranges)
    near: set[int] = set()  # starts of the ranges that are part of a proximity match
    if match_plan is not None and match_plan.near:
        ranges = [r for run in runs for r in run]
        stems = [_stemmed(raw[s:e].decode("utf-8", "replace")) for s, e in ranges]
        positions = [len(_WORDS.findall(raw[:s].decode("utf-8", "replace"))) for s, _ in ranges]
        near = {ranges[i][0] for i in near_words(stems, positions, match_plan)}
    for run in runs:
        if match_plan is None:
            flags = [True] * len(run)
        else:
            words = [raw[s:e].decode("utf-8", "replace") for s, e in run]
            stems = [_stemmed(word) for word in words]
            folded = [_folded(word) for word in words]
            flags = _kept(stems, folded, match_plan)
        for (start, end), keep in zip(run, flags, strict=True):
            if not keep and start not in near:
                continue
            if kept and kept[-1][1] <= start and _adjacent(raw, kept[-1][1], start):
                kept[-1] = (kept[-1][0], end)
            else:
                kept.append((start, end))
    parts: list[str] = []
    cursor = 0
    for start, end in kept:
        parts.append(html.escape(raw[cursor:start].decode("utf-8", "replace")))
        parts.append("<mark>" + html.escape(raw[start:end].decode("utf-8", "replace")) + "</mark>")
        cursor = end
    parts.append(html.escape(raw[cursor:].decode("utf-8", "replace")))
    return " ".join("".join(parts).split())


def _adjacent(raw: bytes, end: int, start: int) -> bool:
    return not _WORD.search(raw[end:start].decode("utf-8", "replace"))
