//! Which grid cells a breach concerns: the employee and day of every dated breach.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Day, EmployeeId, Instance};
use crate::report::CheckReport;

/// One breach shown on a grid cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Whether the rule is hard.
    pub hard: bool,
    /// The rule's name and the breach in words.
    pub text: String,
}

/// Breaches by (employee, day), for every breach of an employee that names a day in the horizon.
pub type Marks = BTreeMap<(EmployeeId, Day), Vec<Mark>>;

/// The marks of a check report.
pub fn cell_marks(inst: &Instance, report: &CheckReport) -> Marks {
    let mut marks = Marks::new();
    for e in &report.employees {
        for rule in &e.rules {
            for b in &rule.breaches {
                let Some(date) = b.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
                    continue;
                };
                let day = inst.horizon.day_of(date);
                if inst.horizon.contains(day) {
                    let text = format!("{}: {}", rule.rule, b.text);
                    marks.entry((e.employee, day)).or_default().push(Mark { hard: rule.hard, text });
                }
            }
        }
    }
    marks
}
