//! The roster as an Excel workbook: a grid sheet per site, a sheet per employee row of totals,
//! a cover sheet and a cost sheet per municipality. Header rows and first columns are frozen;
//! passes are filled in their shift type's colour.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::io::write_atomic;
use crate::model::{Day, EmployeeId, Instance, Roster, SiteId};
use crate::report::html::{absence_label, ob_minutes, shift_cover, shift_kinds, short_code, site_employees, PALETTE};
use crate::report::CheckReport;
use crate::{Error, ErrorKind, Result};

/// Name of the per-employee sheet.
pub const EMPLOYEES_SHEET: &str = "Employees";
/// Name of the cover sheet.
pub const COVER_SHEET: &str = "Cover";
/// Name of the cost sheet.
pub const COST_SHEET: &str = "Municipalities";

/// The grid sheet's name of a site ("Grid MB1"), within Excel's 31 characters and without the
/// characters Excel forbids.
pub fn grid_sheet_name(site_id: &str) -> String {
    let clean: String =
        site_id.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'')).collect();
    format!("Grid {clean}").chars().take(31).collect()
}

/// The workbook of `roster` as bytes.
///
/// # Errors
/// An [`ErrorKind::Io`] error when the workbook cannot be assembled.
pub fn to_xlsx(inst: &Instance, roster: &Roster, report: &CheckReport) -> Result<Vec<u8>> {
    build(inst, roster, report).map_err(|e| Error::new("", ErrorKind::Io(std::io::Error::other(e.to_string()))))
}

/// Writes the workbook to `path` atomically.
///
/// # Errors
/// An [`ErrorKind::Io`] error naming `path` when it cannot be assembled or written.
pub fn write_xlsx(path: &Path, inst: &Instance, roster: &Roster, report: &CheckReport) -> Result<()> {
    let bytes = to_xlsx(inst, roster, report).map_err(|e| Error::new(path, e.kind))?;
    write_atomic(path, &bytes)
}

fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xffffff))
}

fn build(inst: &Instance, roster: &Roster, report: &CheckReport) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_background_color(rgb("#e2e8f0"));
    let (_, kinds) = shift_kinds(inst);
    let fills: Vec<Format> =
        PALETTE.iter().map(|c| Format::new().set_background_color(rgb(c)).set_align(FormatAlign::Center)).collect();
    let plain = Format::new().set_align(FormatAlign::Center);
    let grey = Format::new().set_align(FormatAlign::Center).set_font_color(rgb("#64748b"));
    let hours = Format::new().set_num_format("0.0");
    let money = Format::new().set_num_format("#,##0");

    for (s, site) in inst.sites.iter().enumerate() {
        let emps = site_employees(inst, roster, SiteId(s as u16));
        if emps.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(grid_sheet_name(&site.id))?;
        ws.write_string_with_format(0, 0, "Employee", &head)?;
        ws.set_column_width(0, 28)?;
        for d in 0..inst.days() {
            let date = inst.date(d as Day);
            ws.write_string_with_format(0, d as u16 + 1, date.format("%a %d/%m").to_string(), &head)?;
            ws.set_column_width(d as u16 + 1, 9)?;
        }
        for (row, &e) in emps.iter().enumerate() {
            let row = row as u32 + 1;
            let emp = &inst.employees[e.idx()];
            ws.write_string(row, 0, format!("{} {}", emp.id, emp.name))?;
            for d in 0..inst.days() {
                let col = d as u16 + 1;
                let cell = roster.get(e, d);
                if let Some(task) = cell.task() {
                    let shift = inst.tasks[task.idx()].shift;
                    let sh = &inst.shifts[shift.idx()];
                    let code = short_code(inst, shift);
                    if sh.site.idx() == s {
                        let text = if cell.is_resource() { format!("{code} R") } else { code.to_string() };
                        ws.write_string_with_format(row, col, text, &fills[kinds[shift.idx()] % fills.len()])?;
                    } else {
                        ws.write_string_with_format(
                            row,
                            col,
                            format!("{code}@{}", inst.sites[sh.site.idx()].id),
                            &grey,
                        )?;
                    }
                } else if let Some(kind) = emp.absence.get(d).copied().flatten() {
                    ws.write_string_with_format(row, col, absence_label(kind), &plain)?;
                }
            }
        }
        ws.set_freeze_panes(1, 1)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(EMPLOYEES_SHEET)?;
    let cols = [
        "Employee",
        "Name",
        "Employer",
        "Target h",
        "Scheduled h",
        "Deviation h",
        "Weekends",
        "Nights",
        "Resource h",
        "OB h",
        "Hard breaches",
    ];
    header(ws, &cols, &head)?;
    ws.set_column_width(1, 26)?;
    for (i, s) in report.summary.employees.iter().enumerate() {
        let row = i as u32 + 1;
        let h = |m: i32| m as f64 / 60.0;
        let hard = report.employees.iter().find(|b| b.employee == s.employee).map_or(0, |b| b.hard_violations);
        ws.write_string(row, 0, &s.id)?;
        ws.write_string(row, 1, &s.name)?;
        ws.write_string(row, 2, &s.employer)?;
        ws.write_number_with_format(row, 3, h(s.target_minutes), &hours)?;
        ws.write_number_with_format(row, 4, h(s.scheduled_minutes), &hours)?;
        ws.write_number_with_format(row, 5, h(s.deviation_minutes), &hours)?;
        ws.write_number(row, 6, s.weekends_worked as f64)?;
        ws.write_number(row, 7, s.nights_worked as f64)?;
        ws.write_number_with_format(row, 8, h(s.resource_minutes), &hours)?;
        ws.write_number_with_format(row, 9, h(ob_minutes(inst, roster, EmployeeId(s.employee.0))), &hours)?;
        ws.write_number(row, 10, hard as f64)?;
    }
    ws.set_freeze_panes(1, 1)?;

    let ws = wb.add_worksheet();
    ws.set_name(COVER_SHEET)?;
    ws.write_string_with_format(0, 0, "Shift (worked − target)", &head)?;
    ws.set_column_width(0, 24)?;
    for d in 0..inst.days() {
        ws.write_string_with_format(0, d as u16 + 1, inst.date(d as Day).format("%a %d/%m").to_string(), &head)?;
    }
    let cover = shift_cover(inst, roster);
    let heat: Vec<(&str, Format)> =
        [("h-min", "#dc2626"), ("h-under", "#fdba74"), ("h-ok", "#bbf7d0"), ("h-over", "#93c5fd")]
            .into_iter()
            .map(|(k, c)| (k, Format::new().set_background_color(rgb(c))))
            .collect();
    let mut row = 1;
    for (s, shift) in inst.shifts.iter().enumerate() {
        if cover.iter().all(|r| r[s].target == 0 && r[s].worked == 0) {
            continue;
        }
        ws.write_string(row, 0, format!("{} {}", shift.id, shift.name))?;
        for (d, r) in cover.iter().enumerate() {
            let c = r[s];
            let diff = c.worked as f64 - c.target as f64;
            match heat.iter().find(|(k, _)| *k == c.class()) {
                Some((_, f)) => ws.write_number_with_format(row, d as u16 + 1, diff, f)?,
                None => ws.write_number(row, d as u16 + 1, diff)?,
            };
        }
        row += 1;
    }
    ws.set_freeze_panes(1, 1)?;

    let ws = wb.add_worksheet();
    ws.set_name(COST_SHEET)?;
    let cols =
        ["Municipality", "Name", "Paid h", "Wages SEK", "OB h", "OB SEK", "Total SEK", "Uncovered h", "Uncovered SEK"];
    header(ws, &cols, &head)?;
    for (i, m) in report.summary.municipalities.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &m.id)?;
        ws.write_string(row, 1, &m.name)?;
        ws.write_number_with_format(row, 2, m.paid_minutes as f64 / 60.0, &hours)?;
        ws.write_number_with_format(row, 3, m.wage_cost, &money)?;
        ws.write_number_with_format(row, 4, m.ob_minutes.total() as f64 / 60.0, &hours)?;
        ws.write_number_with_format(row, 5, m.ob_cost, &money)?;
        ws.write_number_with_format(row, 6, m.total_cost, &money)?;
        ws.write_number_with_format(row, 7, m.uncovered_minutes as f64 / 60.0, &hours)?;
        ws.write_number_with_format(row, 8, m.uncovered_cost, &money)?;
    }
    ws.set_freeze_panes(1, 1)?;
    wb.save_to_buffer()
}

fn header(ws: &mut Worksheet, cols: &[&str], head: &Format) -> Result<(), XlsxError> {
    for (c, name) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, head)?;
        ws.set_column_width(c as u16, 12)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;
    use crate::model::{Cell, TaskId};
    use crate::rules::testkit::Kit;

    #[test]
    fn workbook_reads_back_with_sheets_and_values() {
        let k = Kit::swedish();
        let inst = k.instance(14);
        let mut r = Roster::empty(&inst);
        r.set(EmployeeId(0), 0, Cell::work(TaskId(k.shift("N").0), false));
        r.set(EmployeeId(0), 1, Cell::work(TaskId(k.shift("D").0), true));
        let eval = crate::evaluate(&inst, &r);
        let report = CheckReport::new(&inst, &r, &eval);
        let bytes = to_xlsx(&inst, &r, &report).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let grid = grid_sheet_name(&inst.sites[0].id);
        assert_eq!(wb.sheet_names(), [grid.as_str(), EMPLOYEES_SHEET, COVER_SHEET, COST_SHEET]);
        let g = wb.worksheet_range(&grid).unwrap();
        assert_eq!(g.get_value((0, 0)), Some(&Data::String("Employee".into())));
        assert_eq!(g.get_value((1, 0)), Some(&Data::String("e1 Test Person".into())));
        assert_eq!(g.get_value((1, 1)), Some(&Data::String(short_code(&inst, k.shift("N")).into())));
        assert_eq!(g.get_value((1, 2)), Some(&Data::String(format!("{} R", short_code(&inst, k.shift("D"))))));
        let e = wb.worksheet_range(EMPLOYEES_SHEET).unwrap();
        assert_eq!(e.get_value((0, 3)), Some(&Data::String("Target h".into())));
        let s = &report.summary.employees[0];
        assert_eq!(e.get_value((1, 4)), Some(&Data::Float(s.scheduled_minutes as f64 / 60.0)));
        assert_eq!(e.get_value((1, 7)), Some(&Data::Float(1.0)), "one night");
        let m = wb.worksheet_range(COST_SHEET).unwrap();
        assert_eq!(m.get_value((1, 0)), Some(&Data::String("m1".into())));
        assert_eq!(m.get_value((1, 3)), Some(&Data::Float(report.summary.municipalities[0].wage_cost)));
        assert!(wb.worksheet_range(COVER_SHEET).is_ok());
    }

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(grid_sheet_name("A/B:[x]"), "Grid ABx");
        assert_eq!(grid_sheet_name(&"x".repeat(40)).chars().count(), 31);
    }
}
