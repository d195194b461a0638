//! What the exact phrase (``exact.rs``) and the proximity phrase (``sloppy.rs``) share,
//! so the two find their documents and score them the same way: the words checked and
//! weighed (each distinct term read once, a word the index of its term), each term's
//! postings read in a segment, the documents holding every term leapfrogged from the
//! rarest, and the BM25 score and its explanation. Only the match inside a document
//! differs between the two.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::SegmentPostings;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

/// A phrase's words weighed for a search.
pub(super) struct PhraseTerms {
    /// each distinct term once, in the order the words first name it
    pub distinct: Vec<Term>,
    /// (offset, index in ``distinct``), by offset
    pub words: Vec<(i64, usize)>,
    /// Tantivy's weight of every word (repeats too, in offset order); none unscored
    pub bm25: Option<Bm25Weight>,
}

/// The phrase's ``words`` (sorted by offset) weighed as Tantivy weighs a phrase: refused
/// on a field without positions.
pub(super) fn phrase_terms(
    words: &[(usize, Term)],
    scoring: EnableScoring<'_>,
) -> tantivy::Result<PhraseTerms> {
    let field = words[0].1.field();
    let entry = scoring.schema().get_field_entry(field);
    let positions = entry
        .field_type()
        .get_index_record_option()
        .map(IndexRecordOption::has_positions)
        .unwrap_or(false);
    if !positions {
        return Err(TantivyError::SchemaError(format!(
            "a phrase on {:?}, which keeps no positions",
            entry.name()
        )));
    }
    let terms: Vec<Term> = words.iter().map(|(_, t)| t.clone()).collect();
    let bm25 = match scoring {
        EnableScoring::Enabled {
            statistics_provider,
            ..
        } => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
        EnableScoring::Disabled { .. } => None,
    };
    let mut distinct: Vec<Term> = Vec::new();
    let mut indexed = Vec::with_capacity(words.len());
    for (offset, term) in words {
        let at = match distinct.iter().position(|t| t == term) {
            Some(at) => at,
            None => {
                distinct.push(term.clone());
                distinct.len() - 1
            }
        };
        indexed.push((*offset as i64, at));
    }
    Ok(PhraseTerms {
        distinct,
        words: indexed,
        bm25,
    })
}

/// A segment's postings of a phrase's distinct terms.
pub(super) struct PhrasePostings {
    /// with positions, in the order of ``distinct``
    pub postings: Vec<SegmentPostings>,
    /// ``postings`` by documents, fewest first: the others are sought at the first's
    pub order: Vec<usize>,
    /// the field's norms when scoring (a constant otherwise)
    pub fieldnorms: FieldNormReader,
}

/// Every term's postings in ``reader``; none when a term is not in this segment.
pub(super) fn read_postings(
    reader: &SegmentReader,
    distinct: &[Term],
    scoring: bool,
) -> tantivy::Result<Option<PhrasePostings>> {
    let field = distinct[0].field();
    let index = reader.inverted_index(field)?;
    let mut postings = Vec::with_capacity(distinct.len());
    for term in distinct {
        match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
            Some(found) => postings.push(found),
            None => return Ok(None),
        }
    }
    let fieldnorms = match (scoring, reader.fieldnorms_readers().get_field(field)?) {
        (true, Some(found)) => found,
        _ => FieldNormReader::constant(reader.max_doc(), 1),
    };
    let mut order: Vec<usize> = (0..postings.len()).collect();
    order.sort_by_key(|&k| postings[k].doc_freq());
    Ok(Some(PhrasePostings {
        postings,
        order,
        fieldnorms,
    }))
}

/// The first document from ``candidate`` on (the postings ``order[0]``'s) that every
/// term's postings holds, each of them moved onto it; ``TERMINATED`` past the last.
pub(super) fn align(
    postings: &mut [SegmentPostings],
    order: &[usize],
    mut candidate: DocId,
) -> DocId {
    'next: loop {
        if candidate == TERMINATED {
            return TERMINATED;
        }
        for &k in &order[1..] {
            let found = if postings[k].doc() < candidate {
                postings[k].seek(candidate)
            } else {
                postings[k].doc()
            };
            if found > candidate {
                candidate = postings[order[0]].seek(found);
                continue 'next;
            }
        }
        return candidate;
    }
}

/// A phrase's score in ``doc``, found ``count`` times: BM25, or 1 unscored.
pub(super) fn phrase_score(
    bm25: Option<&Bm25Weight>,
    fieldnorms: &FieldNormReader,
    doc: DocId,
    count: u32,
) -> Score {
    match bm25 {
        Some(bm25) => bm25.score(fieldnorms.fieldnorm_id(doc), count),
        None => 1.0,
    }
}

/// The explanation of ``score``, with BM25's details when scoring.
pub(super) fn phrase_explanation(
    title: &'static str,
    score: Score,
    bm25: Option<&Bm25Weight>,
    fieldnorms: &FieldNormReader,
    doc: DocId,
    count: u32,
) -> Explanation {
    let mut explanation = Explanation::new(title, score);
    if let Some(bm25) = bm25 {
        explanation.add_detail(bm25.explain(fieldnorms.fieldnorm_id(doc), count));
    }
    explanation
}
