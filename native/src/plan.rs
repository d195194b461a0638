//! A question's plan, as JSON arrays, into Tantivy queries built the way tantivy-py
//! builds them from the same calls (a term query reads frequencies and positions, a
//! phrase's words carry their offsets, a date bound is inclusive):
//!
//! - `["term", field, text]`
//! - `["phrase", field, [[offset, text], ...], slop]` (exact: Tantivy's phrase, or with a
//!   repeated word each word's positions read once, ``plan/exact.rs``; from its second
//!   asking on, its matches in a segment kept and read back, ``plan/cached.rs``; with a
//!   slop, three words or more or a repeated word: each word at a position of its own,
//!   ``plan/sloppy.rs``; the work of all of them charged to the question's ``budget``,
//!   ``plan/budget.rs``)
//! - `["exact_phrase", ...]`, `["tantivy_phrase", ...]` (as ``phrase``): ``exact.rs``
//!   whatever the words, or Tantivy's own ``PhraseQuery``, for the tests and benches
//!   that compare the two
//! - `["regex", field, pattern]`
//! - `["prefix", field, text]`: the terms that begin with ``text`` (``regex`` of
//!   ``text.*``, the same terms and scores, without a regular expression to compile)
//! - `["bool", [["must" | "should" | "must_not", plan], ...]]` (a ``must_not`` plan is
//!   matched without scores, ``Unscored``; two ``must`` or more and no ``should``: a
//!   window of documents at a time, ``plan/and.rs``; only ``should`` clauses each a prefix under
//!   single-clause ``bool``, ``boost`` or ``const`` nodes: read from the prefixes'
//!   bitsets, ``plan/union.rs``)
//! - `["boost", plan, factor]`, `["const", plan, score]`
//! - `["all"]`, `["empty"]`
//! - `["date", field, seconds or null, seconds or null]` (both ends included)

mod and;
mod budget;
mod cached;
mod exact;
mod phrase;
mod prefix;
mod sloppy;
mod union;

use std::ops::Bound;
use std::sync::Arc;

pub use budget::Budget;
pub use cached::{set_capacity as set_phrase_cache, stats as phrase_cache_stats};
pub use prefix::{set_capacity as set_prefix_cache, stats as prefix_cache_stats};

use serde_json::Value;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, EnableScoring, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Schema};
use tantivy::{DateTime, Term};

pub fn build(schema: &Schema, plan: &str, budget: &Arc<Budget>) -> Result<Box<dyn Query>, String> {
    let value: Value = serde_json::from_str(plan).map_err(|e| e.to_string())?;
    node(schema, &value, budget, false)
}

/// A required clause's terms when it is a union of terms over fields (``term``, or a
/// ``bool`` of ``should`` clauses each a ``term`` or a boosted ``term``), each with its
/// boost (``plan/and.rs`` reads them from Tantivy's term scorers).
fn union_terms(schema: &Schema, value: &Value) -> Option<Vec<(Term, Option<f32>)>> {
    let term = |value: &Value| -> Option<(Term, Option<f32>)> {
        let parts = value.as_array()?;
        match parts.first()?.as_str()? {
            "term" => union_terms_leaf(schema, value),
            "boost" if parts.len() == 3 => {
                let (term, _) = union_terms_leaf(schema, &parts[1])?;
                Some((term, Some(parts[2].as_f64()? as f32)))
            }
            _ => None,
        }
    };
    let parts = value.as_array()?;
    match parts.first()?.as_str()? {
        "term" | "boost" => Some(vec![term(value)?]),
        "bool" if parts.len() == 2 => {
            let clauses = parts[1].as_array()?;
            if clauses.is_empty() {
                return None;
            }
            clauses
                .iter()
                .map(|clause| {
                    let pair = clause.as_array()?;
                    if pair.len() != 2 || pair[0].as_str()? != "should" {
                        return None;
                    }
                    term(&pair[1])
                })
                .collect()
        }
        _ => None,
    }
}

/// A clause of an OR of prefixes (``plan/union.rs``): a ``prefix`` under single-clause
/// ``bool`` (``must`` or ``should``), ``boost`` and ``const`` nodes, its steps outermost
/// first.
fn prefix_clause(schema: &Schema, value: &Value) -> Option<union::Clause> {
    let parts = value.as_array()?;
    match parts.first()?.as_str()? {
        "prefix" if parts.len() == 3 => {
            let on = schema.get_field(parts[1].as_str()?).ok()?;
            Some(union::Clause {
                prefix: prefix::PrefixQuery::new(on, parts[2].as_str()?),
                steps: Vec::new(),
            })
        }
        "bool" if parts.len() == 2 => {
            let clauses = parts[1].as_array()?;
            let pair = clauses.first()?.as_array()?;
            if clauses.len() != 1 || pair.len() != 2 {
                return None;
            }
            match pair[0].as_str()? {
                "must" | "should" => prefix_clause(schema, &pair[1]),
                _ => None,
            }
        }
        kind @ ("boost" | "const") if parts.len() == 3 => {
            let mut clause = prefix_clause(schema, &parts[1])?;
            let by = parts[2].as_f64()? as f32;
            let step = if kind == "boost" {
                union::Step::Boost(by)
            } else {
                union::Step::Const(by)
            };
            clause.steps.insert(0, step);
            Some(clause)
        }
        _ => None,
    }
}

/// Whether a plan holds a ``bool`` node: a required clause of an intersection of three
/// or more that holds one is Tantivy's own there (``sum_order``), the intersection too:
/// read a window at a time, its own ``bool``s would be Tantivy's per-document ones, and
/// Tantivy's own of them made again to tell the order of the sum cost more than the
/// windows save (words beside two filters: 1.45x main's, 1.1x with them made twice).
fn holds_bool(value: &Value) -> bool {
    let Some(parts) = value.as_array() else {
        return false;
    };
    if parts.first().and_then(Value::as_str) == Some("bool") {
        return true;
    }
    parts.iter().skip(1).any(holds_bool)
}

/// Whether ``a AND b [NOT c ...]`` of two required clauses, one an ``all`` (filters
/// without words, ``-word`` alone), would be handed back to Tantivy by ``plan/and.rs``
/// once it had made every clause: Tantivy leaves the ``all`` out, so it does too only
/// where the other clause is not a union of terms (its own loop then, ``Made::One``) and
/// nothing is taken out. A filter of one facet's values beside no words (a date sort
/// with one filter) is such a union: its terms' postings were opened for nothing.
fn every_left<T>(clauses: &[Value], terms: &[Option<T>]) -> bool {
    let mut every = 0;
    let mut union = false;
    let mut nots = false;
    for (clause, terms) in clauses.iter().zip(terms) {
        if clause.get(0).and_then(Value::as_str) != Some("must") {
            nots = true;
        } else if clause.get(1).and_then(|p| p.get(0)).and_then(Value::as_str) == Some("all") {
            every += 1;
        } else if terms.is_some() {
            union = true;
        }
    }
    every > 0 && (every > 1 || union || nots)
}

/// A ``term`` plan node's term.
fn union_terms_leaf(schema: &Schema, value: &Value) -> Option<(Term, Option<f32>)> {
    let parts = value.as_array()?;
    if parts.len() != 3 || parts[0].as_str()? != "term" {
        return None;
    }
    let on = schema.get_field(parts[1].as_str()?).ok()?;
    // a field not indexed is Tantivy's to answer (its error, or its fast field's range)
    if !schema.get_field_entry(on).is_indexed() {
        return None;
    }
    Some((Term::from_field_text(on, parts[2].as_str()?), None))
}

fn field(schema: &Schema, value: &Value) -> Result<Field, String> {
    let name = text(value)?;
    schema.get_field(name).map_err(|e| e.to_string())
}

fn text(value: &Value) -> Result<&str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("expected a string, got {value}"))
}

fn number(value: &Value) -> Result<f64, String> {
    value
        .as_f64()
        .ok_or_else(|| format!("expected a number, got {value}"))
}

fn date_bound(field: Field, value: &Value) -> Result<Bound<Term>, String> {
    if value.is_null() {
        return Ok(Bound::Unbounded);
    }
    let seconds = value
        .as_i64()
        .ok_or_else(|| format!("expected seconds, got {value}"))?;
    Ok(Bound::Included(Term::from_field_date(
        field,
        DateTime::from_timestamp_secs(seconds),
    )))
}

/// ``sum_order``: an intersection above sums three scores or more in the order of its
/// clauses' costs (Tantivy's, which move as its scorers advance; ``plan/and.rs`` reads
/// them from the clauses' scorers): below it every clause is Tantivy's own, so each
/// reports the costs Tantivy's would.
fn node(
    schema: &Schema,
    value: &Value,
    budget: &Arc<Budget>,
    sum_order: bool,
) -> Result<Box<dyn Query>, String> {
    let parts = value
        .as_array()
        .ok_or_else(|| format!("expected a plan, got {value}"))?;
    let kind = text(parts.first().ok_or("an empty plan")?)?;
    let arg = |n: usize| {
        parts
            .get(n)
            .ok_or_else(|| format!("{kind}: argument {n} missing"))
    };
    Ok(match kind {
        "term" => {
            let term = Term::from_field_text(field(schema, arg(1)?)?, text(arg(2)?)?);
            Box::new(TermQuery::new(
                term,
                IndexRecordOption::WithFreqsAndPositions,
            ))
        }
        "phrase" | "exact_phrase" | "tantivy_phrase" => {
            let on = field(schema, arg(1)?)?;
            let words = arg(2)?.as_array().ok_or("phrase: words expected")?;
            let mut terms = Vec::with_capacity(words.len());
            for word in words {
                let pair = word.as_array().ok_or("phrase: [offset, word] expected")?;
                let offset = pair
                    .first()
                    .and_then(Value::as_u64)
                    .ok_or("phrase: offset")?;
                let token = text(pair.get(1).ok_or("phrase: word")?)?;
                terms.push((offset as usize, Term::from_field_text(on, token)));
            }
            if terms.len() < 2 {
                return Err("a phrase needs two words or more".into());
            }
            let slop = arg(3)?.as_u64().ok_or("phrase: slop")? as u32;
            let repeats = terms
                .iter()
                .enumerate()
                .any(|(i, (_, t))| terms[..i].iter().any(|(_, u)| u == t));
            if kind == "tantivy_phrase" {
                Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
            } else if kind == "exact_phrase" {
                if slop > 0 {
                    return Err("exact_phrase: slop 0 only".into());
                }
                Box::new(exact::ExactPhraseQuery::new(terms))
            } else if slop == 0 {
                // Tantivy's phrase, or ``plan/exact.rs`` with a repeated word; asked again,
                // its matches in a segment kept and read back (``plan/cached.rs``)
                Box::new(cached::CachedPhraseQuery::new(terms))
            } else if slop > 0 && (terms.len() > 2 || repeats) {
                // Tantivy's own misses arrangements the engine finds (``plan/sloppy.rs``)
                Box::new(sloppy::SloppyPhraseQuery::new(terms, slop, budget.clone()))
            } else {
                Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
            }
        }
        "regex" => {
            let on = field(schema, arg(1)?)?;
            Box::new(RegexQuery::from_pattern(text(arg(2)?)?, on).map_err(|e| e.to_string())?)
        }
        "prefix" => {
            let on = field(schema, arg(1)?)?;
            Box::new(prefix::PrefixQuery::new(on, text(arg(2)?)?))
        }
        "bool" => {
            let clauses = arg(1)?.as_array().ok_or("bool: clauses expected")?;
            let musts = clauses
                .iter()
                .filter(|clause| clause.get(0).and_then(Value::as_str) == Some("must"))
                .count();
            let below = sum_order || musts >= 3;
            let mut built = Vec::with_capacity(clauses.len());
            let mut terms = Vec::with_capacity(clauses.len());
            for clause in clauses {
                let pair = clause.as_array().ok_or("bool: [occur, plan] expected")?;
                let occur = match text(pair.first().ok_or("bool: occur")?)? {
                    "must" => Occur::Must,
                    "should" => Occur::Should,
                    "must_not" => Occur::MustNot,
                    other => return Err(format!("unknown occur {other:?}")),
                };
                let planned = pair.get(1).ok_or("bool: plan")?;
                let mut clause = node(schema, planned, budget, below)?;
                terms.push(if occur == Occur::Must {
                    union_terms(schema, planned)
                } else {
                    None
                });
                if occur == Occur::MustNot {
                    // what is left out scores nothing: its terms read without frequencies
                    clause = Box::new(Unscored(clause));
                }
                built.push((occur, clause));
            }
            let occurs: Vec<Occur> = built.iter().map(|(occur, _)| *occur).collect();
            let prefixes = if !sum_order
                && occurs.len() >= 2
                && occurs.iter().all(|occur| *occur == Occur::Should)
            {
                clauses
                    .iter()
                    .map(|clause| prefix_clause(schema, clause.get(1)?))
                    .collect::<Option<Vec<_>>>()
            } else {
                None
            };
            if let Some(prefixes) = prefixes {
                // an OR of prefixes, read from their bitsets (``plan/union.rs``)
                Box::new(union::PrefixUnionQuery::new(
                    BooleanQuery::from(built),
                    prefixes,
                ))
            } else if !sum_order
                && and::is_and(&occurs)
                && !(musts == 2 && every_left(clauses, &terms))
                && (musts < 3
                    || clauses.iter().zip(&terms).all(|(clause, terms)| {
                        let planned = clause.get(1);
                        // an ``all`` (filters without words): Tantivy leaves it out, and
                        // so would ``plan/and.rs``, after making every clause for nothing
                        let every =
                            planned.and_then(|p| p.get(0)).and_then(Value::as_str) == Some("all");
                        terms.is_some()
                            || clause.get(0).and_then(Value::as_str) != Some("must")
                            || !(every || planned.is_some_and(holds_bool))
                    }))
            {
                // ``a AND b [AND c ...] [NOT d]``: a window at a time (``plan/and.rs``)
                let mut musts = Vec::with_capacity(musts);
                let mut queries = Vec::with_capacity(musts.capacity());
                let mut nots = Vec::new();
                for ((occur, query), terms) in built.iter().zip(terms) {
                    match (occur, terms) {
                        (Occur::Must, Some(terms)) => musts.push(and::Planned::Terms(terms)),
                        (Occur::Must, None) => musts.push(and::Planned::Other(query.box_clone())),
                        (_, _) => nots.push(query.box_clone()),
                    }
                    if *occur == Occur::Must {
                        queries.push(query.box_clone());
                    }
                }
                Box::new(and::AndQuery::new(
                    BooleanQuery::from(built),
                    musts,
                    queries,
                    nots,
                ))
            } else {
                Box::new(BooleanQuery::from(built))
            }
        }
        "boost" => Box::new(BoostQuery::new(
            node(schema, arg(1)?, budget, sum_order)?,
            number(arg(2)?)? as f32,
        )),
        "const" => Box::new(ConstScoreQuery::new(
            node(schema, arg(1)?, budget, sum_order)?,
            number(arg(2)?)? as f32,
        )),
        "all" => Box::new(AllQuery),
        "empty" => Box::new(EmptyQuery),
        "date" => {
            let on = field(schema, arg(1)?)?;
            let (lower, upper) = (date_bound(on, arg(2)?)?, date_bound(on, arg(3)?)?);
            if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
                return Err("a date range needs one end at least".into());
            }
            Box::new(RangeQuery::new(lower, upper))
        }
        other => return Err(format!("unknown plan node {other:?}")),
    })
}

/// A ``must_not`` clause: what it leaves out is never scored, so it is matched with
/// scoring off (its terms read without their frequencies, its unions adding nothing up):
/// the same documents left out at less cost. Its own weight, not one wrapped: Tantivy
/// tells a clause that matches nothing or everything by its scorer's type.
#[derive(Debug)]
struct Unscored(Box<dyn Query>);

impl Clone for Unscored {
    fn clone(&self) -> Self {
        Unscored(self.0.box_clone())
    }
}

impl Query for Unscored {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let off = match scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(scoring.schema()),
        };
        self.0.weight(off)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}
