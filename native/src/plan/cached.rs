//! An exact phrase (slop 0) whose matches in a segment are kept once found: the
//! documents and each one's count of the phrase, by stretch of documents read through
//! (a span), for the questions that ask the same phrase again (the next page, another
//! filter, sort or facet, a fresh date bound). A phrase of common words (``"interés
//! superior de la niñez"`` on the pair fields: 75,000 of 100,000 documents) reads three
//! terms' positions in every document holding them, some 130 ns a document; a kept span
//! is read back at a few ns a document.
//!
//! The same answer, to the bit: a segment's postings never change (deletes only hide
//! documents from the collector, which the scorer never looks at), so a span's documents
//! and counts are those the exact phrase (``exact.rs``, scored as Tantivy's
//! ``PhraseQuery``) finds again there, and the score is made from them by the same
//! ``Bm25Weight`` and field norms of this question (its boost, its scoring). The size hint
//! and cost are the exact phrase's (Tantivy's), so a boolean query around it orders and
//! adds up its clauses as before.
//!
//! A span is kept only where the phrase was checked in every document of it: a stretch the
//! scorer walked through (``advance``), not one it jumped over (a ``seek`` past documents
//! it never checked starts a new stretch), at least ``MIN_SPAN`` documents long (or a
//! whole small segment). A phrase is kept from its second asking on: the first is checked
//! as before (Tantivy's phrase, or ``exact.rs`` with a repeated word), the second by
//! Tantivy's phrase too where it can (the count read back from its score) with its
//! matches copied as they are found. The scorer never takes a lock while it checks
//! documents, only when it starts, leaves a kept span or ends. The cache is bounded by bytes
//! (``DEFAULT_BYTES``, ``set_capacity``), the phrases asked least recently dropped first
//! (an order by last use: a phrase dropped in O(log n), not by looking at every one).
//! The bytes counted are what an entry holds alive, a little over rather than under: its
//! key's words (each term's own allocation too), the map's slot, the order's, the ``Arc``
//! and the matches of each span. Counting a span's matches alone, 20,000 distinct 40-word
//! phrases asked twice counted 2.24 MB and grew the process by 74 MB. The phrases asked
//! once are remembered apart, within ``SEEN`` phrases and an eighth of the bound.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::mem::size_of;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

use super::exact::{ExactPhraseScorer, ExactPhraseWeight};

/// The phrases remembered as asked once (a phrase is kept from its second asking on).
const SEEN: usize = 4096;
/// The cache's bound by default (the matches take 8 bytes each).
const DEFAULT_BYTES: usize = 64 << 20;
/// The fewest documents a kept span covers by default (a smaller stretch is what a scorer
/// led by a narrow filter checks between two jumps: not worth a lock and an entry).
const MIN_SPAN: u32 = 4096;
/// An allocation's own bytes besides what it asked for (the allocator's header and its
/// rounding up), counted a little over.
const ALLOC: usize = 16;
/// A hash map slot's bytes besides its key and value (a control byte, and the empty slots
/// a map keeps below its load factor and after growing: up to half of them), counted
/// a little over.
const SLOT: usize = 64;
/// An ``Arc``'s counts before what it holds.
const ARC: usize = 2 * size_of::<usize>();

/// What a phrase's words hold alive: the shared slice and each term's own bytes.
fn words_bytes(words: &[(usize, Term)]) -> usize {
    let terms: usize = words
        .iter()
        // a term's vector may hold more than its bytes: one allocation counted twice over
        .map(|(_, term)| 2 * ALLOC + term.serialized_value_bytes().len())
        .sum();
    ALLOC + ARC + std::mem::size_of_val(words) + terms
}

/// What an entry of ``key`` costs before its spans: the words, the map's slot with the
/// key and entry, the order's slot (a B-tree's nodes at least half full: twice its key
/// and value), the vector of spans' allocation.
fn entry_bytes(key: &Key) -> usize {
    words_bytes(&key.words)
        + SLOT
        + size_of::<Key>()
        + size_of::<Entry>()
        + 2 * (size_of::<u64>() + size_of::<Key>())
        + ALLOC
}

/// A phrase's words (sorted by offset) in one segment.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    segment: SegmentId,
    words: Arc<[(usize, Term)]>,
}

/// The documents ``start..end`` of a segment: those holding the phrase, with its count.
struct Span {
    start: DocId,
    end: DocId,
    docs: Box<[DocId]>,
    counts: Box<[u32]>,
}

impl Span {
    /// What the span holds alive: its ``Arc`` (counts and the span), its two slices, its
    /// place in the entry's vector of spans (twice: the vector grows by doubling).
    fn bytes(&self) -> usize {
        ALLOC
            + ARC
            + size_of::<Span>()
            + 2 * ALLOC
            + size_of::<DocId>() * self.docs.len()
            + size_of::<u32>() * self.counts.len()
            + 2 * size_of::<Arc<Span>>()
    }
}

struct Entry {
    spans: Vec<Arc<Span>>,
    used: u64,
    /// ``entry_bytes`` of its key, counted once on making it, taken back on dropping it
    bytes: usize,
}

impl Entry {
    /// Every byte this entry was counted for.
    fn bytes(&self) -> usize {
        self.bytes + self.spans.iter().map(|span| span.bytes()).sum::<usize>()
    }
}

#[derive(Default)]
struct State {
    entries: HashMap<Key, Entry>,
    /// the entries' keys by their last use (``Entry::used``), the oldest first
    order: BTreeMap<u64, Key>,
    bytes: usize,
    tick: u64,
    /// the phrases asked once (``SEEN`` at most, and ``seen_bytes`` an eighth of the
    /// bound at most, then forgotten together)
    seen: HashSet<Arc<[(usize, Term)]>>,
    seen_bytes: usize,
}

impl State {
    /// Marks ``key``'s entry as used now.
    fn touch(&mut self, key: &Key) {
        self.tick += 1;
        let tick = self.tick;
        if let Some(entry) = self.entries.get_mut(key) {
            let old = std::mem::replace(&mut entry.used, tick);
            if let Some(kept) = self.order.remove(&old) {
                self.order.insert(tick, kept);
            }
        }
    }

    /// Drops the entry used least recently but ``key``'s (false: no other).
    fn drop_oldest_but(&mut self, key: &Key) -> bool {
        let Some((&used, oldest)) = self.order.iter().next() else {
            return false;
        };
        if oldest == key {
            // ``key``'s was used last: the only one left
            return false;
        }
        let oldest = self.order.remove(&used).expect("in the order");
        if let Some(entry) = self.entries.remove(&oldest) {
            self.bytes -= entry.bytes();
        }
        true
    }
}

struct PhraseCache {
    state: Mutex<State>,
    capacity: AtomicUsize,
    min_span: AtomicU32,
    hits: AtomicU64,
    misses: AtomicU64,
}

fn cache() -> &'static PhraseCache {
    static CACHE: OnceLock<PhraseCache> = OnceLock::new();
    CACHE.get_or_init(|| PhraseCache {
        state: Mutex::new(State::default()),
        capacity: AtomicUsize::new(DEFAULT_BYTES),
        min_span: AtomicU32::new(MIN_SPAN),
        hits: AtomicU64::new(0),
        misses: AtomicU64::new(0),
    })
}

impl PhraseCache {
    /// The kept span of ``key`` that covers ``doc``.
    fn find(&self, key: &Key, doc: DocId) -> Option<Arc<Span>> {
        let mut state = self.state.lock().unwrap();
        state.touch(key);
        let found = state.entries.get(key).and_then(|entry| {
            entry
                .spans
                .iter()
                .find(|span| span.start <= doc && doc < span.end)
                .cloned()
        });
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// The words as remembered when ``words`` were asked before (remembered now when not:
    /// None); never while nothing is kept. The remembered words are the ones kept with
    /// a span after, not a second copy of them.
    fn asked_before(&self, words: &Arc<[(usize, Term)]>) -> Option<Arc<[(usize, Term)]>> {
        let capacity = self.capacity.load(Ordering::Relaxed);
        if capacity == 0 {
            return None;
        }
        let mut state = self.state.lock().unwrap();
        if let Some(seen) = state.seen.get(words) {
            return Some(seen.clone());
        }
        let size = words_bytes(words) + SLOT + size_of::<Arc<[(usize, Term)]>>();
        if state.seen.len() >= SEEN || state.seen_bytes + size > capacity / 8 {
            state.seen.clear();
            state.seen_bytes = 0;
        }
        if size <= capacity / 8 {
            state.seen.insert(words.clone());
            state.seen_bytes += size;
        }
        None
    }

    /// Keeps ``span`` of ``key`` (not when a kept one covers it; those it covers dropped),
    /// then drops the phrases asked least recently while over the capacity.
    fn keep(&self, key: &Key, span: Span) {
        let capacity = self.capacity.load(Ordering::Relaxed);
        let size = span.bytes();
        if size > capacity {
            return;
        }
        let mut state = self.state.lock().unwrap();
        if state.entries.contains_key(key) {
            state.touch(key);
        } else {
            let bytes = entry_bytes(key);
            if bytes + size > capacity {
                return;
            }
            state.tick += 1;
            let tick = state.tick;
            state.entries.insert(
                key.clone(),
                Entry {
                    spans: Vec::new(),
                    used: tick,
                    bytes,
                },
            );
            state.order.insert(tick, key.clone());
            state.bytes += bytes;
        }
        let entry = state.entries.get_mut(key).expect("just made");
        if entry
            .spans
            .iter()
            .any(|kept| kept.start <= span.start && span.end <= kept.end)
        {
            return;
        }
        let mut freed = 0;
        entry.spans.retain(|kept| {
            let covered = span.start <= kept.start && kept.end <= span.end;
            if covered {
                freed += kept.bytes();
            }
            !covered
        });
        entry.spans.push(Arc::new(span));
        state.bytes = state.bytes + size - freed;
        while state.bytes > capacity {
            if state.drop_oldest_but(key) {
                continue;
            }
            // this phrase's own spans alone: its oldest dropped (the new one fits)
            let Some(entry) = state.entries.get_mut(key) else {
                break;
            };
            if entry.spans.len() < 2 {
                break;
            }
            let dropped = entry.spans.remove(0).bytes();
            state.bytes -= dropped;
        }
    }

    fn clear(&self) {
        let mut state = self.state.lock().unwrap();
        state.entries.clear();
        state.order.clear();
        state.seen.clear();
        state.seen_bytes = 0;
        state.bytes = 0;
    }
}

/// (spans found, spans not found, bytes kept, phrases kept) since the process started.
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

/// Drops every kept span and sets the bound (0: nothing kept from now on) and the fewest
/// documents a kept span covers (``MIN_SPAN`` by default; the tests keep smaller ones).
pub fn set_capacity(bytes: usize, min_span: Option<u32>) {
    let cache = cache();
    cache.capacity.store(bytes, Ordering::Relaxed);
    if let Some(docs) = min_span {
        cache.min_span.store(docs.max(1), Ordering::Relaxed);
    }
    cache.clear();
}

/// The phrase's words as (offset, term).
#[derive(Clone, Debug)]
pub struct CachedPhraseQuery {
    words: Arc<[(usize, Term)]>,
}

impl CachedPhraseQuery {
    pub fn new(mut words: Vec<(usize, Term)>) -> Self {
        // stable, as ``ExactPhraseQuery``'s: the same words in the same order
        words.sort_by_key(|(offset, _)| *offset);
        CachedPhraseQuery {
            words: words.into(),
        }
    }
}

impl Query for CachedPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let exact = ExactPhraseWeight::of(&self.words, scoring)?;
        let repeats = self
            .words
            .iter()
            .enumerate()
            .any(|(i, (_, t))| self.words[..i].iter().any(|(_, u)| u == t));
        let Some(words) = cache().asked_before(&self.words) else {
            // asked for the first time: checked as before, nothing kept (keeping costs a
            // first asking some 25 % more: 14.5 → 18.5 ms, load 20-37)
            if repeats {
                return Ok(Box::new(exact));
            }
            let query = PhraseQuery::new_with_offset_and_slop(self.words.to_vec(), 0);
            return query.weight(scoring);
        };
        let tantivy = match exact.bm25() {
            Some(bm25) if !repeats => {
                let query = PhraseQuery::new_with_offset_and_slop(self.words.to_vec(), 0);
                Some((Arc::from(query.weight(scoring)?), bm25.clone()))
            }
            _ => None,
        };
        Ok(Box::new(CachedPhraseWeight {
            exact,
            tantivy,
            words,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in self.words.iter() {
            visitor(term, true);
        }
    }
}

struct CachedPhraseWeight {
    exact: ExactPhraseWeight,
    /// Tantivy's own phrase and its words' weight, for a phrase without a repeated word
    /// asked with scores: it checks a document faster than ``exact.rs`` (14.1 against
    /// 17.4 ms for «interés superior de la niñez» at 100k), so a first asking costs what
    /// it did; the count kept is read back from its score (``count_of``)
    tantivy: Option<(Arc<dyn Weight>, Bm25Weight)>,
    words: Arc<[(usize, Term)]>,
}

impl CachedPhraseWeight {
    /// The scorer of ``reader``'s documents from ``target`` on (None: a word is not in
    /// this segment).
    fn scorer_from(
        &self,
        reader: &SegmentReader,
        boost: Score,
        target: DocId,
    ) -> tantivy::Result<Option<CachedPhraseScorer>> {
        let Some(live) = self.exact.unsettled_scorer(reader, boost)? else {
            return Ok(None);
        };
        let fast = match self.tantivy.as_ref() {
            Some((weight, bm25)) => {
                let field = self.words[0].1.field();
                let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
                    Some(found) => found,
                    None => FieldNormReader::constant(reader.max_doc(), 1),
                };
                Some(Fast {
                    weight: weight.clone(),
                    reader: reader.clone(),
                    boost,
                    bm25: bm25.boost_by(boost),
                    fieldnorms,
                    scorer: None,
                })
            }
            None => None,
        };
        let mut scorer = CachedPhraseScorer {
            live,
            fast,
            started: false,
            live_at: 0,
            fast_score: 0.0,
            counted: true,
            key: Key {
                segment: reader.segment_id(),
                words: self.words.clone(),
            },
            max_doc: reader.max_doc(),
            span: None,
            at: 0,
            stretch: None,
            doc: 0,
            count: 0,
        };
        scorer.goto(target);
        Ok(Some(scorer))
    }
}

impl Weight for CachedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.scorer_from(reader, boost, 0)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    /// Made at an intersection's candidate (as Tantivy's phrase is), not checked from the
    /// segment's first document: its first match from ``target`` on, a valid state.
    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let Some(scorer) = self.scorer_from(reader, boost, target)? else {
            return Ok((
                SeekDangerResult::SeekLowerBound(TERMINATED),
                Box::new(EmptyScorer),
            ));
        };
        let found = match scorer.doc {
            doc if doc == target => SeekDangerResult::Found,
            doc => SeekDangerResult::SeekLowerBound(doc),
        };
        Ok((found, Box::new(scorer)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.exact.explain(reader, doc)
    }
}

/// The matches the live scorer found in every document from ``from`` on.
struct Stretch {
    from: DocId,
    docs: Vec<DocId>,
    counts: Vec<u32>,
}

/// Tantivy's phrase as the live scorer (``CachedPhraseWeight::tantivy``), made when
/// first needed, at the first document asked.
struct Fast {
    weight: Arc<dyn Weight>,
    reader: SegmentReader,
    boost: Score,
    /// the words' weight with the boost, as Tantivy's phrase scores with it
    bm25: Bm25Weight,
    fieldnorms: FieldNormReader,
    scorer: Option<Box<dyn Scorer>>,
}

impl Fast {
    /// Tantivy's scorer at its first match from ``target`` on (None: it could not be made).
    fn begin(&mut self, target: DocId) -> Option<DocId> {
        let (mut found, scorer) = self
            .weight
            .scorer_danger(&self.reader, target, self.boost)
            .ok()?;
        let scorer = self.scorer.insert(scorer);
        let mut at = target;
        // until a match: only ``seek_danger`` on a scorer left in its danger zone
        while let SeekDangerResult::SeekLowerBound(next) = found {
            if next >= TERMINATED {
                return Some(TERMINATED);
            }
            at = next;
            found = scorer.seek_danger(at);
        }
        Some(at)
    }

    /// The scorer's score of its document and the phrase's count there, read back from
    /// that score (None: not read back).
    fn scored(&mut self) -> (Score, Option<u32>) {
        let Some(scorer) = self.scorer.as_mut() else {
            return (0.0, None);
        };
        let doc = scorer.doc();
        let score = scorer.score();
        let count = count_of(&self.bm25, self.fieldnorms.fieldnorm_id(doc), score);
        (score, count)
    }
}

/// The count ``c`` with ``bm25.score(norm, c) == score`` (BM25 grows with the count):
/// None where no count gives it, or where the next one gives it too. Below ``APART``
/// two counts' scores are apart by several units in the last place (``tf / (tf + n)``
/// with ``n`` ≥ k1·(1 − b) = 0.3): the next one is not tried.
fn count_of(bm25: &Bm25Weight, norm: u8, score: Score) -> Option<u32> {
    const MOST: u32 = 1 << 20;
    const APART: u32 = 256;
    let mut count = 1;
    loop {
        let at = bm25.score(norm, count);
        if at == score {
            return (count < APART || bm25.score(norm, count + 1) != score).then_some(count);
        }
        if at > score || count >= MOST {
            return None;
        }
        count += 1;
    }
}

struct CachedPhraseScorer {
    /// the exact phrase, checking documents (not yet started: ``started``); its size hint
    /// and cost are the scorer's
    live: ExactPhraseScorer,
    /// Tantivy's phrase checking documents in its place, when made
    fast: Option<Fast>,
    started: bool,
    /// the live scorer's document (once started)
    live_at: DocId,
    /// Tantivy's score of it, when Tantivy's phrase is the live scorer
    fast_score: Score,
    /// false once a count could not be read back: nothing more kept
    counted: bool,
    key: Key,
    max_doc: DocId,
    /// the kept span read, at ``at`` (None: the live scorer's documents)
    span: Option<Arc<Span>>,
    at: usize,
    /// what the live scorer has checked without a jump, up to its document
    stretch: Option<Stretch>,
    doc: DocId,
    count: u32,
}

impl CachedPhraseScorer {
    /// The first match from ``target`` on, from a kept span where there is one (the
    /// cache is asked here only: on starting and on leaving a kept span).
    fn goto(&mut self, mut target: DocId) -> DocId {
        loop {
            if target >= self.max_doc {
                self.span = None;
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let Some(span) = cache().find(&self.key, target) else {
                return self.live_goto(target);
            };
            let end = span.end;
            if self.read_span(span, target) {
                return self.doc;
            }
            target = end;
        }
    }

    /// The first of ``span``'s matches from ``target`` on, if it has one.
    fn read_span(&mut self, span: Arc<Span>, target: DocId) -> bool {
        let at = span.docs.partition_point(|&doc| doc < target);
        if at == span.docs.len() {
            return false;
        }
        self.doc = span.docs[at];
        self.count = span.counts[at];
        self.at = at;
        self.span = Some(span);
        true
    }

    /// The live scorer's document (the last it gave).
    fn live_doc(&self) -> DocId {
        self.live_at
    }

    /// The first match from ``target`` on, checked by the live scorer (``target`` past
    /// the last document it gave, or its first).
    fn live_goto(&mut self, target: DocId) -> DocId {
        let doc = if !self.started {
            self.started = true;
            self.stretch = Some(Stretch::from(target));
            match self.fast.as_mut().map(|fast| fast.begin(target)) {
                Some(Some(doc)) => doc,
                Some(None) => {
                    // Tantivy's could not be made: the exact phrase checks instead
                    self.fast = None;
                    self.live.begin(target)
                }
                None => self.live.begin(target),
            }
        } else if self.live_doc() >= target {
            // already the first match from ``target`` on: checked through
            self.live_doc()
        } else if self.live_doc() + 1 == target {
            match self.fast.as_mut().and_then(|fast| fast.scorer.as_mut()) {
                Some(scorer) => scorer.advance(),
                None => self.live.advance(),
            }
        } else {
            // a jump: the documents skipped are not checked, a new stretch begins
            self.keep_stretch();
            self.stretch = Some(Stretch::from(target));
            match self.fast.as_mut().and_then(|fast| fast.scorer.as_mut()) {
                Some(scorer) => scorer.seek(target),
                None => self.live.seek(target),
            }
        };
        self.span = None;
        self.doc = doc;
        self.live_at = doc;
        if doc == TERMINATED {
            self.keep_stretch();
            return doc;
        }
        let count = match self.fast.as_mut() {
            Some(fast) => {
                let (score, count) = fast.scored();
                self.fast_score = score;
                count
            }
            None => Some(self.live.count),
        };
        self.count = count.unwrap_or(0);
        match (count, self.stretch.as_mut()) {
            (Some(count), Some(stretch)) if self.counted => {
                if stretch.docs.last() != Some(&doc) {
                    stretch.docs.push(doc);
                    stretch.counts.push(count);
                }
            }
            (None, _) => {
                self.counted = false;
                self.stretch = None;
            }
            _ => {}
        }
        if !self.counted {
            self.stretch = None;
        }
        doc
    }

    /// Keeps what the live scorer checked without a jump, through its document.
    fn keep_stretch(&mut self) {
        let Some(stretch) = self.stretch.take() else {
            return;
        };
        let end = match self.live_doc() {
            TERMINATED => self.max_doc,
            doc => (doc + 1).min(self.max_doc),
        };
        let min_span = cache().min_span.load(Ordering::Relaxed);
        if end <= stretch.from || end - stretch.from < min_span.min(self.max_doc) {
            return;
        }
        cache().keep(
            &self.key,
            Span {
                start: stretch.from,
                end,
                docs: stretch.docs.into_boxed_slice(),
                counts: stretch.counts.into_boxed_slice(),
            },
        );
    }
}

impl Stretch {
    fn from(doc: DocId) -> Self {
        Stretch {
            from: doc,
            docs: Vec::new(),
            counts: Vec::new(),
        }
    }
}

impl Drop for CachedPhraseScorer {
    fn drop(&mut self) {
        if self.started {
            self.keep_stretch();
        }
    }
}

impl DocSet for CachedPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        match self.span.as_ref() {
            Some(span) if self.at + 1 < span.docs.len() => {
                self.at += 1;
                self.doc = span.docs[self.at];
                self.count = span.counts[self.at];
                self.doc
            }
            Some(span) => {
                let end = span.end;
                self.goto(end)
            }
            None => self.live_goto(self.doc + 1),
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        match self.span.clone() {
            Some(span) if target < span.end => {
                let end = span.end;
                if self.read_span(span, target) {
                    self.doc
                } else {
                    self.goto(end)
                }
            }
            Some(_) => self.goto(target),
            None => self.live_goto(target),
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.live.size_hint()
    }

    fn cost(&self) -> u64 {
        self.live.cost()
    }
}

impl Scorer for CachedPhraseScorer {
    fn score(&mut self) -> Score {
        match (self.span.is_none(), self.fast.as_mut()) {
            // Tantivy's own score of its document
            (
                true,
                Some(Fast {
                    scorer: Some(scorer),
                    ..
                }),
            ) => scorer.score(),
            _ => self.live.score_of(self.doc, self.count),
        }
    }
}
