//! Staff names: common Swedish first names and surnames, and names common among the many care
//! staff born elsewhere. Mostly women, as in municipal care. Fictional combinations.

use crate::rng::Rng;

const WOMEN: [&str; 72] = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kristina",
    "Emma",
    "Malin",
    "Ingrid",
    "Linda",
    "Marie",
    "Susanne",
    "Elin",
    "Johanna",
    "Annika",
    "Camilla",
    "Helena",
    "Jenny",
    "Sofia",
    "Åsa",
    "Ulla",
    "Birgitta",
    "Margareta",
    "Anneli",
    "Carina",
    "Therese",
    "Frida",
    "Ida",
    "Hanna",
    "Linnéa",
    "Matilda",
    "Julia",
    "Ebba",
    "Moa",
    "Wilma",
    "Agnes",
    "Alva",
    "Ronja",
    "Tove",
    "Siv",
    "Gunilla",
    "Monica",
    "Pia",
    "Mona",
    "Ylva",
    "Amina",
    "Fatima",
    "Yasmin",
    "Leila",
    "Nadia",
    "Samira",
    "Hawa",
    "Asha",
    "Senait",
    "Helen",
    "Rahel",
    "Olena",
    "Iryna",
    "Natalia",
    "Aleksandra",
    "Marta",
    "Joanna",
    "Agnieszka",
    "Maja",
    "Jelena",
    "Mirela",
    "Ayan",
    "Hodan",
    "Khadija",
    "Zahra",
    "Shirin",
];

const MEN: [&str; 20] = [
    "Erik", "Lars", "Anders", "Johan", "Per", "Mikael", "Daniel", "Jonas", "Patrik", "Oskar", "Ali", "Ahmed",
    "Mohammed", "Yonas", "Dawit", "Abdi", "Andrzej", "Mehmet", "Hassan", "Tesfay",
];

const SURNAMES: [&str; 64] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Berglund",
    "Axelsson",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Lundgren",
    "Ali",
    "Mohamed",
    "Hussein",
    "Ahmed",
    "Abdullahi",
    "Hassan",
    "Yusuf",
    "Tesfaye",
    "Gebremedhin",
    "Haile",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Kovač",
    "Petrović",
    "Hodžić",
    "Shevchenko",
    "Kovalenko",
    "Rahimi",
    "Karimi",
    "Haddad",
    "Yilmaz",
    "Demir",
    "Dahl",
    "Ek",
    "Holm",
    "Strand",
    "Dahlgren",
    "Bergqvist",
    "Lindahl",
    "Fransson",
    "Åberg",
    "Ström",
    "Hedlund",
];

/// Hands out distinct names.
pub(crate) struct Names {
    used: Vec<String>,
}

impl Names {
    /// No names handed out yet.
    pub fn new() -> Self {
        Names { used: Vec::new() }
    }

    /// A name not handed out before (after a few tries, a repeated one gets a middle initial).
    pub fn next(&mut self, rng: &mut Rng) -> String {
        let mut name = String::new();
        for _ in 0..20 {
            let first = if rng.chance(0.85) { *rng.pick(&WOMEN) } else { *rng.pick(&MEN) };
            name = format!("{first} {}", rng.pick(&SURNAMES));
            if !self.used.contains(&name) {
                break;
            }
        }
        if self.used.contains(&name) {
            let initial = (b'A' + rng.below(26) as u8) as char;
            name = name.replacen(' ', &format!(" {initial}. "), 1);
        }
        self.used.push(name.clone());
        name
    }
}
