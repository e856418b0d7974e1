//! Applying a variant's changes to an instance file as written, before validation, so that
//! every rule default and inheritance (defaults → group → person) is honoured as usual.

use crate::io::dto::{InstanceFile, RuleDto, StaffDto};
use crate::Problem;

use super::file::{DegreesDto, HireDto, VariantDto, WeekendsDto};

/// Degrees within this of 1.0 count as full time.
pub const FULL_TIME_EPS: f64 = 1e-9;

/// Applies every change of `variant` to `file`, in the documented order.
///
/// # Errors
/// Every problem found (unknown staff, skill or site ids; degrees outside (0, 1]; ...), with a
/// path inside the variant ("degrees.people.m999").
pub fn apply(file: &mut InstanceFile, variant: &VariantDto) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if let Some(d) = &variant.degrees {
        degrees(file, d, &mut problems);
    }
    if let Some(w) = variant.max_weekends {
        weekends(file, w, &mut problems);
    }
    if let Some(h) = variant.full_time_hours {
        full_time_hours(file, h, &mut problems);
    }
    if let Some(h) = variant.weekly_rest_hours {
        weekly_rest(file, h, &mut problems);
    }
    if variant.cross_border == Some(false) {
        no_cross_border(file);
    }
    for (i, h) in variant.hires.iter().enumerate() {
        hire(file, h, &format!("hires[{i}]"), &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn problem(problems: &mut Vec<Problem>, path: impl Into<String>, message: impl Into<String>) {
    problems.push(Problem { path: path.into(), position: None, message: message.into() });
}

fn check_degree(d: f64, path: &str, problems: &mut Vec<Problem>) -> bool {
    let ok = d.is_finite() && d > 0.0 && d <= 1.0 + FULL_TIME_EPS;
    if !ok {
        problem(problems, path, format!("degree {d} is outside (0, 1]"));
    }
    ok
}

fn is_full_time(d: f64) -> bool {
    d >= 1.0 - FULL_TIME_EPS
}

fn degrees(file: &mut InstanceFile, d: &DegreesDto, problems: &mut Vec<Problem>) {
    if d.wished {
        for s in &mut file.staff {
            if let Some(w) = s.wished_degree.filter(|w| w.is_finite() && *w > 0.0 && *w <= 1.0) {
                s.degree = w;
            }
        }
    }
    if let Some(all) = d.all {
        if check_degree(all, "degrees.all", problems) {
            file.staff.iter_mut().for_each(|s| s.degree = all);
        }
    }
    if let Some(share) = d.full_time_share {
        if !(0.0..=1.0).contains(&share) {
            problem(problems, "degrees.full_time_share", format!("share {share} is outside 0–1"));
        } else {
            raise_to_share(&mut file.staff, share);
        }
    }
    for (id, &deg) in &d.people {
        let path = format!("degrees.people.{id}");
        match file.staff.iter_mut().find(|s| &s.id == id) {
            Some(s) if check_degree(deg, &path, problems) => s.degree = deg,
            Some(_) => {}
            None => problem(problems, path, format!("no staff with id {id:?}")),
        }
    }
}

/// Raises part-timers to full time until at least `share` of staff are full time: those who wish
/// the highest degree first, then those with the highest degree, then in file order.
fn raise_to_share(staff: &mut [StaffDto], share: f64) {
    let wanted = (share * staff.len() as f64 - 1e-9).ceil() as usize;
    let now = staff.iter().filter(|s| is_full_time(s.degree)).count();
    let mut part: Vec<usize> = (0..staff.len()).filter(|&i| !is_full_time(staff[i].degree)).collect();
    let key = |s: &StaffDto| (s.wished_degree.unwrap_or(s.degree), s.degree);
    part.sort_by(|&a, &b| {
        let (ka, kb) = (key(&staff[a]), key(&staff[b]));
        kb.partial_cmp(&ka).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(&b))
    });
    for &i in part.iter().take(wanted.saturating_sub(now)) {
        staff[i].degree = 1.0;
    }
}

/// Sets a rule's parameter in the defaults and in every group that sets the rule itself.
fn set_rule(
    file: &mut InstanceFile,
    get: fn(&mut crate::io::dto::RulesDto) -> &mut Option<RuleDto>,
    f: impl Fn(&mut RuleDto),
) {
    f(get(&mut file.defaults.rules).get_or_insert_with(RuleDto::default));
    for g in file.groups.values_mut() {
        if let Some(r) = get(&mut g.rules) {
            f(r);
        }
    }
}

fn weekends(file: &mut InstanceFile, w: WeekendsDto, problems: &mut Vec<Problem>) {
    if w.window == 0 || w.max > w.window {
        problem(problems, "max_weekends", format!("{} in {} is not a weekend frequency", w.max, w.window));
        return;
    }
    set_rule(
        file,
        |r| &mut r.max_weekends,
        |r| {
            r.max = Some(w.max);
            r.window = Some(w.window);
        },
    );
}

fn weekly_rest(file: &mut InstanceFile, hours: f64, problems: &mut Vec<Problem>) {
    if !(hours.is_finite() && hours > 0.0) {
        problem(problems, "weekly_rest_hours", format!("{hours} is not a number of hours"));
        return;
    }
    set_rule(file, |r| &mut r.weekly_rest, |r| r.hours = Some(hours));
}

fn full_time_hours(file: &mut InstanceFile, hours: f64, problems: &mut Vec<Problem>) {
    if !(hours.is_finite() && hours > 0.0) {
        problem(problems, "full_time_hours", format!("{hours} is not a number of hours"));
        return;
    }
    let old = file.defaults.full_time_hours.unwrap_or(crate::io::validate::FULL_TIME_HOURS);
    let same = |h: Option<f64>| h.is_some_and(|h| (h - old).abs() < 1e-6);
    file.defaults.full_time_hours = Some(hours);
    for g in file.groups.values_mut() {
        if same(g.full_time_hours) {
            g.full_time_hours = Some(hours);
        }
    }
    for s in &mut file.staff {
        if same(s.full_time_hours) {
            s.full_time_hours = Some(hours);
        }
    }
}

/// Restricts each employee's sites to their employer's municipality (keeping them all when
/// none is left, which only happens for someone employed by one municipality to work in another).
fn no_cross_border(file: &mut InstanceFile) {
    let municipality = |site: &str| file.sites.iter().find(|s| s.id == site).map(|s| s.municipality.clone());
    let keep: Vec<Vec<String>> = file
        .staff
        .iter()
        .map(|s| s.sites.iter().filter(|site| municipality(site).as_deref() == Some(&s.employer)).cloned().collect())
        .collect();
    for (s, keep) in file.staff.iter_mut().zip(keep) {
        if !keep.is_empty() {
            s.sites = keep;
        }
    }
}

fn hire(file: &mut InstanceFile, h: &HireDto, path: &str, problems: &mut Vec<Problem>) {
    let Some(site) = file.sites.iter().find(|s| s.id == h.site) else {
        problem(problems, format!("{path}.site"), format!("no site with id {:?}", h.site));
        return;
    };
    if !file.skills.iter().any(|s| s.id == h.skill) {
        problem(problems, format!("{path}.skill"), format!("no skill with id {:?}", h.skill));
        return;
    }
    let degree = h.degree.unwrap_or(1.0);
    if !check_degree(degree, &format!("{path}.degree"), problems) {
        return;
    }
    let employer = site.municipality.clone();
    let like = file.staff.iter().find(|s| s.sites.first() == Some(&h.site) && s.skills.contains(&h.skill));
    let group = h.group.clone().or_else(|| like.and_then(|s| s.group.clone()));
    let night_worker = h.night_worker.unwrap_or_else(|| like.is_some_and(|s| s.night_worker));
    let mut n = 0;
    for k in 0..h.count {
        let id = loop {
            n += 1;
            let id = format!("new-{}-{}-{n}", h.skill, h.site);
            if !file.staff.iter().any(|s| s.id == id) {
                break id;
            }
        };
        file.staff.push(StaffDto {
            id,
            name: format!("New {} {} #{}", h.skill, h.site, k + 1),
            employer: employer.clone(),
            degree,
            group: group.clone(),
            skills: vec![h.skill.clone()],
            sites: vec![h.site.clone()],
            night_worker,
            ..StaffDto::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::dto::{GroupDto, MunicipalityDto, RulesDto, SiteDto, SkillDto};

    fn staff(id: &str, employer: &str, degree: f64, sites: &[&str]) -> StaffDto {
        StaffDto {
            id: id.into(),
            name: id.into(),
            employer: employer.into(),
            degree,
            skills: vec!["usk".into()],
            sites: sites.iter().map(|s| s.to_string()).collect(),
            group: Some("dag".into()),
            ..StaffDto::default()
        }
    }

    fn file() -> InstanceFile {
        let mut groups = std::collections::BTreeMap::new();
        groups.insert(
            "dag".into(),
            GroupDto { full_time_hours: Some(38.25), rules: RulesDto::default(), ..Default::default() },
        );
        let natt_rules = RulesDto {
            max_weekends: Some(RuleDto { max: Some(1), window: Some(2), ..RuleDto::default() }),
            ..RulesDto::default()
        };
        groups
            .insert("natt".into(), GroupDto { full_time_hours: Some(34.33), rules: natt_rules, ..Default::default() });
        InstanceFile {
            municipalities: vec![
                MunicipalityDto { id: "m".into(), name: "M".into() },
                MunicipalityDto { id: "b".into(), name: "B".into() },
            ],
            sites: vec![
                SiteDto { id: "M1".into(), name: "M1".into(), municipality: "m".into() },
                SiteDto { id: "B1".into(), name: "B1".into(), municipality: "b".into() },
            ],
            skills: vec![SkillDto { id: "usk".into(), name: "usk".into(), covers: vec![] }],
            staff: vec![
                staff("a", "m", 0.75, &["M1", "B1"]),
                staff("b", "m", 1.0, &["M1"]),
                StaffDto { wished_degree: Some(0.9), ..staff("c", "b", 0.8, &["B1", "M1"]) },
                staff("d", "b", 0.85, &["B1"]),
            ],
            groups,
            ..InstanceFile::default()
        }
    }

    fn variant(f: impl FnOnce(&mut VariantDto)) -> VariantDto {
        let mut v = VariantDto::default();
        f(&mut v);
        v
    }

    fn degrees_after(v: &VariantDto) -> Vec<f64> {
        let mut f = file();
        apply(&mut f, v).unwrap();
        f.staff.iter().map(|s| s.degree).collect()
    }

    #[test]
    fn everyone_to_full_time() {
        let v = variant(|v| v.degrees = Some(DegreesDto { all: Some(1.0), ..DegreesDto::default() }));
        assert_eq!(degrees_after(&v), [1.0; 4]);
    }

    #[test]
    fn a_share_at_full_time_raises_the_highest_wishes_then_degrees_first() {
        let share = |s| variant(|v| v.degrees = Some(DegreesDto { full_time_share: Some(s), ..DegreesDto::default() }));
        // 1 of 4 now; 50 % raises c (wishes 0.9); 75 % also d (0.85 > 0.75).
        assert_eq!(degrees_after(&share(0.5)), [0.75, 1.0, 1.0, 0.85]);
        assert_eq!(degrees_after(&share(0.75)), [0.75, 1.0, 1.0, 1.0]);
        // Never lowers anyone.
        assert_eq!(degrees_after(&share(0.0)), [0.75, 1.0, 0.8, 0.85]);
    }

    #[test]
    fn named_people_and_wished_degrees() {
        let mut people = std::collections::BTreeMap::new();
        people.insert("a".to_string(), 0.9);
        let v = variant(|v| v.degrees = Some(DegreesDto { wished: true, people, ..DegreesDto::default() }));
        assert_eq!(degrees_after(&v), [0.9, 1.0, 0.9, 0.85]);
        let mut bad = std::collections::BTreeMap::new();
        bad.insert("zz".to_string(), 1.0);
        bad.insert("a".to_string(), 1.5);
        let v = variant(|v| v.degrees = Some(DegreesDto { people: bad, ..DegreesDto::default() }));
        let problems = apply(&mut file(), &v).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.path == "degrees.people.zz"));
    }

    #[test]
    fn weekend_frequency_applies_to_defaults_and_groups_that_set_their_own() {
        let mut f = file();
        apply(&mut f, &variant(|v| v.max_weekends = Some(WeekendsDto { max: 1, window: 3 }))).unwrap();
        let d = f.defaults.rules.max_weekends.unwrap();
        assert_eq!((d.max, d.window), (Some(1), Some(3)));
        let n = f.groups["natt"].rules.max_weekends.clone().unwrap();
        assert_eq!((n.max, n.window), (Some(1), Some(3)));
        assert!(f.groups["dag"].rules.max_weekends.is_none(), "inherits the defaults");
        let bad = variant(|v| v.max_weekends = Some(WeekendsDto { max: 3, window: 2 }));
        assert!(apply(&mut file(), &bad).is_err());
    }

    #[test]
    fn full_time_measure_leaves_special_measures_alone() {
        let mut f = file();
        f.staff[1].full_time_hours = Some(38.25);
        apply(&mut f, &variant(|v| v.full_time_hours = Some(37.0))).unwrap();
        assert_eq!(f.defaults.full_time_hours, Some(37.0));
        assert_eq!(f.groups["dag"].full_time_hours, Some(37.0));
        assert_eq!(f.groups["natt"].full_time_hours, Some(34.33));
        assert_eq!(f.staff[1].full_time_hours, Some(37.0));
    }

    #[test]
    fn weekly_rest_hours() {
        let mut f = file();
        f.groups.get_mut("natt").unwrap().rules.weekly_rest = Some(RuleDto { hours: Some(36.0), ..RuleDto::default() });
        apply(&mut f, &variant(|v| v.weekly_rest_hours = Some(47.0))).unwrap();
        assert_eq!(f.defaults.rules.weekly_rest.unwrap().hours, Some(47.0));
        assert_eq!(f.groups["natt"].rules.weekly_rest.clone().unwrap().hours, Some(47.0));
    }

    #[test]
    fn no_cross_border_keeps_only_the_employer_s_sites() {
        let mut f = file();
        apply(&mut f, &variant(|v| v.cross_border = Some(false))).unwrap();
        let sites: Vec<Vec<String>> = f.staff.iter().map(|s| s.sites.clone()).collect();
        assert_eq!(sites, [vec!["M1"], vec!["M1"], vec!["B1"], vec!["B1"]]);
        // `true` changes nothing.
        let mut g = file();
        apply(&mut g, &variant(|v| v.cross_border = Some(true))).unwrap();
        assert_eq!(g, file());
    }

    #[test]
    fn hires_join_with_the_group_of_a_colleague_and_unique_ids() {
        let mut f = file();
        let h = HireDto { count: 2, skill: "usk".into(), site: "B1".into(), degree: Some(0.9), ..HireDto::default() };
        apply(&mut f, &variant(|v| v.hires = vec![h.clone(), h])).unwrap();
        assert_eq!(f.staff.len(), 8);
        let new = &f.staff[4..];
        assert!(new.iter().all(|s| s.employer == "b" && s.sites == ["B1"] && s.group.as_deref() == Some("dag")));
        assert!(new.iter().all(|s| s.degree == 0.9));
        let mut ids: Vec<&str> = f.staff.iter().map(|s| s.id.as_str()).collect();
        ids.dedup();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 8);
        let bad = HireDto { count: 1, skill: "ssk".into(), site: "X".into(), ..HireDto::default() };
        let problems = apply(&mut file(), &variant(|v| v.hires = vec![bad])).unwrap_err();
        assert_eq!(problems[0].path, "hires[0].site");
    }
}
