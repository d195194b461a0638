//! The article reader (``indexer/citations/articles.py`` with ``laws.py``'s ``law_at``
//! and ``law_starts``) without the interpreter: each article cited, its key (``CPEUM
//! art. 14``) and span; Python builds the ``Citation`` objects from them.
//!
//! As ``citations.rs``, nothing here may read otherwise than Python does: the patterns
//! come from the Python modules, their look-arounds (which this engine lacks) rewritten
//! or checked by hand, positions are code points, and a text holding a character the
//! two engines class otherwise is not read here (``None``).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use pyo3::prelude::*;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use crate::citations::{group, is_space, is_word, named, sorted, Spans, Taken, Text};

/// This file's source: the reader's fingerprint digests it.
pub(crate) const SOURCE: &str = include_str!("articles.rs");

/// An article number: (article, decimal part, suffix), as Python's ``Number``.
type Number = (String, Option<String>, Option<String>);

/// One article cited: (key, start, end).
pub(crate) type Article = (String, usize, usize);

/// The suffixes ``_NUMBER`` reads after an article ("14 bis").
const SUFFIXES: [&str; 4] = ["bis", "ter", "quater", "quinquies"];

/// The patterns and tables ``articles.py`` and ``laws.py`` read with.
#[pyclass(frozen)]
pub(crate) struct ArticleScanner {
    article_word: Regex,
    separator: Regex,
    range: Regex,
    part: Regex,
    law_link: Regex,
    constitutional: Regex,
    direct: Regex,
    same_law: Regex,
    more: Regex,
    law_before: Regex,
    names_with_articles: Regex,
    state_law: Regex,
    federal: Regex,
    bare_refused: Regex,
    first_words: HashSet<String>,
    first_word_len: usize,
    groups: Groups,
    federal_names: HashMap<String, String>,
    abbreviated: HashSet<String>,
    state_types: HashMap<String, String>,
    state_names: HashMap<String, String>,
    state_laws: HashMap<(String, String), String>,
    cdmx: String,
    cpeum: String,
    codes: HashSet<String>,
    treaties: HashSet<String>,
    last_words: HashSet<String>,
    dotted: Vec<String>,
    max_range: u32,
    lookback: usize,
    list_reach: usize,
}

/// Where the named groups the reader asks for are.
struct Groups {
    constitutional: usize,
    same_end: usize,
    before: usize,
    noun: usize,
    after: usize,
    more: usize,
    state_type: usize,
    state: usize,
    cdmx_type: usize,
    cdmx: usize,
    federal: usize,
}

/// ``" ".join(text.split())``.
fn joined(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Python's ``str.isupper()`` on the agreed characters (none is titlecase).
fn is_upper(text: &str) -> bool {
    !text.chars().any(char::is_lowercase) && text.chars().any(char::is_uppercase)
}

/// The patterns are given with their look-arounds already rewritten (``native.py``):
/// a look-ahead at a pattern's end became a character consumed after group ``end``.
#[pymethods]
impl ArticleScanner {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        patterns: HashMap<String, String>,
        federal_names: HashMap<String, String>,
        abbreviated: HashSet<String>,
        state_types: HashMap<String, String>,
        state_names: HashMap<String, String>,
        state_laws: HashMap<(String, String), String>,
        places: (String, String),
        codes: HashSet<String>,
        treaties: HashSet<String>,
        last_words: HashSet<String>,
        dotted: Vec<String>,
        first_words: HashSet<String>,
        limits: (u32, usize, usize),
    ) -> PyResult<Self> {
        let pattern = |name: &str| named(&patterns, name);
        let constitutional = pattern("constitutional")?;
        let same_law = pattern("same_law")?;
        let more = pattern("more")?;
        let state_law = pattern("state_law")?;
        let federal = pattern("federal")?;
        let groups = Groups {
            constitutional: group(&constitutional, "end")?,
            same_end: group(&same_law, "end")?,
            before: group(&same_law, "before")?,
            noun: group(&same_law, "noun")?,
            after: group(&same_law, "after")?,
            more: group(&more, "end")?,
            state_type: group(&state_law, "type")?,
            state: group(&state_law, "state")?,
            cdmx_type: group(&state_law, "cdmx_type")?,
            cdmx: group(&state_law, "cdmx")?,
            federal: group(&federal, "end")?,
        };
        Ok(ArticleScanner {
            article_word: pattern("article_word")?,
            separator: pattern("separator")?,
            range: pattern("range")?,
            part: pattern("part")?,
            law_link: pattern("law_link")?,
            constitutional,
            direct: pattern("direct")?,
            same_law,
            more,
            law_before: pattern("law_before")?,
            names_with_articles: pattern("names_with_articles")?,
            state_law,
            federal,
            bare_refused: pattern("bare_refused")?,
            first_word_len: first_words
                .iter()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
            first_words,
            groups,
            federal_names,
            abbreviated,
            state_types,
            state_names,
            state_laws,
            cdmx: places.0,
            cpeum: places.1,
            codes,
            treaties,
            last_words,
            dotted,
            max_range: limits.0,
            lookback: limits.1,
            list_reach: limits.2,
        })
    }

    /// ``articles.find_articles``: each citation's key and span, in the order Python
    /// yields them; None when the text is not read here.
    fn articles(&self, original: &str, folded: &str) -> Option<Vec<Article>> {
        self.articles_in(original, None, Text::new(folded).as_ref())
    }
}

impl ArticleScanner {
    /// ``articles`` of a fold indexed already; ``indexed``: the original text indexed
    /// already too (None within: not read here), else it is indexed if its capitals are
    /// looked at.
    pub(crate) fn articles_in<'t>(
        &self,
        original: &'t str,
        indexed: Option<&Option<Text<'t>>>,
        folded: Option<&Text<'t>>,
    ) -> Option<Vec<Article>> {
        let folded = folded?;
        let reading = Reading {
            scanner: self,
            original,
            indexed,
            original_text: OnceCell::new(),
            folded,
        };
        let found = reading.articles();
        // the original text is read only where a law's capitals are looked at
        match reading.original_text.get() {
            Some(None) => None,
            _ => Some(found),
        }
    }
}

/// One text being read: the scanner, the text (indexed by code points only when its
/// capitals are looked at; None if it cannot be read here) and its fold.
struct Reading<'s, 't> {
    scanner: &'s ArticleScanner,
    original: &'t str,
    indexed: Option<&'t Option<Text<'t>>>,
    original_text: OnceCell<Option<Text<'t>>>,
    folded: &'t Text<'t>,
}

/// ``_NUMBER``'s match: the number, its decimal part and its suffix as written, and
/// where it ends (a code point).
struct NumberMatch {
    n: String,
    decimal: Option<String>,
    suffix: Option<String>,
    end: usize,
}

impl<'s, 't> Reading<'s, 't> {
    /// ``original[start:end].isupper()``; false where the original text is not read
    /// here (its reading is then refused whole).
    fn upper_in_original(&self, start: usize, end: usize) -> bool {
        let text = self.original_text.get_or_init(|| {
            let text = match self.indexed {
                Some(indexed) => indexed.clone(),
                None => Text::new(self.original),
            };
            text.filter(|text| text.len() == self.folded.len())
        });
        text.as_ref()
            .is_some_and(|text| is_upper(text.slice(start, end)))
    }

    /// Where ``re`` matched at ``at`` ends (its groups not asked for).
    fn end_at(&self, re: &Regex, at: usize) -> Option<usize> {
        let folded = self.folded;
        let input = Input::new(folded.s)
            .range(folded.byte(at)..)
            .anchored(Anchored::Yes);
        re.find(input).map(|m| folded.point(m.end()))
    }

    fn matched(&self, re: &Regex, at: usize) -> Option<Spans> {
        let mut caps: Captures = re.create_captures();
        self.folded.match_at(re, &mut caps, at, self.folded.len())
    }

    fn articles(&self) -> Vec<Article> {
        let s = self.scanner;
        let mut found = Vec::new();
        let names = Taken::new(self.laws_in_names());
        let mut taken_until = 0;
        let mut free = 0;
        for at in sorted(self.article_starts()) {
            if at < free {
                continue;
            }
            let Some(word_end) = self.article_word(at) else {
                continue;
            };
            free = word_end.max(at + 1);
            if at < taken_until || names.holds(at) {
                continue;
            }
            let before = self.number_before_numeral(at);
            if let Some(number) = before {
                if number < taken_until || !self.listed(number) {
                    continue;
                }
            }
            let first = before.unwrap_or(at);
            let (mut start, mut position) = (first, before.unwrap_or(word_end));
            loop {
                let numbers;
                (numbers, position) = self.numbers(position);
                if numbers.is_empty() {
                    break;
                }
                let law = self.law_after(position);
                if law.is_none() && start != first {
                    break;
                }
                let end = law.as_ref().map_or(position, |(_, end)| *end);
                let canonical = match &law {
                    Some((canonical, _)) => Some(canonical.clone()),
                    None => self.law_before(start),
                };
                let Some(canonical) = canonical else {
                    break;
                };
                let mut seen = HashSet::new();
                for number in numbers {
                    if seen.insert(number.clone()) {
                        found.push((self.key(&canonical, number), start, end));
                    }
                }
                taken_until = end;
                if law.is_none() {
                    break;
                }
                let Some(more) = self.matched(&s.more, end) else {
                    break;
                };
                let Some((_, more_end)) = more.group(s.groups.more) else {
                    break;
                };
                (start, position) = (more_end, more_end);
            }
        }
        found
    }

    /// ``_ARTICLE_WORD`` at ``at``: its look-behind, and the look-ahead for a digit
    /// after "numeral" and "el diverso" (the spaces after are the pattern's own).
    fn article_word(&self, at: usize) -> Option<usize> {
        let folded = self.folded;
        if folded.char_before(at).is_some_and(is_word) {
            return None;
        }
        let end = self.end_at(&self.scanner.article_word, at)?;
        // "numeral" and "el diverso" are an article's word only before its number
        let numbered = !folded.slice(at, end).starts_with("art");
        if numbered && !(end < folded.len() && folded.at(end).is_ascii_digit()) {
            return None;
        }
        Some(end)
    }

    /// ``_number_before_numeral``: where the number before a "numeral" and its comma
    /// starts ("y 53, numeral 1, inciso a)" is that article's paragraph, no article).
    fn number_before_numeral(&self, start: usize) -> Option<usize> {
        let folded = self.folded;
        if !folded.slice(start, folded.len()).starts_with("numeral") {
            return None;
        }
        let comma = folded.space_before(start);
        if comma == 0 || folded.at(comma - 1) != ',' {
            return None;
        }
        let end = folded.space_before(comma - 1);
        let mut at = end;
        while at > 0 && end - at < 2 && matches!(folded.at(at - 1), '.' | '°' | 'o') {
            at -= 1;
        }
        let mut digits = at;
        while digits > 0 && folded.at(digits - 1).is_ascii_digit() {
            digits -= 1;
        }
        (digits < at).then_some(digits)
    }

    /// ``_listed``: the number at ``at`` follows "y", "e" or a comma, with "articulos"
    /// earlier in its paragraph, within ``LIST_REACH``.
    fn listed(&self, at: usize) -> bool {
        let folded = self.folded;
        let gap = folded.space_before(at);
        if gap == at || gap == 0 {
            return false;
        }
        if folded.at(gap - 1) != ',' {
            match folded.word_before(gap, 1) {
                Some(word) if matches!(folded.slice(word, gap), "y" | "e") => {}
                _ => return false,
            }
        }
        let window = folded.slice(at.saturating_sub(self.scanner.list_reach), gap);
        window
            .rfind("articulos")
            .is_some_and(|named| !window[named..].contains('\n'))
    }

    /// ``_article_starts``.
    fn article_starts(&self) -> Vec<usize> {
        let folded = self.folded;
        // a word character written before (in ASCII: one byte) and the look-behind fails
        let bytes = folded.s.as_bytes();
        let free = |byte: usize| {
            byte == 0 || !(bytes[byte - 1].is_ascii_alphanumeric() || bytes[byte - 1] == b'_')
        };
        let mut starts = Vec::new();
        for literal in ["art", "numeral"] {
            let finder = memchr::memmem::Finder::new(literal);
            starts.extend(
                finder
                    .find_iter(bytes)
                    .filter(|&b| free(b))
                    .map(|b| folded.point(b)),
            );
        }
        for diverso in folded.occurrences("diverso") {
            if let Some(start) = folded.word_before(folded.space_before(diverso), 3) {
                starts.push(start);
            }
        }
        starts
    }

    /// ``_laws_in_names``: the spans of the laws whose name cites an article.
    fn laws_in_names(&self) -> Vec<(usize, usize)> {
        let folded = self.folded;
        if !folded.s.contains("reglamentaria") {
            return Vec::new();
        }
        let mut out = Vec::new();
        for found in self.scanner.names_with_articles.find_iter(folded.s) {
            let start = folded.point(found.start());
            if let Some((_, end)) = self.law_at(start) {
                out.push((start, end));
            }
        }
        out
    }

    /// ``_NUMBER.match(folded, at)``, its look-aheads followed as Python's engine
    /// backtracks: the longest number and decimal part not followed by another digit.
    fn number(&self, at: usize) -> Option<NumberMatch> {
        let text = self.folded.s;
        let bytes = text.as_bytes();
        let from = self.folded.byte(at);
        let digit = |b: usize| bytes.get(b).is_some_and(u8::is_ascii_digit);
        let digits = |b: usize| bytes[b..].iter().take_while(|c| c.is_ascii_digit()).count();
        let run = digits(from);
        if run == 0 {
            return None;
        }
        // ``(?![\d/,]\d|\.\d)``
        let free = |b: usize| {
            !(matches!(bytes.get(b), Some(b'0'..=b'9' | b'/' | b',' | b'.')) && digit(b + 1))
        };
        let mut chosen = None;
        'n: for n in (1..=run.min(4)).rev() {
            let after = from + n;
            if bytes.get(after) == Some(&b'.') {
                for d in (1..=digits(after + 1).min(3)).rev() {
                    if free(after + 1 + d) {
                        chosen = Some((n, Some(d), after + 1 + d));
                        break 'n;
                    }
                }
            }
            if free(after) {
                chosen = Some((n, None, after));
                break;
            }
        }
        let (n, decimal, mut end) = chosen?;
        let word_at = |b: usize| text[b..].chars().next().is_some_and(is_word);
        // ``(?:o\.?(?!\w)|°\.?)?``
        if bytes.get(end) == Some(&b'o') {
            if bytes.get(end + 1) == Some(&b'.') && !word_at(end + 2) {
                end += 2;
            } else if !word_at(end + 1) {
                end += 1;
            }
        } else if text[end..].starts_with('°') {
            end += '°'.len_utf8();
            if bytes.get(end) == Some(&b'.') {
                end += 1;
            }
        }
        // ``(?:[\s-]+(?P<suffix>bis|ter|quater|quinquies)(?!\w))?``
        let mut suffix = None;
        let gap: usize = text[end..]
            .chars()
            .take_while(|&c| is_space(c) || c == '-')
            .map(char::len_utf8)
            .sum();
        if gap > 0 {
            let rest = &text[end + gap..];
            if let Some(word) = SUFFIXES
                .iter()
                .find(|w| rest.starts_with(*w) && !word_at(end + gap + w.len()))
            {
                suffix = Some(word.to_string());
                end += gap + word.len();
            }
        }
        Some(NumberMatch {
            n: text[from..from + n].to_string(),
            decimal: decimal.map(|d| text[from + n + 1..from + n + 1 + d].to_string()),
            suffix,
            end: self.folded.point(end),
        })
    }

    /// ``_numbers``: the article numbers from ``position`` and where the list ends.
    fn numbers(&self, mut position: usize) -> (Vec<Number>, usize) {
        let s = self.scanner;
        let mut found = Vec::new();
        let int = |n: &str| n.parse::<u32>().unwrap_or(0);
        while let Some(number) = self.number(position) {
            let upper = self
                .end_at(&s.range, number.end)
                .and_then(|range| self.number(range));
            let plain = number.suffix.is_none() && number.decimal.is_none();
            match upper {
                Some(upper) if plain && upper.suffix.is_none() && upper.decimal.is_none() => {
                    let (low, high) = (int(&number.n), int(&upper.n));
                    if low < high {
                        let step = if high - low <= s.max_range {
                            1
                        } else {
                            high - low
                        };
                        found.extend(
                            (low..=high)
                                .step_by(step as usize)
                                .map(|n| (n.to_string(), None, None)),
                        );
                    } else {
                        found.push((low.to_string(), None, None));
                        found.push((high.to_string(), None, None));
                    }
                    position = upper.end;
                }
                _ => {
                    found.push((int(&number.n).to_string(), number.decimal, number.suffix));
                    position = number.end;
                }
            }
            position = self.past_parts(position);
            match self.end_at(&s.separator, position) {
                Some(separator) if self.number(separator).is_some() => {
                    position = separator;
                }
                _ => break,
            }
        }
        (found, position)
    }

    /// Past the parts of an article named after it ("fracción II, inciso a)").
    fn past_parts(&self, mut position: usize) -> usize {
        while let Some(part) = self.end_at(&self.scanner.part, position) {
            if part <= position {
                break;
            }
            position = part;
        }
        position
    }

    /// ``_law_after``: the law named after an article list, and where its name ends.
    fn law_after(&self, position: usize) -> Option<(String, usize)> {
        let s = self.scanner;
        let position = self.past_parts(position);
        if let Some(constitutional) = self.matched(&s.constitutional, position) {
            let (_, end) = constitutional.group(s.groups.constitutional)?;
            return Some((s.cpeum.clone(), end));
        }
        if let Some(link) = self.end_at(&s.law_link, position) {
            if let Some(law) = self.law_at(link) {
                return Some(law);
            }
        }
        let direct = self.end_at(&s.direct, position)?;
        if let Some(law) = self.law_at(direct) {
            if self.upper_in_original(direct, law.1) {
                return Some(law);
            }
        }
        let same = self.matched(&s.same_law, position)?;
        if same.group(s.groups.before).is_none() && same.group(s.groups.after).is_none() {
            return None;
        }
        let (a, b) = same.group(s.groups.noun)?;
        let noun = self.folded.slice(a, b).split_whitespace().next()?;
        let recent = self.recent_law(position, noun)?;
        Some((recent, same.group(s.groups.same_end)?.1))
    }

    /// ``_recent_law``: the law "del mismo ordenamiento" means, if of that kind.
    fn recent_law(&self, before: usize, noun: &str) -> Option<String> {
        let s = self.scanner;
        let law = self
            .laws_in(before.saturating_sub(s.lookback), before)
            .pop()?
            .0;
        let code = s.codes.contains(&law) || law.starts_with("Código");
        let treaty = s.treaties.contains(&law);
        let fits = match noun {
            "codigo" => code,
            "ley" => !(code || law.starts_with("Constitución") || treaty),
            "tratado" | "convencion" | "pacto" => treaty,
            _ => true,
        };
        fits.then_some(law)
    }

    /// ``_law_before``: "la Ley de Amparo, en su artículo 5".
    fn law_before(&self, start: usize) -> Option<String> {
        let s = self.scanner;
        let folded = self.folded;
        let spaces = folded.space_before(start);
        let word = folded.word_before(spaces, 3)?;
        if spaces == start || !s.last_words.contains(folded.slice(word, spaces)) {
            return None;
        }
        let window = start.saturating_sub(250);
        let mut caps = s.law_before.create_captures();
        let tail = folded
            .search(&s.law_before, &mut caps, start.saturating_sub(40), start)?
            .start();
        match self.laws_in(window, tail).pop() {
            Some((law, _, end)) if end == tail => Some(law),
            _ => None,
        }
    }

    /// ``_laws_in``: every law named from ``start`` to ``end``.
    fn laws_in(&self, start: usize, end: usize) -> Vec<(String, usize, usize)> {
        let mut found = Vec::new();
        let mut position = start;
        for at in self.law_starts(start, end) {
            if at < position {
                continue;
            }
            if let Some((law, law_end)) = self.law_at(at) {
                if law_end <= end {
                    found.push((law, at, law_end));
                    position = law_end;
                }
            }
        }
        found
    }

    /// ``laws.law_starts``: where a word that can begin a law's name is written whole,
    /// from ``start`` to before ``end`` (the word may run past ``end``).
    fn law_starts(&self, start: usize, end: usize) -> Vec<usize> {
        let folded = self.folded;
        let words = &self.scanner.first_words;
        let mut starts = Vec::new();
        let from = folded.byte(start);
        let mut after_word = folded.char_before(start).is_some_and(is_word);
        // the word being read: where it starts (code point, byte), if one of ours can
        let mut word: Option<(usize, usize)> = None;
        let mut ended = |word: Option<(usize, usize)>, byte: usize| {
            if let Some((at, first)) = word {
                if words.contains(&folded.s[first..byte]) {
                    starts.push(at);
                }
            }
        };
        for (at, (offset, c)) in (start..).zip(folded.s[from..].char_indices()) {
            if at >= end && word.is_none() {
                break; // no word begun before ``end`` is being read
            }
            let byte = from + offset;
            if is_word(c) {
                if !after_word {
                    word = Some((at, byte));
                } else if word.is_some_and(|(first, _)| at - first >= self.scanner.first_word_len) {
                    word = None; // longer than any: no law's first word
                }
                after_word = true;
            } else {
                ended(word.take(), byte);
                after_word = false;
            }
        }
        ended(word, folded.s.len());
        starts
    }

    /// ``laws.law_at``: the law named exactly at ``position``: (canonical name, end).
    fn law_at(&self, position: usize) -> Option<(String, usize)> {
        let s = self.scanner;
        let folded = self.folded;
        let g = &s.groups;
        if let Some(state) = self.matched(&s.state_law, position) {
            let (a, b) = state.group(g.state_type).or(state.group(g.cdmx_type))?;
            let law_type = s.state_types.get(&joined(folded.slice(a, b)))?;
            let (place, end) = match (state.group(g.cdmx), state.group(g.state)) {
                (Some((_, end)), _) => (s.cdmx.clone(), end),
                (None, Some((a, b))) => {
                    (s.state_names.get(&joined(folded.slice(a, b)))?.clone(), b)
                }
                (None, None) => return None,
            };
            let name = s.state_laws.get(&(law_type.clone(), place))?;
            return Some((name.clone(), end));
        }
        if folded.char_before(position).is_some_and(is_word) {
            return None;
        }
        let federal = self.matched(&s.federal, position)?;
        let (_, end) = federal.group(g.federal)?;
        let name = joined(folded.slice(position, end));
        if name == "constitucion" && self.end_at(&s.bare_refused, end).is_some() {
            return None;
        }
        if s.abbreviated.contains(&name) && !self.upper_in_original(position, end) {
            return None;
        }
        Some((s.federal_names.get(&name)?.clone(), end))
    }

    /// ``_key``: ``CPEUM art. 14``, ``Código Civil del Estado de México art. 4.95``.
    fn key(&self, law: &str, number: Number) -> String {
        let (mut article, decimal, suffix) = number;
        if let Some(decimal) = decimal {
            if self
                .scanner
                .dotted
                .iter()
                .any(|d| law.ends_with(d.as_str()))
            {
                article = format!("{article}.{decimal}");
            }
        }
        let mut key = format!("{law} art. {article}");
        if let Some(suffix) = suffix {
            let mut letters = suffix.chars();
            if let Some(first) = letters.next() {
                key.push(' ');
                key.extend(first.to_uppercase());
                key.push_str(letters.as_str());
            }
        }
        key
    }
}
