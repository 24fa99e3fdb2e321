//! Months, quarters and fiscal years: the time units a roadmap is planned in.
//!
//! A [`Month`] is written `"YYYY-MM"` and a [`Quarter`] `"YYYY-Qn"` (calendar quarters) in
//! files. Fiscal years honour the roadmap's start month and are named by the calendar year
//! in which they **end** (a fiscal year starting April 2026 is FY2027, "FY27"); with a
//! January start the fiscal year is the calendar year.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month. Ordered by time.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Month {
    pub year: i32,
    /// 1..=12
    pub month: u8,
}

impl Month {
    /// A month, or `None` when `month` is not 1..=12 or the year is outside 1900..=9999.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Month { year, month })
    }

    /// Months since year 0, a continuous index for arithmetic.
    pub fn index(self) -> i32 {
        self.year * 12 + (self.month as i32 - 1)
    }

    pub fn from_index(index: i32) -> Month {
        Month { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u8 }
    }

    /// This month moved by `months` (negative moves back).
    pub fn plus(self, months: i32) -> Month {
        Month::from_index(self.index() + months)
    }

    /// Number of months from `self` to `other` inclusive (1 when equal; 0 when other is before).
    pub fn months_through(self, other: Month) -> i32 {
        (other.index() - self.index() + 1).max(0)
    }

    /// Parses `"YYYY-MM"`, with a message a person understands when it is not a month.
    pub fn parse(text: &str) -> Result<Month, String> {
        let t = text.trim();
        let bad = || format!("\"{t}\" is not a month (expected YYYY-MM, e.g. 2026-03)");
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }

    pub fn quarter(self) -> Quarter {
        Quarter { year: self.year, quarter: (self.month - 1) / 3 + 1 }
    }

    /// The fiscal year this month belongs to, for a fiscal year starting in `start_month`.
    pub fn fiscal_year(self, start_month: u8) -> i32 {
        if start_month <= 1 || self.month < start_month {
            self.year
        } else {
            self.year + 1
        }
    }

    /// The fiscal quarter (1..=4) of this month.
    pub fn fiscal_quarter(self, start_month: u8) -> u8 {
        let start = start_month.clamp(1, 12) as i32;
        let offset = (self.month as i32 - start).rem_euclid(12);
        (offset / 3 + 1) as u8
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The first month of fiscal year `fy` for a fiscal year starting in `start_month`.
pub fn fiscal_year_start(fy: i32, start_month: u8) -> Month {
    let start = start_month.clamp(1, 12);
    if start == 1 {
        Month { year: fy, month: 1 }
    } else {
        Month { year: fy - 1, month: start }
    }
}

/// A calendar quarter.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub quarter: u8,
}

impl Quarter {
    pub fn new(year: i32, quarter: u8) -> Option<Quarter> {
        ((1..=4).contains(&quarter) && (1900..=9999).contains(&year)).then_some(Quarter { year, quarter })
    }

    pub fn first_month(self) -> Month {
        Month { year: self.year, month: (self.quarter - 1) * 3 + 1 }
    }

    pub fn last_month(self) -> Month {
        self.first_month().plus(2)
    }

    pub fn next(self) -> Quarter {
        self.first_month().plus(3).quarter()
    }

    pub fn parse(text: &str) -> Result<Quarter, String> {
        let t = text.trim();
        let bad = || format!("\"{t}\" is not a quarter (expected YYYY-Qn, e.g. 2026-Q1)");
        let (y, q) = t.split_once("-Q").ok_or_else(bad)?;
        if y.len() != 4 || q.len() != 1 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let quarter: u8 = q.parse().map_err(|_| bad())?;
        Quarter::new(year, quarter).ok_or_else(bad)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quarter, D::Error> {
        let text = String::deserialize(d)?;
        Quarter::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints_months() {
        assert_eq!(m("2026-03"), Month { year: 2026, month: 3 });
        assert_eq!(m("2026-03").to_string(), "2026-03");
        for bad in ["2026-13", "2026-00", "2026-3", "26-03", "2026/03", "", "abcd-ef", "2026-03-01"] {
            let err = Month::parse(bad).unwrap_err();
            assert!(err.contains("is not a month"), "{bad}: {err}");
        }
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(m("2026-11").plus(3), m("2027-02"));
        assert_eq!(m("2026-01").plus(-1), m("2025-12"));
        assert_eq!(m("2026-03").months_through(m("2026-11")), 9);
        assert_eq!(m("2026-03").months_through(m("2026-03")), 1);
        assert_eq!(m("2026-03").months_through(m("2026-02")), 0);
        assert_eq!(Month::from_index(m("2030-07").index()), m("2030-07"));
    }

    #[test]
    fn fiscal_years_are_named_by_the_year_they_end() {
        assert_eq!(m("2026-03").fiscal_year(1), 2026);
        assert_eq!(m("2026-03").fiscal_year(4), 2026);
        assert_eq!(m("2026-04").fiscal_year(4), 2027);
        assert_eq!(m("2026-12").fiscal_year(10), 2027);
        assert_eq!(m("2026-09").fiscal_year(10), 2026);
        assert_eq!(fiscal_year_start(2027, 4), m("2026-04"));
        assert_eq!(fiscal_year_start(2027, 1), m("2027-01"));
        for start in 1..=12u8 {
            for i in 0..36 {
                let month = m("2025-01").plus(i);
                let fy = month.fiscal_year(start);
                let first = fiscal_year_start(fy, start);
                assert!(first <= month && month < first.plus(12), "{month} start {start}");
                assert_eq!(month.fiscal_quarter(start) as i32, (month.index() - first.index()) / 3 + 1);
            }
        }
    }

    #[test]
    fn quarters() {
        assert_eq!(Quarter::parse("2026-Q2").unwrap(), Quarter { year: 2026, quarter: 2 });
        assert_eq!(m("2026-12").quarter().to_string(), "2026-Q4");
        assert_eq!(Quarter::parse("2026-Q4").unwrap().next().to_string(), "2027-Q1");
        assert!(Quarter::parse("2026-Q5").is_err());
        assert_eq!(Quarter::parse("2026-Q3").unwrap().last_month(), m("2026-09"));
    }

    #[test]
    fn serde_uses_text_forms() {
        let json = serde_json::to_string(&m("2026-07")).unwrap();
        assert_eq!(json, "\"2026-07\"");
        let err = serde_json::from_str::<Month>("\"2026-13\"").unwrap_err().to_string();
        assert!(err.contains("is not a month"));
    }
}
