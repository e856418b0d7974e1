//! The comparison: one row per figure, one column per variant, with deltas against the baseline
//! (the first outcome); as a terminal table, CSV, JSON and a self-contained HTML page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::run::Outcome;

/// One compared figure.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// Key used in CSV and JSON ("uncovered_hours", "paid_hours.mellerud").
    pub key: String,
    /// Label in tables.
    pub label: String,
    /// Decimals shown.
    #[serde(skip)]
    pub decimals: usize,
    /// Value per variant, in outcome order.
    pub values: Vec<f64>,
}

impl Figure {
    /// Value less the baseline's, per variant.
    pub fn deltas(&self) -> Vec<f64> {
        let base = self.values.first().copied().unwrap_or(0.0);
        self.values.iter().map(|v| v - base).collect()
    }
}

/// Every figure compared, in a fixed order.
pub fn figures(outcomes: &[Outcome]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut add = |key: &str, label: &str, decimals: usize, f: &dyn Fn(&Outcome) -> f64| {
        out.push(Figure {
            key: key.to_string(),
            label: label.to_string(),
            decimals,
            values: outcomes.iter().map(f).collect(),
        })
    };
    // Keys that vary by instance, in the order first seen.
    let mut munis: Vec<String> = Vec::new();
    let mut skills: Vec<String> = Vec::new();
    for o in outcomes {
        for m in &o.metrics.municipalities {
            if !munis.contains(&m.id) {
                munis.push(m.id.clone());
            }
        }
        for s in o.metrics.uncovered_by_skill.keys() {
            if !skills.contains(s) {
                skills.push(s.clone());
            }
        }
    }
    add("headcount", "Headcount", 0, &|o| o.metrics.headcount as f64);
    add("fte", "FTEs (sum of degrees)", 1, &|o| o.metrics.fte);
    add("full_time_share", "Full-time share (%)", 1, &|o| 100.0 * o.metrics.full_time_share);
    add("contracted_hours", "Contracted hours", 0, &|o| o.metrics.contracted_hours);
    add("demand_hours", "Demand hours (target)", 0, &|o| o.metrics.demand_hours);
    add("scheduled_hours", "Paid hours scheduled", 0, &|o| o.metrics.scheduled_hours);
    add("resource_hours", "Resource hours", 0, &|o| o.metrics.resource_hours);
    for m in &munis {
        add(&format!("resource_hours.{m}"), &format!("  resource hours in {m}"), 0, &|o| {
            o.metrics.resource_hours_by_municipality.get(m).copied().unwrap_or(0.0)
        });
    }
    add("uncovered_hours", "Uncovered hours", 0, &|o| o.metrics.uncovered_hours);
    add("uncovered_weekday_hours", "  on weekdays", 0, &|o| o.metrics.uncovered_split.weekday);
    add("uncovered_weekend_hours", "  at weekends", 0, &|o| o.metrics.uncovered_split.weekend);
    for s in &skills {
        let get = |o: &Outcome| o.metrics.uncovered_by_skill.get(s).copied().unwrap_or_default();
        add(&format!("uncovered_hours.{s}.weekday"), &format!("  {s}, weekdays"), 0, &|o| get(o).weekday);
        add(&format!("uncovered_hours.{s}.weekend"), &format!("  {s}, weekends"), 0, &|o| get(o).weekend);
    }
    add("substitute_hours", "Hourly-substitute hours", 0, &|o| o.metrics.substitute_hours);
    add("agency_hours", "Agency hours", 0, &|o| o.metrics.agency_hours);
    add("substitute_cost", "Hourly-substitute cost (SEK)", 0, &|o| o.metrics.substitute_cost);
    add("agency_cost", "Agency cost (SEK)", 0, &|o| o.metrics.agency_cost);
    add("weekends_mean", "Weekends per person, mean", 2, &|o| o.metrics.weekends_mean);
    add("weekends_max", "Weekends per person, max", 0, &|o| o.metrics.weekends_max as f64);
    add("weekends_sd", "Weekends, std dev", 2, &|o| o.metrics.weekends_sd);
    add("weekends_range", "Weekends, max - min", 0, &|o| o.metrics.weekends_range as f64);
    add("nights_sd", "Nights (night workers), std dev", 2, &|o| o.metrics.nights_sd);
    add("nights_range", "Nights (night workers), max - min", 0, &|o| o.metrics.nights_range as f64);
    add("ob_cost", "OB cost (SEK)", 0, &|o| o.metrics.ob_cost);
    for m in &munis {
        let get = |o: &Outcome| o.metrics.municipalities.iter().find(|x| &x.id == m).cloned();
        add(&format!("paid_hours.{m}"), &format!("Paid hours in {m}"), 0, &|o| get(o).map_or(0.0, |x| x.paid_hours));
        add(&format!("cost.{m}"), "  wage + OB cost (SEK)", 0, &|o| get(o).map_or(0.0, |x| x.cost));
        add(&format!("uncovered_cost.{m}"), "  cover-gap cost (SEK)", 0, &|o| get(o).map_or(0.0, |x| x.uncovered_cost));
    }
    add("total_cost", "Total cost incl. gaps (SEK)", 0, &|o| o.metrics.total_cost);
    add("hard_violations", "Hard rule breaches", 0, &|o| o.metrics.hard_violations as f64);
    add("soft_score", "Soft cost", 0, &|o| o.metrics.soft_score as f64);
    out
}

fn num(x: f64, decimals: usize) -> String {
    // `+ 0.0` turns -0 into 0; a value that rounds to zero prints without a sign.
    let s = format!("{:.decimals$}", x + 0.0);
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn delta(x: f64, decimals: usize) -> String {
    let s = format!("{x:+.decimals$}");
    if s.trim_start_matches(['+', '-']).chars().all(|c| c == '0' || c == '.') {
        "±0".into()
    } else {
        s
    }
}

/// The comparison as a plain-text table (baseline values, then each variant's value and delta).
pub fn text_table(outcomes: &[Outcome]) -> String {
    let figs = figures(outcomes);
    let mut rows: Vec<Vec<String>> = Vec::new();
    rows.push(std::iter::once("".to_string()).chain(outcomes.iter().map(|o| o.name.clone())).collect());
    for f in &figs {
        let d = f.deltas();
        let mut row = vec![f.label.clone()];
        for (i, v) in f.values.iter().enumerate() {
            row.push(if i == 0 {
                num(*v, f.decimals)
            } else {
                format!("{} ({})", num(*v, f.decimals), delta(d[i], f.decimals))
            });
        }
        rows.push(row);
    }
    let cols = rows[0].len();
    let width: Vec<usize> =
        (0..cols).map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| s.chars().count())).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c] - cell.chars().count();
            if c == 0 {
                let _ = write!(out, "{cell}{}", " ".repeat(pad));
            } else {
                let _ = write!(out, "  {}{cell}", " ".repeat(pad));
            }
        }
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(width.iter().sum::<usize>() + 2 * (cols - 1)));
            out.push('\n');
        }
    }
    out
}

/// The comparison as CSV: `variant,name,figure,label,value,delta`, one row per variant and figure.
///
/// # Errors
/// Only if writing to memory fails (never in practice).
pub fn csv(outcomes: &[Outcome]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["variant", "name", "figure", "label", "value", "delta"])?;
    for f in figures(outcomes) {
        let d = f.deltas();
        for (i, o) in outcomes.iter().enumerate() {
            let (v, dv) = (num(f.values[i], f.decimals.max(2)), num(d[i], f.decimals.max(2)));
            w.write_record([o.id.as_str(), o.name.as_str(), &f.key, f.label.trim(), &v, &dv])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The JSON document: run settings and, per variant, its outcome and deltas by figure key.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// The instance file.
    pub instance: String,
    /// Seed of every search.
    pub seed: u64,
    /// Seconds per variant.
    pub time_limit_seconds: Option<f64>,
    /// Step budget per worker.
    pub max_steps: Option<u64>,
    /// Per variant.
    pub variants: Vec<JsonVariant<'a>>,
}

/// One variant in the JSON document.
#[derive(Serialize)]
pub struct JsonVariant<'a> {
    /// Outcome and metrics.
    #[serde(flatten)]
    pub outcome: &'a Outcome,
    /// Figure key → value less the baseline's.
    pub deltas: BTreeMap<String, f64>,
}

/// Builds the JSON document.
pub fn json_report<'a>(
    instance: &str,
    seed: u64,
    time_limit_seconds: Option<f64>,
    max_steps: Option<u64>,
    outcomes: &'a [Outcome],
) -> JsonReport<'a> {
    let figs = figures(outcomes);
    let variants = outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| JsonVariant { outcome: o, deltas: figs.iter().map(|f| (f.key.clone(), f.deltas()[i])).collect() })
        .collect();
    JsonReport { instance: instance.to_string(), seed, time_limit_seconds, max_steps, variants }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Figures drawn as bar charts on the HTML page.
const CHARTS: [&str; 8] = [
    "uncovered_hours",
    "uncovered_weekend_hours",
    "resource_hours",
    "contracted_hours",
    "total_cost",
    "ob_cost",
    "weekends_max",
    "hard_violations",
];

/// A horizontal bar chart, one bar per variant, as inline SVG.
fn bar_chart(f: &Figure, names: &[&str]) -> String {
    let (label_w, bar_w, row_h) = (200.0, 360.0, 26.0);
    let max = f.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let h = row_h * names.len() as f64 + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        label_w + bar_w + 120.0,
        esc(f.label.trim())
    );
    for (i, (name, v)) in names.iter().zip(&f.values).enumerate() {
        let y = 5.0 + row_h * i as f64;
        let w = if max > 0.0 { bar_w * v.abs() / max } else { 0.0 };
        let colour = if i == 0 { "#888" } else { "#3b6ea5" };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 16.0,
            esc(name),
            y + 3.0,
            row_h - 8.0,
            label_w + w + 6.0,
            y + 16.0,
            num(*v, f.decimals)
        );
    }
    s.push_str("</svg>");
    s
}

/// A self-contained HTML page: the variants, the table with deltas, and bar charts.
pub fn html(title: &str, outcomes: &[Outcome]) -> String {
    let figs = figures(outcomes);
    let names: Vec<&str> = outcomes.iter().map(|o| o.name.as_str()).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>\
         body{{font-family:system-ui,sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse}}\
         td,th{{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}}td:first-child,th:first-child{{text-align:left}}\
         .up{{color:#a33}}.down{{color:#286}}svg{{font-size:13px;display:block;margin-bottom:1em}}\
         </style></head><body><h1>{t}</h1><ul>",
        t = esc(title)
    );
    for o in outcomes {
        let _ = write!(
            s,
            "<li><b>{}</b> ({}): {} <small>({:.0} s, {} moves, {})</small></li>",
            esc(&o.name),
            esc(&o.id),
            esc(&o.description),
            o.seconds,
            o.moves,
            esc(&format!("{:?}", o.termination))
        );
    }
    s.push_str("</ul><h2>Figures</h2><table><tr><th></th>");
    for n in &names {
        let _ = write!(s, "<th>{}</th>", esc(n));
    }
    s.push_str("</tr>");
    for f in &figs {
        let d = f.deltas();
        let _ = write!(s, "<tr><td>{}</td>", esc(&f.label).replace("  ", "&nbsp;&nbsp;&nbsp;"));
        for (i, v) in f.values.iter().enumerate() {
            if i == 0 {
                let _ = write!(s, "<td>{}</td>", num(*v, f.decimals));
            } else {
                let class = if d[i] > 0.0 {
                    "up"
                } else if d[i] < 0.0 {
                    "down"
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "<td>{} <small class=\"{class}\">({})</small></td>",
                    num(*v, f.decimals),
                    delta(d[i], f.decimals)
                );
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</table><h2>Charts</h2>");
    for key in CHARTS {
        if let Some(f) = figs.iter().find(|f| f.key == key) {
            let _ = write!(s, "<h3>{}</h3>{}", esc(f.label.trim()), bar_chart(f, &names));
        }
    }
    s.push_str("</body></html>\n");
    s
}
