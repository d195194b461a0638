//! The facets' counts, as Tantivy's terms aggregation gives them and at a fraction of its
//! cost: each matching document adds one to its values' term ordinals in a count per
//! segment, read from the field's column a block of documents at a time; ordinals become
//! terms when the pieces are merged, only those the answer needs. A piece notes its
//! matches in a bitset while they are collected and counts them when done, or, when most
//! of its documents matched, counts those that did not and takes them from the piece's
//! counts of every document (kept per piece of a segment, made once): the cheaper side,
//! known exactly, with no pass of its own to guess it. A field of one value per document
//! is read once per segment into an array of its ordinals (one, two or four bytes per
//! document, as its terms need), read directly afterwards. The buckets are the
//! aggregation's (exact counts, a value counted once per document, values no document
//! matched left out), in its order: the most documents first, then the term's bytes. A
//! segment's ordinals are in its terms' order, so one segment's buckets are ranked on
//! numbers and only the kept ones' terms are read; several segments' terms are merged by
//! their bytes once, for as long as those segments are searched (each segment's ordinals
//! mapped to places among them), so their counts are added into one count per term and
//! ranked on numbers too. Only the buckets kept are sorted. A field's column in a segment
//! is opened once, not per search.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::index::SegmentId;
use tantivy::schema::FieldType;
use tantivy::{DocId, Opstamp, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use crate::pieces::cuts;

/// Documents gathered before their values are read together (one call per column).
const BLOCK: usize = 64;
/// A field with at most this many terms keeps ``LANES`` counts per term, written in turn:
/// documents in a row with the same value (a field of few values) then do not wait on
/// each other's update of one count.
const FEW_TERMS: usize = 256;
const LANES: usize = 8;
/// The most combinations of values of fields counted together (``Combos``), and the most
/// terms such a field may have.
const COMBOS: usize = 4096;
const COMBO_TERMS: usize = 64;
/// The most terms a field read into an array of ordinals may have (four bytes each).
const DECODED_TERMS: usize = u32::MAX as usize;

/// A field's ordinal of every document of a segment, in as few bytes as its terms need.
enum Decoded {
    Byte(Vec<u8>),
    Short(Vec<u16>),
    Int(Vec<u32>),
}

impl Decoded {
    /// The ordinal of ``doc``.
    #[inline]
    fn get(&self, doc: usize) -> u32 {
        match self {
            Decoded::Byte(ords) => u32::from(ords[doc]),
            Decoded::Short(ords) => u32::from(ords[doc]),
            Decoded::Int(ords) => ords[doc],
        }
    }

    /// ``column``'s ordinals, if it has one per document.
    fn of(column: &StrColumn) -> Option<Decoded> {
        let ords = column.ords();
        let terms = column.dictionary().num_terms();
        if !matches!(ords.index, ColumnIndex::Full) || terms > DECODED_TERMS {
            return None;
        }
        let docs = ords.values.num_vals() as usize;
        let mut decoded = if terms <= 1 << 8 {
            Decoded::Byte(Vec::with_capacity(docs))
        } else if terms <= 1 << 16 {
            Decoded::Short(Vec::with_capacity(docs))
        } else {
            Decoded::Int(Vec::with_capacity(docs))
        };
        let mut chunk = vec![0u64; 4096];
        let mut start = 0;
        while start < docs {
            let values = &mut chunk[..(docs - start).min(4096)];
            ords.values.get_range(start as u64, values);
            match &mut decoded {
                Decoded::Byte(ords) => ords.extend(values.iter().map(|&ord| ord as u8)),
                Decoded::Short(ords) => ords.extend(values.iter().map(|&ord| ord as u16)),
                Decoded::Int(ords) => ords.extend(values.iter().map(|&ord| ord as u32)),
            }
            start += values.len();
        }
        Some(decoded)
    }
}

/// Fields of few terms counted together: each document's values of those fields make one
/// code (a segment holds few combinations: a sentencia has a matter and no legislature,
/// a year of a handful), so a document counted adds one to its code's count instead of
/// one to each field's, and each code's count is added to its values' counts at the end.
pub struct Combos {
    // the fields counted together
    members: Vec<String>,
    // each document's code
    codes: Vec<u16>,
    // each code's ordinal in each member field (``members.len()`` per code)
    ords: Vec<u32>,
}

impl Combos {
    /// The codes of the fields ``candidates`` ((name, ordinals, terms)) that fit: the
    /// fields of fewest terms first (then by name: the same fields in any order make the
    /// same codes), each kept while the combinations stay at most ``COMBOS``. None: fewer
    /// than two fields fit.
    fn of(candidates: &[(&str, &Decoded, usize)], docs: usize) -> Option<Combos> {
        let mut order: Vec<&(&str, &Decoded, usize)> = candidates
            .iter()
            .filter(|(_, _, terms)| *terms <= COMBO_TERMS)
            .collect();
        order.sort_by_key(|(name, _, terms)| (*terms, *name));
        let mut codes = vec![0u32; docs];
        // each code's ordinals so far
        let mut table: Vec<Vec<u32>> = vec![Vec::new()];
        let mut members = Vec::new();
        let mut next = vec![0u32; docs];
        for &&(name, decoded, terms) in &order {
            // (code, ordinal) pairs to new codes, dense: at most COMBOS * COMBO_TERMS
            let mut seen = vec![u32::MAX; table.len() * terms];
            let mut made: Vec<(u32, u32)> = Vec::new();
            let mut fits = true;
            for doc in 0..docs {
                let ord = decoded.get(doc);
                let key = codes[doc] as usize * terms + ord as usize;
                if seen[key] == u32::MAX {
                    if made.len() == COMBOS {
                        fits = false;
                        break;
                    }
                    seen[key] = made.len() as u32;
                    made.push((codes[doc], ord));
                }
                next[doc] = seen[key];
            }
            if !fits {
                continue;
            }
            std::mem::swap(&mut codes, &mut next);
            table = made
                .iter()
                .map(|&(code, ord)| {
                    let mut ords = table[code as usize].clone();
                    ords.push(ord);
                    ords
                })
                .collect();
            members.push(name.to_owned());
        }
        if members.len() < 2 {
            return None;
        }
        Some(Combos {
            members,
            codes: codes.into_iter().map(|code| code as u16).collect(),
            ords: table.into_iter().flatten().collect(),
        })
    }

    fn count(&self) -> usize {
        self.ords.len() / self.members.len()
    }
}

/// A facet's buckets: (term, documents), the most documents first.
pub type Buckets = Vec<(String, u64)>;

/// A piece's (a range of a segment's documents) count of every live document per term
/// ordinal, by field.
type TotalsKey = (SegmentId, Option<Opstamp>, Range<DocId>, String);

/// The counts of every document of the segments searched, and their fields' ordinals,
/// made when first needed and kept while the segment is searched (``retain`` after a
/// reload).
#[derive(Default)]
pub struct SegmentTotals {
    kept: Mutex<HashMap<TotalsKey, Arc<Vec<u32>>>>,
    decoded: Mutex<HashMap<(SegmentId, String), Option<Arc<Decoded>>>>,
    // a field's column in a segment (None: no document has a value), opened once
    columns: Mutex<HashMap<(SegmentId, String), Option<StrColumn>>>,
    // a field's terms over several segments, by the segments (in the searcher's order)
    merged: Mutex<HashMap<(Vec<SegmentId>, String), Arc<MergedTerms>>>,
    // the codes of the fields of few terms among those asked, by segment and fields
    combos: Mutex<HashMap<(SegmentId, Vec<String>), Option<Arc<Combos>>>>,
}

impl SegmentTotals {
    /// Forget the segments ``searcher`` no longer has, and the pieces its searches no
    /// longer cut (``piece_docs`` documents each).
    pub fn retain(&self, searcher: &Searcher, piece_docs: u32) {
        let live: Vec<(SegmentId, Option<Opstamp>, DocId)> = searcher
            .segment_readers()
            .iter()
            .map(|r| (r.segment_id(), r.delete_opstamp(), r.max_doc()))
            .collect();
        self.kept
            .lock()
            .unwrap()
            .retain(|(id, stamp, range, _), _| {
                live.iter().any(|(live, live_stamp, max_doc)| {
                    live == id && live_stamp == stamp && cuts(*max_doc, piece_docs).contains(range)
                })
            });
        let alive = |id: &SegmentId| live.iter().any(|(live, _, _)| live == id);
        self.decoded.lock().unwrap().retain(|(id, _), _| alive(id));
        self.columns.lock().unwrap().retain(|(id, _), _| alive(id));
        self.combos.lock().unwrap().retain(|(id, _), _| alive(id));
        self.merged
            .lock()
            .unwrap()
            .retain(|(ids, _), _| ids.iter().all(alive));
    }

    /// The codes of the fields asked ``names`` (those of one value per document, their
    /// ordinals ``fields``) in the segment, made when first asked.
    fn combos(
        &self,
        reader: &SegmentReader,
        names: &[(String, usize)],
        fields: &[Option<FieldCount>],
    ) -> Option<Arc<Combos>> {
        // the fields asked as a set: their order changes nothing
        let mut set: Vec<String> = names.iter().map(|(name, _)| name.clone()).collect();
        set.sort_unstable();
        let key = (reader.segment_id(), set);
        let mut kept = self.combos.lock().unwrap();
        kept.entry(key)
            .or_insert_with(|| {
                let candidates: Vec<(&str, &Decoded, usize)> = names
                    .iter()
                    .zip(fields)
                    .filter_map(|((name, _), field)| {
                        let field = field.as_ref()?;
                        let decoded = field.decoded.as_deref()?;
                        Some((name.as_str(), decoded, field.counts.len() / field.lanes))
                    })
                    .collect();
                Combos::of(&candidates, reader.max_doc() as usize).map(Arc::new)
            })
            .clone()
    }

    /// The column of ``name`` in the segment, opened when first asked.
    fn column(&self, reader: &SegmentReader, name: &str) -> tantivy::Result<Option<StrColumn>> {
        let key = (reader.segment_id(), name.to_owned());
        if let Some(column) = self.columns.lock().unwrap().get(&key) {
            return Ok(column.clone());
        }
        let column = reader.fast_fields().str(name)?;
        self.columns.lock().unwrap().insert(key, column.clone());
        Ok(column)
    }

    /// The terms of ``name`` over the segments ``ids`` (their columns ``columns``), read
    /// once for as long as the segments are searched.
    fn merged(
        &self,
        ids: Vec<SegmentId>,
        name: &str,
        columns: &[&StrColumn],
    ) -> tantivy::Result<Arc<MergedTerms>> {
        let key = (ids, name.to_owned());
        if let Some(merged) = self.merged.lock().unwrap().get(&key) {
            return Ok(merged.clone());
        }
        let merged = Arc::new(MergedTerms::read(columns)?);
        self.merged.lock().unwrap().insert(key, merged.clone());
        Ok(merged)
    }

    /// The ordinals of ``name`` in every document of the segment, when worth keeping.
    fn decoded(
        &self,
        reader: &SegmentReader,
        name: &str,
        column: &StrColumn,
    ) -> Option<Arc<Decoded>> {
        // read under the lock: the pieces of a new segment would each read it otherwise
        let mut decoded = self.decoded.lock().unwrap();
        decoded
            .entry((reader.segment_id(), name.to_owned()))
            .or_insert_with(|| Decoded::of(column).map(Arc::new))
            .clone()
    }

    /// The counts of every live document of ``range``.
    fn of(
        &self,
        reader: &SegmentReader,
        range: Range<DocId>,
        name: &str,
        column: &StrColumn,
    ) -> Arc<Vec<u32>> {
        let key = (
            reader.segment_id(),
            reader.delete_opstamp(),
            range.clone(),
            name.to_owned(),
        );
        if let Some(found) = self.kept.lock().unwrap().get(&key) {
            return found.clone();
        }
        let decoded = self.decoded(reader, name, column);
        let mut every = Counting::new(vec![Some(FieldCount::new(column.clone(), decoded))]);
        let alive = reader.alive_bitset();
        let mut docs = Vec::with_capacity(BLOCK);
        for doc in range {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                docs.push(doc);
                if docs.len() == BLOCK {
                    every.count(&docs);
                    docs.clear();
                }
            }
        }
        every.count(&docs);
        let counts = Arc::new(every.fields.pop().flatten().expect("one field").totals().1);
        self.kept.lock().unwrap().insert(key, counts.clone());
        counts
    }
}

/// Counts the terms of the fields asked, each cut to its own number of buckets.
pub struct FacetCounter {
    asked: Vec<(String, usize)>,
    totals: Arc<SegmentTotals>,
}

/// One field's column in a segment, and the documents counted per term ordinal (``lanes``
/// counts in a row per ordinal).
struct FieldCount {
    column: StrColumn,
    ords: Column<u64>,
    decoded: Option<Arc<Decoded>>,
    lanes: usize,
    counts: Vec<u32>,
}

impl FieldCount {
    fn new(column: StrColumn, decoded: Option<Arc<Decoded>>) -> Self {
        let terms = column.dictionary().num_terms();
        let lanes = if terms <= FEW_TERMS { LANES } else { 1 };
        FieldCount {
            ords: column.ords().clone(),
            decoded,
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

/// The fields' counts of the documents given, read a block at a time.
struct Counting {
    fields: Vec<Option<FieldCount>>,
    values: Vec<u64>,
    row_values: Vec<u64>,
    // the fields counted together, their places in ``fields``, the documents per code
    combos: Option<(Arc<Combos>, Vec<usize>, Vec<u32>)>,
    // whether a field is counted in ``combos``
    combined: Vec<bool>,
}

impl Counting {
    fn new(fields: Vec<Option<FieldCount>>) -> Self {
        Counting {
            combined: vec![false; fields.len()],
            fields,
            values: vec![0; BLOCK],
            row_values: Vec::new(),
            combos: None,
        }
    }

    /// Count the fields of ``combos`` together from now on (``names``: the fields'
    /// names, in the order of ``fields``).
    fn combine(&mut self, combos: Arc<Combos>, names: &[(String, usize)]) {
        let places: Vec<usize> = combos
            .members
            .iter()
            .filter_map(|member| names.iter().position(|(name, _)| name == member))
            .collect();
        if places.len() != combos.members.len() {
            return;
        }
        for &at in &places {
            self.combined[at] = true;
        }
        let codes = vec![0u32; combos.count()];
        self.combos = Some((combos, places, codes));
    }

    /// The fields' counts, each code's count added to its values'.
    fn finish(mut self) -> Vec<Option<FieldCount>> {
        if let Some((combos, places, counts)) = self.combos.take() {
            let width = places.len();
            for (code, &n) in counts.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let ords = &combos.ords[code * width..(code + 1) * width];
                for (&at, &ord) in places.iter().zip(ords) {
                    if let Some(field) = self.fields[at].as_mut() {
                        field.counts[ord as usize * field.lanes] += n;
                    }
                }
            }
        }
        self.fields
    }

    /// Count ``docs`` (increasing, at most ``BLOCK``).
    fn count(&mut self, docs: &[DocId]) {
        if let Some((combos, _, counts)) = self.combos.as_mut() {
            for &doc in docs {
                counts[combos.codes[doc as usize] as usize] += 1;
            }
        }
        let fields = self.fields.iter_mut().zip(&self.combined);
        for field in fields
            .filter(|(_, combined)| !**combined)
            .filter_map(|(f, _)| f.as_mut())
        {
            let counts = &mut field.counts;
            let lanes = field.lanes;
            let lane = lanes - 1; // lanes: one or a power of two
            match field.decoded.as_deref() {
                Some(Decoded::Byte(ords)) => {
                    for (at, &doc) in docs.iter().enumerate() {
                        counts[ords[doc as usize] as usize * lanes + (at & lane)] += 1;
                    }
                    continue;
                }
                Some(Decoded::Short(ords)) => {
                    for &doc in docs {
                        counts[ords[doc as usize] as usize] += 1;
                    }
                    continue;
                }
                Some(Decoded::Int(ords)) => {
                    for &doc in docs {
                        counts[ords[doc as usize] as usize] += 1;
                    }
                    continue;
                }
                None => {}
            }
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
}

/// The counts of one piece of a segment (a whole segment, or a range of its documents)
/// of the documents matched.
pub struct PieceCounts {
    segment: SegmentOrdinal,
    id: SegmentId,
    fields: Vec<Option<(StrColumn, Vec<u32>)>>,
}

/// Counts one piece's matching documents, noted as they come and counted when done.
pub struct PieceCounter<'a> {
    segment: SegmentOrdinal,
    reader: &'a SegmentReader,
    range: Range<DocId>,
    names: &'a [(String, usize)],
    totals: &'a SegmentTotals,
    counting: Counting,
    // bit ``doc - range.start``: the document matched
    matched: Vec<u64>,
    hits: u32,
}

impl FacetCounter {
    /// ``asked``: (field, buckets) pairs; each field a string fast field.
    pub fn new(asked: Vec<(String, usize)>, totals: Arc<SegmentTotals>) -> Self {
        FacetCounter { asked, totals }
    }

    /// The counter of the documents ``range`` of a segment.
    pub fn for_piece<'a>(
        &'a self,
        segment: SegmentOrdinal,
        reader: &'a SegmentReader,
        range: Range<DocId>,
    ) -> tantivy::Result<PieceCounter<'a>> {
        let mut fields = Vec::with_capacity(self.asked.len());
        for (name, _) in &self.asked {
            let field = reader.schema().get_field(name)?;
            // only a text field's values are counted here: any other would come back
            // empty, a wrong answer rather than none
            if !matches!(
                reader.schema().get_field_entry(field).field_type(),
                FieldType::Str(_)
            ) {
                return Err(TantivyError::SchemaError(format!(
                    "{name} is not a text field: its facet cannot be counted"
                )));
            }
            let column = self.totals.column(reader, name)?;
            fields.push(column.map(|column| {
                let decoded = self.totals.decoded(reader, name, &column);
                FieldCount::new(column, decoded)
            }));
        }
        let words = (range.end - range.start).div_ceil(64) as usize;
        Ok(PieceCounter {
            segment,
            reader,
            range,
            names: &self.asked,
            totals: &self.totals,
            counting: Counting::new(fields),
            matched: vec![0; words],
            hits: 0,
        })
    }

    /// The buckets of every field asked, from the pieces' counts.
    pub fn merge(&self, pieces: Vec<PieceCounts>) -> tantivy::Result<Vec<(String, Buckets)>> {
        // the pieces of a segment share its ordinals: summed before any term is read
        let mut by_segment: Vec<PieceCounts> = Vec::new();
        for piece in pieces {
            match by_segment.iter_mut().find(|s| s.segment == piece.segment) {
                Some(seen) => add_counts(seen, piece),
                None => by_segment.push(piece),
            }
        }
        by_segment.sort_by_key(|segment| segment.segment);
        let mut answer = Vec::with_capacity(self.asked.len());
        for (at, (name, size)) in self.asked.iter().enumerate() {
            let counted: Vec<(SegmentId, &StrColumn, &[u32])> = by_segment
                .iter()
                .filter_map(|segment| Some((segment.id, segment.fields[at].as_ref()?)))
                .map(|(id, (column, counts))| (id, column, counts.as_slice()))
                .collect();
            let buckets = match counted.as_slice() {
                [] => Vec::new(),
                [(_, column, counts)] => segment_buckets(column, counts, *size)?,
                _ => {
                    let ids = counted.iter().map(|c| c.0).collect();
                    let columns: Vec<&StrColumn> = counted.iter().map(|c| c.1).collect();
                    let terms = self.totals.merged(ids, name, &columns)?;
                    let counts: Vec<&[u32]> = counted.iter().map(|c| c.2).collect();
                    terms.buckets(&counts, *size)?
                }
            };
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

/// The first ``size`` of ``items`` in ``order`` (a total order), in that order: only
/// the buckets kept are sorted.
fn keep_first<T>(items: &mut Vec<T>, size: usize, order: impl Fn(&T, &T) -> Ordering) {
    if size == 0 {
        items.clear();
        return;
    }
    if items.len() > size {
        items.select_nth_unstable_by(size - 1, &order);
        items.truncate(size);
    }
    items.sort_unstable_by(order);
}

fn utf8(term: &[u8]) -> tantivy::Result<String> {
    String::from_utf8(term.to_vec())
        .map_err(|_| TantivyError::InternalError("a facet term is not UTF-8".to_owned()))
}

/// The buckets of one segment's counts. Its ordinals are in the order of its terms'
/// bytes, so the buckets are ranked on numbers alone and only the terms kept are read.
fn segment_buckets(column: &StrColumn, counts: &[u32], size: usize) -> tantivy::Result<Buckets> {
    let mut ranked: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(ord, &n)| (n, ord as u32))
        .collect();
    keep_first(&mut ranked, size, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut ords: Vec<u64> = ranked.iter().map(|&(_, ord)| u64::from(ord)).collect();
    ords.sort_unstable();
    let mut terms: Vec<Vec<u8>> = Vec::with_capacity(ords.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |term| terms.push(term.to_vec()))?;
    ranked
        .iter()
        .map(|&(n, ord)| {
            let at = ords.binary_search(&u64::from(ord)).expect("a kept ordinal");
            Ok((utf8(&terms[at])?, u64::from(n)))
        })
        .collect()
}

/// A segment's terms, their bytes one after the other: the end of each term's bytes, in
/// the order of the terms (their ordinals).
struct SegmentTerms {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl SegmentTerms {
    fn read(column: &StrColumn) -> tantivy::Result<Self> {
        let ords: Vec<u64> = (0..column.dictionary().num_terms() as u64).collect();
        let mut terms = SegmentTerms {
            bytes: Vec::new(),
            ends: Vec::with_capacity(ords.len()),
        };
        column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
            terms.bytes.extend_from_slice(term);
            terms.ends.push(terms.bytes.len());
        })?;
        Ok(terms)
    }

    fn term(&self, at: usize) -> &[u8] {
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        &self.bytes[start..self.ends[at]]
    }
}

/// A field's terms over several segments: each distinct term once, in the order of its
/// bytes, and the place among them of each segment's ordinals. Read once for the
/// segments searched (``SegmentTotals::merged``), so a search adds its segments' counts
/// into one count per term and ranks them on numbers: a place's order is its term's.
pub struct MergedTerms {
    terms: SegmentTerms,
    // by segment (in the order read): each ordinal's place in ``terms``
    places: Vec<Vec<u32>>,
}

impl MergedTerms {
    fn read(columns: &[&StrColumn]) -> tantivy::Result<Self> {
        let segments: Vec<SegmentTerms> = columns
            .iter()
            .map(|column| SegmentTerms::read(column))
            .collect::<tantivy::Result<_>>()?;
        let mut merged = MergedTerms {
            terms: SegmentTerms {
                bytes: Vec::new(),
                ends: Vec::new(),
            },
            places: segments
                .iter()
                .map(|segment| Vec::with_capacity(segment.ends.len()))
                .collect(),
        };
        let mut next = vec![0usize; segments.len()];
        loop {
            let mut least: Option<&[u8]> = None;
            for (segment, &at) in segments.iter().zip(&next) {
                if at < segment.ends.len() {
                    let term = segment.term(at);
                    if least.is_none_or(|least| term < least) {
                        least = Some(term);
                    }
                }
            }
            let Some(least) = least else { break };
            let place = merged.terms.ends.len() as u32;
            merged.terms.bytes.extend_from_slice(least);
            merged.terms.ends.push(merged.terms.bytes.len());
            for (s, segment) in segments.iter().enumerate() {
                let at = next[s];
                if at < segment.ends.len() && segment.term(at) == least {
                    merged.places[s].push(place);
                    next[s] += 1;
                }
            }
        }
        Ok(merged)
    }

    /// The buckets of the segments' counts (one slice per segment, in the order read):
    /// the most documents first, then the term's bytes.
    fn buckets(&self, counts: &[&[u32]], size: usize) -> tantivy::Result<Buckets> {
        let mut totals = vec![0u64; self.terms.ends.len()];
        for (places, counts) in self.places.iter().zip(counts) {
            for (&place, &n) in places.iter().zip(counts.iter()) {
                totals[place as usize] += u64::from(n);
            }
        }
        let mut ranked: Vec<(u64, u32)> = totals
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(place, &n)| (n, place as u32))
            .collect();
        keep_first(&mut ranked, size, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .iter()
            .map(|&(n, place)| Ok((utf8(self.terms.term(place as usize))?, n)))
            .collect()
    }
}

impl PieceCounter<'_> {
    /// A matching document (in increasing order, live).
    #[inline]
    pub fn collect(&mut self, doc: DocId) {
        let at = (doc - self.range.start) as usize;
        self.matched[at / 64] |= 1 << (at % 64);
        self.hits += 1;
    }

    /// Matching documents (in increasing order, live).
    pub fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc);
        }
    }

    /// Count the documents noted: those matched, or, when most of the piece matched,
    /// the live ones that did not, taken from the piece's counts of every document.
    pub fn harvest(mut self) -> PieceCounts {
        let start = self.range.start;
        let docs = self.range.end - start;
        let unmatched = u64::from(self.hits) * 2 > u64::from(docs);
        let counted = if unmatched {
            docs - self.hits
        } else {
            self.hits
        };
        if let Some(combos) = self
            .totals
            .combos(self.reader, self.names, &self.counting.fields)
        {
            // worth it when the documents counted outnumber the codes to add up
            if counted as usize >= 2 * combos.count() {
                self.counting.combine(combos, self.names);
            }
        }
        let alive = self.reader.alive_bitset();
        let mut pending: Vec<DocId> = Vec::with_capacity(BLOCK);
        for (at, &word) in self.matched.iter().enumerate() {
            let mut bits = if unmatched { !word } else { word };
            let base = at as u32 * 64;
            if base + 64 > docs {
                bits &= (1u64 << (docs - base)) - 1;
            }
            while bits != 0 {
                let doc = start + base + bits.trailing_zeros();
                bits &= bits - 1;
                if unmatched && alive.is_some_and(|bits| !bits.is_alive(doc)) {
                    continue;
                }
                pending.push(doc);
                if pending.len() == BLOCK {
                    self.counting.count(&pending);
                    pending.clear();
                }
            }
        }
        self.counting.count(&pending);
        let mut fields: Vec<Option<(StrColumn, Vec<u32>)>> = self
            .counting
            .finish()
            .into_iter()
            .map(|field| field.map(FieldCount::totals))
            .collect();
        if unmatched {
            for ((name, _), field) in self.names.iter().zip(fields.iter_mut()) {
                if let Some((column, counts)) = field {
                    let every = self
                        .totals
                        .of(self.reader, self.range.clone(), name, column);
                    for (count, all) in counts.iter_mut().zip(every.iter()) {
                        *count = all - *count;
                    }
                }
            }
        }
        PieceCounts {
            segment: self.segment,
            id: self.reader.segment_id(),
            fields,
        }
    }
}
