//! Derived reading figures: word count, reading time, excerpt.

use crate::article::Article;

/// Words per minute used for the estimate; a common figure for adult silent reading of prose.
pub const WORDS_PER_MINUTE: usize = 230;

/// Longest excerpt shown in the library, in characters.
pub const EXCERPT_CHARS: usize = 220;

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whole minutes, rounded up, never zero.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

impl Article {
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| word_count(&b.plain_text()))
            .sum()
    }

    pub fn reading_minutes(&self) -> usize {
        reading_minutes(self.word_count())
    }

    /// The standfirst, else the first paragraph, cut at a word boundary with an ellipsis.
    pub fn excerpt(&self) -> String {
        let source = match &self.standfirst {
            Some(s) => s.clone(),
            None => self.paragraphs().next().unwrap_or_default(),
        };
        excerpt(&source, EXCERPT_CHARS)
    }
}

pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) => &cut[..i],
        None => &cut[..],
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_round_up_and_never_zero() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("short text", 50), "short text");
        assert_eq!(excerpt("one two three four", 10), "one two…");
        assert_eq!(excerpt("alpha, beta gamma", 8), "alpha…");
    }
}
