//! A proximity phrase (``"interés de niñez"~2``) of three words or more, or one that
//! repeats a word, matched by the engine's (Lucene's) rule: each word of the phrase (at
//! offset ``i``) at a position ``p_i`` of its own, the phrase found when
//! ``max(p_i - i) - min(p_i - i) <= slop``. Tantivy's own sloppy phrase chains its words
//! pair by pair: its scored path misses arrangements, its unscored one (a count) checks
//! the last pair only, and one occurrence stands for two copies of a repeated word.
//!
//! The documents that hold every word (Tantivy's postings, rarest first, leapfrogged),
//! then for each one the words' positions: each window ``[lo, lo + slop]`` of ``p - i``
//! that starts at one of the words' shifts and holds a shift of the word rarest in the
//! document is tried, in order, each word taking the first free position inside it
//! (copies of a word in their order: intervals of one length in order, so the first fit
//! is a fit when one exists). Windows without that word cannot fit: skipping them
//! changes no answer, and a common word («de») no longer sets the walk's length. The work
//! per document is its positions read, then the rare word's windows times the phrase's
//! words times a binary search. Scored as Tantivy scores a phrase: BM25 of the words'
//! summed idf, the phrase's count as its frequency (here the matches that share no
//! position). The work is charged to the question's
//! budget (``budget.rs``): spent, the scorer stops as if its documents had ended.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

use super::budget::{Budget, Meter};
use super::phrase::{
    align, phrase_explanation, phrase_score, phrase_terms, read_postings, PhrasePostings,
    PhraseTerms,
};

/// Steps of a document's windows counted before the meter is told of them.
const WINDOW_STEPS: usize = 1 << 10;

/// The phrase's words as (offset, term), its slop and the question's work budget.
#[derive(Clone, Debug)]
pub struct SloppyPhraseQuery {
    words: Vec<(usize, Term)>,
    slop: u32,
    budget: Arc<Budget>,
}

impl SloppyPhraseQuery {
    pub fn new(mut words: Vec<(usize, Term)>, slop: u32, budget: Arc<Budget>) -> Self {
        words.sort_by_key(|(offset, _)| *offset);
        SloppyPhraseQuery {
            words,
            slop,
            budget,
        }
    }
}

impl Query for SloppyPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let PhraseTerms {
            distinct,
            words,
            bm25,
        } = phrase_terms(&self.words, scoring)?;
        Ok(Box::new(SloppyPhraseWeight {
            distinct,
            words,
            slop: self.slop as i64,
            bm25,
            budget: self.budget.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.words {
            visitor(term, true);
        }
    }
}

struct SloppyPhraseWeight {
    distinct: Vec<Term>,
    /// (offset, index in ``distinct``), by offset
    words: Vec<(i64, usize)>,
    slop: i64,
    bm25: Option<Bm25Weight>,
    budget: Arc<Budget>,
}

impl SloppyPhraseWeight {
    fn sloppy_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<SloppyPhraseScorer>> {
        if self.budget.exceeded() {
            // the question is refused already: this segment need not be read
            return Ok(None);
        }
        // rarest first: the others are sought at its documents
        let Some(PhrasePostings {
            postings,
            order,
            fieldnorms,
        }) = read_postings(reader, &self.distinct, self.bm25.is_some())?
        else {
            return Ok(None);
        };
        let mut scorer = SloppyPhraseScorer {
            postings,
            order,
            words: self.words.clone(),
            slop: self.slop,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms,
            positions: Vec::new(),
            count: 0,
            starts: Vec::new(),
            cursors: Vec::new(),
            last: Vec::new(),
            doc: 0,
            meter: Meter::new(self.budget.clone()),
        };
        scorer.doc = scorer.settle(scorer.postings[scorer.order[0]].doc());
        Ok(Some(scorer))
    }
}

impl Weight for SloppyPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.sloppy_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found = || TantivyError::InvalidArgument(format!("document #{doc} does not match"));
        let mut scorer = self.sloppy_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.seek(doc) != doc {
            return Err(not_found());
        }
        Ok(phrase_explanation(
            "Sloppy phrase scorer",
            scorer.score(),
            self.bm25.as_ref(),
            &scorer.fieldnorms,
            doc,
            scorer.count,
        ))
    }
}

struct SloppyPhraseScorer {
    postings: Vec<SegmentPostings>,
    /// ``postings`` rarest first
    order: Vec<usize>,
    words: Vec<(i64, usize)>,
    slop: i64,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    /// each distinct term's positions in the current document
    positions: Vec<Vec<u32>>,
    /// the current document's matches (counted when scoring)
    count: u32,
    /// the windows' starts near one anchor, each word's first shift not yet gathered,
    /// each term's position a window took last (kept between documents)
    starts: Vec<i64>,
    cursors: Vec<usize>,
    last: Vec<i64>,
    doc: DocId,
    meter: Meter,
}

impl SloppyPhraseScorer {
    /// The first document from ``candidate`` on (the rarest term's) that holds every
    /// term and the phrase by the rule.
    fn settle(&mut self, mut candidate: DocId) -> DocId {
        loop {
            if self.meter.stopped() {
                return TERMINATED;
            }
            candidate = align(&mut self.postings, &self.order, candidate);
            if candidate == TERMINATED || self.matches() {
                return candidate;
            }
            if self.meter.stopped() {
                return TERMINATED;
            }
            candidate = self.postings[self.order[0]].advance();
        }
    }

    /// Whether the current document (every term's postings on it) holds the phrase;
    /// when scoring, ``count`` its matches that share no position. False too when the
    /// budget is spent (``meter``).
    fn matches(&mut self) -> bool {
        self.positions.resize_with(self.postings.len(), Vec::new);
        let mut read = 0;
        for (k, postings) in self.postings.iter_mut().enumerate() {
            postings.positions(&mut self.positions[k]);
            read += self.positions[k].len();
        }
        self.meter.read(read);
        let scoring = self.bm25.is_some();
        let slop = self.slop;
        // the anchor: the word whose term is rarest here. A window [lo, lo + slop] fits
        // only with one of its shifts a inside, so lo in [a - slop, a]: only the shifts
        // of the words there are tried, in order, each once
        let (anchor_offset, anchor) = *self
            .words
            .iter()
            .min_by_key(|(_, k)| self.positions[*k].len())
            .expect("a phrase has words");
        self.cursors.clear();
        self.cursors.resize(self.words.len(), 0);
        // the windows' steps, told the meter now and then (kept in a register meanwhile)
        let mut steps = 0usize;
        let mut count = 0u32;
        // the highest position a counted match took: the next one takes none at or below
        let mut floor = -1i64;
        // each term's position this window took last (words by offset: a copy of a word
        // comes after the one before it)
        self.last.clear();
        self.last.resize(self.positions.len(), floor);
        // the highest start tried
        let mut tried = i64::MIN;
        for &anchored in &self.positions[anchor] {
            let a = anchored as i64 - anchor_offset;
            let from = (a - slop).max(tried.saturating_add(1));
            self.starts.clear();
            for (w, &(offset, k)) in self.words.iter().enumerate() {
                let list = &self.positions[k];
                let cursor = &mut self.cursors[w];
                // sought past a gap only: the shifts up to ``tried`` are behind the cursor
                if list
                    .get(*cursor)
                    .is_some_and(|&p| (p as i64) - offset < from)
                {
                    *cursor += list[*cursor..].partition_point(|&p| (p as i64) - offset < from);
                    steps += 1;
                }
                let mut at = *cursor;
                while at < list.len() && (list[at] as i64) - offset <= a {
                    self.starts.push(list[at] as i64 - offset);
                    at += 1;
                }
                steps += at - *cursor;
                *cursor = at;
            }
            tried = a;
            self.starts.sort_unstable();
            self.starts.dedup();
            for &lo in &self.starts {
                self.last.iter_mut().for_each(|p| *p = floor);
                let mut highest = floor;
                let mut fits = true;
                let mut sought = 0usize;
                for &(offset, k) in &self.words {
                    sought += 1;
                    let from = (lo + offset).max(self.last[k] + 1);
                    let list = &self.positions[k];
                    let at = list.partition_point(|&p| (p as i64) < from);
                    match list.get(at) {
                        Some(&p) if (p as i64) <= lo + offset + slop => {
                            self.last[k] = p as i64;
                            highest = highest.max(p as i64);
                        }
                        _ => {
                            fits = false;
                            break;
                        }
                    }
                }
                steps += sought;
                if steps >= WINDOW_STEPS && !self.meter.spend(std::mem::take(&mut steps)) {
                    return false;
                }
                if fits {
                    if !scoring {
                        self.count = 1;
                        self.meter.spend(steps);
                        return true;
                    }
                    count += 1;
                    floor = highest;
                }
            }
        }
        self.count = count;
        self.meter.spend(steps) && count > 0
    }
}

impl DocSet for SloppyPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let next = self.postings[self.order[0]].advance();
        self.doc = self.settle(next);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let next = self.postings[self.order[0]].seek(target);
        self.doc = self.settle(next);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings[self.order[0]].size_hint()
    }
}

impl Scorer for SloppyPhraseScorer {
    fn score(&mut self) -> Score {
        phrase_score(self.bm25.as_ref(), &self.fieldnorms, self.doc, self.count)
    }
}
