//! Plain-text tables with aligned columns, for terminal reports.

/// Column alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text: flush left.
    Left,
    /// Numbers: flush right.
    Right,
}

/// A table: a header row and data rows, each cell a string.
#[derive(Clone, Debug, Default)]
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            header: columns.iter().map(|c| c.0.to_string()).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines, each starting with `indent`, without trailing spaces.
    pub fn render(&self, indent: &str) -> String {
        let n = self.header.len();
        let width = |cells: &[String], i: usize| cells.get(i).map_or(0, |c| c.chars().count());
        let widths: Vec<usize> = (0..n)
            .map(|i| std::iter::once(&self.header).chain(&self.rows).map(|r| width(r, i)).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::from(indent);
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let pad = w - cell.chars().count();
                if i > 0 {
                    line.push_str("  ");
                }
                match self.align[i] {
                    Align::Left => {
                        line.push_str(cell);
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        line.extend(std::iter::repeat_n(' ', pad));
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Minutes as hours and minutes: "153:00", "-13:30".
pub fn hm(minutes: i32) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

/// SEK with a space between thousands and two decimals: "14 360.00".
pub fn sek(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    let sign = if x < 0.0 && s != "0.00" { "-" } else { "" };
    format!("{sign}{grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align() {
        let mut t = Table::new(&[("who", Align::Left), ("hours", Align::Right)]);
        t.row(vec!["anna".into(), "1:00".into()]);
        t.row(vec!["bo".into(), "120:30".into()]);
        assert_eq!(t.render("  "), "  who    hours\n  anna    1:00\n  bo    120:30\n");
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(hm(9180), "153:00");
        assert_eq!(hm(-810), "-13:30");
        assert_eq!(sek(14360.0), "14 360.00");
        assert_eq!(sek(1576.55), "1 576.55");
        assert_eq!(sek(-5.0), "-5.00");
        assert_eq!(sek(999.999), "1 000.00");
        assert_eq!(sek(0.0), "0.00");
    }
}
