//! Reference figures to compare with: best-known values (`bks.csv`) and other solvers' results
//! (`peers/results-*.csv`). Both are CSV files with a header row; columns are found by name,
//! extra columns (and rows with extra fields) are ignored, and `NA` or an empty cell means "no
//! value".

use std::collections::BTreeMap;
use std::path::Path;

use crate::{Error, ErrorKind, Problem, Result};

/// The best-known bounds of one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BestKnown {
    /// Best objective known to be reachable (`best_known_ub`), if any.
    pub upper: Option<i64>,
    /// Proven lower bound (`lower_bound`), if any.
    pub lower: Option<i64>,
}

/// One other solver's result on one instance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeerResult {
    /// The time limit it ran with, in seconds.
    pub time_limit: f64,
    /// The objective it reached, or `None` when it found no roster in time.
    pub objective: Option<i64>,
}

/// Everything to compare with, by instance name (the file stem, `Instance1`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct References {
    /// Best-known values by instance.
    pub best_known: BTreeMap<String, BestKnown>,
    /// Peer results by (instance, solver).
    pub peers: BTreeMap<(String, String), PeerResult>,
    /// Whether a peers file was given (so the table shows peer columns).
    pub has_peers: bool,
}

impl References {
    /// Reads the files a suite names; either may be absent.
    ///
    /// # Errors
    /// As [`parse_best_known`] and [`parse_peers`], or an I/O error naming the file.
    pub fn load(best_known: Option<&Path>, peers: Option<&Path>) -> Result<References> {
        let mut refs = References::default();
        if let Some(path) = best_known {
            refs.best_known = parse_best_known(&crate::io::read_text(path)?, path)?;
        }
        if let Some(path) = peers {
            refs.peers = parse_peers(&crate::io::read_text(path)?, path)?;
            refs.has_peers = true;
        }
        Ok(refs)
    }

    /// The best-known upper bound of an instance.
    pub fn best_known(&self, instance: &str) -> Option<i64> {
        self.best_known.get(instance).and_then(|b| b.upper)
    }

    /// The proven lower bound of an instance.
    pub fn lower_bound(&self, instance: &str) -> Option<i64> {
        self.best_known.get(instance).and_then(|b| b.lower)
    }

    /// A peer's result on an instance.
    pub fn peer(&self, instance: &str, solver: &str) -> Option<PeerResult> {
        self.peers.get(&(instance.to_string(), solver.to_string())).copied()
    }
}

/// Parses `bks.csv`: columns `instance`, `best_known_ub` and (optional) `lower_bound`.
///
/// # Errors
/// [`ErrorKind::Invalid`] naming a missing column, or each cell that is not an integer (with its
/// line), or an instance listed twice.
pub fn parse_best_known(text: &str, file: &Path) -> Result<BTreeMap<String, BestKnown>> {
    let table = Csv::parse(text, file, &["instance", "best_known_ub"])?;
    let mut problems = Vec::new();
    let mut out = BTreeMap::new();
    for row in &table.rows {
        let instance = row.get(&table, "instance").to_string();
        let upper = row.int(&table, "best_known_ub", &mut problems);
        let lower = row.int(&table, "lower_bound", &mut problems);
        if out.insert(instance.clone(), BestKnown { upper, lower }).is_some() {
            problems.push(row.problem("instance", format!("{instance} is listed twice")));
        }
    }
    finish(file, problems, out)
}

/// Parses a peers file: columns `instance`, `solver`, `time_limit`, `objective`.
///
/// # Errors
/// [`ErrorKind::Invalid`] naming a missing column, each cell that is not a number (with its
/// line), or a (instance, solver) pair listed twice.
pub fn parse_peers(text: &str, file: &Path) -> Result<BTreeMap<(String, String), PeerResult>> {
    let table = Csv::parse(text, file, &["instance", "solver", "time_limit", "objective"])?;
    let mut problems = Vec::new();
    let mut out = BTreeMap::new();
    for row in &table.rows {
        let key = (row.get(&table, "instance").to_string(), row.get(&table, "solver").to_string());
        let objective = row.int(&table, "objective", &mut problems);
        let time_limit = match row.get(&table, "time_limit").parse::<f64>() {
            Ok(t) if t.is_finite() && t >= 0.0 => t,
            _ => {
                let cell = row.get(&table, "time_limit");
                problems.push(row.problem("time_limit", format!("`{cell}` is not a number of seconds")));
                0.0
            }
        };
        if out.insert(key.clone(), PeerResult { time_limit, objective }).is_some() {
            problems.push(row.problem("solver", format!("{} on {} is listed twice", key.1, key.0)));
        }
    }
    finish(file, problems, out)
}

fn finish<T>(file: &Path, problems: Vec<Problem>, value: T) -> Result<T> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(Error::new(file, ErrorKind::Invalid(problems)))
    }
}

/// A CSV file held as strings, with its columns by name.
struct Csv {
    columns: BTreeMap<String, usize>,
    rows: Vec<Row>,
}

struct Row {
    line: usize,
    cells: Vec<String>,
}

impl Csv {
    fn parse(text: &str, file: &Path, required: &[&str]) -> Result<Csv> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let syntax = |e: csv::Error| {
            let line = e.position().map(|p| p.line() as usize);
            Error::syntax(file, "", line.map(|l| (l, 1)), e.to_string())
        };
        let header = reader.headers().map_err(syntax)?.clone();
        let mut columns = BTreeMap::new();
        for (i, h) in header.iter().enumerate() {
            columns.entry(h.trim().to_string()).or_insert(i);
        }
        let missing: Vec<Problem> = required
            .iter()
            .filter(|c| !columns.contains_key(**c))
            .map(|c| Problem {
                path: (*c).to_string(),
                position: Some((1, 1)),
                message: format!("no column named {c} in the header ({})", header.iter().collect::<Vec<_>>().join(",")),
            })
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(file, ErrorKind::Invalid(missing)));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(syntax)?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push(Row { line, cells: record.iter().map(|c| c.trim().to_string()).collect() });
        }
        Ok(Csv { columns, rows })
    }
}

impl Row {
    /// The cell of a column ("" when the column or the cell is absent).
    fn get<'r>(&'r self, table: &Csv, column: &str) -> &'r str {
        table.columns.get(column).and_then(|&i| self.cells.get(i)).map_or("", String::as_str)
    }

    /// An integer cell; `NA` or empty is `None`, anything else a problem.
    fn int(&self, table: &Csv, column: &str, problems: &mut Vec<Problem>) -> Option<i64> {
        let cell = self.get(table, column);
        if cell.is_empty() || cell.eq_ignore_ascii_case("na") {
            return None;
        }
        match cell.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                problems.push(self.problem(column, format!("`{cell}` is not an integer")));
                None
            }
        }
    }

    fn problem(&self, column: &str, message: String) -> Problem {
        Problem { path: column.to_string(), position: Some((self.line, 1)), message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_known_values_are_read_by_column_name() {
        let text = "instance,days,best_known_ub,lower_bound,source\n\
                    Instance1,14,607,607,\"a, b\"\nInstance24,364,42463,NA,x\n";
        let bks = parse_best_known(text, Path::new("bks.csv")).unwrap();
        assert_eq!(bks["Instance1"], BestKnown { upper: Some(607), lower: Some(607) });
        assert_eq!(bks["Instance24"], BestKnown { upper: Some(42463), lower: None });
    }

    #[test]
    fn peers_allow_missing_objectives_and_rows_with_extra_fields() {
        let text = "instance,solver,time_limit,objective,bound\n\
                    Instance1,cpsat,60,607,607,extra\nInstance8,highs,60,NA,1256\n";
        let peers = parse_peers(text, Path::new("p.csv")).unwrap();
        let key = |i: &str, s: &str| (i.to_string(), s.to_string());
        assert_eq!(peers[&key("Instance1", "cpsat")], PeerResult { time_limit: 60.0, objective: Some(607) });
        assert_eq!(peers[&key("Instance8", "highs")].objective, None);
    }

    #[test]
    fn bad_cells_and_missing_columns_are_named() {
        let e = parse_best_known("instance,ub\nI,3\n", Path::new("bks.csv")).unwrap_err();
        assert!(e.to_string().contains("(best_known_ub): no column named best_known_ub"), "{e}");
        let e = parse_best_known("instance,best_known_ub\nI,3\nJ,x\nI,4\n", Path::new("bks.csv")).unwrap_err();
        match e.kind {
            ErrorKind::Invalid(p) => {
                assert_eq!(p[0].path, "best_known_ub");
                assert_eq!(p[0].position, Some((3, 1)));
                assert!(p[1].message.contains("listed twice"));
            }
            other => panic!("{other:?}"),
        }
        let e = parse_peers("instance,solver,time_limit,objective\nI,cpsat,soon,3\n", Path::new("p.csv"));
        assert!(e.unwrap_err().to_string().contains("time_limit"));
    }
}
