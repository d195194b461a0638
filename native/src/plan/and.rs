//! Two required clauses or more (``a AND b [AND c ...]``, with any ``must_not`` clauses
//! beside them), matched a window of 4,096 documents at a time instead of Tantivy's
//! intersection seeking one clause onto the other document by document. The clauses of a
//! question are each the union of a word over the fields (``title``, ``meta``, ``text``):
//! Tantivy's union already reads its terms a window at a time, then the intersection
//! seeks it, one document after another, through calls that cost more than the reading
//! (``A AND B`` over two unions of 72k and 93k documents: 4.0 ms against 1.0 and 1.2 ms
//! for each union alone, 100k documents, ``bench/native_match.py``).
//!
//! Here the cheapest clause (the lowest ``cost``, the first on a tie) fills a window's
//! bitset and scores; each other clause, the cheapest first, fills its own window and the
//! two are ANDed, or, where the window holds few candidates (``SPARSE``), is sought at
//! each of them (a rare word against a common one: its postings skipped, not read). The
//! ``must_not`` clauses then take their documents out the same way. A clause that is a
//! union of terms (``Clause::Terms``) is read from its terms' postings, scored as
//! Tantivy's term scorer scores them (``TermDocs``: Tantivy's is not public), without the
//! union's buffer between.
//!
//! The same documents and the same scores, bit for bit: a union's score is ``0.0`` plus
//! its terms' scores in the clauses' order (Tantivy's ``SumCombiner``), each clause's
//! kept apart in the window, and a document's the sum Tantivy's intersection makes of
//! them: two clauses' (commutative: either order gives the same float), or with three
//! or more its left's plus its right's plus the sum of the others', in the order of their
//! costs once aligned on their first common document (a union's cost drops as its terms
//! run out). That order is read from Tantivy's own scorers of the clauses, made and
//! aligned as its boolean weight makes them (``aligned``), once per segment; below such
//! a question every clause is Tantivy's own, so each reports the costs Tantivy's would
//! (``plan.rs``, ``sum_order``), and such a question with a clause holding a ``bool``
//! (words beside two filters) or an ``all`` (filters without words) is left to Tantivy
//! whole. Whatever this module does not know (a clause matching every document, an
//! empty one) is answered by Tantivy's own boolean weight. Once per segment (and per
//! piece) the order costs Tantivy's scorers of the clauses made: a few windows' reading.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    AllScorer, Bm25Weight, BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// A window's documents.
const WINDOW: u32 = 4096;
const WORDS: usize = (WINDOW / 64) as usize;
/// At most this many candidates in a window: the next clause is sought at each of them
/// rather than read through the window.
const SPARSE: u32 = 48;

/// A required clause as planned: the union of terms (each with its boost, ``None`` when
/// not boosted), or any other query.
#[derive(Debug)]
pub enum Planned {
    Terms(Vec<(Term, Option<Score>)>),
    Other(Box<dyn Query>),
}

impl Clone for Planned {
    fn clone(&self) -> Self {
        match self {
            Planned::Terms(terms) => Planned::Terms(terms.clone()),
            Planned::Other(query) => Planned::Other(query.box_clone()),
        }
    }
}

/// ``a AND b [AND c ...] [NOT d ...]``: ``fallback`` is the same question as Tantivy's
/// boolean query; ``queries`` the required clauses as built (Tantivy's own, whose scorers
/// tell the order Tantivy sums three clauses or more in).
#[derive(Debug)]
pub struct AndQuery {
    fallback: BooleanQuery,
    musts: Vec<Planned>,
    queries: Vec<Box<dyn Query>>,
    nots: Vec<Box<dyn Query>>,
}

impl Clone for AndQuery {
    fn clone(&self) -> Self {
        AndQuery {
            fallback: self.fallback.clone(),
            musts: self.musts.clone(),
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
            nots: self.nots.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl AndQuery {
    pub fn new(
        fallback: BooleanQuery,
        musts: Vec<Planned>,
        queries: Vec<Box<dyn Query>>,
        nots: Vec<Box<dyn Query>>,
    ) -> Self {
        debug_assert!(musts.len() >= 2 && musts.len() == queries.len());
        AndQuery {
            fallback,
            musts,
            queries,
            nots,
        }
    }
}

/// A term of a union, weighed as Tantivy's ``TermQuery`` weighs it (its BM25 weight from
/// the searcher's statistics, None unscored), with its boost.
struct TermWeight {
    term: Term,
    bm25: Option<Bm25Weight>,
    boost: Option<Score>,
}

enum MustWeight {
    Terms(Vec<TermWeight>),
    Other(Box<dyn Weight>),
}

/// A term's documents in a segment, scored as Tantivy's ``TermScorer`` scores them (its
/// BM25 weight of the term freq and field norm); Tantivy's own is not public.
struct TermDocs {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    /// None unscored (never asked for a score then)
    bm25: Option<Bm25Weight>,
}

impl TermDocs {
    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn score(&mut self) -> Score {
        match self.bm25.as_ref() {
            Some(bm25) => {
                let norm = self.fieldnorms.fieldnorm_id(self.postings.doc());
                bm25.score(norm, self.postings.term_freq())
            }
            None => 1.0,
        }
    }

    fn cost(&self) -> u64 {
        self.postings.size_hint() as u64
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

/// ``term``'s documents in ``reader`` (None: not in the segment; Err(()): Tantivy's term
/// scorer would be its ``AllScorer``, left to Tantivy).
fn term_docs(
    weight: &TermWeight,
    reader: &SegmentReader,
    boost: Score,
) -> tantivy::Result<Result<Option<TermDocs>, ()>> {
    let field = weight.term.field();
    let inverted = reader.inverted_index(field)?;
    let Some(info) = inverted.get_term_info(&weight.term)? else {
        return Ok(Ok(None));
    };
    let Some(bm25) = weight.bm25.as_ref() else {
        if info.doc_freq == reader.max_doc() {
            return Ok(Err(()));
        }
        let postings = inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
        return Ok(Ok(Some(TermDocs {
            postings,
            fieldnorms: FieldNormReader::constant(reader.max_doc(), 1),
            bm25: None,
        })));
    };
    let postings = inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
    let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
        Some(found) => found,
        None => FieldNormReader::constant(reader.max_doc(), 1),
    };
    Ok(Ok(Some(TermDocs {
        postings,
        fieldnorms,
        // as ``BoostWeight`` passes it: the boost asked times its own
        bm25: Some(bm25.boost_by(weight.boost.map_or(boost, |factor| boost * factor))),
    })))
}

impl Query for AndQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut musts = Vec::with_capacity(self.musts.len());
        // three clauses or more, scored: Tantivy's own weight of each union of terms (an
        // other clause's is its own), whose aligned scorers tell the order of the sum
        let ordered = self.musts.len() >= 3 && scoring.is_scoring_enabled();
        let mut tantivy = Vec::with_capacity(if ordered { self.musts.len() } else { 0 });
        for (planned, query) in self.musts.iter().zip(&self.queries) {
            if ordered {
                tantivy.push(match planned {
                    Planned::Terms(_) => Some(query.weight(scoring)?),
                    Planned::Other(_) => None,
                });
            }
            musts.push(match planned {
                Planned::Terms(terms) => {
                    let mut weights = Vec::with_capacity(terms.len());
                    for (term, boost) in terms {
                        let bm25 = match &scoring {
                            EnableScoring::Enabled {
                                statistics_provider,
                                ..
                            } => Some(Bm25Weight::for_terms(
                                *statistics_provider,
                                std::slice::from_ref(term),
                            )?),
                            EnableScoring::Disabled { .. } => None,
                        };
                        weights.push(TermWeight {
                            term: term.clone(),
                            bm25,
                            boost: *boost,
                        });
                    }
                    MustWeight::Terms(weights)
                }
                Planned::Other(query) => MustWeight::Other(query.weight(scoring)?),
            });
        }
        let nots = self
            .nots
            .iter()
            .map(|query| query.weight(scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(AndWeight {
            fallback: self.fallback.weight(scoring)?,
            musts,
            tantivy,
            nots,
            scored: scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.fallback.query_terms(visitor)
    }
}

struct AndWeight {
    fallback: Box<dyn Weight>,
    musts: Vec<MustWeight>,
    /// three clauses or more, scored: each union of terms' Tantivy weight (None: an other
    /// clause, its own weight); empty otherwise
    tantivy: Vec<Option<Box<dyn Weight>>>,
    nots: Vec<Box<dyn Weight>>,
    scored: bool,
}

/// The required clauses' scorers made and aligned on their first common document as
/// Tantivy's boolean weight makes them (``create_aligned_scorers_for_intersection``, not
/// public), None when they have none.
fn aligned(
    weights: &[&dyn Weight],
    reader: &SegmentReader,
    boost: Score,
) -> tantivy::Result<Option<Vec<Box<dyn Scorer>>>> {
    let mut candidate: DocId = 0;
    let mut scorers: Vec<Box<dyn Scorer>> = Vec::with_capacity(weights.len());
    let mut aligned = 0;
    for weight in weights {
        let (found, scorer) = weight.scorer_danger(reader, candidate, boost)?;
        scorers.push(scorer);
        if let SeekDangerResult::SeekLowerBound(next) = found {
            candidate = next;
            aligned = 0;
        } else {
            aligned += 1;
        }
        if candidate >= TERMINATED {
            return Ok(None);
        }
    }
    let mut at = 0;
    while aligned < scorers.len() {
        if let SeekDangerResult::SeekLowerBound(next) = scorers[at].seek_danger(candidate) {
            candidate = next;
            if candidate == TERMINATED {
                return Ok(None);
            }
            aligned = 0;
        } else {
            aligned += 1;
        }
        at = (at + 1) % scorers.len();
    }
    Ok(Some(scorers))
}

/// What a segment's clauses make: the windowed scorer, nothing (Tantivy's answer: no
/// document), or Tantivy's own scorer wanted.
enum Made {
    And(Box<AndScorer>),
    /// one clause's scorer (and its place), the other matching every document
    One(Box<dyn Scorer>, usize),
    Empty,
    Tantivy,
}

impl AndWeight {
    fn make(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Made> {
        let mut nots = Vec::with_capacity(self.nots.len());
        for weight in &self.nots {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.is::<AllScorer>() {
                return Ok(Made::Empty);
            }
            if scorer.is::<EmptyScorer>() || scorer.doc() == TERMINATED {
                continue;
            }
            nots.push(scorer);
        }
        let n = self.musts.len();
        // three clauses or more, scored: Tantivy's scorers made as it makes them tell the
        // order it sums their scores in (its intersection's, by their costs once aligned)
        let mut order = None;
        let mut others: Vec<Option<Box<dyn Scorer>>> = Vec::new();
        if !self.tantivy.is_empty() {
            let weights: Vec<&dyn Weight> = self
                .tantivy
                .iter()
                .zip(&self.musts)
                .map(|(tantivy, must)| match (tantivy, must) {
                    (Some(weight), _) => weight.as_ref(),
                    (None, MustWeight::Other(weight)) => weight.as_ref(),
                    (None, MustWeight::Terms(_)) => unreachable!("a union's weight is made"),
                })
                .collect();
            let Some(scorers) = aligned(&weights, reader, boost)? else {
                return Ok(Made::Empty);
            };
            if scorers.iter().any(|scorer| scorer.is::<AllScorer>()) {
                // a clause Tantivy leaves out (its score too)
                return Ok(Made::Tantivy);
            }
            let mut places: Vec<usize> = (0..n).collect();
            // stable, as Tantivy's ``sort_by_key``
            places.sort_by_key(|&place| scorers[place].cost());
            order = Some(places);
            // an other clause's aligned scorer is the one read (its documents before the
            // first common one are none of the intersection's)
            others = self
                .tantivy
                .iter()
                .zip(scorers)
                .map(|(tantivy, scorer)| tantivy.is_none().then_some(scorer))
                .collect();
        }
        let mut clauses = Vec::with_capacity(n);
        // required clauses matching every document: Tantivy leaves them out (their score too)
        let mut every = 0;
        let mut kept = 0;
        for (place, must) in self.musts.iter().enumerate() {
            match must {
                MustWeight::Terms(weights) => {
                    let mut terms = Vec::with_capacity(weights.len());
                    for weight in weights {
                        match term_docs(weight, reader, boost)? {
                            Ok(Some(docs)) => terms.push(docs),
                            Ok(None) => {}
                            Err(()) => return Ok(Made::Tantivy),
                        }
                    }
                    if terms.is_empty() {
                        return Ok(Made::Empty);
                    }
                    clauses.push(Clause::Terms(terms));
                }
                MustWeight::Other(weight) => {
                    let scorer = match others.get_mut(place).and_then(Option::take) {
                        Some(scorer) => scorer,
                        None => weight.scorer(reader, boost)?,
                    };
                    if scorer.is::<EmptyScorer>() || scorer.doc() == TERMINATED {
                        return Ok(Made::Empty);
                    }
                    if scorer.is::<AllScorer>() {
                        every += 1;
                        continue;
                    }
                    kept = place;
                    clauses.push(Clause::Other(scorer));
                }
            }
        }
        if every > 0 {
            // the other clause alone, as Tantivy's intersection of one is that clause
            return Ok(match (clauses.pop(), nots.is_empty()) {
                (Some(Clause::Other(scorer)), true) if clauses.is_empty() && n == 2 => {
                    Made::One(scorer, kept)
                }
                _ => Made::Tantivy,
            });
        }
        Ok(Made::And(AndScorer::new(clauses, order, nots, self.scored)))
    }
}

impl Weight for AndWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.make(reader, boost)? {
            Made::And(scorer) => scorer,
            Made::One(scorer, _) => scorer,
            Made::Empty => Box::new(EmptyScorer),
            Made::Tantivy => self.fallback.scorer(reader, boost)?,
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.fallback.explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        match self.make(reader, 1.0)? {
            Made::And(mut scorer) => {
                let mut doc = scorer.doc;
                while doc != TERMINATED {
                    callback(doc, scorer.score);
                    doc = scorer.next();
                }
                Ok(())
            }
            Made::One(scorer, place) => {
                // that clause's own loop (a union's or a window's, not one call a document)
                drop(scorer);
                match &self.musts[place] {
                    MustWeight::Other(weight) => weight.for_each(reader, callback),
                    MustWeight::Terms(_) => unreachable!("a union of terms is never One"),
                }
            }
            Made::Empty => Ok(()),
            Made::Tantivy => self.fallback.for_each(reader, callback),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if self.musts.len() >= 3 {
            // Tantivy's block-max intersection of terms sums in an order of its own (never
            // asked by the native search: its pages are collected whole, ``lib.rs``)
            return self.fallback.for_each_pruning(threshold, reader, callback);
        }
        // Tantivy's own loop over the scorer (``for_each_pruning_scorer``, not public)
        let mut threshold = threshold;
        let mut scorer = self.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let score = scorer.score();
            if score > threshold {
                threshold = callback(doc, score);
            }
            doc = scorer.advance();
        }
        Ok(())
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        match self.make(reader, 1.0)? {
            Made::And(mut scorer) => {
                let mut buffer = [0 as DocId; 64];
                let mut len = 0;
                let mut doc = scorer.doc;
                while doc != TERMINATED {
                    buffer[len] = doc;
                    len += 1;
                    if len == buffer.len() {
                        callback(&buffer);
                        len = 0;
                    }
                    doc = scorer.next();
                }
                if len > 0 {
                    callback(&buffer[..len]);
                }
                Ok(())
            }
            Made::One(scorer, place) => {
                drop(scorer);
                match &self.musts[place] {
                    MustWeight::Other(weight) => weight.for_each_no_score(reader, callback),
                    MustWeight::Terms(_) => unreachable!("a union of terms is never One"),
                }
            }
            Made::Empty => Ok(()),
            Made::Tantivy => self.fallback.for_each_no_score(reader, callback),
        }
    }
}

/// A required clause in a segment.
enum Clause {
    /// a union of terms (each present in the segment), in the planned order
    Terms(Vec<TermDocs>),
    Other(Box<dyn Scorer>),
}

impl Clause {
    /// The clause's cost as Tantivy's union tells it at its start (the sum of its terms'),
    /// or its own: which clause leads (the sum is the same either way).
    fn cost(&self) -> u64 {
        match self {
            Clause::Terms(terms) => terms.iter().map(TermDocs::cost).sum(),
            Clause::Other(scorer) => scorer.cost(),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            Clause::Terms(terms) => terms.iter().map(TermDocs::size_hint).max().unwrap_or(0),
            Clause::Other(scorer) => scorer.size_hint(),
        }
    }

    /// Its next document (none before it).
    fn doc(&self) -> DocId {
        match self {
            Clause::Terms(terms) => terms.iter().map(TermDocs::doc).min().unwrap_or(TERMINATED),
            Clause::Other(scorer) => scorer.doc(),
        }
    }

    /// Its documents in ``[base, base + WINDOW)`` set in ``bits``, each one's score (its
    /// terms' added to ``0.0`` in their order, as Tantivy's union sums them) in
    /// ``scores`` (zeros before) when scored.
    fn fill(&mut self, base: DocId, bits: &mut [u64; WORDS], scores: Option<&mut [Score]>) {
        let end = base + WINDOW;
        match self {
            Clause::Terms(terms) => match scores {
                Some(scores) => {
                    for term in terms.iter_mut() {
                        let mut doc = term.doc();
                        if doc < base {
                            doc = term.seek(base);
                        }
                        while doc < end {
                            let at = (doc - base) as usize;
                            bits[at / 64] |= 1 << (at % 64);
                            scores[at] += term.score();
                            doc = term.advance();
                        }
                    }
                }
                None => {
                    for term in terms.iter_mut() {
                        let mut doc = term.doc();
                        if doc < base {
                            doc = term.seek(base);
                        }
                        while doc < end {
                            let at = (doc - base) as usize;
                            bits[at / 64] |= 1 << (at % 64);
                            doc = term.advance();
                        }
                    }
                }
            },
            Clause::Other(scorer) => {
                let scorer = scorer.as_mut();
                let mut doc = scorer.doc();
                if doc < base {
                    doc = scorer.seek(base);
                }
                match scores {
                    Some(scores) => {
                        while doc < end {
                            let at = (doc - base) as usize;
                            bits[at / 64] |= 1 << (at % 64);
                            scores[at] += scorer.score();
                            doc = scorer.advance();
                        }
                    }
                    None => {
                        while doc < end {
                            let at = (doc - base) as usize;
                            bits[at / 64] |= 1 << (at % 64);
                            doc = scorer.advance();
                        }
                    }
                }
            }
        }
    }

    /// Whether ``doc`` is one of its documents (it is sought there), with its score when
    /// scored (``0.0`` plus its terms' in their order).
    fn check(&mut self, doc: DocId, scored: bool) -> Option<Score> {
        match self {
            Clause::Terms(terms) => {
                let mut found = false;
                let mut score: Score = 0.0;
                for term in terms.iter_mut() {
                    let mut at = term.doc();
                    if at < doc {
                        at = term.seek(doc);
                    }
                    if at == doc {
                        found = true;
                        if scored {
                            score += term.score();
                        }
                    }
                }
                found.then_some(score)
            }
            Clause::Other(scorer) => {
                let mut at = scorer.doc();
                if at < doc {
                    at = scorer.seek(doc);
                }
                if at != doc {
                    return None;
                }
                Some(if scored { scorer.score() } else { 0.0 })
            }
        }
    }
}

/// Whether ``doc`` is one of ``scorer``'s documents (sought there).
fn holds(scorer: &mut dyn Scorer, doc: DocId) -> bool {
    let mut at = scorer.doc();
    if at < doc {
        at = scorer.seek(doc);
    }
    at == doc
}

pub struct AndScorer {
    /// the required clauses, in their planned order
    clauses: Vec<Clause>,
    /// the one filling a window (the lowest cost, the first on a tie)
    lead: usize,
    /// the others, the lowest cost first: each takes out of the window what it lacks
    rest: Vec<usize>,
    /// three clauses or more, scored: Tantivy's order (its intersection's left, right and
    /// others), the scores summed as it sums them
    order: Option<Vec<usize>>,
    nots: Vec<Box<dyn Scorer>>,
    scored: bool,
    /// the window's first document
    base: DocId,
    /// its documents not yet given, by word
    bits: Box<[u64; WORDS]>,
    /// the word given from
    word: usize,
    /// each clause's scores in the window (scored)
    parts: Vec<Box<[Score]>>,
    doc: DocId,
    score: Score,
}

impl AndScorer {
    fn new(
        clauses: Vec<Clause>,
        order: Option<Vec<usize>>,
        nots: Vec<Box<dyn Scorer>>,
        scored: bool,
    ) -> Box<Self> {
        let mut places: Vec<usize> = (0..clauses.len()).collect();
        places.sort_by_key(|&place| clauses[place].cost());
        let lead = places.remove(0);
        let parts = if scored {
            (0..clauses.len())
                .map(|_| vec![0.0; WINDOW as usize].into_boxed_slice())
                .collect()
        } else {
            Vec::new()
        };
        let mut scorer = Box::new(AndScorer {
            clauses,
            lead,
            rest: places,
            order,
            nots,
            scored,
            base: 0,
            bits: Box::new([0; WORDS]),
            word: WORDS,
            parts,
            doc: 0,
            score: 0.0,
        });
        scorer.doc = if scorer.refill(0) {
            scorer.next()
        } else {
            TERMINATED
        };
        scorer
    }

    /// The first document an intersection's can be after this window (``end``): no clause
    /// was sought past one of its own documents from there on.
    #[inline]
    fn after(&self, end: DocId) -> DocId {
        self.rest
            .iter()
            .map(|&place| self.clauses[place].doc())
            .fold(end, DocId::max)
    }

    /// The score of the window's document ``at``: two clauses' summed (either order gives
    /// the same float), more as Tantivy's intersection sums them (its left's plus its
    /// right's plus the sum of the others').
    #[inline]
    fn score_at(&self, at: usize) -> Score {
        match &self.order {
            None => self.parts[0][at] + self.parts[1][at],
            Some(order) => {
                self.parts[order[0]][at]
                    + self.parts[order[1]][at]
                    + order[2..]
                        .iter()
                        .map(|&place| self.parts[place][at])
                        .sum::<Score>()
            }
        }
    }

    /// The first window from ``from`` on holding a document of the intersection, read
    /// (false: none is left).
    #[allow(clippy::needless_range_loop)]
    fn refill(&mut self, mut from: DocId) -> bool {
        loop {
            let lead = &mut self.clauses[self.lead];
            let mut lead_doc = lead.doc();
            if lead_doc < from {
                lead_doc = match &mut *lead {
                    Clause::Terms(terms) => {
                        for term in terms.iter_mut() {
                            if term.doc() < from {
                                term.seek(from);
                            }
                        }
                        lead.doc()
                    }
                    Clause::Other(scorer) => scorer.seek(from),
                };
            }
            if lead_doc >= TERMINATED {
                self.word = WORDS;
                return false;
            }
            let base = lead_doc;
            let end = base + WINDOW;
            self.base = base;
            self.bits.fill(0);
            let scored = self.scored;
            let parts = &mut self.parts;
            let clauses = &mut self.clauses;
            if scored {
                parts[self.lead].fill(0.0);
            }
            clauses[self.lead].fill(
                base,
                &mut self.bits,
                parts.get_mut(self.lead).map(|part| &mut part[..]),
            );
            let mut count: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
            for &place in &self.rest {
                if count == 0 {
                    break;
                }
                let clause = &mut clauses[place];
                if count <= SPARSE {
                    for word in 0..WORDS {
                        let mut bits = self.bits[word];
                        while bits != 0 {
                            let bit = bits.trailing_zeros() as usize;
                            bits &= bits - 1;
                            let at = word * 64 + bit;
                            match clause.check(base + at as DocId, scored) {
                                Some(score) => {
                                    if scored {
                                        parts[place][at] = score;
                                    }
                                }
                                None => {
                                    self.bits[word] &= !(1 << bit);
                                    count -= 1;
                                }
                            }
                        }
                    }
                } else {
                    let mut theirs = [0u64; WORDS];
                    if scored {
                        parts[place].fill(0.0);
                    }
                    clause.fill(
                        base,
                        &mut theirs,
                        parts.get_mut(place).map(|part| &mut part[..]),
                    );
                    count = 0;
                    for word in 0..WORDS {
                        let both = self.bits[word] & theirs[word];
                        self.bits[word] = both;
                        count += both.count_ones();
                    }
                }
            }
            for not in self.nots.iter_mut() {
                if count == 0 {
                    break;
                }
                if count <= SPARSE {
                    for word in 0..WORDS {
                        let mut bits = self.bits[word];
                        while bits != 0 {
                            let bit = bits.trailing_zeros() as usize;
                            bits &= bits - 1;
                            if holds(not.as_mut(), base + (word * 64 + bit) as DocId) {
                                self.bits[word] &= !(1 << bit);
                                count -= 1;
                            }
                        }
                    }
                } else {
                    let mut out = [0u64; WORDS];
                    let mut doc = not.doc();
                    if doc < base {
                        doc = not.seek(base);
                    }
                    while doc < end {
                        let at = (doc - base) as usize;
                        out[at / 64] |= 1 << (at % 64);
                        doc = not.advance();
                    }
                    count = 0;
                    for word in 0..WORDS {
                        self.bits[word] &= !out[word];
                        count += self.bits[word].count_ones();
                    }
                }
            }
            if count > 0 {
                self.word = 0;
                return true;
            }
            // nothing of the intersection before the other clauses' next documents
            from = self.after(end);
            if from >= TERMINATED {
                self.word = WORDS;
                return false;
            }
        }
    }

    /// The next document (and its score), windows read as needed.
    #[inline]
    fn next(&mut self) -> DocId {
        loop {
            while self.word < WORDS {
                let bits = self.bits[self.word];
                if bits != 0 {
                    self.bits[self.word] = bits & (bits - 1);
                    let at = self.word * 64 + bits.trailing_zeros() as usize;
                    self.doc = self.base + at as DocId;
                    if self.scored {
                        self.score = self.score_at(at);
                    }
                    return self.doc;
                }
                self.word += 1;
            }
            let from = self.after(self.base + WINDOW);
            if from >= TERMINATED || !self.refill(from) {
                self.doc = TERMINATED;
                return TERMINATED;
            }
        }
    }
}

impl DocSet for AndScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.next()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if target < self.base + WINDOW {
            // in this window: what lies before it dropped
            let at = (target - self.base) as usize;
            for word in self.word..at / 64 {
                self.bits[word] = 0;
            }
            if self.word <= at / 64 {
                self.word = at / 64;
                self.bits[at / 64] &= !((1u64 << (at % 64)) - 1);
            }
            return self.next();
        }
        self.word = WORDS;
        if !self.refill(target) {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        self.next()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses
            .iter()
            .map(Clause::size_hint)
            .min()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.clauses[self.lead].cost()
    }
}

impl Scorer for AndScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

/// Whether the occurs are ``a AND b [AND c ...]`` with ``must_not`` clauses at most.
pub fn is_and(occurs: &[Occur]) -> bool {
    occurs.iter().filter(|o| **o == Occur::Must).count() >= 2
        && occurs.iter().all(|o| *o != Occur::Should)
}
