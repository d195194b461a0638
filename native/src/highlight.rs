//! A hit's highlighted fragment made beside the search, so its whole text (up to 140 KB)
//! never crosses into Python: ``indexer/highlight.py``'s rules, step for step (the
//! passage where the question's words are densest, Tantivy's snippet of that passage,
//! the kept matches marked, the fallbacks), read from a spec the Python side builds once
//! per question (its spellings, stems, prefixes, phrases and constants).
//!
//! Python's and Rust's notions of a letter, a space and a lower case agree on the
//! characters of ``plain``; a text holding any other is handed back whole and Python
//! highlights it, so every answer is the one Python would give.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{LazyLock, RwLock};

use memchr::memmem::Finder;
use serde::Deserialize;
use serde_json::Value;
use tantivy::schema::Field;
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};
use tantivy::{Score, Searcher, Term};

use crate::analysis::{analyzer, MAX_TOKEN_BYTES};

const PHRASE_KEY: &str = "\u{0}phrase";

/// Most words a process has stemmed (as ``indexer.analysis``' cache of stems: the same
/// words come back in every page); emptied when full, numbers and names keep coming.
const STEM_MEMO_SIZE: usize = 300_000;
type Memo = HashMap<String, Option<String>>;
static STEMS: LazyLock<RwLock<Memo>> = LazyLock::new(RwLock::default);

/// The ``joined`` patterns compiled, by pattern, for the process: compiling one (its
/// Unicode ``\w``, ``\W`` and ``\b``) takes a millisecond or more, and the same
/// phrases come back.
type Patterns = HashMap<String, regex::Regex>;
static PATTERNS: LazyLock<RwLock<Patterns>> = LazyLock::new(RwLock::default);

/// Most patterns kept in ``PATTERNS`` (emptied when full): each keeps its own matching
/// caches (up to some MB per thread once used), so phrases chosen to reach the rare
/// texts that need them cannot grow the process by more than some hundred MB.
const PATTERNS_SIZE: usize = 64;

/// ``patterns`` compiled (from ``PATTERNS`` where they are), in their order; one that
/// does not compile (its syntax was checked: too large) matches nothing.
fn compiled(patterns: &[String]) -> Vec<regex::Regex> {
    let mut out = Vec::with_capacity(patterns.len());
    for pattern in patterns {
        if let Some(known) = PATTERNS.read().unwrap().get(pattern) {
            out.push(known.clone());
            continue;
        }
        let Ok(made) = regex::Regex::new(pattern) else {
            continue;
        };
        let mut kept = PATTERNS.write().unwrap();
        if kept.len() >= PATTERNS_SIZE {
            kept.clear();
        }
        kept.insert(pattern.clone(), made.clone());
        out.push(made);
    }
    out
}

/// A candidate word's (folded word, stem) by the word as found, for the process (the
/// same words come back in every page): ``PassageFinder``'s notion of a word.
type Folds = HashMap<String, (String, String)>;
static FOLDS: LazyLock<RwLock<Folds>> = LazyLock::new(RwLock::default);

/// A question's own memo of the words of its hits: small, read without a lock, its keys
/// (a page's words) hashed by ``Fx`` (no attacker chooses the table's size: it is
/// emptied per question).
type Quick<V> = HashMap<Box<str>, V, BuildHasherDefault<Fx>>;

/// The Firefox/rustc hash, a multiply per 8 bytes: the words are short and many.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Keep ``made`` in ``memo``, emptied first when full.
fn remember<V>(
    memo: &RwLock<HashMap<String, V>>,
    made: impl ExactSizeIterator<Item = (String, V)>,
) {
    let mut memo = memo.write().unwrap();
    if memo.len() + made.len() > STEM_MEMO_SIZE {
        memo.clear();
    }
    memo.extend(made);
}

/// Tantivy's ``SnippetGenerator`` (0.27: ``create``, then ``snippet``) step for step, its
/// analyser ``analyzer(true)``, at a part of its cost: each distinct word of a page's
/// passages stemmed once (the passages share most of their words), no analyser cloned
/// and no word lower-cased anew per passage, and the best fragment kept as the tokens
/// come instead of every scoring fragment gathered first. Each filter of the analyser
/// reads one word alone, so a word's stem (or its removal, too long) is all there is
/// to remember; offsets are the tokenizer's own.
struct Snippets {
    // the question's terms of the field that some document holds, each weighed by how
    // many do
    weights: HashMap<String, Score>,
    // the first bytes of the terms of ``weights``
    firsts: Vec<u8>,
    chars: usize,
    words: SimpleTokenizer,
    full: TextAnalyzer,
    // words stemmed here, not yet in the process's memo (kept there after the passage)
    fresh: Memo,
    // each word of the question's hits seen so far: None, no token (too long), else its
    // weight (0: not a term of the question); the pages' words come back hit after hit,
    // read here without the process's lock and large table
    seen: Quick<Option<Score>>,
}

/// A passage's fragment: its score, its byte bounds and its matches' byte ranges.
struct Fragment {
    score: Score,
    start: usize,
    stop: usize,
    highlighted: Vec<(usize, usize)>,
}

impl Fragment {
    fn new(start: usize) -> Self {
        Fragment {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

impl Snippets {
    /// ``SnippetGenerator::create``'s terms and weights, ``chars`` the fragment's size.
    fn new(
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        field: Field,
        chars: usize,
    ) -> tantivy::Result<Snippets> {
        let mut terms: BTreeSet<Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        let mut weights: HashMap<String, Score> = HashMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let found = searcher.doc_freq(term)?;
            if found > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + found as Score));
            }
        }
        let mut firsts: Vec<u8> = weights.keys().filter_map(|t| t.bytes().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Ok(Snippets {
            weights,
            firsts,
            chars,
            words: SimpleTokenizer::default(),
            full: analyzer(true),
            fresh: Memo::new(),
            seen: Quick::default(),
        })
    }

    /// ``SnippetGenerator::snippet`` of ``text``: the best fragment (None: no fragment
    /// holds a term, the snippet is empty). Fragments are cut as ``search_fragments``
    /// cuts them and the best is ``select_best_fragment_combination``'s ``max_by``: the
    /// highest score, the earliest on a tie, the last of equals.
    fn best(&mut self, text: &str) -> Option<Fragment> {
        let mut best: Option<Fragment> = None;
        let mut fragment = Fragment::new(0);
        let mut stream = self.words.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            let (from, to) = (token.offset_from, token.offset_to);
            let word = token.text.as_str();
            let known = match self.seen.get(word) {
                Some(&known) => known,
                None => {
                    let known = weigh(
                        &mut self.full,
                        &mut self.fresh,
                        &self.weights,
                        &self.firsts,
                        word,
                    );
                    self.seen.insert(word.into(), known);
                    known
                }
            };
            let Some(score) = known else {
                continue;
            };
            if to - fragment.start > self.chars {
                let done = std::mem::replace(&mut fragment, Fragment::new(from));
                if done.score > 0.0 {
                    keep_best(&mut best, done);
                }
            }
            fragment.stop = to;
            if score > 0.0 {
                fragment.score += score;
                fragment.highlighted.push((from, to));
            }
        }
        if !self.fresh.is_empty() {
            remember(&STEMS, self.fresh.drain());
        }
        if fragment.score > 0.0 {
            keep_best(&mut best, fragment);
        }
        best
    }
}

/// A word's weight (None: no token, too long; 0: not a term of the question), its stem
/// from the process's memo or made by ``full`` (and kept in ``fresh``).
fn weigh(
    full: &mut TextAnalyzer,
    fresh: &mut Memo,
    weights: &HashMap<String, Score>,
    firsts: &[u8],
    word: &str,
) -> Option<Score> {
    if word.len() >= MAX_TOKEN_BYTES {
        return None; // the analyser drops it
    }
    // Snowball's Spanish stemmer never rewrites a word's first two letters (its regions
    // begin after them): a word beginning with an ASCII letter or digit no term begins
    // with (lower-cased) is no term, its stem not looked up
    if let Some(&first) = word.as_bytes().first() {
        if first.is_ascii() && !firsts.contains(&first.to_ascii_lowercase()) {
            return Some(0.0);
        }
    }
    let known = STEMS.read().unwrap().get(word).cloned();
    let stem = match known.or_else(|| fresh.get(word).cloned()) {
        Some(stem) => stem,
        None => {
            let stem = analyze(full, word).into_iter().next();
            fresh.insert(word.to_owned(), stem.clone());
            stem
        }
    };
    // a term's weight is never 0 (1 / (1 + documents))
    stem.map(|stem| weight(weights, &stem).unwrap_or(0.0))
}

/// A token's weight: Tantivy looks up its text lower-cased (a stem is already, but for
/// the few letters folded to a capital).
fn weight(weights: &HashMap<String, Score>, stem: &str) -> Option<Score> {
    if stem
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        weights.get(stem).copied()
    } else {
        weights.get(&stem.to_lowercase()).copied()
    }
}

/// ``Iterator::max_by`` one fragment at a time: the new one taken unless the best so far
/// compares greater.
fn keep_best(best: &mut Option<Fragment>, new: Fragment) {
    let greater = best.as_ref().is_some_and(|best| {
        let by_score = best
            .score
            .partial_cmp(&new.score)
            .unwrap_or(Ordering::Equal);
        let order = if by_score == Ordering::Equal {
            (new.start, new.stop).cmp(&(best.start, best.stop))
        } else {
            by_score
        };
        order == Ordering::Greater
    });
    if !greater {
        *best = Some(new);
    }
}

/// What ``indexer.stores.tantivy_store._marking`` sends: the question's ``PassageFinder``
/// and ``MatchPlan``, the snippet generator's question (``None``: no words) and the
/// constants of ``indexer/highlight.py``.
#[derive(Deserialize, Clone)]
struct Spec {
    plan: Option<Value>,
    forms: Vec<String>,
    spellings: Vec<String>,
    stems: Vec<String>,
    finder_prefixes: Vec<String>,
    standalone: Vec<String>,
    phrases: Vec<Vec<String>>,
    /// proximity phrases of two different words, with their proximity
    #[serde(default)]
    near: Vec<((String, String), usize)>,
    prefixes: Vec<String>,
    window_chars: usize,
    lead_chars: usize,
    max_candidates: usize,
    phrase_span: usize,
    snippet_chars: usize,
    /// ``PassageFinder.joined``: the phrases' words standing together, as patterns
    #[serde(default)]
    joined: Vec<String>,
    /// ``PassageFinder.short``: every word's finder (the short ones too), tried where
    /// none of the telling words stands in the text
    #[serde(default)]
    short: Option<Short>,
}

/// The finder of every word of a question: ``Spec``'s fields it replaces.
#[derive(Deserialize, Clone)]
struct Short {
    forms: Vec<String>,
    spellings: Vec<String>,
    stems: Vec<String>,
    #[serde(default)]
    joined: Vec<String>,
}

/// Characters on which Python's ``isalnum``/``isspace``/``lower`` and Rust's agree: the
/// letters before the combining accents, and blocks of symbols only (no letter, digit,
/// space or case in either): punctuation, currency, arrows, mathematical operators (the
/// minus sign of real sentences), box drawing and shapes (bullets), and the private use
/// area (the bullets of documents made with Word's symbol fonts).
fn plain(c: char) -> bool {
    c < '\u{300}'
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{20A0}'..='\u{20BF}').contains(&c)
        || ('\u{2190}'..='\u{22FF}').contains(&c)
        || ('\u{2500}'..='\u{25FF}').contains(&c)
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Python's ``str.isspace`` (it counts the four separators 0x1C-0x1F as spaces).
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's ``\w`` (a letter, a digit or ``_``).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// ``str.lower`` of ``text`` into ``lowered`` (emptied first) if every character of it is
/// ``plain`` (no final sigma there: each letter on its own), in one pass: each run of
/// ASCII found and lowered at once, each other character checked and looked up. Some:
/// whether the lowered text has as many characters (not so when a letter lowers to two).
fn lower_plain(text: &str, lowered: &mut String) -> Option<bool> {
    lowered.clear();
    lowered.reserve(text.len());
    let mut same = true;
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_run(rest.as_bytes());
        let start = lowered.len();
        lowered.push_str(&rest[..ascii]);
        lowered[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            if !plain(c) {
                return None;
            }
            if c < '\u{100}' {
                // Latin-1: its capitals (but ×) lower to the letter 0x20 after them
                let capital = ('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}';
                lowered.push(if capital {
                    char::from(c as u8 + 0x20)
                } else {
                    c
                });
            } else {
                let mut letters = 0;
                for letter in c.to_lowercase() {
                    lowered.push(letter);
                    letters += 1;
                }
                same &= letters == 1;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    Some(same)
}

/// How many bytes ``bytes`` begins with below 0x80, 16 read at once.
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 16) {
        let block = u128::from_le_bytes(chunk.try_into().expect("16 bytes"));
        if block & HIGH != 0 {
            break;
        }
        at += 16;
    }
    at + bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// ``" ".join(text.split())``, written in one pass.
fn squeeze(text: &str) -> String {
    let mut squeezed = String::with_capacity(text.len());
    for part in text.split(py_space).filter(|part| !part.is_empty()) {
        if !squeezed.is_empty() {
            squeezed.push(' ');
        }
        squeezed.push_str(part);
    }
    squeezed
}

/// ``html.escape``.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
}

/// ``highlight._FOLD``: lower-case accented letters to their base letter.
fn fold_letter(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// ``highlight._token_count``: how many tokens the analysers cut ``text`` into (runs of
/// letters and digits, those of ``MAX_TOKEN_BYTES`` or more dropped), none stemmed.
fn token_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.len() < MAX_TOKEN_BYTES)
        .count()
}

fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().text.clone());
    }
    tokens
}

/// Whether every character of ``text`` is ``plain``. Most texts' characters are all below
/// U+0300 (Spanish letters, Latin-1 punctuation): in UTF-8, bytes below 0xCC, checked
/// byte by byte (vectorised) before any character is decoded.
fn plain_text(text: &str) -> bool {
    let low = |chunk: &[u8]| chunk.iter().fold(0, |high, &b| high.max(b)) < 0xCC;
    text.as_bytes().chunks(64).all(low) || text.chars().all(plain)
}

/// The byte offset ``chars`` characters after the byte offset ``from`` (the text's end
/// when it has fewer): a walk over those characters, no table of a whole text's offsets.
fn forward(text: &str, from: usize, chars: usize) -> usize {
    // a character begins at each byte that does not continue one (0b10xxxxxx): blocks of
    // 64 bytes counted at once and skipped while the character sought lies beyond them
    let starts = |b: &u8| (*b as i8) >= -64;
    let bytes = &text.as_bytes()[from..];
    let (mut at, mut left) = (0, chars);
    while let Some(block) = bytes.get(at..at + 64) {
        let begun = block.iter().filter(|b| starts(b)).count();
        if begun > left {
            break;
        }
        left -= begun;
        at += 64;
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if starts(b) {
            if left == 0 {
                return from + at + i;
            }
            left -= 1;
        }
    }
    text.len()
}

/// ``indexer.highlight.whole_words_end``: the byte offset ``end`` moved back to the
/// space before the word it would cut (a passage ends with "señor", not "se"); unmoved
/// when no word is cut or no space lies after ``start``.
fn whole_words_end(text: &str, start: usize, end: usize) -> usize {
    let before = text[start..end].chars().next_back();
    let after = text[end..].chars().next();
    match (before, after) {
        (Some(before), Some(after)) if !py_space(before) && !py_space(after) => {
            match text[start..end].rfind(py_space) {
                Some(space) if space > 0 => start + space,
                _ => end,
            }
        }
        _ => end,
    }
}

/// The bytes of a UTF-8 character by its first byte.
fn utf8_len(first: u8) -> usize {
    match first {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// A searcher of each text, made once per question (its tables are the needle's).
fn finders(texts: &[String]) -> Vec<Finder<'static>> {
    texts
        .iter()
        .map(|text| Finder::new(text.as_bytes()).into_owned())
        .collect()
}

/// One question's highlighter, used for each hit of its page.
pub struct Marker {
    spec: Spec,
    // the searchers of ``spec``'s forms and spellings
    forms: Vec<Finder<'static>>,
    spellings: Vec<Finder<'static>>,
    // a hit's text lowered (the buffer kept from hit to hit)
    lowered: String,
    // the keys and stems of the words of the question's hits
    keys: Quick<String>,
    stemmed: Quick<String>,
    stems: HashSet<String>,
    standalone: HashSet<String>,
    generator: Option<Snippets>,
    stemmer: TextAnalyzer,
    folder: TextAnalyzer,
    // whether a word's first folded token begins with a prefix of the question
    prefixed_words: HashMap<String, bool>,
    // ``spec.joined`` compiled, the first time they are needed (``joined_words``: a text
    // whose candidates stopped short, rare); checked for their syntax up front
    joined: Option<Vec<regex::Regex>>,
    // ``spec.short``'s finder (its windows only: no snippet generator of its own), built
    // the first time no telling word stands in a text (most questions never need it)
    short: Option<Box<Marker>>,
    // ``spec.short`` until then
    short_spec: Option<Spec>,
}

impl Marker {
    pub fn new(searcher: &Searcher, field: Field, spec: &str) -> Result<Marker, String> {
        let spec: Spec = serde_json::from_str(spec).map_err(|e| e.to_string())?;
        let generator = match &spec.plan {
            Some(plan) => {
                // its terms alone are read (``Snippets``): no scorer, no work to bound
                let unbounded = crate::plan::Budget::new(None);
                let query = crate::plan::build(searcher.schema(), &plan.to_string(), &unbounded)?;
                let generator = Snippets::new(searcher, query.as_ref(), field, spec.snippet_chars)
                    .map_err(|e| e.to_string())?;
                Some(generator)
            }
            None => None,
        };
        Marker::with(spec, generator)
    }

    /// The highlighter of ``spec`` with its snippet generator.
    fn with(mut spec: Spec, generator: Option<Snippets>) -> Result<Marker, String> {
        let short_spec = spec.short.take().map(|short| Spec {
            plan: None,
            forms: short.forms,
            spellings: short.spellings,
            stems: short.stems,
            joined: short.joined,
            short: None,
            ..spec.clone()
        });
        for pattern in &spec.joined {
            regex_automata::util::syntax::parse(pattern).map_err(|e| e.to_string())?;
        }
        Ok(Marker {
            joined: None,
            forms: finders(&spec.forms),
            spellings: finders(&spec.spellings),
            lowered: String::new(),
            keys: Quick::default(),
            stemmed: Quick::default(),
            stems: spec.stems.iter().cloned().collect(),
            standalone: spec.standalone.iter().cloned().collect(),
            spec,
            generator,
            stemmer: analyzer(true),
            folder: analyzer(false),
            prefixed_words: HashMap::new(),
            short: None,
            short_spec,
        })
    }

    /// ``tantivy_store._highlights`` of ``text``; None: a character outside ``plain``
    /// (Python highlights that text itself).
    pub fn highlights(&mut self, text: &str) -> Option<Vec<String>> {
        if self.spec.forms.is_empty() {
            // nothing to look for (no word, no prefix): the text's start is all it reads
            return self.head(text);
        }
        let mut lowered = std::mem::take(&mut self.lowered);
        let same = lower_plain(text, &mut lowered);
        let window = same.map(|same| self.window(text, &lowered, same));
        self.lowered = lowered;
        let window = window?;
        let best = match (window, self.generator.as_mut()) {
            (Some((start, end)), Some(generator)) => {
                let passage = &text[start..end];
                generator.best(passage).map(|best| (passage, best))
            }
            _ => None,
        };
        if let Some((passage, best)) = best {
            let fragment = &passage[best.start..best.stop];
            if !fragment.is_empty() {
                let shift = |(from, to): (usize, usize)| (from - best.start, to - best.start);
                let ranges = best.highlighted.into_iter().map(shift).collect();
                return Some(vec![self.mark(fragment, ranges)?]);
            }
        }
        if !self.spec.prefixes.is_empty() {
            let place = match window {
                Some((start, end)) => &text[start..end],
                None => text,
            };
            let found = self.prefix_window(place);
            if !found.is_empty() {
                return Some(vec![self.mark(&found, Vec::new())?]);
            }
        }
        self.head(text)
    }

    /// The text's first ``snippet_chars`` characters, spaces squeezed, escaped; None: a
    /// character among them outside ``plain``.
    fn head(&self, text: &str) -> Option<Vec<String>> {
        let head = &text[..whole_words_end(text, 0, forward(text, 0, self.spec.snippet_chars))];
        if !plain_text(head) {
            return None;
        }
        let head = squeeze(head);
        if head.is_empty() {
            return Some(Vec::new());
        }
        let mut escaped = String::with_capacity(head.len());
        escape(&head, &mut escaped);
        Some(vec![escaped])
    }

    /// ``PassageFinder.window``: the (start, end) byte offsets of the passage to
    /// highlight, its bounds chosen by characters; ``lowered``: ``text`` lowered, ``same``
    /// whether it has as many characters.
    fn window(&mut self, text: &str, lowered: &str, same: bool) -> Option<(usize, usize)> {
        let length = text.chars().count();
        let mut found = if same {
            let forms = std::mem::take(&mut self.forms);
            let mut found = self.found(lowered, &forms);
            self.forms = forms;
            if found.len() >= self.spec.max_candidates && !self.spec.joined.is_empty() {
                // ``PassageFinder._matches``: candidates stopped short, a phrase after them
                // is found where its words stand together
                let extra = self.joined_words(lowered);
                let known: HashSet<usize> = found.iter().map(|(at, _)| *at).collect();
                found.extend(extra.into_iter().filter(|(at, _)| !known.contains(at)));
                found.sort();
            }
            found
        } else {
            let spellings = std::mem::take(&mut self.spellings);
            let found = self.found(text, &spellings);
            self.spellings = spellings;
            found
        };
        if found.is_empty() {
            // ``PassageFinder.window``: the short words where no telling one stands
            if let Some(every) = self.short_spec.take() {
                // its patterns come from Python's own finder: one that fails marks nothing
                self.short = Marker::with(every, None).ok().map(Box::new);
            }
            return match self.short.as_mut() {
                Some(short) => short.window(text, lowered, same),
                None => None,
            };
        }
        let (window, lead) = (self.spec.window_chars, self.spec.lead_chars);
        if length <= window {
            return Some((0, text.len()));
        }
        let marks = self.phrases(text, &found);
        found.extend(marks);
        found.sort();
        let (mut best, mut best_score, mut first) = (0usize, (0usize, 0usize, 0usize), 0usize);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut phrases = 0usize;
        for (last, (position, key)) in found.iter().enumerate() {
            let key = key.as_str();
            let count = counts.entry(key).or_insert(0);
            if *count == 0 && key.starts_with(PHRASE_KEY) {
                phrases += 1;
            }
            *count += 1;
            while position - found[first].0 > window - lead {
                let gone = found[first].1.as_str();
                let left = counts.get_mut(gone).expect("counted");
                *left -= 1;
                if *left == 0 {
                    counts.remove(gone);
                    if gone.starts_with(PHRASE_KEY) {
                        phrases -= 1;
                    }
                }
                first += 1;
            }
            let score = (phrases, counts.len(), last - first + 1);
            if score > best_score {
                best = first;
                best_score = score;
            }
        }
        // a whole phrase of the question stands in it: the passage is one snippet long
        // from just before the phrase (``PassageFinder.window``)
        let (at, size) = if best_score.0 > 0 {
            let phrase = found[best..]
                .iter()
                .find(|(_, key)| key.starts_with(PHRASE_KEY));
            (
                phrase.map_or(found[best].0, |(position, _)| *position),
                self.spec.snippet_chars,
            )
        } else {
            (found[best].0, window)
        };
        let mut start = at.saturating_sub(lead);
        let mut start_byte = forward(text, 0, start);
        let at_byte = forward(text, start_byte, at - start);
        if let Some(space) = text[start_byte..at_byte].find(' ') {
            start += text[start_byte..start_byte + space].chars().count() + 1;
            start_byte += space + 1;
        }
        let end = length.min(start + size);
        let end_byte = forward(text, start_byte, end - start);
        Some((start_byte, whole_words_end(text, start_byte, end_byte)))
    }

    /// ``PassageFinder._found``: (char position, word key) of each word of the question
    /// in ``text``, sorted.
    fn found(&mut self, text: &str, spellings: &[Finder<'static>]) -> Vec<(usize, String)> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for finder in spellings {
            let step = match finder.needle().first() {
                Some(&first) => utf8_len(first),
                None => continue,
            };
            let limit = found.len() + self.spec.max_candidates;
            let mut from = 0;
            while found.len() < limit {
                // ``str.find`` from the character after the last one (occurrences may
                // overlap); a match of a whole spelling begins on a character
                let Some(offset) = finder.find(&text.as_bytes()[from..]) else {
                    break;
                };
                let at = from + offset;
                let before = text[..at].chars().next_back();
                if !before.is_some_and(char::is_alphanumeric) {
                    let rest = &text[at..];
                    let end = rest
                        .char_indices()
                        .find(|(_, c)| !word_char(*c))
                        .map_or(rest.len(), |(i, _)| i);
                    let key = self.key(&rest[..end]);
                    if !key.is_empty() {
                        found.push((at, key));
                    }
                }
                from = at + step;
            }
        }
        found.sort();
        // byte offsets to char positions, in one pass (they are sorted)
        let (mut byte, mut chars) = (0usize, 0usize);
        for (at, _) in found.iter_mut() {
            chars += text[byte..*at].chars().count();
            byte = *at;
            *at = chars;
        }
        found
    }

    /// (char position, key) of each word of the question in the matches of ``joined``
    /// in ``lowered`` (each position once), sorted.
    fn joined_words(&mut self, lowered: &str) -> Vec<(usize, String)> {
        let joined = match self.joined.take() {
            Some(joined) => joined,
            None => compiled(&self.spec.joined),
        };
        let mut words: Vec<(usize, usize)> = Vec::new();
        for pattern in &joined {
            for found in pattern.find_iter(lowered) {
                let span = found.as_str();
                let mut start: Option<usize> = None;
                for (i, c) in span
                    .char_indices()
                    .chain(std::iter::once((span.len(), ' ')))
                {
                    match (start, c.is_alphanumeric() && i < span.len()) {
                        (None, true) => start = Some(i),
                        (Some(from), false) => {
                            words.push((found.start() + from, found.start() + i));
                            start = None;
                        }
                        _ => {}
                    }
                }
            }
        }
        self.joined = Some(joined);
        words.sort();
        words.dedup_by_key(|(from, _)| *from);
        let mut keyed: Vec<(usize, String)> = Vec::new();
        let (mut byte, mut chars) = (0usize, 0usize);
        for (from, to) in words {
            let key = self.key(&lowered[from..to]);
            chars += lowered[byte..from].chars().count();
            byte = from;
            if !key.is_empty() {
                keyed.push((chars, key));
            }
        }
        keyed
    }

    /// A candidate word's key: its stem when the question has it, else the first prefix
    /// of the question it begins with, else "" (not the question's).
    fn key(&mut self, word: &str) -> String {
        if let Some(key) = self.keys.get(word) {
            return key.clone();
        }
        let key = self.new_key(word);
        self.keys.insert(word.into(), key.clone());
        key
    }

    /// ``key`` of a word this question has not seen.
    fn new_key(&mut self, word: &str) -> String {
        if let Some((folded, stem)) = FOLDS.read().unwrap().get(word) {
            return self.key_of(folded, stem);
        }
        let folded: String = word.to_lowercase().chars().map(fold_letter).collect();
        let tokens = analyze(&mut self.stemmer, &folded);
        let stem = if tokens.len() == 1 {
            tokens.into_iter().next().unwrap_or_default()
        } else {
            String::new()
        };
        let key = self.key_of(&folded, &stem);
        remember(&FOLDS, std::iter::once((word.to_owned(), (folded, stem))));
        key
    }

    /// The key of a word folded and stemmed so.
    fn key_of(&self, folded: &str, stem: &str) -> String {
        if self.stems.contains(stem) {
            return stem.to_owned();
        }
        let prefixes = &self.spec.finder_prefixes;
        prefixes
            .iter()
            .find(|p| folded.starts_with(p.as_str()))
            .cloned()
            .unwrap_or_default()
    }

    /// ``analyzer(true)``'s tokens of a word (letters and digits: one token, or none when
    /// too long) joined, from the process's memo.
    fn stem(&mut self, word: &str) -> String {
        if let Some(stem) = self.stemmed.get(word) {
            return stem.clone();
        }
        let known = STEMS.read().unwrap().get(word).cloned();
        let stem = match known {
            Some(stem) => stem,
            None => {
                let stem = analyze(&mut self.stemmer, word).into_iter().next();
                remember(&STEMS, std::iter::once((word.to_owned(), stem.clone())));
                stem
            }
        };
        let stem = stem.unwrap_or_default();
        self.stemmed.insert(word.into(), stem.clone());
        stem
    }

    /// ``PassageFinder._phrases``: an entry where a phrase of the question occurs whole:
    /// its words found one after the other, close together, and the words from the first
    /// of them to the last exactly the phrase's there. ``found``'s positions are
    /// characters of ``text``.
    fn phrases(&mut self, text: &str, found: &[(usize, String)]) -> Vec<(usize, String)> {
        let mut marks = Vec::new();
        // byte offsets of the found positions, in one pass (they are sorted)
        let mut bytes = Vec::with_capacity(found.len());
        let (mut byte, mut chars) = (0usize, 0usize);
        for (at, _) in found {
            byte = forward(text, byte, at - chars);
            chars = *at;
            bytes.push(byte);
        }
        let phrases = std::mem::take(&mut self.spec.phrases);
        for (number, whole) in phrases.iter().enumerate() {
            let telling: Vec<usize> = (0..whole.len())
                .filter(|&at| self.stems.contains(&whole[at]))
                .collect();
            let (Some(&first), Some(&last)) = (telling.first(), telling.last()) else {
                continue;
            };
            let inside = &whole[first..=last];
            let size = telling.len();
            if size > found.len() {
                continue;
            }
            for i in 0..=found.len() - size {
                let whole_here = found[i..i + size]
                    .iter()
                    .zip(&telling)
                    .all(|((_, key), &at)| *key == whole[at]);
                if !whole_here || found[i + size - 1].0 - found[i].0 > self.spec.phrase_span * size
                {
                    continue;
                }
                let (start, from) = (bytes[i], bytes[i + size - 1]);
                let rest = &text[from..];
                let end = from
                    + rest
                        .char_indices()
                        .find(|(_, c)| !word_char(*c))
                        .map_or(rest.len(), |(i, _)| i);
                let span = &text[start..end];
                if token_count(span) != inside.len() {
                    continue;
                }
                // no word between the found ones, or the very words of the phrase
                if size == inside.len() || analyze(&mut self.stemmer, span) == inside {
                    marks.push((found[i].0, format!("{PHRASE_KEY}{number}")));
                }
            }
        }
        self.spec.phrases = phrases;
        let count = self.spec.phrases.len();
        for (number, ((first, second), slop)) in self.spec.near.iter().enumerate() {
            if !self.stems.contains(first) || !self.stems.contains(second) {
                continue;
            }
            for (i, (start, key)) in found.iter().enumerate() {
                if key != first && key != second {
                    continue;
                }
                let other = if key == first { second } else { first };
                // the next of the other word, if close enough to be within the proximity
                let reach = start + self.spec.phrase_span * (2 + slop);
                let Some(j) = (i + 1..found.len())
                    .take_while(|&j| found[j].0 <= reach)
                    .find(|&j| found[j].1 == *other)
                else {
                    continue;
                };
                let from = bytes[j];
                let rest = &text[from..];
                let end = from
                    + rest
                        .char_indices()
                        .find(|(_, c)| !word_char(*c))
                        .map_or(rest.len(), |(i, _)| i);
                // the positions between them; swapped words cost two more
                let tokens = token_count(&text[bytes[i]..end]);
                let apart = tokens.saturating_sub(2) + if key == first { 0 } else { 2 };
                if tokens >= 2 && apart <= *slop {
                    marks.push((*start, format!("{PHRASE_KEY}{}", count + number)));
                }
            }
        }
        marks
    }

    fn prefixed(&self, folded: &str) -> bool {
        self.spec
            .prefixes
            .iter()
            .any(|p| folded.starts_with(p.as_str()))
    }

    /// ``highlight._folded``'s first word begins with a prefix of the question.
    fn folded_prefixed(&mut self, word: &str) -> bool {
        if let Some(&known) = self.prefixed_words.get(word) {
            return known;
        }
        let tokens = analyze(&mut self.folder, word);
        let found = tokens.first().is_some_and(|first| self.prefixed(first));
        self.prefixed_words.insert(word.to_owned(), found);
        found
    }

    /// ``highlight.prefix_ranges``: byte ranges of the words beginning with a prefix.
    fn prefix_ranges(&mut self, fragment: &str) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        if self.spec.prefixes.is_empty() {
            return ranges;
        }
        for (start, end) in words(fragment) {
            if self.folded_prefixed(&fragment[start..end]) {
                ranges.push((start, end));
            }
        }
        ranges
    }

    /// ``highlight.prefix_window``: about ``snippet_chars`` chars of ``text`` around its
    /// first word beginning with a prefix of the question.
    fn prefix_window(&mut self, text: &str) -> String {
        let chars = self.spec.snippet_chars;
        let letters: Vec<char> = text.chars().collect();
        let mut position = 0; // char position of the byte offset ``byte``
        let mut byte = 0;
        for (start, end) in words(text) {
            position += text[byte..start].chars().count();
            byte = start;
            if !self.folded_prefixed(&text[start..end]) {
                continue;
            }
            let mut first = position.saturating_sub(chars / 3);
            while first > 0 && !py_space(letters[first - 1]) {
                first -= 1;
            }
            let mut last = letters.len().min(first + chars);
            while last < letters.len() && !py_space(letters[last]) {
                last += 1;
            }
            let piece: String = letters[first..last].iter().collect();
            return squeeze(&piece);
        }
        String::new()
    }

    /// ``highlight.mark`` (with a match plan): ``fragment`` escaped, each kept run of
    /// matches in one ``<mark>``. None: a range that is not on a character's bounds.
    fn mark(&mut self, fragment: &str, mut ranges: Vec<(usize, usize)>) -> Option<String> {
        ranges.extend(self.prefix_ranges(fragment));
        ranges.sort_unstable();
        ranges.dedup();
        for &(start, end) in &ranges {
            fragment.get(start..end)?;
            if start > end {
                return None;
            }
        }
        // starts of the ranges that are part of a proximity match (``near_words``)
        let mut near: HashSet<usize> = HashSet::new();
        if !self.spec.near.is_empty() {
            let all: Vec<(usize, usize)> = runs(fragment, &ranges).into_iter().flatten().collect();
            let stems: Vec<String> = all
                .iter()
                .map(|&(s, e)| self.stem(&fragment[s..e]))
                .collect();
            let positions: Vec<usize> = all
                .iter()
                .map(|&(s, _)| words(&fragment[..s]).len())
                .collect();
            for i in near_words(&stems, &positions, &self.spec.near) {
                near.insert(all[i].0);
            }
        }
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for run in runs(fragment, &ranges) {
            let mut stems = Vec::with_capacity(run.len());
            let mut keep = Vec::with_capacity(run.len());
            for &(start, end) in &run {
                let word = &fragment[start..end];
                let stem = self.stem(word);
                let folded = analyze(&mut self.folder, word).join(" ");
                keep.push(
                    self.standalone.contains(&stem)
                        || (!folded.is_empty() && self.prefixed(&folded)),
                );
                stems.push(stem);
            }
            for phrase in &self.spec.phrases {
                let size = phrase.len();
                if size == 0 || size > stems.len() {
                    continue;
                }
                for i in 0..=stems.len() - size {
                    if stems[i..i + size] == phrase[..] {
                        keep[i..i + size].fill(true);
                    }
                }
            }
            for (&(start, end), keep) in run.iter().zip(keep) {
                if !keep && !near.contains(&start) {
                    continue;
                }
                if let Some(last) = kept.last_mut() {
                    if last.1 <= start && adjacent(fragment, last.1, start) {
                        last.1 = end;
                        continue;
                    }
                }
                kept.push((start, end));
            }
        }
        let mut marked = String::with_capacity(fragment.len() + 16 * kept.len());
        let mut cursor = 0;
        for (start, end) in kept {
            escape(&fragment[cursor..start], &mut marked);
            marked.push_str("<mark>");
            escape(&fragment[start..end], &mut marked);
            marked.push_str("</mark>");
            cursor = end;
        }
        escape(&fragment[cursor..], &mut marked);
        Some(squeeze(&marked))
    }
}

/// ``highlight.near_words``: which of the words (their stems at token positions, in
/// order) are part of a match of a proximity phrase: the two words at most its
/// proximity apart (positions between them; in swapped order two more).
fn near_words(
    stems: &[String],
    positions: &[usize],
    near: &[((String, String), usize)],
) -> HashSet<usize> {
    let mut kept = HashSet::new();
    for ((first, second), slop) in near {
        let seconds: Vec<usize> = (0..stems.len()).filter(|&j| &stems[j] == second).collect();
        if seconds.is_empty() {
            continue;
        }
        for i in (0..stems.len()).filter(|&i| &stems[i] == first) {
            for &j in &seconds {
                let (a, b) = (positions[i] as isize, positions[j] as isize);
                let mut apart = b - a - 1;
                if apart < 0 {
                    apart = a - b - 1 + 2;
                }
                if apart <= *slop as isize {
                    kept.insert(i);
                    kept.insert(j);
                }
            }
        }
    }
    kept
}

/// Byte ranges of ``[^\W_]+``: the runs of letters and digits.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            found.push((s, i));
        }
    }
    if let Some(s) = start {
        found.push((s, text.len()));
    }
    found
}

/// ``highlight._adjacent``: nothing of a word between two matches.
fn adjacent(fragment: &str, end: usize, start: usize) -> bool {
    !fragment[end..start].chars().any(word_char)
}

/// ``highlight._runs``: the sorted ranges in runs of adjacent matches (an overlapping
/// range dropped).
fn runs(fragment: &str, ranges: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    for &(start, end) in ranges {
        let last_end = runs.last().and_then(|run| run.last()).map(|r| r.1);
        match last_end {
            Some(last) if start >= last && adjacent(fragment, last, start) => {
                runs.last_mut().expect("a run").push((start, end));
            }
            Some(last) if start < last => {}
            _ => runs.push(vec![(start, end)]),
        }
    }
    runs
}

/// Each hit's highlights (None: Python highlights it) for the question of ``spec``.
pub fn mark_texts<'a>(
    searcher: &Searcher,
    field: Field,
    spec: &str,
    texts: impl Iterator<Item = Option<&'a str>>,
) -> Result<Vec<Option<Vec<String>>>, String> {
    let mut marker = Marker::new(searcher, field, spec)?;
    Ok(texts
        .map(|text| marker.highlights(text.unwrap_or("")))
        .collect())
}
