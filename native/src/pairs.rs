//! The pair terms of a text (``indexer.analysis.pair_text``) without the interpreter: the
//! same analysers (Tantivy's simple tokenizer, then long tokens removed, lowercased,
//! accents folded and Spanish stems), the same holes where a word is dropped for its
//! length, and the stems remembered by word as the Python side does, so a text costs a
//! split and a lookup per word. Nothing here may change a term: the index's own fields
//! are analysed by the same Tantivy, and tests compare every output with Python's.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};

use crate::analysis::{analyzer, MAX_TOKEN_BYTES};

/// Joins the two stems of a pair, and stands alone where a word has no neighbour.
pub(crate) const PAIR_JOIN: char = '_';

/// A word's stem, or None where the analysers drop it for its length.
type Stem = Option<Arc<str>>;

/// FxHash (the compiler's): words are short, SipHash's resistance is not needed here.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut hash = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            hash = (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Known = HashMap<Box<str>, Stem, BuildHasherDefault<WordHasher>>;

/// The analysers and the stems met so far (bounded: forgotten when full).
pub(crate) struct Stems {
    raw: SimpleTokenizer,
    stemmed: TextAnalyzer,
    known: Known,
    capacity: usize,
}

impl Stems {
    pub(crate) fn new(capacity: usize) -> Self {
        let stemmed = analyzer(true);
        Stems {
            raw: SimpleTokenizer::default(),
            stemmed,
            known: Known::default(),
            capacity: capacity.max(1),
        }
    }

    /// The stem of one raw token, as the stemmed analyser makes it from the token alone.
    fn stem(&mut self, word: &str) -> Result<Stem, &'static str> {
        if let Some(stem) = self.known.get(word) {
            return Ok(stem.clone());
        }
        let stem = if word.len() < MAX_TOKEN_BYTES {
            let mut found: Option<String> = None;
            let mut count = 0;
            let mut stream = self.stemmed.token_stream(word);
            while stream.advance() {
                count += 1;
                found = Some(stream.token().text.clone());
            }
            match (count, found) {
                (1, Some(text)) => Some(Arc::from(text)),
                // never seen; would misplace every later pair
                _ => return Err("the stemmer split a token"),
            }
        } else {
            None
        };
        if self.known.len() >= self.capacity {
            self.known = Known::default();
        }
        self.known.insert(Box::from(word), stem.clone());
        Ok(stem)
    }

    /// Every token's stem in order (None: dropped for its length).
    fn words(&mut self, text: &str) -> Result<Vec<Stem>, &'static str> {
        let mut spans = Vec::new();
        let mut stream = self.raw.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            spans.push((token.offset_from, token.offset_to));
        }
        spans
            .into_iter()
            .map(|(from, to)| self.stem(&text[from..to]))
            .collect()
    }

    pub(crate) fn pair_text(&mut self, text: &str) -> Result<String, &'static str> {
        let words = self.words(text)?;
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        for (i, pair) in words.windows(2).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match (&pair[0], &pair[1]) {
                (Some(left), Some(right)) => {
                    out.push_str(left);
                    out.push(PAIR_JOIN);
                    out.push_str(right);
                }
                _ => out.push(PAIR_JOIN),
            }
        }
        Ok(out)
    }
}

/// Pair terms and stems as ``indexer.analysis`` makes them, remembering at most
/// ``max_stems`` words.
#[pyclass(frozen)]
pub struct PairTerms {
    stems: Mutex<Stems>,
}

#[pymethods]
impl PairTerms {
    #[new]
    fn new(max_stems: usize) -> Self {
        PairTerms {
            stems: Mutex::new(Stems::new(max_stems)),
        }
    }

    /// ``indexer.analysis.pair_text``: the pairs of adjacent stems, space-separated, a
    /// ``_`` where a word dropped for its length leaves no pair.
    fn pair_text(&self, py: Python<'_>, text: &str) -> PyResult<String> {
        py.detach(|| self.stems.lock().unwrap().pair_text(text))
            .map_err(PyValueError::new_err)
    }

    /// ``pair_text`` of several texts at once (a document's title, text and words).
    fn pair_texts(&self, py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<String>> {
        py.detach(|| {
            let mut stems = self.stems.lock().unwrap();
            texts
                .iter()
                .map(|text| stems.pair_text(text))
                .collect::<Result<Vec<_>, &'static str>>()
        })
        .map_err(PyValueError::new_err)
    }

    /// ``indexer.analysis.token_stems``: every token's stem in order, None where dropped.
    fn token_stems(&self, py: Python<'_>, text: &str) -> PyResult<Vec<Option<String>>> {
        py.detach(|| {
            let words = self.stems.lock().unwrap().words(text)?;
            Ok::<_, &'static str>(
                words
                    .into_iter()
                    .map(|stem| stem.map(|s| s.to_string()))
                    .collect(),
            )
        })
        .map_err(PyValueError::new_err)
    }

    /// How many words are remembered now.
    fn remembered(&self) -> usize {
        self.stems.lock().unwrap().known.len()
    }
}
