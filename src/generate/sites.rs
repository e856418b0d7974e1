//! Municipalities, sites and their shift types, laid out per profile.
//!
//! Shift times follow domain.md §7: SÄBO Dag 07:00–15:30 and Kväll 13:30–21:30 (30 min rast
//! each, 8 h and 7.5 h paid), Natt 21:15–07:15 with a paid meal pause (10 h), and a weekend
//! long day (Helg lång) 07:00–20:00 with 45 min rast (12.25 h paid; 20:00 → 07:00 is exactly
//! the 11 h daily rest). Home care (hemtjänst): Dag 06:30–15:30 (8.5 h), Kväll 15:30–23:00
//! (7 h), and a night patrol 22:00–07:00 (9 h, paid meal) in some groups. Nurses (HSL): Dag
//! 07:00–16:00 with an hour's rast (8 h), Kväll 14:00–21:30 (7 h).

use super::places::Place;
use crate::rng::Rng;

/// A municipality: employer of its own staff, payer of hours worked at its sites.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Municipality {
    /// Id in the file.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// First letter of site codes ("M" in "MB1").
    pub code: char,
    /// First letter of staff ids ("m" in "m017").
    pub staff_prefix: char,
}

pub(crate) const AMAL: Municipality = Municipality { id: "amal", name: "Åmål", code: 'A', staff_prefix: 'a' };
pub(crate) const BENGTSFORS: Municipality =
    Municipality { id: "bengtsfors", name: "Bengtsfors", code: 'B', staff_prefix: 'b' };
pub(crate) const MELLERUD: Municipality =
    Municipality { id: "mellerud", name: "Mellerud", code: 'M', staff_prefix: 'm' };
pub(crate) const DALS_ED: Municipality = Municipality { id: "dals-ed", name: "Dals-Ed", code: 'D', staff_prefix: 'd' };
pub(crate) const FARGELANDA: Municipality =
    Municipality { id: "fargelanda", name: "Färgelanda", code: 'F', staff_prefix: 'f' };

/// What kind of workplace a site is, with its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Särskilt boende: a unit (or a whole small home) with this many residents.
    Sabo { places: u16 },
    /// A home-care group: heads on weekday days and evenings, and a night patrol.
    HomeCare { day: u16, evening: u16, night: u16 },
    /// The municipality's nurses (hälso- och sjukvård): weekday day and evening heads.
    Nurses { day: u16, evening: u16 },
}

/// A shift type's role in the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ShiftKind {
    Dag,
    Kvall,
    Natt,
    HelgLang,
}

impl ShiftKind {
    /// Suffix of the shift id ("MB1-D").
    pub fn suffix(self) -> &'static str {
        match self {
            ShiftKind::Dag => "D",
            ShiftKind::Kvall => "K",
            ShiftKind::Natt => "N",
            ShiftKind::HelgLang => "HL",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            ShiftKind::Dag => "Dag",
            ShiftKind::Kvall => "Kväll",
            ShiftKind::Natt => "Natt",
            ShiftKind::HelgLang => "Helg lång",
        }
    }
}

/// Clock times of a shift type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Times {
    pub start: (u16, u16),
    pub end: (u16, u16),
    pub rast: u16,
    pub paid_meal: bool,
}

impl Times {
    const fn new(start: (u16, u16), end: (u16, u16), rast: u16, paid_meal: bool) -> Self {
        Times { start, end, rast, paid_meal }
    }

    /// Nominal paid minutes (a DST night is an hour shorter or longer in reality).
    pub fn paid_minutes(self) -> u32 {
        let s = self.start.0 as u32 * 60 + self.start.1 as u32;
        let e = self.end.0 as u32 * 60 + self.end.1 as u32;
        let length = if e > s { e - s } else { e + 1440 - s };
        length - self.rast as u32
    }

    /// "HH:MM" of the start.
    pub fn start_text(self) -> String {
        format!("{:02}:{:02}", self.start.0, self.start.1)
    }

    /// "HH:MM" of the end.
    pub fn end_text(self) -> String {
        format!("{:02}:{:02}", self.end.0, self.end.1)
    }
}

/// A workplace.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    /// Id, e.g. "MB1" (Mellerud, boende, 1).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index into the profile's municipalities.
    pub muni: usize,
    /// Where it is.
    pub place: Place,
    /// What it is.
    pub kind: Kind,
}

impl Site {
    /// The shift types this site has, with their times.
    pub fn shifts(&self) -> Vec<(ShiftKind, Times)> {
        match self.kind {
            Kind::Sabo { .. } => vec![
                (ShiftKind::Dag, Times::new((7, 0), (15, 30), 30, false)),
                (ShiftKind::Kvall, Times::new((13, 30), (21, 30), 30, false)),
                (ShiftKind::Natt, Times::new((21, 15), (7, 15), 0, true)),
                (ShiftKind::HelgLang, Times::new((7, 0), (20, 0), 45, false)),
            ],
            Kind::HomeCare { night, .. } => {
                let mut v = vec![
                    (ShiftKind::Dag, Times::new((6, 30), (15, 30), 30, false)),
                    (ShiftKind::Kvall, Times::new((15, 30), (23, 0), 30, false)),
                ];
                if night > 0 {
                    v.push((ShiftKind::Natt, Times::new((22, 0), (7, 0), 0, true)));
                }
                v
            }
            Kind::Nurses { .. } => vec![
                (ShiftKind::Dag, Times::new((7, 0), (16, 0), 60, false)),
                (ShiftKind::Kvall, Times::new((14, 0), (21, 30), 30, false)),
            ],
        }
    }

    /// The times of one of this site's shift types (Dag if it has no such kind).
    pub fn times(&self, kind: ShiftKind) -> Times {
        let all = self.shifts();
        all.iter().find(|(k, _)| *k == kind).or(all.first()).map(|(_, t)| *t).unwrap_or(Times::new(
            (7, 0),
            (15, 0),
            30,
            false,
        ))
    }

    /// Whether the site has a shift type of this kind.
    pub fn has(&self, kind: ShiftKind) -> bool {
        self.shifts().iter().any(|(k, _)| *k == kind)
    }

    /// The id of one of this site's shift types.
    pub fn shift_id(&self, kind: ShiftKind) -> String {
        format!("{}-{}", self.id, kind.suffix())
    }
}

/// Municipalities and sites of a profile.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub munis: Vec<Municipality>,
    pub sites: Vec<Site>,
}

impl Layout {
    fn site(&mut self, muni: usize, letter: char, name: impl Into<String>, place: Place, kind: Kind) {
        let n = self.sites.iter().filter(|s| s.muni == muni && s.id.chars().nth(1) == Some(letter)).count() + 1;
        let id = format!("{}{}{}", self.munis[muni].code, letter, n);
        self.sites.push(Site { id, name: name.into(), muni, place, kind });
    }
    fn sabo(&mut self, muni: usize, name: impl Into<String>, place: Place, places: u16) {
        self.site(muni, 'B', name, place, Kind::Sabo { places });
    }
    fn home_care(&mut self, muni: usize, name: impl Into<String>, place: Place, day: u16, evening: u16, night: u16) {
        self.site(muni, 'H', name, place, Kind::HomeCare { day, evening, night });
    }
    fn nurses(&mut self, muni: usize, name: impl Into<String>, place: Place, day: u16, evening: u16) {
        self.site(muni, 'S', name, place, Kind::Nurses { day, evening });
    }
}

/// `tiny`: one 10-place SÄBO unit in Mellerud.
pub(crate) fn tiny() -> Layout {
    let mut l = Layout { munis: vec![MELLERUD], sites: vec![] };
    l.sabo(0, "Björkängen avd 1", Place::Mellerud, 10);
    l
}

/// `mellerud-bengtsfors`: four SÄBO units and a home-care group per municipality, the nurses,
/// and the two co-located units at Dalslands sjukhus in Bäckefors (one of each municipality).
pub(crate) fn mellerud_bengtsfors() -> Layout {
    let mut l = Layout { munis: vec![MELLERUD, BENGTSFORS], sites: vec![] };
    let (m, b) = (0, 1);
    l.sabo(m, "Björkängen avd 1", Place::Mellerud, 16);
    l.sabo(m, "Björkängen avd 2", Place::Mellerud, 12);
    l.sabo(m, "Björkängen avd 3", Place::Mellerud, 12);
    l.sabo(m, "Bäckefors, Lönnen demensenhet (Mellerud)", Place::Backefors, 10);
    l.home_care(m, "Hemtjänst Mellerud", Place::Mellerud, 7, 4, 1);
    l.nurses(m, "Sjuksköterskor Mellerud", Place::Mellerud, 3, 1);
    l.sabo(b, "Solgården avd 1", Place::Bengtsfors, 14);
    l.sabo(b, "Solgården avd 2", Place::Bengtsfors, 10);
    l.sabo(b, "Ekbacken", Place::DalsLanged, 12);
    l.sabo(b, "Bäckefors, korttidsenheten (Bengtsfors)", Place::Backefors, 10);
    l.home_care(b, "Hemtjänst Bengtsfors", Place::Bengtsfors, 6, 3, 1);
    l.nurses(b, "Sjuksköterskor Bengtsfors", Place::Bengtsfors, 3, 1);
    l
}

/// Fictional names of care homes (särskilda boenden) for the `dalsland` profile.
const HOMES: [&str; 30] = [
    "Solgården",
    "Björkängen",
    "Ekbacken",
    "Granbacka",
    "Lindgården",
    "Rönnbacken",
    "Ängsgården",
    "Sjögläntan",
    "Furuhöjden",
    "Tallbacken",
    "Almgården",
    "Lönnhagen",
    "Hagalund",
    "Rosengården",
    "Kastanjegården",
    "Vallmon",
    "Videgården",
    "Näckrosen",
    "Klövern",
    "Blåklinten",
    "Hästhagen",
    "Sjöbacken",
    "Ljungbacka",
    "Bergslyckan",
    "Strandgården",
    "Ekhagen",
    "Vitsippan",
    "Lärkan",
    "Tranan",
    "Backsippan",
];

/// `dalsland`: the five municipalities, their care homes (sized 20–40 residents), home-care
/// groups and nurses. Mellerud and Bengtsfors keep their co-located units in Bäckefors.
pub(crate) fn dalsland(rng: &mut Rng) -> Layout {
    let mut l = Layout { munis: vec![AMAL, BENGTSFORS, MELLERUD, DALS_ED, FARGELANDA], sites: vec![] };
    let mut homes: Vec<&str> = HOMES.to_vec();
    rng.shuffle(&mut homes);
    let mut homes = homes.into_iter();
    // (municipality, place, care homes, home-care groups, night patrols)
    let plan: [(usize, Place, usize, usize, u16); 12] = [
        (0, Place::Amal, 5, 4, 2),
        (0, Place::Tosse, 1, 1, 0),
        (1, Place::Bengtsfors, 3, 2, 1),
        (1, Place::Billingsfors, 1, 0, 0),
        (1, Place::DalsLanged, 1, 1, 0),
        (1, Place::Backefors, 1, 1, 0),
        (2, Place::Mellerud, 5, 3, 1),
        (2, Place::Asensbruk, 1, 1, 0),
        (2, Place::Backefors, 1, 0, 0),
        (3, Place::Ed, 3, 2, 1),
        (4, Place::Fargelanda, 3, 3, 1),
        (4, Place::Hogsater, 1, 1, 0),
    ];
    let areas = ["norr", "söder", "öster", "väster"];
    for &(muni, place, homes_here, groups, patrols) in &plan {
        for _ in 0..homes_here {
            let home = homes.next().unwrap_or("Boendet");
            let places = *rng.pick(&[20, 24, 28, 32, 36, 40]);
            let owner = if place == Place::Backefors { format!(" ({})", l.munis[muni].name) } else { String::new() };
            l.sabo(muni, format!("{home}, {}{owner}", place.name()), place, places);
        }
        for g in 0..groups {
            let day = 6 + rng.below(4) as u16;
            let evening = day / 2 + rng.below(2) as u16;
            let night = u16::from((g as u16) < patrols);
            let name = if groups > 1 {
                format!("Hemtjänst {} {}", place.name(), areas[g % areas.len()])
            } else {
                format!("Hemtjänst {}", place.name())
            };
            l.home_care(muni, name, place, day, evening, night);
        }
    }
    // Nurses: one team per 90 care-home places or so, in the municipality's main town.
    for (muni, main) in
        [(0, Place::Amal), (1, Place::Bengtsfors), (2, Place::Mellerud), (3, Place::Ed), (4, Place::Fargelanda)]
    {
        let places: u16 = l
            .sites
            .iter()
            .filter(|s| s.muni == muni)
            .map(|s| match s.kind {
                Kind::Sabo { places } => places,
                _ => 0,
            })
            .sum();
        let teams = (places as usize).div_ceil(90);
        for t in 0..teams {
            let name = if teams > 1 {
                format!("Sjuksköterskor {} {}", l.munis[muni].name, t + 1)
            } else {
                format!("Sjuksköterskor {}", l.munis[muni].name)
            };
            l.nurses(muni, name, main, 3, 1);
        }
    }
    // Group sites by municipality so ids and the file read in order.
    l.sites.sort_by_key(|s| s.muni);
    l
}
