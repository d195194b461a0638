//! One pass of a search over the embedded index: the page (top-k by score or by a fast
//! field), the exact total and the facets' counts (``facets.rs``) collected together,
//! each segment on its own core. The question arrives as a plan the Python side builds (the
//! same queries it would build with tantivy-py), so scores and order are the same. The
//! index is written by ``writer.rs`` (tantivy-py's analysers, stems remembered).

mod analysis;
mod articles;
mod citations;
mod facets;
mod highlight;
mod pairs;
mod pieces;
mod plan;
mod stored;
mod tesis;
mod writer;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering as Atomic};
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

use facets::{Buckets, FacetCounter, SegmentTotals};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::TantivyError;
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Executor, Index, IndexReader, Order, ReloadPolicy, Score,
    Searcher, SegmentReader, Term, TERMINATED,
};

/// Fewer documents than this are never cut in two (the cut costs a scorer of its own).
const MIN_PIECE_DOCS: u32 = 20_000;

/// Tantivy's decompressed doc-store blocks kept per segment, unless told.
const DOC_STORE_BLOCKS: usize = 100;

create_exception!(
    abierto_native,
    TooMuchWork,
    PyValueError,
    "A question whose proximity phrases need more work than its budget allows."
);

/// A hit: its score (relevance only), its stored ``payload`` and, when its ``text`` is
/// asked, its highlights or its stored document (the text read from it in place: never
/// copied before Python's string reads it).
type Hit = (Option<f32>, Vec<u8>, Option<Marked>);

/// A hit's highlights, made as its document is read (the document then let go: a page
/// of 100 texts of a megabyte is never held at once), or its document where Python
/// makes them.
enum Marked {
    Lit(Vec<String>),
    Left(stored::Stored),
}

/// An index folder opened for reading only: it never takes the writer's lock.
#[pyclass(frozen)]
struct NativeIndex {
    reader: IndexReader,
    threads: u32,
    // the most documents one thread collects at a time; 0: the index over the threads
    piece_docs: u32,
    text: Field,
    // the documents' ids (raw terms): ``most_cited`` finds the counted ones through them
    id: Option<Field>,
    // the hits' payload and text, read in place from the doc store
    stored: stored::StoredFields,
    // the searcher searches are made on, swapped by ``reload`` (a search in flight keeps
    // the one it took)
    searcher: Mutex<Searcher>,
    // the facets' counts of every document, per segment
    totals: Arc<SegmentTotals>,
    // searches being collected now: with as many as threads, each is collected on its
    // caller's thread alone (the cores are busy; handing pieces to the executor's threads
    // then only costs their wake-ups and waits)
    running: AtomicU32,
    // the executor of a search collected alone
    alone: Executor,
}

/// One more search being collected, one fewer when dropped.
struct Running<'a>(&'a AtomicU32);

impl<'a> Running<'a> {
    /// ``running`` counted up; the searches now collected (this one too).
    fn count(running: &'a AtomicU32) -> (Self, u32) {
        let now = running.fetch_add(1, Atomic::Relaxed) + 1;
        (Running(running), now)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Atomic::Relaxed);
    }
}

fn io_error(err: TantivyError) -> PyErr {
    PyOSError::new_err(err.to_string())
}

fn bad_value(err: impl ToString) -> PyErr {
    PyValueError::new_err(err.to_string())
}

#[pymethods]
impl NativeIndex {
    /// ``threads``: one search is collected on this many threads, the index cut in
    /// pieces of about ``piece_docs`` documents (by default as many as threads).
    /// ``doc_store_blocks``: decompressed blocks of stored documents each segment keeps
    /// (a block is one document when it is large: 100 of 1 MB texts stay after a page).
    #[new]
    #[pyo3(signature = (path, threads, piece_docs=None, doc_store_blocks=DOC_STORE_BLOCKS))]
    fn new(
        path: &str,
        threads: usize,
        piece_docs: Option<u32>,
        doc_store_blocks: usize,
    ) -> PyResult<Self> {
        let mut index = Index::open_in_dir(path).map_err(io_error)?;
        if threads > 1 {
            index.set_multithread_executor(threads).map_err(io_error)?;
        }
        let schema = index.schema();
        let payload = schema.get_field("payload").map_err(bad_value)?;
        let text = schema.get_field("text").map_err(bad_value)?;
        // only ``most_cited`` with counts reads it: an index of other fields still opens
        let id = schema.get_field("id").ok();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(doc_store_blocks.max(1))
            .try_into()
            .map_err(io_error)?;
        let searcher = Mutex::new(reader.searcher());
        let threads = threads.max(1) as u32;
        let piece_docs = piece_docs.unwrap_or(0);
        Ok(NativeIndex {
            reader,
            threads,
            piece_docs,
            text,
            id,
            stored: stored::StoredFields::new(payload, text, doc_store_blocks.max(1)),
            searcher,
            totals: Arc::default(),
            running: AtomicU32::new(0),
            alone: Executor::single_thread(),
        })
    }

    /// Read the last commit (the caller's other reader just did).
    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.reader.reload()).map_err(io_error)?;
        let searcher = self.reader.searcher();
        self.totals.retain(&searcher, self.piece_size(&searcher));
        self.stored.retain(&searcher);
        *self.searcher.lock().unwrap() = searcher;
        Ok(())
    }

    /// Each text's highlights for the question of ``marks`` (``search`` makes them so for
    /// its hits); None where Python must make them.
    fn highlights(
        &self,
        py: Python<'_>,
        marks: &str,
        texts: Vec<String>,
    ) -> PyResult<Vec<Option<Vec<String>>>> {
        let searcher = self.searcher.lock().unwrap().clone();
        let texts = texts.iter().map(|text| Some(text.as_str()));
        py.detach(|| highlight::mark_texts(&searcher, self.text, marks, texts))
            .map_err(bad_value)
    }

    /// How many documents the current searcher sees.
    fn num_docs(&self) -> u64 {
        self.searcher.lock().unwrap().num_docs()
    }

    /// The page of ``plan`` (JSON, see ``plan.rs``) from ``offset``, ordered by ``sort``
    /// (``relevance``, ``date_desc``, ``date_asc``, ``most_cited``), with the number of
    /// matches when ``count`` and the counts of ``facets`` ((field, buckets) pairs, the
    /// buckets of Tantivy's terms aggregation) collected in the same pass. Returns (total
    /// or None, [(field, [(term, documents)])] or None, hits), each hit (score or None,
    /// payload bytes, text or None). With ``marks`` (a question's highlight spec, see
    /// ``highlight.rs``) a hit's text is its highlights instead, a list, where it can be.
    /// ``work``: (steps, steps per position, most steps) its proximity phrases may take
    /// beyond the steps allowed per position read, and in all (``plan/budget.rs``; None:
    /// no limit), or ``TooMuchWork`` is raised, never a part of the answer.
    #[pyo3(signature = (plan, limit, offset, sort, count, facets=None, texts=false, marks=None, work=None, counts=None))]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        plan: &str,
        limit: usize,
        offset: usize,
        sort: &str,
        count: bool,
        facets: Option<Vec<(String, usize)>>,
        texts: bool,
        marks: Option<&str>,
        work: Option<(u64, u64, u64)>,
        counts: Option<Vec<(String, u64)>>,
    ) -> PyResult<Page<'py>> {
        let searcher = self.searcher.lock().unwrap().clone();
        let asked = Asked {
            plan,
            limit,
            offset,
            sort,
            count,
            facets,
            texts,
            marks,
            work,
            counts,
        };
        self.search_on(py, &searcher, asked)
    }

    /// The commit the index reads now, kept as it is (``HeldSearcher``): searched with
    /// the same answers after ``reload`` has moved on, its segments' files kept open
    /// (those merged away since too) for as long as it is kept.
    fn held(slf: &Bound<'_, Self>) -> HeldSearcher {
        let searcher = slf.get().searcher.lock().unwrap().clone();
        HeldSearcher {
            index: slf.clone().unbind(),
            searcher,
        }
    }
}

/// One commit of a ``NativeIndex`` (``NativeIndex.held``): a page's cursor names the
/// commit it was read from, and its next page is read from it, natively, while the
/// caller keeps this (the caller bounds how many and how long: each keeps its commit's
/// segment files, merged away since or not, open). Its segments' facet counts are kept
/// with the index's (keyed by segment, deletes and piece: the same answers), those of
/// segments merged away dropped again at the index's next reload.
#[pyclass(frozen)]
struct HeldSearcher {
    index: Py<NativeIndex>,
    searcher: Searcher,
}

#[pymethods]
impl HeldSearcher {
    /// How many documents the commit has.
    fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// ``NativeIndex.search`` of this commit.
    #[pyo3(signature = (plan, limit, offset, sort, count, facets=None, texts=false, marks=None, work=None, counts=None))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        plan: &str,
        limit: usize,
        offset: usize,
        sort: &str,
        count: bool,
        facets: Option<Vec<(String, usize)>>,
        texts: bool,
        marks: Option<&str>,
        work: Option<(u64, u64, u64)>,
        counts: Option<Vec<(String, u64)>>,
    ) -> PyResult<Page<'py>> {
        let asked = Asked {
            plan,
            limit,
            offset,
            sort,
            count,
            facets,
            texts,
            marks,
            work,
            counts,
        };
        self.index.get().search_on(py, &self.searcher, asked)
    }
}

/// A search's question, as ``NativeIndex.search`` is given it.
struct Asked<'a> {
    plan: &'a str,
    limit: usize,
    offset: usize,
    sort: &'a str,
    count: bool,
    facets: Option<Vec<(String, usize)>>,
    texts: bool,
    marks: Option<&'a str>,
    work: Option<(u64, u64, u64)>,
    // ``most_cited``: how many documents cite each counted one (by id), kept apart from
    // the index; None: the index's own ``cited_by`` fast field
    counts: Option<Vec<(String, u64)>>,
}

/// ``search``'s answer: (total or None, facets' buckets or None, hits).
type Page<'py> = (
    Option<u64>,
    Option<Vec<(String, Buckets)>>,
    Vec<(Option<f32>, Bound<'py, PyBytes>, Option<Bound<'py, PyAny>>)>,
);

type Answer = (Option<u64>, Option<Vec<(String, Buckets)>>, Vec<Hit>);

impl NativeIndex {
    /// ``search`` on ``searcher`` (the current commit's, or a held one's).
    fn search_on<'py>(
        &self,
        py: Python<'py>,
        searcher: &Searcher,
        asked: Asked<'_>,
    ) -> PyResult<Page<'py>> {
        let budget = plan::Budget::new(asked.work);
        let query = plan::build(searcher.schema(), asked.plan, &budget).map_err(bad_value)?;
        let counts = asked.counts.map(Arc::new);
        let (total, facets, hits) = py.detach(|| {
            self.run(
                searcher,
                query.as_ref(),
                asked.limit,
                asked.offset,
                asked.sort,
                asked.count,
                asked.facets,
                asked.texts,
                asked.marks,
                counts,
            )
        })?;
        if budget.exceeded() {
            // its scorers stopped part way: what was collected is not the answer
            return Err(TooMuchWork::new_err(format!(
                "the proximity phrases need more than {} steps beyond their positions, or {} in all",
                budget.limit(),
                budget.max_steps()
            )));
        }
        let mut out = Vec::with_capacity(hits.len());
        for (score, payload, text) in hits {
            let text = match text {
                Some(Marked::Lit(lit)) => Some(PyList::new(py, lit)?.into_any()),
                Some(Marked::Left(d)) => Some(PyString::from_bytes(py, d.text_bytes())?.into_any()),
                None => None,
            };
            out.push((score, PyBytes::new(py, &payload), text));
        }
        Ok((total, facets, out))
    }

    /// The most documents one thread collects: the index shared among the threads (a
    /// single large segment too), never less than ``MIN_PIECE_DOCS`` unless told.
    fn piece_size(&self, searcher: &Searcher) -> u32 {
        if self.piece_docs > 0 {
            return self.piece_docs;
        }
        let docs: u32 = searcher.segment_readers().iter().map(|r| r.max_doc()).sum();
        docs.div_ceil(self.threads).max(MIN_PIECE_DOCS)
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
        offset: usize,
        sort: &str,
        count: bool,
        facets: Option<Vec<(String, usize)>>,
        texts: bool,
        marks: Option<&str>,
        counts: Option<Arc<Vec<(String, u64)>>>,
    ) -> PyResult<Answer> {
        let mut marker = marks
            .map(|spec| highlight::Marker::new(searcher, self.text, spec))
            .transpose()
            .map_err(bad_value)?;
        let counter = if count { Some(Count) } else { None };
        let facets = facets.map(|asked| FacetCounter::new(asked, self.totals.clone()));
        let facets = facets.as_ref();
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let piece = self.piece_size(searcher);
        // the same pieces and the same merge in their order: the same answer either way
        let (_running, now) = Running::count(&self.running);
        let executor = if self.threads > 1 && now >= self.threads {
            &self.alone
        } else {
            searcher.index().search_executor()
        };
        let (scored, addresses, total, facets) = match sort {
            "relevance" => {
                // never the page alone: top-k with pruning (block-max WAND) sums a
                // document's score in another order, a last bit apart from tantivy-py's
                let collector = top.order_by_score();
                let ((page, total), facets) = pieces::search(
                    searcher,
                    executor,
                    query,
                    &(collector, counter),
                    facets,
                    piece,
                )
                .map_err(bad_value)?;
                let (scores, addresses): (Vec<_>, Vec<_>) = page
                    .into_iter()
                    .map(|(score, address)| (Some(score), address))
                    .unzip();
                (scores, addresses, total, facets)
            }
            "date_desc" | "date_asc" => {
                let order = if sort == "date_asc" {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let collector = top.order_by_fast_field::<DateTime>("date", order);
                let ((page, total), facets) = pieces::search(
                    searcher,
                    executor,
                    query,
                    &(collector, counter),
                    facets,
                    piece,
                )
                .map_err(bad_value)?;
                let addresses: Vec<DocAddress> = page.into_iter().map(|(_, a)| a).collect();
                (vec![None; addresses.len()], addresses, total, facets)
            }
            "most_cited" if counts.is_some() => {
                // the counts kept apart from the index (``Asked::counts``): each segment
                // finds its counted documents by their ids' terms, every other counts 0
                let counts = counts.unwrap_or_default();
                let id = self
                    .id
                    .ok_or_else(|| bad_value("the index has no id field to count by"))?;
                let collector = top.tweak_score(move |segment: &SegmentReader| {
                    let by_doc = segment_counts(segment, id, &counts);
                    move |doc: DocId, _: Score| by_doc.get(&doc).copied().unwrap_or(0)
                });
                let ((page, total), facets) = pieces::search(
                    searcher,
                    executor,
                    query,
                    &(collector, counter),
                    facets,
                    piece,
                )
                .map_err(bad_value)?;
                let addresses: Vec<DocAddress> = page.into_iter().map(|(_, a)| a).collect();
                (vec![None; addresses.len()], addresses, total, facets)
            }
            "most_cited" => {
                let collector = top.order_by_fast_field::<u64>("cited_by", Order::Desc);
                let ((page, total), facets) = pieces::search(
                    searcher,
                    executor,
                    query,
                    &(collector, counter),
                    facets,
                    piece,
                )
                .map_err(bad_value)?;
                let addresses: Vec<DocAddress> = page.into_iter().map(|(_, a)| a).collect();
                (vec![None; addresses.len()], addresses, total, facets)
            }
            other => return Err(bad_value(format!("unknown sort {other:?}"))),
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in scored.into_iter().zip(addresses) {
            let doc = self.stored.read(searcher, address).map_err(io_error)?;
            let payload = doc.payload().to_vec();
            let text = match marker.as_mut() {
                Some(marker) => match marker.highlights(doc.text().map_err(io_error)?) {
                    Some(lit) => Some(Marked::Lit(lit)),
                    None => Some(Marked::Left(doc)),
                },
                None => texts.then_some(Marked::Left(doc)),
            };
            hits.push((score, payload, text));
        }
        Ok((total.map(|n| n as u64), facets, hits))
    }
}

/// The counts of ``counts`` (id, count) of the documents ``segment`` holds, by its
/// document numbers (a deleted one is never collected: left in).
fn segment_counts(
    segment: &SegmentReader,
    id: Field,
    counts: &[(String, u64)],
) -> HashMap<DocId, u64> {
    let mut by_doc = HashMap::new();
    let Ok(inverted) = segment.inverted_index(id) else {
        return by_doc;
    };
    for (doc_id, count) in counts {
        let term = Term::from_field_text(id, doc_id);
        if let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::Basic) {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                by_doc.insert(doc, *count);
                doc = postings.advance();
            }
        }
    }
    by_doc
}

/// The exact phrases' kept matches (``plan/cached.rs``): (spans found, spans not found,
/// bytes kept, phrases kept) since the process started. ``capacity``: drop every kept
/// span and bound them to that many bytes from now on (0: keep none), and with
/// ``min_span`` keep spans of that many documents or more.
#[pyfunction]
#[pyo3(signature = (capacity=None, min_span=None))]
fn phrase_cache(capacity: Option<usize>, min_span: Option<u32>) -> (u64, u64, usize, usize) {
    if let Some(bytes) = capacity {
        plan::set_phrase_cache(bytes, min_span);
    }
    plan::phrase_cache_stats()
}

/// The prefixes' kept documents (``plan/prefix.rs``): (found, not found, bytes kept,
/// entries kept) since the process started. ``capacity``: drop every kept bitset and bound
/// them to that many bytes from now on (0: keep none).
#[pyfunction]
#[pyo3(signature = (capacity=None))]
fn prefix_cache(capacity: Option<usize>) -> (u64, u64, usize, usize) {
    if let Some(bytes) = capacity {
        plan::set_prefix_cache(bytes);
    }
    plan::prefix_cache_stats()
}

#[pymodule]
fn abierto_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<NativeIndex>()?;
    module.add_class::<HeldSearcher>()?;
    module.add("TooMuchWork", module.py().get_type::<TooMuchWork>())?;
    module.add_class::<pairs::PairTerms>()?;
    module.add_class::<writer::NativeWriter>()?;
    module.add_class::<citations::CitationScanner>()?;
    module.add("CITATION_READER_SOURCE", citations::SOURCE)?;
    module.add_class::<articles::ArticleScanner>()?;
    module.add("ARTICLE_READER_SOURCE", articles::SOURCE)?;
    module.add_class::<tesis::TesisScanner>()?;
    module.add("TESIS_READER_SOURCE", tesis::SOURCE)?;
    module.add_function(wrap_pyfunction!(citations::citation_classes, module)?)?;
    module.add_function(wrap_pyfunction!(citations::citation_probe, module)?)?;
    module.add_function(wrap_pyfunction!(citations::scan_citations, module)?)?;
    module.add_function(wrap_pyfunction!(writer::remembered_stems, module)?)?;
    module.add_function(wrap_pyfunction!(phrase_cache, module)?)?;
    module.add_function(wrap_pyfunction!(prefix_cache, module)?)?;
    Ok(())
}
