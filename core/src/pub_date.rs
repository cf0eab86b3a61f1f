//! Publication dates: a year, month or day precision, optionally marked approximate.
//!
//! Written in front matter as `2017-11-10`, `2017-11` or `2017`; a leading `~` marks the date
//! as approximate (the source does not state it exactly), and the page shows it as such.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PubDate {
    pub year: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// The months' names in English, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PubDate {
    pub fn parse(input: &str) -> Result<PubDate, String> {
        let trimmed = input.trim();
        let (approximate, rest) = match trimmed.strip_prefix('~') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        let bad = || {
            format!("\"{input}\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, with a leading ~ if approximate")
        };
        let parts: Vec<&str> = rest.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad());
        }
        let number = |s: &str, len: usize| -> Result<u16, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts[0], 4)?;
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, 2)? as u8;
                if !(1..=12).contains(&m) {
                    return Err(format!("\"{input}\": month {m} is not between 01 and 12"));
                }
                Some(m)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, 2)? as u8;
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(format!(
                        "\"{input}\": day {d} does not exist in {} {year}",
                        MONTHS[m as usize - 1]
                    ));
                }
                Some(d)
            }
            _ => None,
        };
        Ok(PubDate {
            year,
            month,
            day,
            approximate,
        })
    }

    /// Machine-readable form for `<time datetime>`: `2017-11-10`, `2017-11` or `2017`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Sort key: later dates compare greater; less precise dates sort before precise ones.
    pub fn sort_key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl fmt::Display for PubDate {
    /// "10 November 2017", "November 2017" or "2017"; "(approximate)" follows an approximate date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", MONTHS[m as usize - 1], self.year)?,
            (Some(m), None) => write!(f, "{} {}", MONTHS[m as usize - 1], self.year)?,
            _ => write!(f, "{}", self.year)?,
        }
        if self.approximate {
            write!(f, " (approximate)")?;
        }
        Ok(())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let d = PubDate::parse("2017-11-10").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, d.approximate),
            (2017, Some(11), Some(10), false)
        );
        assert_eq!(d.to_string(), "10 November 2017");
        assert_eq!(d.iso(), "2017-11-10");
        let m = PubDate::parse("~2017-11").unwrap();
        assert_eq!(m.to_string(), "November 2017 (approximate)");
        assert_eq!(m.iso(), "2017-11");
        assert_eq!(PubDate::parse("1999").unwrap().to_string(), "1999");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "",
            "17-11-10",
            "2017-13",
            "2017-02-29",
            "2017-11-31",
            "2017/11/10",
            "Nov 2017",
            "2017-1-5",
        ] {
            assert!(PubDate::parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(PubDate::parse("2016-02-29").is_ok());
        assert!(PubDate::parse("2000-02-29").is_ok());
        assert!(PubDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn sorts_by_date() {
        let a = PubDate::parse("2017-11").unwrap();
        let b = PubDate::parse("2017-11-02").unwrap();
        assert!(a.sort_key() < b.sort_key());
    }
}
