//! Timestamps. Records carry RFC 3339 UTC timestamps with milliseconds, as the browser's
//! `Date.toISOString()` makes them ("2026-11-28T13:05:00.000Z"); in that one form, comparing
//! the strings compares the times, which is how "the later `modified` wins" is decided.
//! Imported files may use other RFC 3339 forms; [`normalize`] brings them into this one.

/// `input` as "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC, or `None` if it is not an RFC 3339 date-time.
/// Fractions beyond milliseconds are truncated; offsets are applied.
pub fn normalize(input: &str) -> Option<String> {
    let s = input.trim().as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = digits(0, 4)?;
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    let hour = digits(11, 2)?;
    let minute = digits(14, 2)?;
    let second = digits(17, 2)?;
    if s.get(4) != Some(&b'-')
        || s.get(7) != Some(&b'-')
        || !matches!(s.get(10), Some(b'T' | b't' | b' '))
        || s.get(13) != Some(&b':')
        || s.get(16) != Some(&b':')
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut at = 19;
    let mut millis = 0;
    if s.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while s.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
        let mut fraction = s[start..at.min(start + 3)].to_vec();
        fraction.resize(3, b'0');
        millis = std::str::from_utf8(&fraction).ok()?.parse().ok()?;
    }
    let offset_minutes = match s.get(at) {
        Some(b'Z' | b'z') if s.len() == at + 1 => 0,
        Some(sign @ (b'+' | b'-')) if s.len() == at + 6 && s[at + 3] == b':' => {
            let (h, m) = (digits(at + 1, 2)?, digits(at + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// Whether `s` is already in the stored form (so comparing it as a string is sound).
pub fn is_canonical(s: &str) -> bool {
    normalize(s).as_deref() == Some(s)
}

/// The date part of a timestamp ("2026-11-28").
pub fn day(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

use crate::pub_date::MONTHS;

/// A timestamp's date as a person reads it: "30 November 2026" (the text as it is if it has
/// no date).
pub fn long_date(timestamp: &str) -> String {
    let part = |r: std::ops::Range<usize>| timestamp.get(r).and_then(|s| s.parse::<usize>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m @ 1..=12), Some(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => timestamp.to_string(),
    }
}

/// How far ahead of this machine's clock a time may be and still be believed: another
/// machine's clock may run a little fast. Anything later is taken as now (see [`not_after`]).
pub const MAX_SKEW_MS: i64 = 10 * 60 * 1000;

/// Milliseconds since 1970-01-01 of a time in the stored form; `None` if it is not in it.
pub fn to_millis(canonical: &str) -> Option<i64> {
    if !is_canonical(canonical) {
        return None;
    }
    let n = |from: usize, len: usize| -> i64 { canonical[from..from + len].parse().unwrap_or(0) };
    let days = days_from_civil(n(0, 4), n(5, 2), n(8, 2));
    Some(((days * 24 + n(11, 2)) * 60 + n(14, 2)) * 60_000 + n(17, 2) * 1000 + n(20, 3))
}

/// The stored form of `millis` since 1970-01-01, kept within years 0000 to 9999.
pub fn from_millis(millis: i64) -> String {
    let lowest = days_from_civil(0, 1, 1) * 86_400_000;
    let highest = days_from_civil(10_000, 1, 1) * 86_400_000 - 1;
    let millis = millis.clamp(lowest, highest);
    let (days, ms) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let secs = ms / 1000;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        ms % 1000
    )
}

/// `time`, unless it lies further in the future than [`MAX_SKEW_MS`] past `now`: then `now`.
/// A time from the far future would win every merge and make later edits look older (both in
/// the stored form; an unreadable `now` leaves `time` as it is).
pub fn not_after(time: &str, now: &str) -> String {
    match (to_millis(time), to_millis(now)) {
        (Some(t), Some(n)) if t > n.saturating_add(MAX_SKEW_MS) => now.to_string(),
        _ => time.to_string(),
    }
}

/// The time one millisecond after `time` (in the stored form).
pub fn just_after(time: &str) -> Option<String> {
    to_millis(time).map(|t| from_millis(t.saturating_add(1)))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_is_kept() {
        let t = "2026-11-28T13:05:00.000Z";
        assert_eq!(normalize(t).as_deref(), Some(t));
        assert!(is_canonical(t));
    }

    #[test]
    fn other_forms_are_normalized_to_utc_millis() {
        assert_eq!(
            normalize("2026-11-28T13:05:00Z").as_deref(),
            Some("2026-11-28T13:05:00.000Z")
        );
        assert_eq!(
            normalize("2026-11-28T13:05:00.1234567Z").as_deref(),
            Some("2026-11-28T13:05:00.123Z")
        );
        assert_eq!(
            normalize("2026-11-28T13:05:00.5+01:00").as_deref(),
            Some("2026-11-28T12:05:00.500Z")
        );
        assert_eq!(
            normalize("2026-12-31T23:30:00-01:00").as_deref(),
            Some("2027-01-01T00:30:00.000Z")
        );
        assert_eq!(
            normalize("2024-03-01T00:10:00+00:30").as_deref(),
            Some("2024-02-29T23:40:00.000Z")
        );
    }

    #[test]
    fn non_dates_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-11-28",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T13:05:00",
            "2026-11-28T13:05:00.Z",
            "2026-11-28T13:05:00+0100",
            "2026-11-28T13:05:00Zjunk",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
        assert!(!is_canonical("2026-11-28T13:05:00Z"));
    }

    #[test]
    fn millis_round_trip_and_stay_within_four_digit_years() {
        for t in [
            "1970-01-01T00:00:00.000Z",
            "2026-11-28T13:05:00.123Z",
            "2024-02-29T23:59:59.999Z",
            "0000-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            assert_eq!(from_millis(to_millis(t).unwrap()), t);
        }
        assert_eq!(to_millis("1970-01-01T00:00:01.000Z"), Some(1000));
        assert_eq!(to_millis("zzz"), None);
        assert_eq!(from_millis(i64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(from_millis(i64::MIN), "0000-01-01T00:00:00.000Z");
        assert_eq!(
            just_after("2026-11-28T23:59:59.999Z").as_deref(),
            Some("2026-11-29T00:00:00.000Z")
        );
        assert_eq!(
            just_after("9999-12-31T23:59:59.999Z").as_deref(),
            Some("9999-12-31T23:59:59.999Z")
        );
    }

    #[test]
    fn times_far_ahead_of_now_are_taken_as_now() {
        let now = "2026-11-30T10:00:00.000Z";
        assert_eq!(not_after("9999-12-31T23:59:59.000Z", now), now);
        assert_eq!(not_after("2026-11-30T10:11:00.000Z", now), now);
        let within = "2026-11-30T10:09:00.000Z";
        assert_eq!(not_after(within, now), within);
        let past = "2020-01-01T00:00:00.000Z";
        assert_eq!(not_after(past, now), past);
    }
}
