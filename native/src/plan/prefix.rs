//! A prefix (``constitu*``) as the terms that begin with its bytes: the same terms, and
//! the same constant score, as tantivy-py's ``regex_query(field, "constitu.*")`` (a word
//! of the index holds no line break, the one character ``.`` leaves out), without
//! compiling a regular expression into an automaton at every question (a third of a
//! prefix question's CPU at 100k documents, ``bench/native_match.py``).
//!
//! The documents a prefix matches in a segment (the union of its terms' postings, a bitset
//! of the segment's documents) are kept once found, for the questions that ask the same
//! prefix again: a segment's postings never change (deletes only hide documents from the
//! collector, which the scorer never looks at), so the kept bitset is the one the walk of
//! the term dictionary would make again, and the scorer over a copy of it (Tantivy's
//! ``BitSetDocSet`` under a ``ConstScorer`` of the question's boost, as
//! ``AutomatonWeight`` makes) gives the same documents, scores, size hint and cost.
//! Copying a kept bitset costs a few microseconds at 100k documents; walking
//! ``constitu*``'s terms and their postings costs a millisecond. The cache is bounded by
//! bytes (``DEFAULT_BYTES``, ``set_capacity``), the prefixes asked least recently dropped
//! first; an entry is counted for its bitset, key, map and order slots, a little over.

use std::collections::{BTreeMap, HashMap};
use std::mem::size_of;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::index::SegmentId;
use tantivy::query::{
    AutomatonWeight, BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError};
use tantivy_fst::Automaton;

/// The cache's bound by default (a bitset is an eighth of a byte a document of the
/// segment: 12.5 kB at 100,000 documents).
const DEFAULT_BYTES: usize = 32 << 20;
/// An allocation's own bytes besides what it asked for, counted a little over.
const ALLOC: usize = 16;
/// A hash map slot's bytes besides its key and value, counted a little over.
const SLOT: usize = 64;
/// An ``Arc``'s counts before what it holds.
const ARC: usize = 2 * size_of::<usize>();

/// A prefix of a field in one segment.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    segment: SegmentId,
    field: Field,
    prefix: Arc<StartsWith>,
}

struct Entry {
    docs: Arc<BitSet>,
    used: u64,
    bytes: usize,
}

/// What an entry holds alive: the bitset's words (one ``u64`` for 64 documents) in their
/// ``Arc``, the key's prefix (shared with the question, counted as if not), the map's
/// slot with key and entry, the order's slot (a B-tree's nodes at least half full).
fn entry_bytes(key: &Key, max_doc: u32) -> usize {
    let words = (max_doc as usize).div_ceil(64) + 1;
    ALLOC
        + ARC
        + size_of::<BitSet>()
        + ALLOC
        + 8 * words
        + ALLOC
        + ARC
        + key.prefix.0.len()
        + SLOT
        + size_of::<Key>()
        + size_of::<Entry>()
        + 2 * (size_of::<u64>() + size_of::<Key>())
}

#[derive(Default)]
struct State {
    entries: HashMap<Key, Entry>,
    /// the entries' keys by their last use, the oldest first
    order: BTreeMap<u64, Key>,
    bytes: usize,
    tick: u64,
}

struct PrefixCache {
    state: Mutex<State>,
    capacity: AtomicUsize,
    hits: AtomicU64,
    misses: AtomicU64,
}

fn cache() -> &'static PrefixCache {
    static CACHE: OnceLock<PrefixCache> = OnceLock::new();
    CACHE.get_or_init(|| PrefixCache {
        state: Mutex::new(State::default()),
        capacity: AtomicUsize::new(DEFAULT_BYTES),
        hits: AtomicU64::new(0),
        misses: AtomicU64::new(0),
    })
}

impl PrefixCache {
    /// The kept documents of ``key``, marked as used now.
    fn find(&self, key: &Key) -> Option<Arc<BitSet>> {
        if self.capacity.load(Ordering::Relaxed) == 0 {
            return None;
        }
        let mut state = self.state.lock().unwrap();
        state.tick += 1;
        let tick = state.tick;
        let found = match state.entries.get_mut(key) {
            Some(entry) => {
                let old = std::mem::replace(&mut entry.used, tick);
                Some((entry.docs.clone(), old))
            }
            None => None,
        };
        match found {
            Some((docs, old)) => {
                if let Some(kept) = state.order.remove(&old) {
                    state.order.insert(tick, kept);
                }
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(docs)
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Keeps ``docs`` of ``key``, then drops the prefixes asked least recently while over
    /// the capacity (never the one just kept: it is not kept when it alone is over).
    fn keep(&self, key: Key, docs: Arc<BitSet>, max_doc: u32) {
        let capacity = self.capacity.load(Ordering::Relaxed);
        let bytes = entry_bytes(&key, max_doc);
        if bytes > capacity {
            return;
        }
        let mut state = self.state.lock().unwrap();
        if state.entries.contains_key(&key) {
            // kept meanwhile by another thread asking the same
            return;
        }
        while state.bytes + bytes > capacity {
            let Some((&used, _)) = state.order.iter().next() else {
                break;
            };
            let oldest = state.order.remove(&used).expect("in the order");
            if let Some(entry) = state.entries.remove(&oldest) {
                state.bytes -= entry.bytes;
            }
        }
        state.tick += 1;
        let tick = state.tick;
        state.order.insert(tick, key.clone());
        state.entries.insert(
            key,
            Entry {
                docs,
                used: tick,
                bytes,
            },
        );
        state.bytes += bytes;
    }
}

/// (found, not found, bytes kept, entries kept) since the process started.
pub fn stats() -> (u64, u64, usize, usize) {
    let cache = cache();
    let state = cache.state.lock().unwrap();
    (
        cache.hits.load(Ordering::Relaxed),
        cache.misses.load(Ordering::Relaxed),
        state.bytes,
        state.entries.len(),
    )
}

/// Drops every kept bitset and sets the bound (0: nothing kept from now on).
pub fn set_capacity(bytes: usize) {
    let cache = cache();
    cache.capacity.store(bytes, Ordering::Relaxed);
    let mut state = cache.state.lock().unwrap();
    state.entries.clear();
    state.order.clear();
    state.bytes = 0;
}

/// The terms of ``field`` that begin with ``prefix``, each document scored 1 (as a regex
/// query scores it).
#[derive(Clone, Debug)]
pub struct PrefixQuery {
    field: Field,
    prefix: Arc<StartsWith>,
}

impl PrefixQuery {
    pub fn new(field: Field, prefix: &str) -> Self {
        PrefixQuery {
            field,
            prefix: Arc::new(StartsWith(prefix.as_bytes().to_vec())),
        }
    }
}

impl PrefixQuery {
    /// Its weight (the same whether scored or not: a constant score).
    pub(super) fn cached_weight(&self) -> CachedPrefixWeight {
        CachedPrefixWeight {
            field: self.field,
            prefix: self.prefix.clone(),
            walk: AutomatonWeight::<StartsWith>::new(self.field, self.prefix.clone()),
        }
    }
}

impl Query for PrefixQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.cached_weight()))
    }
}

/// Tantivy's ``AutomatonWeight`` (its walk of the term dictionary, ``walk``) with the
/// bitset it makes in a segment kept.
pub(super) struct CachedPrefixWeight {
    field: Field,
    prefix: Arc<StartsWith>,
    walk: AutomatonWeight<StartsWith>,
}

impl CachedPrefixWeight {
    /// The documents of the segment holding a term that begins with the prefix.
    fn docs(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let docs = self.shared_docs(reader)?;
        Ok(BitSet::clone(&docs))
    }

    /// ``docs``, the kept bitset itself when there is one (``plan/union.rs`` reads it in
    /// place: no copy).
    pub(super) fn shared_docs(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        let key = Key {
            segment: reader.segment_id(),
            field: self.field,
            prefix: self.prefix.clone(),
        };
        let cache = cache();
        if let Some(docs) = cache.find(&key) {
            return Ok(docs);
        }
        let max_doc = reader.max_doc();
        let mut docs = BitSet::with_max_value(max_doc);
        let inverted_index = reader.inverted_index(self.field)?;
        for info in self.walk.get_match_term_infos(reader)? {
            let mut postings = inverted_index
                .read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            loop {
                let block = postings.docs();
                if block.is_empty() {
                    break;
                }
                for &doc in block {
                    docs.insert(doc);
                }
                postings.advance();
            }
        }
        let docs = Arc::new(docs);
        if cache.capacity.load(Ordering::Relaxed) > 0 {
            cache.keep(key, docs.clone(), max_doc);
        }
        Ok(docs)
    }
}

impl Weight for CachedPrefixWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = BitSetDocSet::from(self.docs(reader)?);
        Ok(Box::new(ConstScorer::new(docs, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("AutomatonScorer", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(
                "Document does not exist".to_string(),
            ))
        }
    }
}

/// The automaton of a term dictionary's walk: its state is how many of the prefix's
/// bytes were read (all of them: every term below matches), None once one differs.
#[derive(Debug, PartialEq, Eq, Hash)]
struct StartsWith(Vec<u8>);

impl Automaton for StartsWith {
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        *state == Some(self.0.len())
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn will_always_match(&self, state: &Option<usize>) -> bool {
        self.is_match(state)
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        match *state {
            Some(read) if read == self.0.len() => Some(read),
            Some(read) if self.0[read] == byte => Some(read + 1),
            _ => None,
        }
    }
}
