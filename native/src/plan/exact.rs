//! An exact phrase (slop 0) that repeats a word (``"de la niñez de la"``, ``"de la de la
//! … de la"``: on the pair fields, a repeated pair), found and scored as Tantivy's
//! ``PhraseQuery`` finds and scores it, reading each word's positions once. Tantivy reads
//! one postings list per word of the phrase, repeats too, and in every document holding
//! them decodes each one's positions: a phrase of ``n`` copies of «de la» decoded «de la»'s
//! positions ``n`` times in nearly every document of the index, and exact phrases have no
//! work budget (``budget.rs`` is for proximity). Here a repeated word is read once, so the
//! work grows with the distinct words, not the phrase's length.
//!
//! Otherwise the same walk: the documents holding every word (leapfrogged, fewest
//! documents first), their positions read in that order (Tantivy's order: it already
//! starts from the rarest), the phrase's starts kept word by word and the document left
//! at the first word that keeps none. Scored as Tantivy scores, to the bit: the count of
//! starts where every word stands (overlapping ones too) as the frequency, the same
//! ``Bm25Weight`` of the same words (repeats too, in offset order), the same field norms;
//! and the same ``size_hint``/``cost``, so a boolean query around it orders (and adds up)
//! its clauses as around Tantivy's. Phrases without a repeated word are left to Tantivy's
//! own, faster there (``bench/exact_phrase_ab.py``).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

use super::phrase::{
    align, phrase_explanation, phrase_score, phrase_terms, read_postings, PhrasePostings,
    PhraseTerms,
};

/// The phrase's words as (offset, term).
#[derive(Clone, Debug)]
pub struct ExactPhraseQuery {
    words: Vec<(usize, Term)>,
}

impl ExactPhraseQuery {
    pub fn new(mut words: Vec<(usize, Term)>) -> Self {
        // stable, as Tantivy's: the same words in the same order for the same weight
        words.sort_by_key(|(offset, _)| *offset);
        ExactPhraseQuery { words }
    }
}

impl Query for ExactPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExactPhraseWeight::of(&self.words, scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.words {
            visitor(term, true);
        }
    }
}

pub(super) struct ExactPhraseWeight {
    distinct: Vec<Term>,
    /// (offset, index in ``distinct``), by offset
    words: Vec<(i64, usize)>,
    bm25: Option<Bm25Weight>,
}

impl ExactPhraseWeight {
    /// The weight of ``words`` (sorted by offset), as ``ExactPhraseQuery`` weighs them.
    pub(super) fn of(
        words: &[(usize, Term)],
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<ExactPhraseWeight> {
        let PhraseTerms {
            distinct,
            words,
            bm25,
        } = phrase_terms(words, scoring)?;
        Ok(ExactPhraseWeight {
            distinct,
            words,
            bm25,
        })
    }

    /// The weight of a word (unboosted) when scoring.
    pub(super) fn bm25(&self) -> Option<&Bm25Weight> {
        self.bm25.as_ref()
    }

    fn exact_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<ExactPhraseScorer>> {
        let mut scorer = self.unsettled_scorer(reader, boost)?;
        if let Some(scorer) = scorer.as_mut() {
            scorer.doc = scorer.settle(scorer.postings[scorer.order[0]].doc());
        }
        Ok(scorer)
    }

    /// The scorer before it has looked for its first document (``begin``): nothing read
    /// but the terms' postings.
    pub(super) fn unsettled_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<ExactPhraseScorer>> {
        let Some(PhrasePostings {
            postings,
            order,
            fieldnorms,
        }) = read_postings(reader, &self.distinct, self.bm25.is_some())?
        else {
            return Ok(None);
        };
        // Tantivy's estimate: its intersection of one postings per word (repeats too)
        let mut sizes: Vec<u32> = self
            .words
            .iter()
            .map(|&(_, k)| postings[k].size_hint())
            .collect();
        sizes.sort_unstable();
        let estimate = estimate_intersection(&sizes, fieldnorms.num_docs());
        let postings_len = postings.len();
        Ok(Some(ExactPhraseScorer {
            postings,
            order,
            words: self.words.clone(),
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms,
            estimate,
            last_offset: self.words.last().map_or(0, |&(offset, _)| offset),
            alone: alone_shifts(&self.words, postings_len),
            positions: Vec::new(),
            starts: Vec::new(),
            count: 0,
            doc: 0,
        }))
    }
}

/// Tantivy's ``size_hint::estimate_intersection`` (private there), sizes smallest first.
fn estimate_intersection(sizes: &[u32], max_docs: u32) -> u32 {
    if max_docs == 0 {
        return 0;
    }
    let Some((&first, rest)) = sizes.split_first() else {
        return 0;
    };
    let mut co_loc_factor: f64 = 1.3;
    let mut estimate = first as f64;
    let mut smallest = estimate;
    for &size in rest {
        co_loc_factor = (co_loc_factor - 0.1).max(1.0);
        estimate *= (size as f64 / max_docs as f64) * co_loc_factor;
        smallest = smallest.min(size as f64);
    }
    estimate.round().min(smallest) as u32
}

impl Weight for ExactPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.exact_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found = || TantivyError::InvalidArgument(format!("document #{doc} does not match"));
        let mut scorer = self.exact_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.seek(doc) != doc {
            return Err(not_found());
        }
        Ok(phrase_explanation(
            "Phrase Scorer",
            scorer.score(),
            self.bm25.as_ref(),
            &scorer.fieldnorms,
            doc,
            scorer.count,
        ))
    }
}

pub(super) struct ExactPhraseScorer {
    postings: Vec<SegmentPostings>,
    /// ``postings`` by documents, fewest first
    order: Vec<usize>,
    words: Vec<(i64, usize)>,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    /// Tantivy's estimate of the documents holding every word
    estimate: u32,
    /// the last word's offset
    last_offset: i64,
    /// by term: its shift (``last_offset`` less its offset) when one word only is it
    alone: Vec<Option<u32>>,
    positions: Vec<u32>,
    /// the phrase's starts every word read so far stands at, plus ``last_offset``
    starts: Vec<u32>,
    /// the phrase's starts in ``doc``
    pub(super) count: u32,
    doc: DocId,
}

impl ExactPhraseScorer {
    /// The first document from ``target`` on that holds the phrase, for a scorer made
    /// unsettled (``unsettled_scorer``).
    pub(super) fn begin(&mut self, target: DocId) -> DocId {
        let rarest = &mut self.postings[self.order[0]];
        let first = if rarest.doc() < target {
            rarest.seek(target)
        } else {
            rarest.doc()
        };
        self.doc = self.settle(first);
        self.doc
    }

    /// The score of ``doc`` holding the phrase ``count`` times.
    pub(super) fn score_of(&self, doc: DocId, count: u32) -> Score {
        phrase_score(self.bm25.as_ref(), &self.fieldnorms, doc, count)
    }

    /// The first document from ``candidate`` on (the rarest term's) that holds every
    /// term and the phrase.
    fn settle(&mut self, mut candidate: DocId) -> DocId {
        loop {
            candidate = align(&mut self.postings, &self.order, candidate);
            if candidate == TERMINATED || self.matches() {
                return candidate;
            }
            candidate = self.postings[self.order[0]].advance();
        }
    }

    /// Whether the current document (every term's postings on it) holds the phrase, its
    /// starts counted (``count``) when scoring.
    fn matches(&mut self) -> bool {
        let mut first = true;
        for at in 0..self.order.len() {
            let k = self.order[at];
            if let Some(shift) = self.alone[k] {
                // one word: its positions read shifted, into the starts when first
                if first {
                    first = false;
                    self.postings[k].positions_with_offset(shift, &mut self.starts);
                } else {
                    self.postings[k].positions_with_offset(shift, &mut self.positions);
                    keep_found(&mut self.starts, &self.positions, 0);
                }
                if self.starts.is_empty() {
                    return false;
                }
                continue;
            }
            self.postings[k].positions(&mut self.positions);
            for &(offset, word_term) in &self.words {
                if word_term != k {
                    continue;
                }
                // a start ``s`` shifted by the last word's offset: never below zero
                let shift = (self.last_offset - offset) as u32;
                if first {
                    first = false;
                    self.starts.clear();
                    self.starts
                        .extend(self.positions.iter().map(|&p| p + shift));
                } else {
                    keep_found(&mut self.starts, &self.positions, shift);
                }
                if self.starts.is_empty() {
                    return false;
                }
            }
        }
        self.count = self.starts.len() as u32;
        true
    }
}

/// By term (``distinct``'s index), its shift when one word only is it: ``last_offset``
/// less that word's offset.
fn alone_shifts(words: &[(i64, usize)], terms: usize) -> Vec<Option<u32>> {
    let last_offset = words.last().map_or(0, |&(offset, _)| offset);
    (0..terms)
        .map(|k| {
            let mut uses = words.iter().filter(|&&(_, term)| term == k);
            match (uses.next(), uses.next()) {
                (Some(&(offset, _)), None) => Some((last_offset - offset) as u32),
                _ => None,
            }
        })
        .collect()
}

/// Keeps the ``starts`` that are one of ``positions`` shifted by ``shift`` (all sorted).
#[inline]
fn keep_found(starts: &mut Vec<u32>, positions: &[u32], shift: u32) {
    let mut kept = 0;
    let mut at = 0;
    for i in 0..starts.len() {
        let wanted = starts[i];
        while at < positions.len() && positions[at] + shift < wanted {
            at += 1;
        }
        if at == positions.len() {
            break;
        }
        if positions[at] + shift == wanted {
            starts[kept] = wanted;
            kept += 1;
        }
    }
    starts.truncate(kept);
}

impl DocSet for ExactPhraseScorer {
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

    /// Tantivy's phrase's: the documents holding every word, a tenth per word.
    fn size_hint(&self) -> u32 {
        self.estimate / (10 * self.words.len() as u32)
    }

    /// Tantivy's phrase's: its documents' positions are read.
    fn cost(&self) -> u64 {
        self.estimate as u64 * 10 * self.words.len() as u64
    }
}

impl Scorer for ExactPhraseScorer {
    fn score(&mut self) -> Score {
        phrase_score(self.bm25.as_ref(), &self.fieldnorms, self.doc, self.count)
    }
}
