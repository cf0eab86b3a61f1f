//! Reading settings: text size, line spacing, column width, typeface, theme, shortcuts.
//!
//! Stored as one small JSON value (`reader:settings`). Reading is forgiving: unknown or
//! out-of-range values fall back to the default for that setting alone, so one bad field never
//! resets the others.

use serde::{Deserialize, Serialize};

/// The local-storage key of the settings.
pub const SETTINGS_KEY: &str = "reader:settings";

/// Text sizes offered, in rem (1rem = the browser's default size, 16 px unless changed).
/// As CSS lengths: written as text, so that the app formats no floating-point number.
pub const TEXT_SIZES: [&str; 7] = [
    "0.9375rem",
    "1rem",
    "1.0625rem",
    "1.125rem",
    "1.25rem",
    "1.375rem",
    "1.5rem",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Index into [`TEXT_SIZES`].
    pub text_size: usize,
    pub spacing: Spacing,
    pub width: Width,
    pub font: Font,
    pub theme: Theme,
    /// Single-key shortcuts; off for readers whose assistive technology uses those keys.
    pub shortcuts: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            text_size: 3,
            spacing: Spacing::Normal,
            width: Width::Medium,
            font: Font::Serif,
            theme: Theme::System,
            shortcuts: true,
        }
    }
}

/// A setting with a fixed set of choices, each with its stored value and its label.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value used in the page's `data-*` attribute and in storage.
            pub fn value(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_value(value: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.value() == value)
            }
        }
    };
}

choice!(
    /// Line spacing of the story text.
    Spacing { Tight => "tight", "Tight"; Normal => "normal", "Normal"; Loose => "loose", "Loose"; }
);
choice!(
    /// Width of the reading column.
    Width { Narrow => "narrow", "Narrow"; Medium => "medium", "Medium"; Wide => "wide", "Wide"; }
);
choice!(
    /// Typeface: system stacks only, nothing is downloaded.
    Font { Serif => "serif", "Serif"; Sans => "sans", "Sans-serif"; Legible => "legible", "High legibility"; }
);
choice!(
    /// Colour theme; `System` follows the device's light or dark preference.
    Theme { System => "system", "Match the system"; Light => "light", "Light"; Sepia => "sepia", "Sepia"; Dark => "dark", "Dark"; }
);

impl Settings {
    /// Reads stored settings; anything unreadable falls back to defaults, field by field.
    pub fn parse(raw: &str) -> Settings {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(raw)
        else {
            return Settings::default();
        };
        let d = Settings::default();
        let text = |k: &str| map.get(k).and_then(|v| v.as_str());
        Settings {
            text_size: map
                .get("text_size")
                .and_then(|v| v.as_u64())
                .map(|n| n as usize)
                .filter(|&n| n < TEXT_SIZES.len())
                .unwrap_or(d.text_size),
            spacing: text("spacing")
                .and_then(Spacing::from_value)
                .unwrap_or(d.spacing),
            width: text("width").and_then(Width::from_value).unwrap_or(d.width),
            font: text("font").and_then(Font::from_value).unwrap_or(d.font),
            theme: text("theme").and_then(Theme::from_value).unwrap_or(d.theme),
            shortcuts: map
                .get("shortcuts")
                .and_then(|v| v.as_bool())
                .unwrap_or(d.shortcuts),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("settings serialize")
    }

    /// The text size as a CSS length ("1.125rem").
    pub fn text_size_css(&self) -> &'static str {
        TEXT_SIZES[self.text_size.min(TEXT_SIZES.len() - 1)]
    }

    /// The next theme in order, for the theme shortcut.
    pub fn next_theme(&self) -> Theme {
        let all = Theme::ALL;
        let at = all.iter().position(|&t| t == self.theme).unwrap_or(0);
        all[(at + 1) % all.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let s = Settings {
            text_size: 6,
            spacing: Spacing::Loose,
            width: Width::Narrow,
            font: Font::Legible,
            theme: Theme::Dark,
            shortcuts: false,
        };
        assert_eq!(Settings::parse(&s.to_json()), s);
    }

    #[test]
    fn bad_fields_fall_back_one_by_one() {
        let s = Settings::parse(
            r#"{"text_size": 99, "theme": "dark", "font": "comic", "shortcuts": "yes"}"#,
        );
        assert_eq!(s.text_size, Settings::default().text_size);
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.font, Font::Serif);
        assert!(s.shortcuts);
        assert_eq!(Settings::parse("not json"), Settings::default());
        assert_eq!(Settings::parse("[1]"), Settings::default());
    }

    #[test]
    fn theme_cycles() {
        let mut s = Settings::default();
        let mut seen = vec![s.theme];
        for _ in 0..4 {
            s.theme = s.next_theme();
            seen.push(s.theme);
        }
        assert_eq!(
            seen,
            [
                Theme::System,
                Theme::Light,
                Theme::Sepia,
                Theme::Dark,
                Theme::System
            ]
        );
    }
}
