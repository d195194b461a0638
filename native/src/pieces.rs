//! Tantivy's ``Searcher::search`` with the segments cut into pieces of documents: Tantivy
//! gives each segment to one thread, so an index merged into one large segment is
//! searched on one core. Here each piece (a range of a segment's documents) is collected
//! by a thread of the index's executor and the pieces' fruits are merged as segments'
//! are: the same collectors, the same merge, so the same answer. The facets' counter
//! (``facets.rs``) collects the same documents beside the collector.

use std::ops::Range;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{
    DocId, DocSet, Executor, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED,
};

use crate::facets::{Buckets, FacetCounter, PieceCounter, PieceCounts};

/// A piece: its segment, the segment's reader and its documents.
type Piece<'a> = (SegmentOrdinal, &'a SegmentReader, Range<DocId>);

/// ``collector``'s fruit over the documents ``query`` matches, with the buckets of
/// ``facets`` when asked, pieces of about ``piece_docs`` documents (``cuts``) collected in
/// parallel on ``executor``.
pub fn search<C: Collector>(
    searcher: &Searcher,
    executor: &Executor,
    query: &dyn Query,
    collector: &C,
    facets: Option<&FacetCounter>,
    piece_docs: u32,
) -> tantivy::Result<(C::Fruit, Option<Vec<(String, Buckets)>>)> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let mut pieces: Vec<Piece> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        for range in cuts(reader.max_doc(), piece_docs) {
            pieces.push((ord as SegmentOrdinal, reader, range));
        }
    }
    let fruits = executor.map(
        |piece| collect_piece(collector, facets, weight.as_ref(), piece),
        pieces.into_iter(),
    )?;
    let (fruits, counts): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
    let buckets = match facets {
        Some(counter) => Some(counter.merge(counts.into_iter().flatten().collect())?),
        None => None,
    };
    Ok((collector.merge_fruits(fruits)?, buckets))
}

/// The pieces a segment of ``max_doc`` documents is cut into: as many as ``piece_docs``
/// goes into it, rounded (a segment a little larger than a piece is not cut into a
/// piece and a sliver, which would cost a scorer of its own and leave Tantivy's loops
/// over a whole segment), of equal sizes.
pub fn cuts(max_doc: DocId, piece_docs: u32) -> Vec<Range<DocId>> {
    let piece_docs = piece_docs.max(1);
    let count =
        (max_doc / piece_docs + u32::from(max_doc % piece_docs >= piece_docs.div_ceil(2))).max(1);
    let size = max_doc.div_ceil(count).max(1);
    (0..count)
        .map(|at| (at * size).min(max_doc)..((at + 1) * size).min(max_doc))
        .filter(|range| !range.is_empty())
        .collect()
}

type PieceFruit<C> = (
    <<C as Collector>::Child as SegmentCollector>::Fruit,
    Option<PieceCounts>,
);

fn collect_piece<C: Collector>(
    collector: &C,
    facets: Option<&FacetCounter>,
    weight: &dyn Weight,
    (ord, reader, range): Piece,
) -> tantivy::Result<PieceFruit<C>> {
    let whole = range.start == 0 && range.end == reader.max_doc();
    let Some(facets) = facets else {
        if whole {
            // a whole segment: Tantivy's own collection of it
            return Ok((collector.collect_segment(weight, ord, reader)?, None));
        }
        return Ok((
            collect_range(collector, None, weight, ord, reader, range)?,
            None,
        ));
    };
    let mut counter = facets.for_piece(ord, reader, range.clone())?;
    let fruit = if whole {
        collect_segment(collector, &mut counter, weight, ord, reader)?
    } else {
        collect_range(collector, Some(&mut counter), weight, ord, reader, range)?
    };
    Ok((fruit, Some(counter.harvest())))
}

/// A whole segment, as Tantivy collects it (its fastest loops), the counter beside.
fn collect_segment<C: Collector>(
    collector: &C,
    counter: &mut PieceCounter,
    weight: &dyn Weight,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
    let mut child = collector.for_segment(ord, reader)?;
    match (reader.alive_bitset(), collector.requires_scoring()) {
        (alive, true) => weight.for_each(reader, &mut |doc, score| {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                child.collect(doc, score);
                counter.collect(doc);
            }
        })?,
        (Some(alive), false) => weight.for_each_no_score(reader, &mut |docs| {
            for &doc in docs {
                if alive.is_alive(doc) {
                    child.collect(doc, 0.0);
                    counter.collect(doc);
                }
            }
        })?,
        (None, false) => weight.for_each_no_score(reader, &mut |docs| {
            child.collect_block(docs);
            counter.collect_block(docs);
        })?,
    }
    Ok(child.harvest())
}

/// The documents ``range`` of a segment.
fn collect_range<C: Collector>(
    collector: &C,
    mut counter: Option<&mut PieceCounter>,
    weight: &dyn Weight,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
    range: Range<DocId>,
) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
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
            if let Some(counter) = counter.as_mut() {
                counter.collect(doc);
            }
        }
        doc = scorer.advance();
    }
    Ok(child.harvest())
}
