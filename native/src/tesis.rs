//! The tesis reader (``indexer/citations/tesis.py``) without the interpreter, but for
//! the rubros quoted in capitals (few quotes in a text, read in Python): each registro,
//! clave and electoral tesis cited, its key and span; Python builds the ``Citation``
//! objects from them.
//!
//! As ``citations.rs``, nothing here may read otherwise than Python does: the patterns
//! come from ``tesis.py``, their look-arounds (which this engine lacks) rewritten in
//! ``native.py`` or checked by hand, positions are code points, and a text holding a
//! character the two engines class otherwise is not read here (``None``).

use std::collections::HashMap;

use pyo3::prelude::*;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;

use crate::citations::{compile, group, is_space, is_word, named, sorted, Spans, Taken, Text};

/// This file's source: the reader's fingerprint digests it.
pub(crate) const SOURCE: &str = include_str!("tesis.rs");

/// One tesis cited: (key, start, end).
pub(crate) type Tesis = (String, usize, usize);

/// The roman numerals ``_roman_before`` walks back over.
fn is_roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')
}

/// ``tesis.CASE_ABOUT_REACH`` and ``tesis._CASE_ABOUT``.
const CASE_ABOUT_REACH: usize = 40;
const CASE_ABOUT: [&str; 3] = ["modificacion", "sustitucion", "interrupcion"];

/// ``tesis.names_a_case``: the word at ``at`` follows "sustitución de", so what follows
/// is a case's number ("solicitud de sustitución de jurisprudencia 3/2019").
fn names_a_case(folded: &Text, at: usize) -> bool {
    let words: Vec<&str> = folded
        .slice(at.saturating_sub(CASE_ABOUT_REACH), at)
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    n >= 2 && words[n - 1] == "de" && CASE_ABOUT.contains(&words[n - 2])
}

/// ``tesis.py``'s patterns (a look-ahead at an end became a character consumed after
/// group ``end``; the look-behinds are checked here).
#[pyclass(frozen)]
pub(crate) struct TesisScanner {
    registro: Regex,
    registros: Regex,
    scjn: Regex,
    circuit: Regex,
    electoral: Regex,
    six_or_seven: Regex,
    // group indexes: registro's end and n, registros' end and list, scjn's end and
    // clave, circuit's clave, electoral's end, j and t
    registro_end: usize,
    registro_n: usize,
    registros_end: usize,
    registros_list: usize,
    scjn_end: usize,
    scjn_clave: usize,
    circuit_clave: usize,
    electoral_end: usize,
    electoral_j: usize,
    electoral_t: usize,
}

#[pymethods]
impl TesisScanner {
    #[new]
    fn new(patterns: HashMap<String, String>) -> PyResult<Self> {
        let pattern = |name: &str| named(&patterns, name);
        let registro = pattern("registro")?;
        let registros = pattern("registros")?;
        let scjn = pattern("scjn")?;
        let circuit = pattern("circuit")?;
        let electoral = pattern("electoral")?;
        Ok(TesisScanner {
            registro_end: group(&registro, "end")?,
            registro_n: group(&registro, "n")?,
            registros_end: group(&registros, "end")?,
            registros_list: group(&registros, "list")?,
            scjn_end: group(&scjn, "end")?,
            scjn_clave: group(&scjn, "clave")?,
            circuit_clave: group(&circuit, "clave")?,
            electoral_end: group(&electoral, "end")?,
            electoral_j: group(&electoral, "j")?,
            electoral_t: group(&electoral, "t")?,
            six_or_seven: compile(r"\d{6,7}")?,
            registro,
            registros,
            scjn,
            circuit,
            electoral,
        })
    }

    /// ``tesis.find_tesis`` but the quoted rubros: each citation's key and span, in the
    /// order Python yields them; None when the text is not read here.
    fn tesis(&self, original: &str, folded: &str) -> Option<Vec<Tesis>> {
        self.tesis_in(Text::new(original).as_ref(), Text::new(folded).as_ref())
    }
}

impl TesisScanner {
    /// ``tesis`` of texts indexed already (None: a text not read here).
    pub(crate) fn tesis_in(
        &self,
        text: Option<&Text>,
        folded: Option<&Text>,
    ) -> Option<Vec<Tesis>> {
        let (text, folded) = (text?, folded?);
        if text.len() != folded.len() {
            return None;
        }
        Some(
            Reading {
                scanner: self,
                text,
                folded,
            }
            .tesis(),
        )
    }
}

struct Reading<'s, 't> {
    scanner: &'s TesisScanner,
    text: &'t Text<'t>,
    folded: &'t Text<'t>,
}

impl Reading<'_, '_> {
    /// ``spots.matches_at`` of ``re`` on the original text, the look-behind
    /// ``(?<![\w…])`` (``refused`` besides word characters) checked first; Python's
    /// match ends where group ``end`` does (the character after is the look-ahead's).
    fn matches_at(
        &self,
        re: &Regex,
        starts: Vec<usize>,
        refused: &[char],
        end: Option<usize>,
    ) -> Vec<Spans> {
        let text = self.text;
        let mut caps: Captures = re.create_captures();
        let mut found = Vec::new();
        let mut free = 0;
        for start in sorted(starts) {
            if start < free || start > text.len() {
                continue;
            }
            if text
                .char_before(start)
                .is_some_and(|c| is_word(c) || refused.contains(&c))
            {
                continue;
            }
            if let Some(spans) = text.match_at(re, &mut caps, start, text.len()) {
                let Some((_, matched)) = end.map_or(spans.0[0], |end| spans.group(end)) else {
                    continue;
                };
                free = matched.max(start + 1);
                found.push(spans);
            }
        }
        found
    }

    fn tesis(&self) -> Vec<Tesis> {
        let s = self.scanner;
        let (text, folded) = (self.text, self.folded);
        let mut found = Vec::new();
        let registros = folded.occurrences("registro");
        let mut starts = folded.occurrences("numero");
        starts.extend(folded.occurrences("ius"));
        starts.extend(&registros);
        for m in self.matches_at(&s.registro, starts, &[], Some(s.registro_end)) {
            let (Some((a, b)), Some((_, end))) = (m.group(s.registro_n), m.group(s.registro_end))
            else {
                continue;
            };
            let number: String = text
                .slice(a, b)
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if !(6..=7).contains(&number.len()) {
                continue;
            }
            found.push((registro_key(&number), m.start(), end));
        }
        let lists = registros
            .into_iter()
            .filter(|&at| at + 8 < folded.len() && folded.at(at + 8) == 's')
            .collect();
        for m in self.matches_at(&s.registros, lists, &[], Some(s.registros_end)) {
            let Some((a, b)) = m.group(s.registros_list) else {
                continue;
            };
            let from = text.byte(a);
            for number in s.six_or_seven.find_iter(&text.s[from..text.byte(b)]) {
                let start = text.point(from + number.start());
                let digits = &text.s[from + number.start()..from + number.end()];
                found.push((registro_key(digits), start, start + 7));
            }
        }
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let refused = ['.', '/'];
        for m in self.matches_at(&s.scjn, self.scjn_starts(), &refused, Some(s.scjn_end)) {
            let (Some((a, b)), Some((_, end))) = (m.group(s.scjn_clave), m.group(s.scjn_end))
            else {
                continue;
            };
            taken.push((m.start(), end));
            found.push((clave_key(text.slice(a, b)), m.start(), end));
        }
        let read = Taken::new(taken);
        for m in self.matches_at(&s.circuit, self.circuit_starts(), &refused, None) {
            if read.holds(m.start()) {
                continue;
            }
            let Some((a, b)) = m.group(s.circuit_clave) else {
                continue;
            };
            found.push((clave_key(text.slice(a, b)), m.start(), m.end()));
        }
        let mut starts = folded.occurrences("jurisprudencia");
        starts.extend(folded.occurrences("tesis"));
        starts.retain(|&at| self.may_be_electoral(at) && !names_a_case(folded, at));
        for m in self.matches_at(&s.electoral, starts, &[], Some(s.electoral_end)) {
            let Some((_, end)) = m.group(s.electoral_end) else {
                continue;
            };
            let key = match (m.group(s.electoral_j), m.group(s.electoral_t)) {
                (Some((a, b)), _) => format!("jurisprudencia {}", text.slice(a, b)),
                (None, Some((a, b))) => format!("tesis {}", text.slice(a, b).to_uppercase()),
                (None, None) => continue,
            };
            found.push((key, m.start(), end));
        }
        found
    }

    /// Whether ``_ELECTORAL`` may match at ``at``, from the original's bytes alone:
    /// "jurisprudencia" in ASCII letters, spaces and a digit, or "tesis", spaces and a
    /// roman numeral's letter. Most such words are not a citation ("tesis
    /// jurisprudencial"), and the pattern's search with its groups at each cost more than
    /// the rest of the scan; a byte beyond ASCII (a letter or a space of its own) is left
    /// to the pattern.
    fn may_be_electoral(&self, at: usize) -> bool {
        let bytes = self.text.s.as_bytes();
        let rest = &bytes[self.text.byte(at).min(bytes.len())..];
        let ascii_space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
        let alternatives: [(&[u8], fn(u8) -> bool); 2] = [
            (b"jurisprudencia", |b| b.is_ascii_digit()),
            (b"tesis", |b| b"IVXLCivxlc".contains(&b)),
        ];
        for (word, follows) in alternatives {
            // a letter beyond ASCII is longer in bytes: a shorter rest is not the word
            let Some(written) = rest.get(..word.len()) else {
                continue;
            };
            if !written.is_ascii() {
                return true;
            }
            if !written.eq_ignore_ascii_case(word) {
                continue;
            }
            let after = &rest[word.len()..];
            let spaces = after.iter().take_while(|&&b| ascii_space(b)).count();
            match after.get(spaces) {
                Some(&b) if !b.is_ascii() => return true,
                Some(&b) if spaces > 0 && follows(b) => return true,
                _ => {}
            }
        }
        false
    }

    /// ``_roman_before``.
    fn roman_before(&self, end: usize, longest: usize) -> usize {
        let mut start = end;
        while start > 0 && end - start < longest && is_roman(self.text.at(start - 1)) {
            start -= 1;
        }
        start
    }

    /// ``_scjn_starts``.
    fn scjn_starts(&self) -> Vec<usize> {
        let text = self.text;
        let mut starts = Vec::new();
        for slash in self.folded.occurrences("/") {
            let end = text.space_before(slash);
            let roman = self.roman_before(end, 9);
            let mut dots = vec![end];
            if roman < end {
                dots.push(text.space_before(roman));
            }
            for dot in dots {
                if dot < 2 || text.at(dot - 1) != '.' {
                    continue;
                }
                match text.at(dot - 2) {
                    'P' => starts.push(dot - 2),
                    'a' | 'ª' => {
                        for digit in [dot.checked_sub(3), dot.checked_sub(4)]
                            .into_iter()
                            .flatten()
                        {
                            if matches!(text.at(digit), '1' | '2') {
                                starts.push(digit);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        starts
    }

    /// ``_circuit_starts``: "PC." and "PR.", the "(" of "(I Región)", the roman number
    /// before "2o.", "2º." or "2°.".
    fn circuit_starts(&self) -> Vec<usize> {
        let text = self.text;
        let bytes = text.s.as_bytes();
        let mut starts = Vec::new();
        let mut marks = Vec::new(); // where "o.", "º." or "°." starts (a byte)
        for period in memchr::memchr_iter(b'.', bytes) {
            let before = &bytes[..period];
            // the mark's number (1 or 2 characters, a space after it or not) follows a
            // period: one within the 16 bytes before the mark (4 characters of 4 bytes
            // at most), or no clave ("el estado.": most marks)
            let dotted = |mark: usize| bytes[mark.saturating_sub(16)..mark].contains(&b'.');
            if before.ends_with(b"o") {
                if dotted(period - 1) {
                    marks.push(period - 1);
                }
            } else if before.ends_with("º".as_bytes()) || before.ends_with("°".as_bytes()) {
                if dotted(period - 2) {
                    marks.push(period - 2);
                }
            } else if before.ends_with(b"PC") || before.ends_with(b"PR") {
                starts.push(text.point(period - 2));
            }
        }
        for region in text.occurrences("Regi") {
            let roman = text.space_before(region);
            let first = self.roman_before(roman, 4);
            if first < roman && first > 0 && text.at(first - 1) == '(' {
                starts.push(first - 1);
            }
        }
        for mark in marks {
            let mark = text.point(mark);
            let digits = if mark > 0 && is_space(text.at(mark - 1)) {
                mark - 1
            } else {
                mark
            };
            let number = match text.word_before(digits, 2) {
                Some(number) if number > 0 => number,
                _ => continue,
            };
            if text.at(number - 1) != '.' {
                continue;
            }
            let first = self.roman_before(number - 1, 5);
            if first < number - 1 {
                starts.push(first);
            }
        }
        starts
    }
}

/// ``f"registro {int(number)}"``.
fn registro_key(digits: &str) -> String {
    let number = digits.trim_start_matches('0');
    format!("registro {}", if number.is_empty() { "0" } else { number })
}

/// ``_clave_key``: no spaces, "ª" and "º" or "°" as "a" and "o".
fn clave_key(clave: &str) -> String {
    let mut key = String::from("tesis ");
    key.extend(clave.chars().filter(|&c| !is_space(c)).map(|c| match c {
        'ª' => 'a',
        'º' | '°' => 'o',
        c => c,
    }));
    key
}
