//! The embedded index's writer without tantivy-py's analysers: the same fields, the same
//! analysers under the same names, but a word's Spanish stem is remembered (per indexing
//! thread, bounded) instead of being run through Snowball at each of its occurrences,
//! most of what indexing a document costs. The tokens are Tantivy's own: a word not
//! met before goes through the very analyser tantivy-py registers (``es_stem``), and
//! tests compare every term and answer with an index tantivy-py wrote.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Mutex;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use tantivy::directory::error::LockError;
use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::{
    SimpleTokenStream, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
    WhitespaceTokenizer,
};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, TantivyError, Term};

use crate::analysis::analyzer;
use crate::pairs::{Stems as PairStems, WordHasher};

/// Words an indexing thread remembers the stems of (forgotten all at once when full):
/// some 10 MB, far more than a corpus's common words.
const STEM_WORDS: usize = 100_000;
/// Memories kept for the next indexing threads (Tantivy starts new ones at each commit):
/// one per thread of the largest writer (``WRITER_THREADS``).
const KEPT_MEMORIES: usize = 4;

/// A word's tokens as the stemmed analyser makes them from the word alone: one, or none
/// where it is dropped for its length (never more, but kept exact if it were).
type Stems = Box<[Box<str>]>;
type Known = HashMap<Box<str>, Stems, BuildHasherDefault<WordHasher>>;

/// The memories of indexing threads that ended, for the next ones to carry on with.
static KEPT: Mutex<Vec<Known>> = Mutex::new(Vec::new());

/// An indexing thread's memory: taken from ``KEPT`` when the thread first stems a word,
/// handed back when it ends.
struct Memory(Known);

impl Drop for Memory {
    fn drop(&mut self) {
        if let Ok(mut kept) = KEPT.lock() {
            if kept.len() < KEPT_MEMORIES {
                kept.push(std::mem::take(&mut self.0));
            }
        }
    }
}

thread_local! {
    static KNOWN: RefCell<Memory> = RefCell::new(Memory(
        KEPT.lock().ok().and_then(|mut kept| kept.pop()).unwrap_or_default(),
    ));
}

/// ``es_stem`` with the stems remembered: each filter of the analyser reads one token
/// alone, so a text's tokens are its raw tokens' (the simple tokenizer's) analysed one
/// by one, each at its raw token's position and offsets.
#[derive(Clone)]
pub struct RememberedStems {
    raw: SimpleTokenizer,
    stemmed: TextAnalyzer,
}

impl RememberedStems {
    fn new() -> Self {
        RememberedStems {
            raw: SimpleTokenizer::default(),
            stemmed: analyzer(true),
        }
    }
}

/// The stems of ``word`` through the analyser itself.
fn stems_of(stemmed: &mut TextAnalyzer, word: &str) -> Stems {
    let mut found = Vec::with_capacity(1);
    let mut stream = stemmed.token_stream(word);
    while stream.advance() {
        found.push(Box::from(stream.token().text.as_str()));
    }
    found.into_boxed_slice()
}

impl Tokenizer for RememberedStems {
    type TokenStream<'a> = RememberedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RememberedStream<'a> {
        RememberedStream {
            raw: self.raw.token_stream(text),
            stemmed: &mut self.stemmed,
            token: Token::default(),
            more: Vec::new(),
        }
    }
}

pub struct RememberedStream<'a> {
    raw: SimpleTokenStream<'a>,
    stemmed: &'a mut TextAnalyzer,
    token: Token,
    // a word's further tokens, last first (never seen: a word gives one or none)
    more: Vec<Box<str>>,
}

/// Hands out a word's first token (the rest kept for later); false: it has none.
fn emit(stems: &[Box<str>], token: &mut Token, more: &mut Vec<Box<str>>) -> bool {
    let Some((first, rest)) = stems.split_first() else {
        return false;
    };
    token.text.clear();
    token.text.push_str(first);
    more.extend(rest.iter().rev().cloned());
    true
}

impl TokenStream for RememberedStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(text) = self.more.pop() {
            self.token.text.clear();
            self.token.text.push_str(&text);
            return true;
        }
        while self.raw.advance() {
            let raw = self.raw.token();
            let token = &mut self.token;
            let more = &mut self.more;
            let stemmed = &mut *self.stemmed;
            let found = KNOWN.with(|known| {
                let mut memory = known.borrow_mut();
                let known = &mut memory.0;
                if let Some(stems) = known.get(raw.text.as_str()) {
                    return emit(stems, token, more);
                }
                let stems = stems_of(stemmed, &raw.text);
                let found = emit(&stems, token, more);
                if known.len() >= STEM_WORDS {
                    known.clear();
                }
                known.insert(Box::from(raw.text.as_str()), stems);
                found
            });
            if found {
                self.token.offset_from = raw.offset_from;
                self.token.offset_to = raw.offset_to;
                self.token.position = raw.position;
                self.token.position_length = raw.position_length;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The pair stems of indexing threads that ended, for the next ones (as ``KEPT``).
static KEPT_PAIRS: Mutex<Vec<PairStems>> = Mutex::new(Vec::new());

/// An indexing thread's pair stems: taken from ``KEPT_PAIRS``, handed back at its end.
struct PairMemory(Option<PairStems>);

impl Drop for PairMemory {
    fn drop(&mut self) {
        if let (Some(stems), Ok(mut kept)) = (self.0.take(), KEPT_PAIRS.lock()) {
            if kept.len() < KEPT_MEMORIES {
                kept.push(stems);
            }
        }
    }
}

thread_local! {
    static PAIR_STEMS: RefCell<PairMemory> = RefCell::new(PairMemory(Some(
        KEPT_PAIRS
            .lock()
            .ok()
            .and_then(|mut kept| kept.pop())
            .unwrap_or_else(|| PairStems::new(STEM_WORDS)),
    )));
}

/// ``es_pair`` in the native writer: given a field's own text (tantivy-py's writer is
/// given its pair terms), it makes the pair terms in the indexing thread, with the very
/// code ``indexer.analysis.pair_text`` calls (``pairs.rs``), then splits them at
/// whitespace as tantivy-py's ``es_pair`` does: the same tokens, positions and offsets,
/// made off the interpreter's thread.
#[derive(Clone, Default)]
pub struct PairMaker;

/// The pair terms of a text and the whitespace tokenizer's tokens of them (their text
/// read from ``pairs`` as each is handed out).
pub struct PairStream {
    pairs: String,
    tokens: std::vec::IntoIter<Token>,
    token: Token,
}

impl Tokenizer for PairMaker {
    type TokenStream<'a> = PairStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairStream {
        // a word is one token of the stemmed analyser (``pairs.rs`` says so otherwise):
        // by its filters' construction, never seen; an indexing thread that stopped here
        // fails the writer's next call, so the batch is an error, never a silent loss
        let pairs = PAIR_STEMS
            .with(|memory| {
                let mut memory = memory.borrow_mut();
                let stems = memory.0.get_or_insert_with(|| PairStems::new(STEM_WORDS));
                stems.pair_text(text)
            })
            .unwrap_or_else(|err| panic!("pair terms: {err}"));
        let mut whitespace = WhitespaceTokenizer::default();
        let mut stream = whitespace.token_stream(&pairs);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            debug_assert_eq!(token.text, pairs[token.offset_from..token.offset_to]);
            tokens.push(Token {
                offset_from: token.offset_from,
                offset_to: token.offset_to,
                position: token.position,
                text: String::new(),
                position_length: token.position_length,
            });
        }
        PairStream {
            pairs,
            tokens: tokens.into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for PairStream {
    fn advance(&mut self) -> bool {
        let Some(next) = self.tokens.next() else {
            return false;
        };
        let mut text = std::mem::take(&mut self.token.text);
        text.clear();
        text.push_str(&self.pairs[next.offset_from..next.offset_to]);
        self.token = Token { text, ..next };
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Registers the analysers the schema's fields name (``register_analyzers``), the
/// stemmed one remembering its stems; with ``pairs``, the pair fields' making their terms
/// (without, given their terms made already, as tantivy-py's writer is).
fn register(index: &Index, pairs: bool) {
    let tokenizers = index.tokenizers();
    tokenizers.register("es_stem", TextAnalyzer::from(RememberedStems::new()));
    tokenizers.register("es_fold", analyzer(false));
    if pairs {
        tokenizers.register("es_pair", TextAnalyzer::from(PairMaker));
    } else {
        tokenizers.register(
            "es_pair",
            TextAnalyzer::from(WhitespaceTokenizer::default()),
        );
    }
}

fn failed(err: TantivyError) -> PyErr {
    match err {
        // the message tantivy-py gives, which the store waits on
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            PyValueError::new_err(format!("LockBusy: {err}"))
        }
        other => PyOSError::new_err(other.to_string()),
    }
}

fn gone() -> PyErr {
    PyValueError::new_err("the index writer was let go")
}

/// The writer of an index folder (its lock held from here until ``wait_merging_threads``
/// or until dropped), with tantivy-py's ``IndexWriter`` methods the store calls.
#[pyclass(frozen)]
pub struct NativeWriter {
    writer: Mutex<Option<IndexWriter>>,
    schema: Schema,
    date: Field,
    cited_by: Field,
    payload: Field,
    pairs: bool,
}

impl NativeWriter {
    fn field(&self, name: &str) -> PyResult<Field> {
        self.schema
            .get_field(name)
            .map_err(|err| PyValueError::new_err(err.to_string()))
    }

    fn with<T>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&mut IndexWriter) -> tantivy::Result<T> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
        py.detach(|| {
            let mut held = self.writer.lock().unwrap();
            let writer = held.as_mut().ok_or_else(gone)?;
            work(writer).map_err(failed)
        })
    }
}

#[pymethods]
impl NativeWriter {
    /// ``heap`` bytes shared by ``threads`` indexing threads, as ``Index.writer``; with
    /// ``pairs`` (``makes_pairs``) the pair fields are given their field's own text and
    /// this writer makes their terms (``PairMaker``), without, their terms.
    #[new]
    #[pyo3(signature = (path, heap, threads, pairs = true))]
    fn new(py: Python<'_>, path: &str, heap: usize, threads: usize, pairs: bool) -> PyResult<Self> {
        py.detach(|| {
            let index = Index::open_in_dir(path).map_err(failed)?;
            register(&index, pairs);
            let writer = index
                .writer_with_num_threads(threads.max(1), heap)
                .map_err(failed)?;
            let schema = index.schema();
            let field = |name: &str| {
                schema
                    .get_field(name)
                    .map_err(|err| PyValueError::new_err(err.to_string()))
            };
            Ok(NativeWriter {
                date: field("date")?,
                cited_by: field("cited_by")?,
                payload: field("payload")?,
                schema: schema.clone(),
                writer: Mutex::new(Some(writer)),
                pairs,
            })
        })
    }

    /// Whether the pair fields are given their field's own text (see ``new``).
    #[getter]
    fn makes_pairs(&self) -> bool {
        self.pairs
    }

    /// One document: its text values ((field, value) pairs, a field's values in order),
    /// its day (seconds since the epoch) if any, its count of citing documents and its
    /// payload.
    fn add_document(
        &self,
        py: Python<'_>,
        texts: Vec<(String, String)>,
        date: Option<i64>,
        cited_by: u64,
        payload: &[u8],
    ) -> PyResult<u64> {
        let mut doc = TantivyDocument::default();
        for (name, value) in texts {
            doc.add_text(self.field(&name)?, value);
        }
        if let Some(seconds) = date {
            doc.add_date(self.date, DateTime::from_timestamp_secs(seconds));
        }
        doc.add_u64(self.cited_by, cited_by);
        doc.add_bytes(self.payload, payload);
        self.with(py, |writer| writer.add_document(doc))
    }

    fn delete_documents_by_term(&self, py: Python<'_>, field: &str, value: &str) -> PyResult<u64> {
        let term = Term::from_field_text(self.field(field)?, value);
        self.with(py, |writer| Ok(writer.delete_term(term)))
    }

    fn delete_all_documents(&self, py: Python<'_>) -> PyResult<u64> {
        self.with(py, |writer| writer.delete_all_documents())
    }

    fn commit(&self, py: Python<'_>) -> PyResult<u64> {
        self.with(py, |writer| writer.commit())
    }

    fn rollback(&self, py: Python<'_>) -> PyResult<u64> {
        self.with(py, |writer| writer.rollback())
    }

    /// Let the merges finish, and let go of the writer (and its lock).
    fn wait_merging_threads(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| {
            let writer = self.writer.lock().unwrap().take().ok_or_else(gone)?;
            writer.wait_merging_threads().map_err(failed)
        })
    }
}

/// The tokens ``es_stem`` gives ``text`` in the native writer, with their positions
/// (tests compare them with tantivy-py's analyser).
#[pyfunction]
pub fn remembered_stems(text: &str) -> Vec<(String, usize)> {
    let mut analyser = TextAnalyzer::from(RememberedStems::new());
    let mut stream = analyser.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.text.clone(), token.position));
    }
    out
}
