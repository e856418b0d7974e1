//! Staff as an HR system exports them (CSV), merged into an instance file.
//!
//! The CSV has a header `id,name,employer,degree,skills,sites` and optionally `group`,
//! `hourly_cost` and `night_worker`, in any order. Skills and sites are separated by `;`; the
//! degree may be written `0.75`, `75` or `75%` (a decimal comma is accepted). Rows update the
//! employee with the same id (other fields, such as absences and wishes, are kept) or add a new
//! one. An optional column that is present but empty in a row clears that field.
//!
//! TOML instances are edited in place, keeping comments and layout; JSON instances are
//! rewritten from the parsed file.

use std::path::Path;

use toml_edit::{Array, ArrayOfTables, Item, Table, TableLike, Value};

use super::dto::StaffDto;
use super::load::{parse_instance_file, Format};
use crate::{Error, ErrorKind, Problem, Result};

/// Columns every staff CSV must have.
const REQUIRED: [&str; 6] = ["id", "name", "employer", "degree", "skills", "sites"];
/// Columns a staff CSV may have.
const OPTIONAL: [&str; 3] = ["group", "hourly_cost", "night_worker"];

/// One employee as read from the CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffRow {
    /// 1-based line of the row in the CSV.
    pub line: u64,
    /// Employee id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Employing municipality id.
    pub employer: String,
    /// Employment degree in (0, 1].
    pub degree: f64,
    /// Skill ids.
    pub skills: Vec<String>,
    /// Site ids, the home site first.
    pub sites: Vec<String>,
    /// Contract group: `None` if the column is absent, `Some(None)` if the cell is empty.
    pub group: Option<Option<String>>,
    /// Hourly cost: `None` if the column is absent, `Some(None)` if the cell is empty.
    pub hourly_cost: Option<Option<f64>>,
    /// Night worker, if the column is present.
    pub night_worker: Option<bool>,
}

/// Parses a staff CSV; `file_label` names it in errors.
///
/// # Errors
/// [`ErrorKind::Syntax`] for a CSV that cannot be read at all, [`ErrorKind::Invalid`] listing
/// every bad cell with its line, column number and column name.
pub fn parse_staff_csv(text: &str, file_label: impl AsRef<Path>) -> Result<Vec<StaffRow>> {
    let file = file_label.as_ref();
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
    let mut problems = Vec::new();
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let lower = name.trim_start_matches('\u{feff}').to_ascii_lowercase();
        let known = REQUIRED.iter().chain(&OPTIONAL).find(|c| **c == lower).copied();
        match known {
            None => problems.push(at(1, i, name, format!("unknown column {name:?}; expected {}", expected_columns()))),
            Some(c) if columns.contains(&Some(c)) => {
                problems.push(at(1, i, name, format!("column {c:?} appears twice")))
            }
            Some(_) => {}
        }
        columns.push(known);
    }
    for req in REQUIRED.iter().filter(|r| !columns.contains(&Some(**r))) {
        problems.push(at(1, columns.len(), req, format!("the header lacks the column {req:?}")));
    }
    if !problems.is_empty() {
        return Err(Error::new(file, ErrorKind::Invalid(problems)));
    }

    let mut rows: Vec<StaffRow> = Vec::new();
    let mut seen: Vec<(String, u64)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != columns.len() {
            problems.push(Problem {
                path: String::new(),
                position: Some((line as usize, record.len().min(columns.len()) + 1)),
                message: format!("the row has {} fields but the header has {}", record.len(), columns.len()),
            });
            continue;
        }
        let before = problems.len();
        let row = parse_row(&record, &columns, line, &mut problems);
        if let Some((_, first)) = seen.iter().find(|(id, _)| !row.id.is_empty() && *id == row.id) {
            let col = columns.iter().position(|c| *c == Some("id")).unwrap_or(0);
            problems.push(at(line, col, "id", format!("id {:?} is also on line {first}", row.id)));
        }
        seen.push((row.id.clone(), line));
        if problems.len() == before {
            rows.push(row);
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(Error::new(file, ErrorKind::Invalid(problems)))
    }
}

fn expected_columns() -> String {
    REQUIRED.iter().chain(&OPTIONAL).copied().collect::<Vec<_>>().join(", ")
}

/// A problem at a CSV cell: 1-based line, 0-based column index.
fn at(line: u64, column: usize, name: &str, message: String) -> Problem {
    Problem { path: name.to_string(), position: Some((line as usize, column + 1)), message }
}

fn csv_error(file: &Path, e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_string(),
        _ => e.to_string(),
    };
    Error::syntax(file, "", line.map(|l| (l, 1)), message)
}

fn parse_row(
    record: &csv::StringRecord,
    columns: &[Option<&'static str>],
    line: u64,
    problems: &mut Vec<Problem>,
) -> StaffRow {
    let mut row = StaffRow {
        line,
        id: String::new(),
        name: String::new(),
        employer: String::new(),
        degree: 0.0,
        skills: Vec::new(),
        sites: Vec::new(),
        group: None,
        hourly_cost: None,
        night_worker: None,
    };
    for (i, (cell, column)) in record.iter().zip(columns).enumerate() {
        let Some(column) = *column else { continue };
        let mut bad = |message: String| problems.push(at(line, i, column, message));
        match column {
            "id" | "name" | "employer" if cell.is_empty() => bad(format!("the {column} is empty")),
            "id" => row.id = cell.to_string(),
            "name" => row.name = cell.to_string(),
            "employer" => row.employer = cell.to_string(),
            "degree" => match parse_degree(cell) {
                Some(d) => row.degree = d,
                None => bad(format!("bad degree {cell:?}: write 0.75, 75 or 75% (more than 0, at most 100 %)")),
            },
            "skills" | "sites" => {
                let list: Vec<String> =
                    cell.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
                if list.is_empty() {
                    bad(format!("no {column}: list at least one, separated by ';'"));
                }
                if column == "skills" {
                    row.skills = list;
                } else {
                    row.sites = list;
                }
            }
            "group" => row.group = Some((!cell.is_empty()).then(|| cell.to_string())),
            "hourly_cost" if cell.is_empty() => row.hourly_cost = Some(None),
            "hourly_cost" => match decimal(cell).filter(|c| c.is_finite() && *c >= 0.0) {
                Some(c) => row.hourly_cost = Some(Some(c)),
                None => bad(format!("bad hourly cost {cell:?}: expected a number ≥ 0")),
            },
            "night_worker" => match yes_no(cell) {
                Some(b) => row.night_worker = Some(b),
                None => bad(format!("bad night_worker {cell:?}: expected yes/no, true/false, ja/nej, 1/0 or empty")),
            },
            _ => {}
        }
    }
    row
}

/// A number with a decimal point or comma.
fn decimal(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// `0.75`, `75` and `75%` are all 75 %; values above 1 are percentages.
pub(crate) fn parse_degree(text: &str) -> Option<f64> {
    let t = text.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let v = decimal(number)?;
    let v = if percent || v > 1.0 { v / 100.0 } else { v };
    (v.is_finite() && v > 0.0 && v <= 1.0).then_some(v)
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "nej" => Some(false),
        "1" | "yes" | "y" | "true" | "ja" | "j" | "x" => Some(true),
        _ => None,
    }
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// The instance file's new text.
    pub text: String,
    /// Employees added.
    pub added: usize,
    /// Existing employees updated.
    pub updated: usize,
    /// For each CSV row, the index of its employee in `staff`.
    pub staff_index: Vec<usize>,
}

/// Merges staff rows into an instance file's text, updating employees with the same id and
/// appending the others. The result is not validated.
///
/// # Errors
/// [`ErrorKind::Syntax`] if the instance text is not a well-formed instance file.
pub fn merge_staff(text: &str, format: Format, rows: &[StaffRow], file_label: impl AsRef<Path>) -> Result<Merged> {
    let mut file = parse_instance_file(text, format, file_label.as_ref())?;
    match format {
        Format::Json => {
            let mut merged = Merged::default();
            for row in rows {
                let i = match file.staff.iter().position(|s| s.id == row.id) {
                    Some(i) => {
                        merged.updated += 1;
                        i
                    }
                    None => {
                        merged.added += 1;
                        file.staff.push(StaffDto { id: row.id.clone(), ..Default::default() });
                        file.staff.len() - 1
                    }
                };
                apply_to_dto(&mut file.staff[i], row);
                merged.staff_index.push(i);
            }
            let json = serde_json::to_string_pretty(&file)
                .map_err(|e| Error::syntax(file_label.as_ref(), "", None, e.to_string()))?;
            merged.text = json + "\n";
            Ok(merged)
        }
        Format::Toml => merge_toml(text, rows, file_label.as_ref()),
    }
}

fn apply_to_dto(s: &mut StaffDto, row: &StaffRow) {
    s.name = row.name.clone();
    s.employer = row.employer.clone();
    s.degree = row.degree;
    s.skills = row.skills.clone();
    s.sites = row.sites.clone();
    if let Some(g) = &row.group {
        s.group = g.clone();
    }
    if let Some(c) = row.hourly_cost {
        s.hourly_cost = c;
    }
    if let Some(n) = row.night_worker {
        s.night_worker = n;
    }
}

fn merge_toml(text: &str, rows: &[StaffRow], file: &Path) -> Result<Merged> {
    let mut doc: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| Error::syntax(file, "", None, e.message().to_string()))?;
    let root = doc.as_table_mut();
    // An empty inline `staff = []` becomes an array of tables, so added staff read as sections.
    let empty_inline = root.get("staff").is_none_or(|s| s.as_array().is_some_and(|a| a.is_empty()));
    if empty_inline {
        root.insert("staff", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut merged = Merged::default();
    let Some(staff) = root.get_mut("staff") else { return Ok(merged) };
    for row in rows {
        let (i, is_new) = match staff {
            Item::ArrayOfTables(aot) => {
                let found = aot.iter().position(|t| t.get("id").and_then(Item::as_str) == Some(row.id.as_str()));
                match found {
                    Some(i) => (i, false),
                    None => {
                        aot.push(Table::new());
                        (aot.len() - 1, true)
                    }
                }
            }
            Item::Value(Value::Array(arr)) => {
                let found = arr.iter().position(|v| {
                    v.as_inline_table().and_then(|t| t.get("id")).and_then(Value::as_str) == Some(row.id.as_str())
                });
                match found {
                    Some(i) => (i, false),
                    None => {
                        arr.push(toml_edit::InlineTable::new());
                        (arr.len() - 1, true)
                    }
                }
            }
            _ => return Err(Error::syntax(file, "staff", None, "`staff` must be a list of employees")),
        };
        let table: Option<&mut dyn TableLike> = match staff {
            Item::ArrayOfTables(aot) => aot.get_mut(i).map(|t| t as &mut dyn TableLike),
            Item::Value(Value::Array(arr)) => {
                arr.get_mut(i).and_then(Value::as_inline_table_mut).map(|t| t as &mut dyn TableLike)
            }
            _ => None,
        };
        if let Some(t) = table {
            apply_to_toml(t, row);
        }
        if is_new {
            merged.added += 1;
        } else {
            merged.updated += 1;
        }
        merged.staff_index.push(i);
    }
    if let Item::Value(Value::Array(arr)) = staff {
        arr.fmt();
    }
    merged.text = doc.to_string();
    Ok(merged)
}

/// Sets a field, keeping the spacing and comments around an existing value.
fn set(t: &mut dyn TableLike, key: &str, value: impl Into<Value>) {
    let mut value = value.into();
    match t.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *value.decor_mut() = decor;
            *old = value;
        }
        _ => {
            t.insert(key, Item::Value(value));
        }
    }
}

fn list(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

fn apply_to_toml(t: &mut dyn TableLike, row: &StaffRow) {
    set(t, "id", row.id.as_str());
    set(t, "name", row.name.as_str());
    set(t, "employer", row.employer.as_str());
    set(t, "degree", row.degree);
    match &row.group {
        Some(Some(g)) => set(t, "group", g.as_str()),
        Some(None) => {
            t.remove("group");
        }
        None => {}
    }
    set(t, "skills", list(&row.skills));
    set(t, "sites", list(&row.sites));
    match row.night_worker {
        Some(true) => set(t, "night_worker", true),
        Some(false) => {
            t.remove("night_worker");
        }
        None => {}
    }
    match row.hourly_cost {
        Some(Some(c)) => set(t, "hourly_cost", c),
        Some(None) => {
            t.remove("hourly_cost");
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "id,name,employer,degree,skills,sites,group,night_worker\n\
                       anna,Anna Andersson,mellerud,80%,usk;vbt,solgarden,,nej\n\
                       erik,Erik Ek,mellerud,\"0,9\",usk,solgarden,helg,ja\n";

    #[test]
    fn degrees_in_three_spellings() {
        assert_eq!(parse_degree("0.75"), Some(0.75));
        assert_eq!(parse_degree("75"), Some(0.75));
        assert_eq!(parse_degree("75 %"), Some(0.75));
        assert_eq!(parse_degree("1"), Some(1.0));
        assert_eq!(parse_degree("100"), Some(1.0));
        assert_eq!(parse_degree("0,5"), Some(0.5));
        assert_eq!(parse_degree("150%"), None);
        assert_eq!(parse_degree("0"), None);
        assert_eq!(parse_degree("full"), None);
    }

    #[test]
    fn rows_are_read_with_optional_columns() {
        let rows = parse_staff_csv(CSV, "s.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].skills, vec!["usk", "vbt"]);
        assert_eq!(rows[0].degree, 0.8);
        assert_eq!(rows[0].group, Some(None));
        assert_eq!(rows[1].group, Some(Some("helg".into())));
        assert_eq!(rows[1].night_worker, Some(true));
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].hourly_cost, None);
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        let csv = "id,name,employer,degree,skills,sites\na,A,m,lots,usk,s\nb,B,m,50,,s\na,C,m,1,usk,s\n";
        let Err(Error { kind: ErrorKind::Invalid(p), .. }) = parse_staff_csv(csv, "s.csv") else { panic!() };
        let places: Vec<_> = p.iter().map(|p| (p.position, p.path.as_str())).collect();
        assert_eq!(places, vec![(Some((2, 4)), "degree"), (Some((3, 5)), "skills"), (Some((4, 1)), "id")]);
    }

    #[test]
    fn header_problems() {
        let Err(Error { kind: ErrorKind::Invalid(p), .. }) = parse_staff_csv("id,name,colour\n", "s.csv") else {
            panic!()
        };
        assert!(p[0].message.contains("unknown column \"colour\""));
        assert!(p.iter().any(|p| p.message.contains("lacks the column \"degree\"")));
    }

    #[test]
    fn short_rows_are_reported() {
        let csv = "id,name,employer,degree,skills,sites\na,A,m\n";
        let Err(Error { kind: ErrorKind::Invalid(p), .. }) = parse_staff_csv(csv, "s.csv") else { panic!() };
        assert_eq!(p[0].position, Some((2, 4)));
    }

    #[test]
    fn toml_merge_keeps_comments_and_other_fields() {
        let text = "name = \"x\" # the unit\nstaff = []\n\n[[staff]]\n# first\nid = \"anna\"\nname = \"Old\"\nemployer = \"mellerud\"\ndegree = 1.0\nskills = [\"usk\"]\nsites = [\"solgarden\"] # home\ngroup = \"helg\"\nwishes = [{ date = \"2027-01-09\", kind = \"off\" }]\n";
        // `staff = []` and `[[staff]]` together are not valid TOML; use the section form only.
        let text = text.replace("staff = []\n", "");
        let rows = parse_staff_csv(CSV, "s.csv").unwrap();
        let m = merge_toml(&text, &rows, Path::new("i.toml")).unwrap();
        assert_eq!((m.updated, m.added), (1, 1));
        assert_eq!(m.staff_index, vec![0, 1]);
        assert!(m.text.contains("# the unit") && m.text.contains("# first") && m.text.contains("# home"), "{}", m.text);
        assert!(m.text.contains("name = \"Anna Andersson\""));
        assert!(m.text.contains("wishes = [{ date = \"2027-01-09\""));
        assert!(!m.text.contains("group = \"helg\"\nwishes"), "an empty group cell clears the group: {}", m.text);
        let doc: toml::Table = toml::from_str(&m.text).unwrap();
        let staff = doc["staff"].as_array().unwrap();
        assert_eq!(staff.len(), 2);
        assert_eq!(staff[1]["degree"].as_float(), Some(0.9));
        assert_eq!(staff[1]["night_worker"].as_bool(), Some(true));
        assert_eq!(staff[0]["skills"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn toml_merge_into_inline_lists() {
        let text = "name = \"x\"\nstaff = [{ id = \"anna\", name = \"A\", employer = \"m\", degree = 1.0, skills = [\"usk\"], sites = [\"s\"] }]\n";
        let rows = parse_staff_csv(CSV, "s.csv").unwrap();
        let m = merge_toml(text, &rows, Path::new("i.toml")).unwrap();
        let doc: toml::Table = toml::from_str(&m.text).unwrap();
        let staff = doc["staff"].as_array().unwrap();
        assert_eq!(staff.len(), 2);
        assert_eq!(staff[0]["name"].as_str(), Some("Anna Andersson"));
        let empty = merge_toml("name = \"x\"\nstaff = []\n", &rows, Path::new("i.toml")).unwrap();
        assert!(empty.text.contains("[[staff]]"), "{}", empty.text);
    }
}
