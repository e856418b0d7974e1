//! The roster file as written (`heltid.roster.v1`, see `docs/roster-format.md`): plain serde
//! types.
//!
//! heltid writes every field. When reading, only `format` and, per assignment, `employee`,
//! `date` and `shift` are required: everything else is derived from the instance, and checked
//! against it when present.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The value of [`RosterFile::format`].
pub const FORMAT: &str = "heltid.roster.v1";

/// A whole roster document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RosterFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Name of the instance the roster belongs to.
    #[serde(default)]
    pub instance: String,
    /// IANA time zone of the instance ("Europe/Stockholm").
    #[serde(default)]
    pub timezone: String,
    /// The schedule period.
    #[serde(default)]
    pub horizon: HorizonOut,
    /// Every employee of the instance, in instance order, with target and scheduled minutes.
    #[serde(default)]
    pub employees: Vec<EmployeeOut>,
    /// Every pass, by employee (instance order) then date.
    pub assignments: Vec<AssignmentDto>,
    /// The roster's score.
    #[serde(default)]
    pub objective: ObjectiveDto,
    /// A proven lower bound on `objective.soft`, when known.
    #[serde(default)]
    pub lower_bound: Option<i64>,
}

/// The schedule period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HorizonOut {
    /// First day ("2027-01-04").
    pub start: String,
    /// Number of days.
    pub days: u16,
}

/// One employee's totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeOut {
    /// Employee id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Id of the employing municipality.
    #[serde(default)]
    pub employer: String,
    /// Target paid minutes of the period.
    #[serde(default)]
    pub target_minutes: i32,
    /// Paid minutes scheduled.
    #[serde(default)]
    pub scheduled_minutes: i32,
}

/// One pass.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentDto {
    /// Employee id.
    pub employee: String,
    /// The calendar day the pass starts on ("2027-01-04").
    pub date: String,
    /// Shift type id.
    pub shift: String,
    /// The skill the pass is worked in (default when reading: as for a grid cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    /// Site id of the shift type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Id of the municipality the site belongs to: the one that pays for the pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Real start, RFC 3339 with the UTC offset then in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Real end, RFC 3339 with the UTC offset then in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Paid minutes (real length less rast).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_minutes: Option<i32>,
    /// A resource shift (resurspass): scheduled hours not tied to base demand.
    #[serde(default)]
    pub resource: bool,
}

/// The roster's score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveDto {
    /// Whether no hard rule is broken.
    pub feasible: bool,
    /// Number of hard breaches.
    pub hard_violations: usize,
    /// Total soft cost.
    pub soft: i64,
    /// Soft cost by rule name (rules without cost are left out).
    #[serde(default)]
    pub terms: BTreeMap<String, i64>,
}
