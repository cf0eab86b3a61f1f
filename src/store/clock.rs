//! Timestamps and record ids from the browser clock.

/// Now, as RFC 3339 UTC with milliseconds ("2026-11-28T13:05:00.000Z"); sorts as text.
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// A new record id: time then randomness, so ids made in two tabs at once still differ.
pub fn new_id(kind: &str) -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{kind}-{time:x}-{random:010x}")
}
