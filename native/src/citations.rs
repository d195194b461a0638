//! The scanning half of the citation readers (``indexer/citations/cases.py`` and
//! ``tesis.py``) without the interpreter: where a citation can start, which pattern
//! matches there, and the raw groups; Python builds the ``Citation`` objects from them.
//!
//! Nothing here may read otherwise than Python does. The patterns come from the Python
//! modules (their look-arounds, which this regex engine lacks, are checked by hand
//! around each match); positions are Python's (code points), not UTF-8 bytes. Python's
//! and this engine's ``\w``, ``\s``, ``\d`` and case folding agree on a known set of
//! characters only (ASCII, Latin-1, general punctuation): a text holding any other is
//! not read here (``None``), and Python reads it.

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID};

use crate::articles::{Article, ArticleScanner};
use crate::tesis::{Tesis, TesisScanner};

/// This file's source: the reader's fingerprint digests it, so that citations read by
/// another version of this code are read again.
pub(crate) const SOURCE: &str = include_str!("citations.rs");

/// Whether Python's and this engine's character classes agree on ``c`` (a test checks
/// every character of the set against Python's ``re``).
fn agreed(c: char) -> bool {
    let point = c as u32;
    // ASCII but the separators \x1c-\x1f (spaces to Python only); Latin-1 but "µ" (its
    // fold is Greek), "ß" (two letters in capitals) and "²", "½"… (word characters to
    // Python only); punctuation but the joiners and "‿", "⁀", "⁔" (word characters here
    // only), currency,
    // arrows, mathematical operators, boxes, shapes
    matches!(
        point,
        0x00..=0x1b
            | 0x20..=0x7e
            | 0xa0..=0xb1
            | 0xb4
            | 0xb6..=0xb8
            | 0xba..=0xbb
            | 0xbf..=0xde
            | 0xe0..=0xff
            | 0x2000..=0x200b
            | 0x200e..=0x203e
            | 0x2041..=0x2053
            | 0x2055..=0x205e
            | 0x20a0..=0x20c0
            | 0x2190..=0x22ff
            | 0x2500..=0x25ff
    )
}

/// Python's ``str.isalnum() or == "_"`` (``\w``) on the agreed characters.
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python's ``str.isspace()`` (``\s``) on the agreed characters.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Bytes between two of a text's marks.
const BLOCK: usize = 64;

fn within_a_point(byte: u8) -> bool {
    byte & 0xc0 == 0x80
}

const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]))
}

/// How many code points start in ``bytes`` (its bytes but a code point's later ones,
/// ``0b10xxxxxx``), eight bytes at a time.
fn points(bytes: &[u8]) -> usize {
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    // each byte's mark (1 or 0) summed by one multiplication (no popcount instruction
    // in a portable build)
    let later: usize = words
        .map(|w| {
            let w = word(w);
            (((w & !(w << 1) & HIGH) >> 7).wrapping_mul(ONES) >> 56) as usize
        })
        .sum();
    bytes.len() - tail.iter().filter(|&&b| within_a_point(b)).count() - later
}

/// Whether any byte is an ASCII character not agreed: \x1c-\x1f and \x7f (eight
/// bytes at a time: a zero byte of ``w ^ c`` is a byte equal to ``c``'s).
fn unagreed_ascii(bytes: &[u8]) -> bool {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let unagreed = |b: &u8| matches!(b, 0x1c..=0x1f | 0x7f);
    tail.iter().any(unagreed)
        || words
            .map(word)
            .any(|w| zero((w & !(ONES * 3)) ^ (ONES * 0x1c)) || zero(w ^ (ONES * 0x7f)))
}

/// How many ASCII bytes ``bytes`` starts with (eight at a time).
fn ascii_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    for word in bytes.chunks_exact(8) {
        let high = self::word(word) & HIGH;
        if high != 0 {
            return run + high.trailing_zeros() as usize / 8;
        }
        run += 8;
    }
    run + bytes[run..].iter().take_while(|b| b.is_ascii()).count()
}

/// A text by code points: how many code points come before every ``BLOCK``-th byte is
/// kept, and a position is found from the mark before it (a few bytes' walk). An ASCII
/// text (most, and most folded ones) is its own index.
#[derive(Clone)]
pub(crate) struct Text<'a> {
    pub(crate) s: &'a str,
    ascii: bool,
    len: usize,
    marks: Vec<u32>,
}

impl<'a> Text<'a> {
    pub(crate) fn new(s: &'a str) -> Option<Self> {
        u32::try_from(s.len()).ok()?;
        let bytes = s.as_bytes();
        if unagreed_ascii(bytes) {
            return None;
        }
        if s.is_ascii() {
            return Some(Text {
                s,
                ascii: true,
                len: s.len(),
                marks: Vec::new(),
            });
        }
        // by blocks: the code points counted, and only a block beyond ASCII decoded (a
        // Spanish text is mostly ASCII; decoding every character cost more than reading)
        let mut marks = Vec::with_capacity(s.len() / BLOCK + 1);
        let mut len = 0;
        let mut next = 0; // the byte where the next character to check starts
        for (index, block) in bytes.chunks(BLOCK).enumerate() {
            marks.push(len as u32);
            len += points(block);
            if block.is_ascii() {
                continue;
            }
            let end = index * BLOCK + block.len();
            let mut at = next.max(index * BLOCK);
            while at < end {
                at += ascii_run(&bytes[at..end]);
                if at >= end {
                    break;
                }
                let c = s.get(at..)?.chars().next()?;
                if !agreed(c) {
                    return None;
                }
                at += c.len_utf8();
            }
            next = at;
        }
        Some(Text {
            s,
            ascii: false,
            len,
            marks,
        })
    }

    fn ascii(&self) -> bool {
        self.ascii
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The code point at ``at``.
    pub(crate) fn at(&self, at: usize) -> char {
        if self.ascii {
            char::from(self.s.as_bytes()[at])
        } else {
            self.s[self.byte(at)..].chars().next().unwrap_or('\0')
        }
    }

    /// The byte offset of code point ``at`` (``len()``: the text's end).
    pub(crate) fn byte(&self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at >= self.len {
            return self.s.len();
        }
        // the last block starting at or before code point ``at``
        let block = self.marks.partition_point(|&m| m as usize <= at) - 1;
        let bytes = self.s.as_bytes();
        let mut byte = block * BLOCK;
        let mut left = at - self.marks[block] as usize;
        loop {
            // a code point's later bytes (a block may start within one): it is counted
            while byte < bytes.len() && within_a_point(bytes[byte]) {
                byte += 1;
            }
            if left == 0 {
                return byte;
            }
            // eight bytes at once when the point is past every code point they start
            if let Some(word) = bytes.get(byte..byte + 8) {
                let starting = points(word);
                if starting <= left {
                    left -= starting;
                    byte += 8;
                    continue;
                }
            }
            byte += 1;
            left -= 1;
        }
    }

    /// The code point at a byte offset (the start of one, or the end).
    pub(crate) fn point(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let Some(&mark) = self.marks.get(block) else {
            return self.len;
        };
        mark as usize + points(&self.s.as_bytes()[block * BLOCK..byte])
    }

    pub(crate) fn char_before(&self, at: usize) -> Option<char> {
        if at == 0 {
            None
        } else {
            Some(self.at(at - 1))
        }
    }

    /// ``text.find(literal)`` for every occurrence (overlaps included).
    pub(crate) fn occurrences(&self, literal: &str) -> Vec<usize> {
        if let [byte] = literal.as_bytes() {
            return memchr::memchr_iter(*byte, self.s.as_bytes())
                .map(|at| self.point(at))
                .collect();
        }
        // one searcher (SIMD) for the whole text; the next search starts a character on
        let finder = memchr::memmem::Finder::new(literal);
        let step = literal.chars().next().map_or(1, char::len_utf8);
        let bytes = self.s.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            found.push(self.point(from + at));
            from += at + step;
        }
        found
    }

    /// ``spots.space_before``.
    pub(crate) fn space_before(&self, mut end: usize) -> usize {
        while end > 0 && is_space(self.at(end - 1)) {
            end -= 1;
        }
        end
    }

    /// ``spots.word_before``: where the word ending at ``end`` starts, if 1 to
    /// ``longest`` characters long.
    pub(crate) fn word_before(&self, end: usize, longest: usize) -> Option<usize> {
        let mut start = end;
        while start > 0 && end - start <= longest && is_word(self.at(start - 1)) {
            start -= 1;
        }
        if start == end || end - start > longest {
            None
        } else {
            Some(start)
        }
    }

    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.s[self.byte(start)..self.byte(end)]
    }

    /// ``pattern.match(text, start, end)``: the captures' spans in code points.
    pub(crate) fn match_at(
        &self,
        re: &Regex,
        caps: &mut Captures,
        start: usize,
        end: usize,
    ) -> Option<Spans> {
        if start > end {
            return None;
        }
        let input = Input::new(&self.s[..self.byte(end)])
            .range(self.byte(start)..)
            .anchored(Anchored::Yes);
        re.search_captures(&input, caps);
        self.spans(caps)
    }

    /// The first match at or after ``start`` (unanchored) in ``text[:end]``.
    pub(crate) fn search(
        &self,
        re: &Regex,
        caps: &mut Captures,
        start: usize,
        end: usize,
    ) -> Option<Spans> {
        if start > end {
            return None;
        }
        let input = Input::new(&self.s[..self.byte(end)]).range(self.byte(start)..);
        re.search_captures(&input, caps);
        self.spans(caps)
    }

    fn spans(&self, caps: &Captures) -> Option<Spans> {
        if !caps.is_match() {
            return None;
        }
        let groups = (0..caps.group_len())
            .map(|group| {
                caps.get_group(group)
                    .map(|span| (self.point(span.start), self.point(span.end)))
            })
            .collect();
        Some(Spans(groups))
    }
}

/// A match's groups (0: the whole match) as code point spans.
pub(crate) struct Spans(pub(crate) Vec<Option<(usize, usize)>>);

impl Spans {
    pub(crate) fn start(&self) -> usize {
        self.0[0].unwrap().0
    }
    pub(crate) fn end(&self) -> usize {
        self.0[0].unwrap().1
    }
    pub(crate) fn group(&self, group: usize) -> Option<(usize, usize)> {
        self.0.get(group).copied().flatten()
    }
}

/// The spans of the cases already read, asked whether one holds a position
/// (``any(s <= at < e for s, e in taken)`` in a logarithm of their number).
pub(crate) struct Taken {
    starts: Vec<usize>,
    // the furthest end of the spans up to each (by start)
    reach: Vec<usize>,
}

impl Taken {
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let starts = spans.iter().map(|&(start, _)| start).collect();
        let reach = spans
            .iter()
            .scan(0, |reach, &(_, end)| {
                *reach = end.max(*reach);
                Some(*reach)
            })
            .collect();
        Taken { starts, reach }
    }

    pub(crate) fn holds(&self, at: usize) -> bool {
        let before = self.starts.partition_point(|&start| start <= at);
        before > 0 && self.reach[before - 1] > at
    }
}

/// ``sorted(set(starts))``.
pub(crate) fn sorted(mut starts: Vec<usize>) -> Vec<usize> {
    starts.sort_unstable();
    starts.dedup();
    starts
}

pub(crate) fn compile(pattern: &str) -> PyResult<Regex> {
    Regex::new(pattern).map_err(|err| PyValueError::new_err(format!("{pattern}: {err}")))
}

/// The pattern called ``name`` among those Python gave, compiled.
pub(crate) fn named(patterns: &HashMap<String, String>, name: &str) -> PyResult<Regex> {
    let pattern = patterns
        .get(name)
        .ok_or_else(|| PyValueError::new_err(format!("no pattern {name}")))?;
    compile(pattern)
}

/// The index of ``re``'s group called ``name``.
pub(crate) fn group(re: &Regex, name: &str) -> PyResult<usize> {
    re.group_info()
        .to_index(PatternID::ZERO, name)
        .ok_or_else(|| PyValueError::new_err(format!("no group {name}")))
}

/// One case found: (what: 0 a chamber's, 1 a local court's, 2 a case number; its
/// groups (chamber or court, type, number, year, None) or (code, number, year, suffix,
/// appeal); start; end).
pub(crate) type Case = (
    u8,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    usize,
    usize,
);

/// The scanning of ``cases.py`` and ``tesis.py``, made once from their patterns.
#[pyclass(frozen)]
pub(crate) struct CitationScanner {
    electoral: Regex,
    local: Regex,
    number: Regex,
    type_word: Regex,
    first_gap: Regex,
    next_gap: Regex,
    codes: HashMap<String, String>,
    qualified: HashMap<(String, String), String>,
    abbreviated: Vec<String>,
    last_words: Vec<String>,
    chambers: Vec<String>,
    chamber_letters: usize,
    local_type_letters: usize,
    local_court_letters: usize,
    lookback: usize,
}

#[pymethods]
impl CitationScanner {
    /// The patterns as ``cases.py`` has them, without their look-arounds (checked here).
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        electoral: &str,
        local: &str,
        number: &str,
        type_words: &str,
        first_gap: &str,
        next_gap: &str,
        codes: HashMap<String, String>,
        qualified: HashMap<(String, String), String>,
        abbreviated: Vec<String>,
        last_words: Vec<String>,
        chambers: Vec<String>,
        letters: (usize, usize, usize),
        lookback: usize,
    ) -> PyResult<Self> {
        Ok(CitationScanner {
            electoral: compile(electoral)?,
            local: compile(local)?,
            number: compile(number)?,
            // ``(?![\w])`` after the type: the next character (not kept) or the end
            type_word: compile(&format!(r"((?:{type_words}))(?:\W|\z)"))?,
            first_gap: compile(first_gap)?,
            next_gap: compile(next_gap)?,
            codes,
            qualified,
            abbreviated,
            last_words,
            chambers,
            chamber_letters: letters.0,
            local_type_letters: letters.1,
            local_court_letters: letters.2,
            lookback,
        })
    }

    /// ``cases.find_cases`` up to the citations: each case's groups and span, in the
    /// order Python yields them; None when the text is not read here.
    fn cases(&self, original: &str, folded: &str) -> Option<Vec<Case>> {
        self.cases_in(Text::new(original).as_ref(), Text::new(folded).as_ref())
    }
}

impl CitationScanner {
    /// ``cases`` of texts indexed already (None: a text not read here).
    pub(crate) fn cases_in(
        &self,
        original: Option<&Text>,
        folded: Option<&Text>,
    ) -> Option<Vec<Case>> {
        let (original, folded) = (original?, folded?);
        if original.len() != folded.len() {
            return None;
        }
        let mut found = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        self.electoral_cases(folded, &mut found, &mut taken)?;
        let slashes = folded.occurrences("/");
        self.local_cases(original, &slashes, &mut found, &mut taken);
        self.numbered_cases(original, folded, &slashes, &mut found, &taken)?;
        Some(found)
    }
    /// ``cases._may_cite_a_chamber``: a chamber ("SUP") right before a hyphen, spaces
    /// between, in the text's capitals; only then is the whole text upper-cased. A
    /// character of more than one capital reads the text through (where it is not read).
    fn may_cite_a_chamber(&self, folded: &Text) -> bool {
        // one buffer for every hyphen's capitals, not one each
        let mut upper = String::new();
        for hyphen in folded.occurrences("-") {
            let end = folded.space_before(hyphen);
            let before = folded.slice(end.saturating_sub(self.chamber_letters), end);
            upper.clear();
            for c in before.chars() {
                match single_upper(c) {
                    Some(capital) => upper.push(capital),
                    None => return true,
                }
            }
            if self
                .chambers
                .iter()
                .any(|chamber| upper.ends_with(chamber.as_str()))
            {
                return true;
            }
        }
        false
    }

    fn electoral_cases(
        &self,
        folded: &Text,
        found: &mut Vec<Case>,
        taken: &mut Vec<(usize, usize)>,
    ) -> Option<()> {
        if !self.may_cite_a_chamber(folded) {
            return Some(());
        }
        let upper: String = if folded.ascii() {
            folded.s.to_ascii_uppercase()
        } else {
            let mut upper = String::with_capacity(folded.s.len());
            for c in folded.s.chars() {
                upper.push(single_upper(c)?);
            }
            upper
        };
        let upper = Text::new(&upper)?;
        if upper.len() != folded.len() {
            return None;
        }
        let mut starts = Vec::new();
        for hyphen in upper.occurrences("-") {
            if let Some(start) = upper.word_before(upper.space_before(hyphen), self.chamber_letters)
            {
                starts.push(start);
            }
        }
        let mut caps = self.electoral.create_captures();
        let mut free = 0;
        for start in sorted(starts) {
            if start < free {
                continue;
            }
            if let Some(m) = upper.match_at(&self.electoral, &mut caps, start, upper.len()) {
                let group = |n| m.group(n).map(|(a, b)| upper.slice(a, b).to_string());
                found.push((
                    0,
                    group(1),
                    group(2)?,
                    group(3)?,
                    group(4),
                    None,
                    m.start(),
                    m.end(),
                ));
                taken.push((m.start(), m.end()));
                free = m.end().max(start + 1);
            }
        }
        Some(())
    }

    fn local_cases(
        &self,
        original: &Text,
        slashes: &[usize],
        found: &mut Vec<Case>,
        taken: &mut Vec<(usize, usize)>,
    ) {
        let mut starts = Vec::new();
        let joins = |c: char| c == '-' || c == '/';
        for &slash in slashes {
            let number = match original.word_before(slash, 6) {
                Some(number) if number > 0 && joins(original.at(number - 1)) => number,
                _ => continue,
            };
            let Some(kind) = original.word_before(number - 1, self.local_type_letters) else {
                continue;
            };
            starts.push(kind);
            if kind > 0 && joins(original.at(kind - 1)) {
                if let Some(court) = original.word_before(kind - 1, self.local_court_letters) {
                    starts.push(court);
                }
            }
        }
        let chambers = Taken::new(taken.clone());
        let mut last_end = 0;
        let mut caps = self.local.create_captures();
        let mut free = 0;
        for start in sorted(starts) {
            if start < free {
                continue;
            }
            // ``(?<![\w/-])``
            if original
                .char_before(start)
                .is_some_and(|c| is_word(c) || joins(c))
            {
                continue;
            }
            let Some(m) = original.match_at(&self.local, &mut caps, start, original.len()) else {
                continue;
            };
            free = m.end().max(start + 1);
            // the local cases do not overlap each other: only the last can hold this one
            if chambers.holds(m.start()) || last_end > m.start() {
                continue;
            }
            let group = |n| m.group(n).map(|(a, b)| original.slice(a, b).to_string());
            let (Some(kind), Some(number)) = (group(2), group(3)) else {
                continue;
            };
            found.push((
                1,
                group(1),
                kind,
                number,
                group(4),
                None,
                m.start(),
                m.end(),
            ));
            taken.push((m.start(), m.end()));
            last_end = m.end();
        }
    }

    /// ``_NUMBER`` at ``start``: (n, year, appeal, suffix, end), with its look-behind and
    /// the look-ahead ``(?![\d/])`` after it (without the suffix if only so it holds; a
    /// shorter appeal or none is followed by a digit or a slash, and never holds).
    fn number_at(&self, folded: &Text, caps: &mut Captures, start: usize) -> Option<Spans> {
        if folded
            .char_before(start)
            .is_some_and(|c| is_word(c) || matches!(c, '/' | '.' | '-'))
        {
            return None;
        }
        let m = folded.match_at(&self.number, caps, start, folded.len())?;
        let free = |end: usize| {
            end >= folded.len() || !(folded.at(end).is_ascii_digit() || folded.at(end) == '/')
        };
        if free(m.end()) {
            return Some(m);
        }
        let (_, number_end) = m.group(3).or(m.group(2))?;
        if m.group(4).is_some() && free(number_end) {
            let mut groups = m.0.clone();
            groups[0] = Some((m.start(), number_end));
            for group in groups.iter_mut().skip(4) {
                *group = None;
            }
            return Some(Spans(groups));
        }
        None
    }

    fn numbered_cases(
        &self,
        original: &Text,
        folded: &Text,
        slashes: &[usize],
        found: &mut Vec<Case>,
        taken: &[(usize, usize)],
    ) -> Option<()> {
        let mut starts = Vec::new();
        for &slash in slashes {
            if let Some(start) = folded.word_before(folded.space_before(slash), 6) {
                starts.push(start);
            }
        }
        let taken = Taken::new(taken.to_vec());
        let mut caps = self.number.create_captures();
        let mut gap = self.next_gap.create_captures();
        let mut code: Option<String> = None;
        let mut after = 0;
        let mut free = 0;
        for start in sorted(starts) {
            if start < free {
                continue;
            }
            let Some(m) = self.number_at(folded, &mut caps, start) else {
                continue;
            };
            free = m.end().max(start + 1);
            if taken.holds(m.start()) {
                code = None;
                continue;
            }
            let begins = if code.is_some()
                && folded
                    .match_at(&self.next_gap, &mut gap, after, m.start())
                    .is_some()
            {
                m.start()
            } else {
                let (typed, begins) = self.type_before(original, folded, m.start())?;
                code = typed;
                if code.is_none() {
                    continue;
                }
                begins
            };
            let group = |n| m.group(n).map(|(a, b)| folded.slice(a, b).to_string());
            after = m.end();
            found.push((
                2,
                code.clone(),
                group(1)?,
                group(2)?,
                group(4),
                group(3),
                begins,
                m.end(),
            ));
        }
        Some(())
    }

    /// ``cases._type_before``: the code of the type written right before a number and
    /// where it starts (None: no type); None outright for a type Python did not list.
    fn type_before(
        &self,
        original: &Text,
        folded: &Text,
        number: usize,
    ) -> Option<(Option<String>, usize)> {
        let mut end = number;
        while end > 0 && (is_space(folded.at(end - 1)) || folded.at(end - 1) == ':') {
            end -= 1;
        }
        if let Some(start) = folded.word_before(end, 40) {
            let word = folded.slice(start, end);
            if !self.last_words.iter().any(|w| w == word) {
                return Some((None, number));
            }
        }
        let window = number.saturating_sub(self.lookback);
        // ``_TYPE.finditer(folded, window, number)``, the last match
        let mut caps = self.type_word.create_captures();
        let mut before_last = None;
        let mut last = None;
        let mut at = window;
        while let Some(m) = folded.search(&self.type_word, &mut caps, at, number) {
            let start = m.start();
            if folded
                .char_before(start)
                .is_some_and(|c| is_word(c) || c == '.')
            {
                at = start + 1;
                continue;
            }
            // the type ends before the character the look-ahead took, if any
            let (_, end) = m.group(1)?;
            before_last = last;
            last = Some((start, end));
            at = end.max(start + 1);
        }
        let Some((start, end)) = last else {
            return Some((None, number));
        };
        let key = folded
            .slice(start, end)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some((earlier_start, earlier_end)) = before_last {
            // "juicio … bajo el número de expediente 56/2025": the type before, if it fits
            if self.codes.get(&key)? == "EXP" {
                let earlier = self.typed(original, folded, earlier_start, earlier_end, number)?;
                if earlier.0.is_some() {
                    return Some(earlier);
                }
            }
        }
        self.typed(original, folded, start, end, number)
    }

    /// ``cases._typed``: the code of the type written at ``start..end`` for the number at
    /// ``number`` if what lies between fits; None outright for a type Python did not list.
    fn typed(
        &self,
        original: &Text,
        folded: &Text,
        start: usize,
        end: usize,
        number: usize,
    ) -> Option<(Option<String>, usize)> {
        let phrase = folded.slice(start, end);
        let written = original.slice(start, end);
        if self.abbreviated.iter().any(|c| c == phrase)
            && !(matches!(written.len(), 2..=4) && written.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Some((None, number));
        }
        let mut gap = self.first_gap.create_captures();
        let fits = folded.match_at(&self.first_gap, &mut gap, end, number);
        let key = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        // "": a phrase of no type Python knows; missing: a phrase Python did not list
        let code = self.codes.get(&key)?;
        let Some(fits) = fits.filter(|_| !code.is_empty()) else {
            return Some((None, number));
        };
        let qualifier = fits
            .group(1)
            .map(|(a, b)| {
                folded
                    .slice(a, b)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let code = self
            .qualified
            .get(&(code.clone(), qualifier))
            .unwrap_or(code);
        Some((Some(code.clone()), start))
    }
}

/// The three scanners' findings in one text: (cases, tesis, articles).
type Scanned = (Option<Vec<Case>>, Option<Vec<Tesis>>, Option<Vec<Article>>);

/// What the three scanners find in one text: (cases, tesis, articles), each as its own
/// method gives it (None: that kind is not read here). The text and its fold are
/// indexed by code points once for all three, not once per scanner. The interpreter is
/// let go meanwhile (the scan reads only Rust values and the two immutable strings the
/// caller holds): a writer scans the next documents in a thread while its own thread
/// writes (``indexer.citations.ahead``).
#[pyfunction]
pub(crate) fn scan_citations(
    py: Python<'_>,
    cases: &CitationScanner,
    tesis: &TesisScanner,
    articles: &ArticleScanner,
    original: &str,
    folded: &str,
) -> Scanned {
    py.detach(|| {
        let text = Text::new(original);
        let fold = Text::new(folded);
        (
            cases.cases_in(text.as_ref(), fold.as_ref()),
            tesis.tesis_in(text.as_ref(), fold.as_ref()),
            articles.articles_in(original, Some(&text), fold.as_ref()),
        )
    })
}

/// ``c.upper()`` when it is one character (else the text is not read here).
fn single_upper(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_uppercase());
    }
    let mut upper = c.to_uppercase();
    let first = upper.next()?;
    if upper.next().is_some() {
        None
    } else {
        Some(first)
    }
}

/// How this side classes ``c``, for the test that checks Python agrees on every agreed
/// character: (agreed, a word's, a space, and ``\w``, ``\s``, ``\d`` of the patterns,
/// its upper case when one character).
#[pyfunction]
pub(crate) fn citation_classes(c: char) -> (bool, bool, bool, bool, bool, bool, Option<char>) {
    let mut text = [0u8; 4];
    let text: &str = c.encode_utf8(&mut text);
    let class = |pattern: &str| {
        Regex::new(pattern).is_ok_and(|re| re.is_match(Input::new(text).anchored(Anchored::Yes)))
    };
    (
        agreed(c),
        is_word(c),
        is_space(c),
        class(r"\w"),
        class(r"\s"),
        class(r"\d"),
        single_upper(c),
    )
}

/// Whether ``pattern`` matches the whole of ``text`` here (the tests compare case-
/// insensitive letters with Python's).
#[pyfunction]
pub(crate) fn citation_probe(pattern: &str, text: &str) -> PyResult<bool> {
    let re = compile(&format!(r"(?:{pattern})\z"))?;
    Ok(re.is_match(Input::new(text).anchored(Anchored::Yes)))
}
