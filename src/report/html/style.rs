//! The report's inline stylesheet and the colour of each shift type.

use crate::model::{Instance, ShiftId};

/// Fill colours for shift types, light enough for black text; shift types with the same name
/// (Dag, Kväll, Natt at every site) share a colour.
pub const PALETTE: [&str; 10] =
    ["#fde68a", "#fdba74", "#a5b4fc", "#86efac", "#f9a8d4", "#67e8f9", "#d8b4fe", "#fca5a5", "#bef264", "#cbd5e1"];

/// The distinct shift-type names in order of first appearance, and each shift type's index into
/// that list (its colour is `PALETTE[index % PALETTE.len()]`).
pub fn shift_kinds(inst: &Instance) -> (Vec<String>, Vec<usize>) {
    let mut names: Vec<String> = Vec::new();
    let of_shift = inst
        .shifts
        .iter()
        .map(|s| match names.iter().position(|n| *n == s.name) {
            Some(i) => i,
            None => {
                names.push(s.name.clone());
                names.len() - 1
            }
        })
        .collect();
    (names, of_shift)
}

/// The fill colour of a shift-type kind.
pub fn colour(kind: usize) -> &'static str {
    PALETTE[kind % PALETTE.len()]
}

/// The short label of a shift type in a grid cell: its id without the site prefix ("MB1-N" → "N").
pub fn short_code(inst: &Instance, shift: ShiftId) -> &str {
    let s = &inst.shifts[shift.idx()];
    let site = &inst.sites[s.site.idx()].id;
    s.id.strip_prefix(site.as_str())
        .and_then(|r| r.strip_prefix(['-', '_', ' ']))
        .filter(|r| !r.is_empty())
        .unwrap_or(&s.id)
}

/// The stylesheet: screen first, then A4 landscape print.
pub const CSS: &str = r#"
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 13px; color: #111;
  margin: 0 auto; padding: 12px 20px; max-width: 1600px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 22px; margin: 4px 0 8px; }
h2 { font-size: 18px; margin: 22px 0 8px; border-bottom: 2px solid #334155; padding-bottom: 2px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
nav a { margin-right: 12px; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 6px 0 10px; }
.facts div { background: #f1f5f9; padding: 4px 10px; border-radius: 4px; }
.bad { color: #b91c1c; font-weight: 600; }
.good { color: #15803d; font-weight: 600; }
table { border-collapse: collapse; margin: 4px 0 10px; }
th, td { border: 1px solid #cbd5e1; padding: 2px 4px; }
th { background: #e2e8f0; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td, table.grid th { text-align: center; min-width: 44px; height: 22px; }
table.grid th.emp, table.grid td.emp { text-align: left; min-width: 190px; white-space: nowrap; }
table.grid th.we { background: #cbd5e1; }
table.grid th.hol { background: #fecaca; }
table.grid td.away { background: #f8fafc; color: #64748b; font-size: 10px; }
table.grid td.abs { background: repeating-linear-gradient(45deg, #f1f5f9 0 4px, #e2e8f0 4px 8px); color: #475569; font-size: 11px; }
td.res { background-image: repeating-linear-gradient(135deg, rgba(0,0,0,.18) 0 2px, transparent 2px 6px); font-style: italic; }
td.lock { border-bottom: 4px solid #1e293b; }
td.hard { outline: 3px solid #dc2626; outline-offset: -3px; }
td.soft { box-shadow: inset 4px 0 0 #ea580c; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 6px 0; }
.legend span.sw { display: inline-block; min-width: 34px; height: 18px; border: 1px solid #94a3b8; text-align: center; font-size: 11px; line-height: 16px; margin-right: 4px; }
table.heat td { width: 22px; min-width: 22px; height: 18px; text-align: center; font-size: 10px; padding: 0; }
table.heat th.day { font-size: 9px; padding: 0 1px; }
table.heat td.lab { width: auto; text-align: left; padding: 0 4px; white-space: nowrap; font-size: 11px; }
td.h-none { background: #f8fafc; }
td.h-min { background: #dc2626; color: #fff; font-weight: 700; }
td.h-under { background: #fdba74; }
td.h-ok { background: #bbf7d0; }
td.h-over { background: #93c5fd; }
ul.breaches { margin: 2px 0 8px; padding-left: 20px; }
ul.breaches li.hard { color: #991b1b; }
.tag { display: inline-block; font-size: 10px; font-weight: 700; padding: 0 4px; border-radius: 3px; margin-right: 4px; }
.tag.hard { background: #dc2626; color: #fff; }
.tag.soft { background: #fed7aa; color: #7c2d12; }
.weeks { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-start; }
.week { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 24px; color: #64748b; font-size: 11px; }
@page { size: A4 landscape; margin: 8mm; }
@media print {
  body { font-size: 9px; padding: 0; max-width: none; }
  nav { display: none; }
  h2 { break-before: page; font-size: 14px; }
  h2.first { break-before: auto; }
  table.grid td, table.grid th { min-width: 0; height: 15px; padding: 0 2px; }
  table.grid th.emp, table.grid td.emp { min-width: 0; }
  tr { break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::Kit;

    #[test]
    fn shift_types_of_one_name_share_a_kind() {
        let inst = Kit::swedish().instance(7);
        let (names, of_shift) = shift_kinds(&inst);
        assert_eq!(of_shift.len(), inst.shifts.len());
        assert!(of_shift.iter().all(|&k| k < names.len()));
        for (a, sa) in inst.shifts.iter().enumerate() {
            for (b, sb) in inst.shifts.iter().enumerate() {
                assert_eq!(sa.name == sb.name, of_shift[a] == of_shift[b]);
            }
        }
    }
}
