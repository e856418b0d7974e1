//! The scenario file as written (TOML): a baseline and variants, each a set of changes.
//!
//! ```toml
//! time_limit = 20.0                 # seconds per variant (the command line may override)
//!
//! [baseline]
//! name = "Today"
//!
//! [[variants]]
//! id = "full-time"
//! name = "All full time"
//! degrees = { all = 1.0 }
//! max_weekends = { max = 1, window = 3 }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind, Problem, Result};

/// A whole scenario file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Seconds of search per variant (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<f64>,
    /// The baseline every variant is compared with (default: the instance as is).
    #[serde(default)]
    pub baseline: VariantDto,
    /// The variants.
    #[serde(default)]
    pub variants: Vec<VariantDto>,
}

/// One variant: a name and the changes applied to the instance file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VariantDto {
    /// Short id used in CSV and JSON (default "baseline" or "variant-N").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A sentence saying what the variant is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    // The changes; each is optional and they apply in the order listed here.
    /// Employment degrees (sysselsättningsgrad).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degrees: Option<DegreesDto>,
    /// Weekends: at most `max` worked in any `window` weekends, for everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weekends: Option<WeekendsDto>,
    /// Full-time measure (heltidsmått) in hours per week: set for the defaults and for every
    /// group and person whose measure was the default's (special measures such as 34.33 h for
    /// night staff stay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_time_hours: Option<f64>,
    /// Veckovila in hours (36 or 47), for the defaults and every group that sets its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_rest_hours: Option<f64>,
    /// `false`: nobody works across the municipal border (each employee's sites are restricted
    /// to their employer's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_border: Option<bool>,
    /// New staff.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hires: Vec<HireDto>,
}

/// Changes to employment degrees, applied in this order: wished, all, share, people.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DegreesDto {
    /// Everyone gets the degree they wish (`wished_degree`), where one is given.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wished: bool,
    /// Everyone gets this degree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<f64>,
    /// At least this share of staff (0–1) at full time: part-timers are raised to 100 %, those
    /// wishing the highest degree first, then those with the highest degree, then in file order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_time_share: Option<f64>,
    /// Named people (staff id → degree).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub people: BTreeMap<String, f64>,
}

/// A weekend frequency: every 2nd = 1 in 2, 2 of 5, every 3rd = 1 in 3.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WeekendsDto {
    /// Weekends worked at most…
    pub max: u16,
    /// …in any run of this many weekends.
    pub window: u16,
}

/// New staff with one skill at one site.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HireDto {
    /// How many.
    pub count: u16,
    /// Skill id.
    pub skill: String,
    /// Home site id (the only site they work at).
    pub site: String,
    /// Employment degree (default 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<f64>,
    /// Contract group (default: that of the first employee with this skill and home site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Night worker (default: as that first employee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night_worker: Option<bool>,
}

/// Default seconds of search per variant.
pub const DEFAULT_TIME_LIMIT: f64 = 20.0;

impl ScenarioFile {
    /// Reads and parses a scenario file.
    ///
    /// # Errors
    /// [`ErrorKind::Io`] if unreadable, [`ErrorKind::Syntax`] with line and column if malformed,
    /// [`ErrorKind::Invalid`] if ids repeat or there are no variants.
    pub fn load(path: &Path) -> Result<ScenarioFile> {
        let text = crate::io::read_text(path)?;
        ScenarioFile::parse(&text, path)
    }

    /// Parses a scenario file from text; `label` names it in errors.
    ///
    /// # Errors
    /// As [`ScenarioFile::load`].
    pub fn parse(text: &str, label: &Path) -> Result<ScenarioFile> {
        let file: ScenarioFile = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|s| line_col(text, s.start));
            Error::syntax(label, "", position, e.message().trim())
        })?;
        let mut problems = Vec::new();
        if file.variants.is_empty() {
            problems.push(problem("variants", "a scenario file needs at least one [[variants]]"));
        }
        if let Some(t) = file.time_limit {
            if !(t.is_finite() && t >= 0.0) {
                problems.push(problem("time_limit", format!("{t} is not a number of seconds")));
            }
        }
        let ids = file.ids();
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                problems.push(problem(format!("variants[{}].id", i.saturating_sub(1)), format!("id {id:?} repeats")));
            }
        }
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(Error::new(label, ErrorKind::Invalid(problems)))
        }
    }

    /// The ids of the baseline and the variants, in order.
    pub fn ids(&self) -> Vec<String> {
        std::iter::once(self.baseline.id.clone().unwrap_or_else(|| "baseline".into()))
            .chain(
                self.variants
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.id.clone().unwrap_or_else(|| format!("variant-{}", i + 1))),
            )
            .collect()
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { path: path.into(), position: None, message: message.into() }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_every_change_parses() {
        let text = r#"
time_limit = 5
[baseline]
name = "Today"
[[variants]]
id = "all"
degrees = { all = 1.0, wished = true, full_time_share = 0.8, people = { m001 = 0.9 } }
max_weekends = { max = 1, window = 3 }
full_time_hours = 37.0
weekly_rest_hours = 47
cross_border = false
hires = [{ count = 2, skill = "usk", site = "MB1" }]
"#;
        let f = ScenarioFile::parse(text, Path::new("s.toml")).unwrap();
        assert_eq!(f.ids(), ["baseline", "all"]);
        let c = &f.variants[0];
        assert_eq!(c.max_weekends, Some(WeekendsDto { max: 1, window: 3 }));
        assert_eq!(c.hires[0].count, 2);
        assert_eq!(c.degrees.as_ref().unwrap().people["m001"], 0.9);
    }

    #[test]
    fn unknown_keys_repeated_ids_and_no_variants_are_errors() {
        let e = ScenarioFile::parse("[[variants]]\ncolour = 1\n", Path::new("s")).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Syntax(ref p) if p.position.is_some()), "{e}");
        let e = ScenarioFile::parse("[[variants]]\nid = \"baseline\"\n", Path::new("s")).unwrap_err();
        assert!(e.to_string().contains("repeats"), "{e}");
        let e = ScenarioFile::parse("", Path::new("s")).unwrap_err();
        assert!(e.to_string().contains("at least one"), "{e}");
    }
}
