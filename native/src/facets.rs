//! The facets' counts, as Tantivy's terms aggregation gives them and at a fraction of its
//! cost: each matching document adds one to its values' term ordinals in a count per
//! segment, read from the field's column a block of documents at a time; ordinals become
//! terms once, for the values counted, when the pieces are merged. The buckets are the
//! aggregation's (exact counts, a value counted once per document, values no document
//! matched left out), in its order: the most documents first, then the term's bytes.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// Documents gathered before their values are read together (one call per column).
const BLOCK: usize = 64;
/// A field with at most this many terms keeps ``LANES`` counts per term, written in turn:
/// documents in a row with the same value (a field of few values) then do not wait on
/// each other's update of one count.
const FEW_TERMS: usize = 256;
const LANES: usize = 8;

/// A facet's buckets: (term, documents), the most documents first.
pub type Buckets = Vec<(String, u64)>;

/// Counts the terms of the fields asked, each cut to its own number of buckets.
pub struct FacetCounter {
    asked: Vec<(String, usize)>,
}

impl FacetCounter {
    /// ``asked``: (field, buckets) pairs; each field a string fast field.
    pub fn new(asked: Vec<(String, usize)>) -> Self {
        FacetCounter { asked }
    }
}

/// One field's column in a segment, and the documents counted per term ordinal (``lanes``
/// counts in a row per ordinal).
struct FieldCount {
    column: StrColumn,
    ords: Column<u64>,
    lanes: usize,
    counts: Vec<u32>,
}

impl FieldCount {
    fn new(column: StrColumn) -> Self {
        let terms = column.dictionary().num_terms();
        let lanes = if terms <= FEW_TERMS { LANES } else { 1 };
        FieldCount {
            ords: column.ords().clone(),
            column,
            lanes,
            counts: vec![0u32; terms * lanes],
        }
    }

    /// One count per ordinal, the lanes added up.
    fn totals(self) -> (StrColumn, Vec<u32>) {
        let counts = if self.lanes == 1 {
            self.counts
        } else {
            self.counts
                .chunks_exact(self.lanes)
                .map(|lanes| lanes.iter().sum())
                .collect()
        };
        (self.column, counts)
    }
}

/// The counts of one piece of a segment (a whole segment, or a range of its documents).
pub struct PieceCounts {
    segment: SegmentOrdinal,
    fields: Vec<Option<(StrColumn, Vec<u32>)>>,
}

pub struct PieceCounter {
    segment: SegmentOrdinal,
    fields: Vec<Option<FieldCount>>,
    pending: Vec<DocId>,
    values: Vec<u64>,
    row_values: Vec<u64>,
}

impl Collector for FacetCounter {
    type Fruit = Vec<(String, Buckets)>;
    type Child = PieceCounter;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PieceCounter> {
        let mut fields = Vec::with_capacity(self.asked.len());
        for (name, _) in &self.asked {
            reader.schema().get_field(name)?;
            fields.push(reader.fast_fields().str(name)?.map(FieldCount::new));
        }
        Ok(PieceCounter {
            segment,
            fields,
            pending: Vec::with_capacity(BLOCK),
            values: vec![0; BLOCK],
            row_values: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, pieces: Vec<PieceCounts>) -> tantivy::Result<Self::Fruit> {
        // the pieces of a segment share its ordinals: summed before any term is read
        let mut by_segment: Vec<PieceCounts> = Vec::new();
        for piece in pieces {
            match by_segment.iter_mut().find(|s| s.segment == piece.segment) {
                Some(seen) => add_counts(seen, piece),
                None => by_segment.push(piece),
            }
        }
        let mut answer = Vec::with_capacity(self.asked.len());
        for (at, (name, size)) in self.asked.iter().enumerate() {
            let mut totals: HashMap<String, u64> = HashMap::new();
            for segment in &by_segment {
                if let Some((column, counts)) = &segment.fields[at] {
                    add_terms(column, counts, &mut totals)?;
                }
            }
            let mut buckets: Buckets = totals.into_iter().collect();
            buckets.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            buckets.truncate(*size);
            answer.push((name.clone(), buckets));
        }
        Ok(answer)
    }
}

fn add_counts(into: &mut PieceCounts, piece: PieceCounts) {
    for (mine, theirs) in into.fields.iter_mut().zip(piece.fields) {
        if let (Some((_, mine)), Some((_, theirs))) = (mine, theirs) {
            for (total, n) in mine.iter_mut().zip(theirs) {
                *total += n;
            }
        }
    }
}

/// The terms of the ordinals counted (in ordinal order, as the dictionary reads them best).
fn add_terms(
    column: &StrColumn,
    counts: &[u32],
    totals: &mut HashMap<String, u64>,
) -> tantivy::Result<()> {
    let ords: Vec<u64> = (0..counts.len() as u64)
        .filter(|&ord| counts[ord as usize] > 0)
        .collect();
    let mut found = ords.iter();
    let mut bad = false;
    column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
        let ord = *found.next().expect("one term per ordinal");
        match std::str::from_utf8(term) {
            Ok(term) => match totals.get_mut(term) {
                Some(total) => *total += u64::from(counts[ord as usize]),
                None => {
                    totals.insert(term.to_owned(), u64::from(counts[ord as usize]));
                }
            },
            Err(_) => bad = true,
        }
    })?;
    if bad {
        return Err(TantivyError::InternalError(
            "a facet term is not UTF-8".to_owned(),
        ));
    }
    Ok(())
}

impl PieceCounter {
    fn count(&mut self, docs: &[DocId]) {
        for field in self.fields.iter_mut().flatten() {
            let counts = &mut field.counts;
            let lanes = field.lanes;
            match &field.ords.index {
                ColumnIndex::Full if lanes == LANES => {
                    let values = &mut self.values[..docs.len()];
                    field.ords.values.get_vals(docs, values);
                    for (at, &ord) in values.iter().enumerate() {
                        counts[ord as usize * LANES + at % LANES] += 1;
                    }
                }
                ColumnIndex::Full => {
                    let values = &mut self.values[..docs.len()];
                    field.ords.values.get_vals(docs, values);
                    for &ord in values.iter() {
                        counts[ord as usize] += 1;
                    }
                }
                ColumnIndex::Empty { .. } => {}
                index => {
                    for &doc in docs {
                        let rows = index.value_row_ids(doc);
                        match rows.len() {
                            0 => {}
                            1 => {
                                counts[field.ords.values.get_val(rows.start) as usize * lanes] += 1
                            }
                            _ => {
                                // a value a document holds twice is counted once
                                self.row_values.clear();
                                self.row_values
                                    .extend(rows.map(|row| field.ords.values.get_val(row)));
                                self.row_values.sort_unstable();
                                self.row_values.dedup();
                                for &ord in &self.row_values {
                                    counts[ord as usize * lanes] += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.count(&pending);
            self.pending = pending;
            self.pending.clear();
        }
    }
}

impl SegmentCollector for PieceCounter {
    type Fruit = PieceCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == BLOCK {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.flush();
        for block in docs.chunks(BLOCK) {
            self.count(block);
        }
    }

    fn harvest(mut self) -> PieceCounts {
        self.flush();
        PieceCounts {
            segment: self.segment,
            fields: self
                .fields
                .into_iter()
                .map(|field| field.map(FieldCount::totals))
                .collect(),
        }
    }
}
