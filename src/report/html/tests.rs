use super::*;
use crate::model::{Cell, EmployeeId, TaskId, Wish, WishKind};
use crate::rules::testkit::Kit;

#[test]
fn page_has_grid_legend_marks_and_escaped_names() {
    let mut k = Kit::swedish();
    k.lock(4, "D");
    k.wish(Wish { day: 2, kind: WishKind::WantOff, weight: 3 });
    let mut inst = k.instance(14);
    inst.employees[0].name = "<script>alert('x')</script> & Co".into();
    let mut r = Roster::empty(&inst);
    for (d, s) in [(0, "K"), (1, "D"), (2, "D")] {
        r.set(EmployeeId(0), d, Cell::work(TaskId(k.shift(s).0), false));
    }
    r.set(EmployeeId(0), 5, Cell::work(TaskId(k.shift("D").0), true));
    let eval = crate::evaluate(&inst, &r);
    let report = CheckReport::new(&inst, &r, &eval);
    let html = render(&inst, &r, &report);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "names must be escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("<table class=\"grid\""));
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external assets");
    // Tuesday's Dag after Monday's Kväll breaks daily rest: that cell is outlined as hard.
    assert!(html.contains("class=\"p hard\""), "breach cell highlighted");
    assert!(html.contains("class=\"res p") && html.contains("D R</td>"), "resource shift marked");
    assert!(html.contains(" lock"), "locked cell marked");
    assert!(html.contains("daily_rest"));
    assert!(html.contains("<svg"));
    assert!(html.contains("kr</b>"));
}

#[test]
fn absences_show_in_the_grid() {
    let k = Kit::swedish();
    let mut inst = k.instance(7);
    inst.employees[0].absence[3] = Some(crate::model::AbsenceKind::Vacation);
    let r = Roster::empty(&inst);
    let eval = crate::evaluate(&inst, &r);
    let html = render(&inst, &r, &CheckReport::new(&inst, &r, &eval));
    assert!(html.contains("<td class=\"abs\" title=\"absent: Vacation\">Sem</td>"), "{html}");
}
