//! A question's work budget for its proximity phrases (``sloppy.rs``). Reading a phrase's
//! positions costs what any phrase of its words costs (an exact one reads them too); the
//! windows tried over them cost those positions times the phrase's words times the
//! copies of each word, so a long phrase of common words (``"de la de la … de la"~50``)
//! took seconds of CPU at 100k documents. The budget: the windows' work may exceed
//! ``per_position`` steps per position read by ``limit`` steps at most, over every
//! scorer of the question (each segment, piece and thread). Once over, they all stop (as
//! if their documents had ended) and the search says so instead of answering a part
//! (``exceeded``). A step is a window's start or one word sought in a window: counted,
//! not timed, so the same question on the same index is always answered or always
//! refused, and a phrase whose windows stay within ``per_position`` per position read
//! is not refused by it at any index size.
//!
//! A second net, for phrases of common words only (``"de la de la"~5``): their windows
//! stay within what their positions allow, yet those positions are most of the index's.
//! The steps alone, never credited, may not exceed ``max_steps`` over the question: a
//! count that only grows, so over it at any moment is over it at the end, whatever the
//! threads' order. Unlike the first rule it grows with the index: the phrases people
//! ask take some 18 steps per document of the index, so ``max_steps`` is set from the
//! largest index to serve (``indexer/stores/tantivy_native.py``).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

/// Steps a scorer keeps to itself before telling the budget (a fraction of a
/// millisecond): the shared counter is touched seldom, and a spent budget seen as soon.
const CHUNK: i64 = 1 << 14;

#[derive(Debug)]
pub struct Budget {
    limit: i64,
    per_position: i64,
    max_steps: i64,
    spent: AtomicI64,
    /// the steps alone (``max_steps``)
    steps: AtomicI64,
    stopped: AtomicBool,
}

impl Budget {
    /// ``limit`` steps beyond ``per_position`` per position read, and ``max_steps`` in
    /// all; None: no limit.
    pub fn new(work: Option<(u64, u64, u64)>) -> Arc<Budget> {
        let whole = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let (limit, per_position, max_steps) = match work {
            Some((limit, per_position, max_steps)) => {
                (whole(limit), whole(per_position), whole(max_steps))
            }
            None => (i64::MAX, 0, i64::MAX),
        };
        Arc::new(Budget {
            limit,
            per_position,
            max_steps,
            spent: AtomicI64::new(0),
            steps: AtomicI64::new(0),
            stopped: AtomicBool::new(false),
        })
    }

    pub fn limit(&self) -> i64 {
        self.limit
    }

    /// Whether the question's phrases needed more work than it allows (a scorer stopped,
    /// or the last steps told on its end went over).
    pub fn exceeded(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
            || self.spent.load(Ordering::Relaxed) > self.limit
            || self.steps.load(Ordering::Relaxed) > self.max_steps
    }

    pub fn max_steps(&self) -> i64 {
        self.max_steps
    }

    /// ``net`` more (fewer when negative), ``taken`` of them steps; false when the
    /// budget is spent.
    fn charge(&self, net: i64, taken: i64) -> bool {
        let spent = self
            .spent
            .fetch_add(net, Ordering::Relaxed)
            .saturating_add(net);
        let steps = self
            .steps
            .fetch_add(taken, Ordering::Relaxed)
            .saturating_add(taken);
        if spent > self.limit || steps > self.max_steps {
            self.stopped.store(true, Ordering::Relaxed);
            return false;
        }
        !self.stopped.load(Ordering::Relaxed)
    }
}

/// One scorer's meter on the question's budget: its steps told in chunks, the rest when
/// it is dropped (so ``exceeded`` holds exactly when the whole work went over).
#[derive(Debug)]
pub struct Meter {
    budget: Arc<Budget>,
    owed: i64,
    /// the steps among ``owed``
    taken: i64,
    stopped: bool,
}

impl Meter {
    pub fn new(budget: Arc<Budget>) -> Meter {
        let stopped = budget.exceeded();
        Meter {
            budget,
            owed: 0,
            taken: 0,
            stopped,
        }
    }

    /// ``positions`` read: each allows ``per_position`` steps.
    #[inline]
    pub fn read(&mut self, positions: usize) {
        let allowed = (positions as i64).saturating_mul(self.budget.per_position);
        self.owed = self.owed.saturating_sub(allowed);
        if self.owed <= -CHUNK {
            self.tell();
        }
    }

    /// ``steps`` taken; false once the budget is spent (by this scorer or another).
    #[inline]
    pub fn spend(&mut self, steps: usize) -> bool {
        self.owed = self.owed.saturating_add(steps as i64);
        self.taken = self.taken.saturating_add(steps as i64);
        if self.owed >= CHUNK || self.taken >= CHUNK {
            self.tell();
        }
        !self.stopped
    }

    fn tell(&mut self) {
        let owed = std::mem::take(&mut self.owed);
        let taken = std::mem::take(&mut self.taken);
        self.stopped |= !self.budget.charge(owed, taken);
    }

    pub fn stopped(&self) -> bool {
        self.stopped
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if self.owed != 0 || self.taken != 0 {
            self.budget.charge(self.owed, self.taken);
        }
    }
}
