use super::*;

#[test]
fn print_summaries() {
    for p in Profile::ALL {
        let f = generate(p, 1);
        println!("{}", summary(&f));
        let g = build(p, 1);
        for (i, l) in g.lines.iter().enumerate().take(40) {
            println!("{i} {} {:?} {:?} we={} t={} m={}", g.layout.sites[l.site].id, l.shift, l.skill, l.weekend, l.target, l.min);
        }
        for s in g.staff.iter().take(60) {
            println!("{:?} {:?} {} {:?} hist_we={} abs={:?}", s.role, s.skill, s.degree, s.sites, s.history_weekend, s.absences);
        }
    }
}
