//! `heltid report` and `heltid solve --html`: the HTML page, workbook and calendars of a solved
//! mellerud-bengtsfors roster, and the page rendered in headless Chromium when it is installed.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn instance() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/mellerud-bengtsfors.toml")
}

/// Runs `heltid ARGS` in `dir`, returning the exit code and stdout.
fn heltid(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("heltid").unwrap().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty() || out.status.code() != Some(2), "heltid {args:?}: {stderr}");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Solves mellerud-bengtsfors for 3 s into `dir/r.json`, with the HTML report `dir/solve.html`.
fn solved(dir: &Path) {
    let inst = instance();
    let (code, _) = heltid(
        dir,
        &["solve", inst.to_str().unwrap(), "--time-limit", "3", "--quiet", "--out", "r.json", "--html", "solve.html"],
    );
    assert!(code == 0 || code == 1, "solve exited {code}");
}

#[test]
fn report_writes_html_workbook_and_calendars_and_chromium_shows_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    solved(d);
    let from_solve = std::fs::read_to_string(d.join("solve.html")).unwrap();
    assert!(from_solve.contains("<table class=\"grid\""));

    let inst = instance();
    let (code, out) = heltid(
        d,
        &["report", inst.to_str().unwrap(), "r.json", "--html", "r.html", "--xlsx", "r.xlsx", "--ics", "cal"],
    );
    assert!(code == 0 || code == 1, "report exited {code}: {out}");
    assert!(out.contains("Wrote the HTML report to r.html"), "{out}");
    let html = std::fs::read_to_string(d.join("r.html")).unwrap();
    assert_eq!(html, from_solve, "solve --html and report --html give the same page");
    for needle in ["<table class=\"grid\"", "Björkängen avd 1", "class=\"heat\"", "<svg", "Mellerud", "@page"] {
        assert!(html.contains(needle), "page lacks {needle}");
    }
    let xlsx = std::fs::read(d.join("r.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a zip container");
    let calendars: Vec<_> = std::fs::read_dir(d.join("cal")).unwrap().collect();
    assert_eq!(calendars.len(), 119, "one calendar per employee");

    // A missing output is a usage error.
    let out = Command::cargo_bin("heltid")
        .unwrap()
        .current_dir(d)
        .args(["report", inst.to_str().unwrap(), "r.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    browser(&d.join("r.html"), &html);
}

/// Renders the page in headless Chromium: the DOM holds the grid and an employee id, and a
/// screenshot goes to `target/artifacts/report.png`.
fn browser(page: &Path, html: &str) {
    if !Path::new(CHROMIUM).exists() {
        println!("SKIP browser check: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let id = html
        .split("<td class=\"emp\" title=\"")
        .nth(1)
        .and_then(|r| r.split('>').nth(1))
        .and_then(|r| r.split(' ').next())
        .unwrap()
        .to_string();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let run = |extra: &[String]| {
        let mut cmd = Std::new(CHROMIUM);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
        ]);
        cmd.arg(format!("--user-data-dir={}", profile.path().display()));
        cmd.args(extra).arg(&url);
        cmd.output().unwrap()
    };
    let dom = run(&["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<table class=\"grid\""), "the browser's DOM has no grid table");
    assert!(dom.contains(&id), "the browser's DOM lacks employee {id}");
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join("report.png");
    let _ = std::fs::remove_file(&png);
    let shot = run(&[format!("--screenshot={}", png.display())]);
    assert!(png.exists(), "no screenshot: {}", String::from_utf8_lossy(&shot.stderr));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    println!("screenshot: {}", png.display());
}
