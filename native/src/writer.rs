//! The embedded index's writer without tantivy-py's analysers: the same fields, the same
//! analysers under the same names, but a text is split into words once for the fields
//! that read it (its stemmed, folded and pair fields) and a word's forms are remembered
//! (per indexing thread, bounded) instead of being run through Snowball and the folding
//! filters at each of its occurrences, most of what indexing a document costs. The
//! tokens are Tantivy's own: a word not met before goes through the very analysers
//! tantivy-py registers (``es_stem``, ``es_fold``), and tests compare every term and
//! answer with an index tantivy-py wrote.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasherDefault;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use tantivy::directory::error::LockError;
use tantivy::indexer::LogMergePolicy;
use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::{
    SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer, WhitespaceTokenizer,
};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, TantivyError, Term};

use crate::analysis::{analyzer, MAX_TOKEN_BYTES};
use crate::pairs::{Stems as PairStems, WordHasher, PAIR_JOIN};

/// Words an indexing thread remembers the forms of (forgotten all at once when full):
/// some 20 MB, far more than a corpus's common words.
const WORDS: usize = 100_000;
/// Memories kept for the next indexing threads (Tantivy starts new ones at each commit):
/// one per thread of the largest writer (``WRITER_THREADS``).
const KEPT_MEMORIES: usize = 4;
/// Texts an indexing thread keeps split into words: a document's title, text and
/// descriptive words, each read by two or three fields one after another.
const RECENT_TEXTS: usize = 4;
/// A text longer than this is split anew for each of its fields (its words would hold
/// tens of MB per thread).
const RECENT_BYTES: usize = 1 << 20;
/// Segments of similar size merged into one once this many pile up (Tantivy's default,
/// 8, left a 100k library in 7 segments, each a search visits: some 10% of a search's
/// CPU; issue 14).
const MERGE_AT: usize = 4;
/// A segment holding more live documents than this is merged no further (it can still
/// come out of a merge larger): a merge rewrites at most some GB, and its wait at
/// ``wait_merging_threads`` stays bounded.
const MERGE_MAX_DOCS: usize = 1_000_000;
/// A segment with more than this share of its documents deleted (replaced by a later
/// version, or removed) is merged with its level, or rewritten alone, to give back
/// their room (Tantivy's default, 1.0, never reclaims a lone segment's).
const MERGE_DELETED_SHARE: f32 = 0.25;

/// A document's bytes beside its values' own (their types and lengths), at most, per value.
const VALUE_BYTES: usize = 16;

/// What a word is in the pair fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PairForm {
    /// its one stem
    Stem,
    /// none: dropped for its length, no pair spans it
    Gap,
    /// its stem is not one token without spaces (never seen): its text's pairs are made
    /// by ``pairs.rs`` as before, which refuses it the same way
    Odd,
}

/// A raw token's forms, each as its analyser makes them from the word alone: each filter
/// of the analysers reads one token alone, so a text's tokens are its raw tokens' forms,
/// each at its raw token's position.
struct Forms {
    /// ``es_stem``'s tokens: one, or none where the word is dropped for its length
    /// (never more, but kept exact if it were)
    stems: Box<[Box<str>]>,
    /// ``es_fold``'s, likewise
    folds: Box<[Box<str>]>,
    pair: PairForm,
}

/// The tokens ``analyser`` makes of ``word`` alone.
fn tokens_of(analyser: &mut TextAnalyzer, word: &str) -> Box<[Box<str>]> {
    let mut found = Vec::with_capacity(1);
    let mut stream = analyser.token_stream(word);
    while stream.advance() {
        found.push(Box::from(stream.token().text.as_str()));
    }
    found.into_boxed_slice()
}

impl Forms {
    fn of(stemmed: &mut TextAnalyzer, folded: &mut TextAnalyzer, word: &str) -> Forms {
        let stems = tokens_of(stemmed, word);
        // as ``pairs.rs`` reads a word, split at ASCII whitespace as ``es_pair`` splits
        let pair = if word.len() >= MAX_TOKEN_BYTES {
            PairForm::Gap
        } else if stems.len() == 1 && !stems[0].bytes().any(|b| b.is_ascii_whitespace()) {
            PairForm::Stem
        } else {
            PairForm::Odd
        };
        Forms {
            stems,
            folds: tokens_of(folded, word),
            pair,
        }
    }
}

type Known = HashMap<Box<str>, Arc<Forms>, BuildHasherDefault<WordHasher>>;

/// The memories of indexing threads that ended, for the next ones to carry on with.
static KEPT: Mutex<Vec<Known>> = Mutex::new(Vec::new());

/// An indexing thread's memory: taken from ``KEPT`` when the thread first reads a word,
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

/// A raw token of a text: where it is, and its forms.
struct Word {
    from: usize,
    to: usize,
    forms: Arc<Forms>,
}

/// A text split into its raw tokens once, for every field that reads it.
struct Split {
    text: Box<str>,
    words: Vec<Word>,
    // a word's pairs are not its stem's (``PairForm::Odd``)
    odd: bool,
}

thread_local! {
    static KNOWN: RefCell<Memory> = RefCell::new(Memory(
        KEPT.lock().ok().and_then(|mut kept| kept.pop()).unwrap_or_default(),
    ));
    static RECENT: RefCell<VecDeque<Rc<Split>>> = const { RefCell::new(VecDeque::new()) };
}

/// The three full-text analysers (``es_stem``, ``es_fold``, ``es_pair``) reading a text
/// in one pass: Tantivy hands each field its text apart (``text``, then ``text_fold``,
/// then ``text_pair``), so a text is split into raw tokens once and kept for the fields
/// that follow (``RECENT``), and each word's stem and folded form are remembered by the
/// indexing thread (``KNOWN``) instead of run through Snowball and the folding filters
/// at each of its occurrences. The tokens are Tantivy's own: a word not met before goes
/// through the very analysers tantivy-py registers, and tests compare every term and
/// answer with an index tantivy-py wrote.
#[derive(Clone)]
pub struct Remembered {
    kind: Kind,
    raw: SimpleTokenizer,
    stemmed: TextAnalyzer,
    folded: TextAnalyzer,
}

/// Which analyser a ``Remembered`` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Stem,
    Fold,
    Pair,
}

impl Remembered {
    fn new(kind: Kind) -> Self {
        Remembered {
            kind,
            raw: SimpleTokenizer::default(),
            stemmed: analyzer(true),
            folded: analyzer(false),
        }
    }

    /// ``text`` split (from ``RECENT`` when a field before this one read it).
    fn split(&mut self, text: &str) -> Rc<Split> {
        let kept = text.len() <= RECENT_BYTES;
        if kept {
            let found = RECENT.with(|recent| {
                let recent = recent.borrow();
                recent.iter().find(|split| *split.text == *text).cloned()
            });
            if let Some(split) = found {
                return split;
            }
        }
        let split = Rc::new(self.split_anew(text, kept));
        if kept {
            RECENT.with(|recent| {
                let mut recent = recent.borrow_mut();
                if recent.len() >= RECENT_TEXTS {
                    recent.pop_front();
                }
                recent.push_back(split.clone());
            });
        }
        split
    }

    fn split_anew(&mut self, text: &str, keep_text: bool) -> Split {
        let (stemmed, folded) = (&mut self.stemmed, &mut self.folded);
        let mut words = Vec::with_capacity(text.len() / 6);
        let mut odd = false;
        let mut stream = self.raw.token_stream(text);
        KNOWN.with(|known| {
            let mut memory = known.borrow_mut();
            let known = &mut memory.0;
            while stream.advance() {
                let raw = stream.token();
                let forms = match known.get(raw.text.as_str()) {
                    Some(forms) => forms.clone(),
                    None => {
                        let forms = Arc::new(Forms::of(stemmed, folded, &raw.text));
                        if known.len() >= WORDS {
                            known.clear();
                        }
                        known.insert(Box::from(raw.text.as_str()), forms.clone());
                        forms
                    }
                };
                odd |= forms.pair == PairForm::Odd;
                words.push(Word {
                    from: raw.offset_from,
                    to: raw.offset_to,
                    forms,
                });
            }
        });
        Split {
            text: if keep_text {
                Box::from(text)
            } else {
                Box::from("")
            },
            words,
            odd,
        }
    }
}

impl Tokenizer for Remembered {
    type TokenStream<'a> = RememberedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RememberedStream {
        let split = self.split(text);
        if self.kind == Kind::Pair && split.odd {
            return RememberedStream::Pairs(pair_stream(text));
        }
        RememberedStream::Words(WordStream {
            split,
            kind: self.kind,
            at: 0,
            next: 0,
            token: Token::default(),
        })
    }
}

/// A text's tokens by one analyser, read from its words.
pub enum RememberedStream {
    Words(WordStream),
    // the pair terms made as ``pairs.rs`` makes them (a word whose stem is odd)
    Pairs(PairStream),
}

pub struct WordStream {
    split: Rc<Split>,
    kind: Kind,
    // the word whose tokens are being handed out, and its next token's index
    at: usize,
    next: usize,
    token: Token,
}

impl WordStream {
    /// The pair of the words at ``at`` and ``at + 1``, at position ``at``: their stems
    /// joined by ``_``, or ``_`` alone where either was dropped for its length.
    fn pair(&mut self) -> bool {
        let words = &self.split.words;
        let (Some(left), Some(right)) = (words.get(self.at), words.get(self.at + 1)) else {
            return false;
        };
        let text = &mut self.token.text;
        text.clear();
        match (left.forms.pair, right.forms.pair) {
            (PairForm::Stem, PairForm::Stem) => {
                text.push_str(&left.forms.stems[0]);
                text.push(PAIR_JOIN);
                text.push_str(&right.forms.stems[0]);
            }
            _ => text.push(PAIR_JOIN),
        }
        self.token.offset_from = left.from;
        self.token.offset_to = right.to;
        self.token.position = self.at;
        self.token.position_length = 1;
        self.at += 1;
        true
    }

    /// The next stem or folded form, at its raw token's position and offsets.
    fn form(&mut self) -> bool {
        loop {
            let Some(word) = self.split.words.get(self.at) else {
                return false;
            };
            let forms = match self.kind {
                Kind::Stem => &word.forms.stems,
                _ => &word.forms.folds,
            };
            if let Some(form) = forms.get(self.next) {
                self.token.text.clear();
                self.token.text.push_str(form);
                if self.next == 0 {
                    self.token.offset_from = word.from;
                    self.token.offset_to = word.to;
                    self.token.position = self.at;
                    self.token.position_length = 1;
                }
                self.next += 1;
                return true;
            }
            self.at += 1;
            self.next = 0;
        }
    }
}

impl TokenStream for RememberedStream {
    fn advance(&mut self) -> bool {
        match self {
            RememberedStream::Words(words) if words.kind == Kind::Pair => words.pair(),
            RememberedStream::Words(words) => words.form(),
            RememberedStream::Pairs(pairs) => pairs.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            RememberedStream::Words(words) => &words.token,
            RememberedStream::Pairs(pairs) => pairs.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            RememberedStream::Words(words) => &mut words.token,
            RememberedStream::Pairs(pairs) => pairs.token_mut(),
        }
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
            .unwrap_or_else(|| PairStems::new(WORDS)),
    )));
}

/// The pair terms of a text and the whitespace tokenizer's tokens of them (their text
/// read from ``pairs`` as each is handed out): ``es_pair`` as tantivy-py's writer reads
/// the pair terms ``indexer.analysis.pair_text`` makes (``pairs.rs``).
pub struct PairStream {
    pairs: String,
    tokens: std::vec::IntoIter<Token>,
    token: Token,
}

/// ``text``'s pair terms made by ``pairs.rs`` and split at whitespace.
fn pair_stream(text: &str) -> PairStream {
    // a word is one token of the stemmed analyser (``pairs.rs`` says so otherwise): by
    // its filters' construction, never seen; an indexing thread that stopped here fails
    // the writer's next call, so the batch is an error, never a silent loss
    let pairs = PAIR_STEMS
        .with(|memory| {
            let mut memory = memory.borrow_mut();
            let stems = memory.0.get_or_insert_with(|| PairStems::new(WORDS));
            stems.pair_text(text)
        })
        .unwrap_or_else(|err| panic!("pair terms: {err}"));
    let mut whitespace = WhitespaceTokenizer::default();
    let mut stream = whitespace.token_stream(&pairs);
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
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

/// Registers the analysers the schema's fields name (``register_analyzers``), reading a
/// text's words once and remembering them (``Remembered``); with ``pairs``, the pair
/// fields' making their terms (without, given their terms made already, as tantivy-py's
/// writer is).
fn register(index: &Index, pairs: bool) {
    let tokenizers = index.tokenizers();
    tokenizers.register("es_stem", TextAnalyzer::from(Remembered::new(Kind::Stem)));
    tokenizers.register("es_fold", TextAnalyzer::from(Remembered::new(Kind::Fold)));
    if pairs {
        tokenizers.register("es_pair", TextAnalyzer::from(Remembered::new(Kind::Pair)));
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
    // ``id`` and the fields ``replace_document`` gives its title, text and descriptive
    // words, in ``text_values``' order
    id: Field,
    titles: [Field; 3],
    texts: [Field; 3],
    metas: [Field; 2],
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

/// Fewer segments than Tantivy's default leaves (each costs every search), merges kept
/// bounded, and deleted documents' room given back.
fn merge_policy(merge_at: usize) -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(merge_at.max(2));
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    policy.set_del_docs_ratio_before_merge(MERGE_DELETED_SHARE);
    policy
}

#[pymethods]
impl NativeWriter {
    /// ``heap`` bytes shared by ``threads`` indexing threads, as ``Index.writer``; with
    /// ``pairs`` (``makes_pairs``) the pair fields are given their field's own text and
    /// this writer makes their terms (``Remembered``), without, their terms.
    /// ``merge_at``: how many segments of similar size are merged together (``MERGE_AT``;
    /// benchmarks try others).
    #[new]
    #[pyo3(signature = (path, heap, threads, pairs = true, merge_at = MERGE_AT))]
    fn new(
        py: Python<'_>,
        path: &str,
        heap: usize,
        threads: usize,
        pairs: bool,
        merge_at: usize,
    ) -> PyResult<Self> {
        py.detach(|| {
            let index = Index::open_in_dir(path).map_err(failed)?;
            register(&index, pairs);
            let writer: IndexWriter = index
                .writer_with_num_threads(threads.max(1), heap)
                .map_err(failed)?;
            writer.set_merge_policy(Box::new(merge_policy(merge_at)));
            let schema = index.schema();
            let field = |name: &str| {
                schema
                    .get_field(name)
                    .map_err(|err| PyValueError::new_err(err.to_string()))
            };
            let fields = |names: &[&str]| -> PyResult<Vec<Field>> {
                names.iter().map(|name| field(name)).collect()
            };
            let titles = fields(&["title", "title_fold", "title_pair"])?;
            let texts = fields(&["text", "text_fold", "text_pair"])?;
            let metas = fields(&["meta", "meta_pair"])?;
            Ok(NativeWriter {
                id: field("id")?,
                titles: [titles[0], titles[1], titles[2]],
                texts: [texts[0], texts[1], texts[2]],
                metas: [metas[0], metas[1]],
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

    /// ``add_document`` for a writer that makes the pair terms, in one call with the
    /// delete of the document's earlier version: its title, text and descriptive words
    /// given once each (each field that reads one is given it here, in ``text_values``'
    /// order), then its other text values. A value Python cannot hand over (a lone
    /// surrogate) fails here, before the earlier version is deleted.
    #[allow(clippy::too_many_arguments)]
    fn replace_document(
        &self,
        py: Python<'_>,
        id: PyBackedStr,
        title: PyBackedStr,
        text: PyBackedStr,
        meta: PyBackedStr,
        others: Vec<(PyBackedStr, PyBackedStr)>,
        date: Option<i64>,
        cited_by: u64,
        payload: &[u8],
    ) -> PyResult<u64> {
        if !self.pairs {
            return Err(PyValueError::new_err(
                "replace_document is for a writer that makes the pair terms",
            ));
        }
        // the values read where Python keeps them (its strings' UTF-8), copied once, into
        // a document made large enough for them at once: a String each, and a document
        // growing by doubling, cost the main thread some µs a document (a third of the
        // call's CPU, ``bench/native_writer_ab.py``)
        let (id, title, text, meta) = (&*id, &*title, &*text, &*meta);
        let values = 9 + others.len() + 4;
        let bytes = id.len()
            + title.len() * self.titles.len()
            + text.len() * self.texts.len()
            + meta.len() * self.metas.len()
            + others.iter().map(|(_, value)| value.len()).sum::<usize>()
            + payload.len();
        let mut doc = TantivyDocument::with_capacity(bytes + values * VALUE_BYTES);
        doc.add_text(self.id, id);
        for (fields, value) in [(&self.titles[..], title), (&self.texts[..], text)] {
            for &field in fields {
                doc.add_text(field, value);
            }
        }
        for &field in &self.metas {
            doc.add_text(field, meta);
        }
        for (name, value) in &others {
            doc.add_text(self.field(name)?, &**value);
        }
        if let Some(seconds) = date {
            doc.add_date(self.date, DateTime::from_timestamp_secs(seconds));
        }
        doc.add_u64(self.cited_by, cited_by);
        doc.add_bytes(self.payload, payload);
        let term = Term::from_field_text(self.id, &id);
        self.with(py, |writer| {
            writer.delete_term(term);
            writer.add_document(doc)
        })
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

/// The tokens ``analyser`` (``es_stem``, ``es_fold`` or ``es_pair``) gives ``text`` in the
/// native writer, with their positions (tests compare them with tantivy-py's analysers).
#[pyfunction]
#[pyo3(signature = (text, analyser = "es_stem"))]
pub fn remembered_stems(text: &str, analyser: &str) -> PyResult<Vec<(String, usize)>> {
    let kind = match analyser {
        "es_stem" => Kind::Stem,
        "es_fold" => Kind::Fold,
        "es_pair" => Kind::Pair,
        other => return Err(PyValueError::new_err(format!("no analyser {other:?}"))),
    };
    let mut analyser = TextAnalyzer::from(Remembered::new(kind));
    let mut stream = analyser.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.text.clone(), token.position));
    }
    Ok(out)
}
