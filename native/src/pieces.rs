//! Tantivy's ``Searcher::search`` with the segments cut into pieces of documents: Tantivy
//! gives each segment to one thread, so an index merged into one large segment is
//! searched on one core. Here each piece (a range of a segment's documents) is collected
//! by a thread of the index's executor and the pieces' fruits are merged as segments'
//! are: the same collectors, the same merge, so the same answer.

use std::ops::Range;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

/// ``collector``'s fruit over the documents ``query`` matches, pieces of at most
/// ``piece_docs`` documents collected in parallel.
pub fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    piece_docs: u32,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let piece_docs = piece_docs.max(1);
    let mut pieces: Vec<(SegmentOrdinal, &SegmentReader, Range<DocId>)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let max_doc = reader.max_doc();
        let mut start = 0;
        while start < max_doc {
            let end = max_doc.min(start.saturating_add(piece_docs));
            pieces.push((ord as SegmentOrdinal, reader, start..end));
            start = end;
        }
    }
    let fruits = searcher.index().search_executor().map(
        |(ord, reader, range)| collect_piece(collector, weight.as_ref(), ord, reader, range),
        pieces.into_iter(),
    )?;
    collector.merge_fruits(fruits)
}

fn collect_piece<C: Collector>(
    collector: &C,
    weight: &dyn Weight,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
    range: Range<DocId>,
) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
    if range.start == 0 && range.end == reader.max_doc() {
        // a whole segment: Tantivy's own collection of it
        return collector.collect_segment(weight, ord, reader);
    }
    let mut child = collector.for_segment(ord, reader)?;
    let scoring = collector.requires_scoring();
    let alive = reader.alive_bitset();
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut doc = scorer.doc();
    if doc < range.start {
        doc = scorer.seek(range.start);
    }
    while doc != TERMINATED && doc < range.end {
        if alive.is_none_or(|bits| bits.is_alive(doc)) {
            let score: Score = if scoring { scorer.score() } else { 0.0 };
            child.collect(doc, score);
        }
        doc = scorer.advance();
    }
    Ok(child.harvest())
}
