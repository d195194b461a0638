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
//! is never refused at any index size.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

/// Steps a scorer keeps to itself before telling the budget (a fraction of a
/// millisecond): the shared counter is touched seldom, and a spent budget seen as soon.
const CHUNK: i64 = 1 << 14;

#[derive(Debug)]
pub struct Budget {
    limit: i64,
    per_position: i64,
    spent: AtomicI64,
    stopped: AtomicBool,
}

impl Budget {
    /// ``limit`` steps beyond ``per_position`` per position read; None: no limit.
    pub fn new(work: Option<(u64, u64)>) -> Arc<Budget> {
        let (limit, per_position) = match work {
            Some((limit, per_position)) => (
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(per_position).unwrap_or(i64::MAX),
            ),
            None => (i64::MAX, 0),
        };
        Arc::new(Budget {
            limit,
            per_position,
            spent: AtomicI64::new(0),
            stopped: AtomicBool::new(false),
        })
    }

    pub fn limit(&self) -> i64 {
        self.limit
    }

    /// Whether the question's phrases needed more work than it allows (a scorer stopped,
    /// or the last steps told on its end went over).
    pub fn exceeded(&self) -> bool {
        self.stopped.load(Ordering::Relaxed) || self.spent.load(Ordering::Relaxed) > self.limit
    }

    /// ``steps`` more (fewer when negative); false when the budget is spent.
    fn charge(&self, steps: i64) -> bool {
        let spent = self
            .spent
            .fetch_add(steps, Ordering::Relaxed)
            .saturating_add(steps);
        if spent > self.limit {
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
    stopped: bool,
}

impl Meter {
    pub fn new(budget: Arc<Budget>) -> Meter {
        let stopped = budget.exceeded();
        Meter {
            budget,
            owed: 0,
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
        if self.owed >= CHUNK {
            self.tell();
        }
        !self.stopped
    }

    fn tell(&mut self) {
        let owed = std::mem::take(&mut self.owed);
        self.stopped |= !self.budget.charge(owed);
    }

    pub fn stopped(&self) -> bool {
        self.stopped
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if self.owed != 0 {
            self.budget.charge(self.owed);
        }
    }
}
