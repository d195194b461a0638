//! A prefix (``constitu*``) as the terms that begin with its bytes: the same terms, and
//! the same constant score, as tantivy-py's ``regex_query(field, "constitu.*")`` (a word
//! of the index holds no line break, the one character ``.`` leaves out), without
//! compiling a regular expression into an automaton at every question (a third of a
//! prefix question's CPU at 100k documents, ``bench/native_match.py``).

use std::sync::Arc;

use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy_fst::Automaton;

/// The terms of ``field`` that begin with ``prefix``, each document scored 1 (as a regex
/// query scores it).
#[derive(Clone, Debug)]
pub struct PrefixQuery {
    field: Field,
    prefix: Arc<StartsWith>,
}

impl PrefixQuery {
    pub fn new(field: Field, prefix: &str) -> Self {
        PrefixQuery {
            field,
            prefix: Arc::new(StartsWith(prefix.as_bytes().to_vec())),
        }
    }
}

impl Query for PrefixQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<StartsWith>::new(
            self.field,
            self.prefix.clone(),
        )))
    }
}

/// The automaton of a term dictionary's walk: its state is how many of the prefix's
/// bytes were read (all of them: every term below matches), None once one differs.
#[derive(Debug)]
struct StartsWith(Vec<u8>);

impl Automaton for StartsWith {
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        *state == Some(self.0.len())
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn will_always_match(&self, state: &Option<usize>) -> bool {
        self.is_match(state)
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        match *state {
            Some(read) if read == self.0.len() => Some(read),
            Some(read) if self.0[read] == byte => Some(read + 1),
            _ => None,
        }
    }
}
