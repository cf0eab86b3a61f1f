//! Approximate matching of a quote whose words were edited (anchoring step 3).
//!
//! Finds the substring of the text with the smallest edit distance (insertions, deletions,
//! substitutions of chars) to the quote, accepting at most [`max_errors`] edits. It uses Myers'
//! bit-parallel algorithm (Myers 1999, in the multi-word block form of Hyyrö 2003, as in
//! `edlib` and Hypothesis' `approx-string-match`): the cost is one pass over the searched text
//! doing `ceil(quote_len / 64)` word operations per char, whatever the error limit.
//!
//! The work is bounded: the text is searched in windows around the expected position,
//! widened (eightfold each time) to the whole text only while nothing acceptable is found, or
//! only in a narrow window when the recorded context fixes the position ([`Scope::Near`]);
//! and quotes longer than [`LONG_QUOTE`] chars are matched by their head and tail
//! ([`HEAD_TAIL`] chars each) rather than whole, so a pass never costs more than
//! [`MAX_BLOCKS`] words per char. The worst case, a passage gone together with its context,
//! is one or two passes over the whole text.

use super::text_index::TextIndex;

/// Quotes longer than this (in chars) are matched by their head and tail.
const LONG_QUOTE: usize = 256;
/// Chars of a long quote's head and of its tail that are matched.
const HEAD_TAIL: usize = 64;
/// 64-bit words per pattern char, at most.
const MAX_BLOCKS: usize = LONG_QUOTE.div_ceil(64);
/// Radius, in chars around the expected position, of the first window searched.
const FIRST_RADIUS: usize = 1024;
const WIDEN: usize = 8;
/// Chars beyond the error limit searched either side of a position fixed by context.
const NEAR_SLACK: usize = 8;

/// An approximate occurrence: chars `start..end`, `errors` edits away from the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FuzzyMatch {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

/// The edit distance accepted for a quote of `len` chars: a quarter of it, at least 1, but
/// always less than `len` so that a match keeps at least one char of the quote.
pub(crate) fn max_errors(len: usize) -> usize {
    (len / 4).max(1).min(len.saturating_sub(1))
}

/// How far [`match_quote`] may look from the expected position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only right around it (a few chars more than the error limit either side): the
    /// expected position is known from the recorded context, so a match anywhere else would
    /// be some other, similar passage.
    Near,
    /// In windows around it, widening to the whole text while nothing is found.
    Anywhere,
}

/// Step 3: the closest approximate occurrence of `quote` near `expected_start` (and, within
/// `scope`, farther away if needed), or `None` if nothing is within [`max_errors`].
pub(crate) fn match_quote(
    index: &TextIndex<'_>,
    quote: &str,
    expected_start: usize,
    scope: Scope,
) -> Option<FuzzyMatch> {
    let quote: Vec<char> = quote.chars().collect();
    let len = quote.len();
    let k = max_errors(len);
    if k == 0 {
        return None;
    }
    let expected_start = expected_start.min(index.char_len());
    if len <= LONG_QUOTE {
        search(index, &Query::new(&quote), k, expected_start, scope, k)
    } else {
        match_head_and_tail(index, &quote, k, expected_start, scope)
    }
}

/// A long quote: find its head, then its tail where the head says the tail should be (the
/// middle may have grown or shrunk by up to `k` chars); if the head itself was edited beyond
/// recognition, the other way round. The match spans head start to tail end.
fn match_head_and_tail(
    index: &TextIndex<'_>,
    quote: &[char],
    k: usize,
    expected_start: usize,
    scope: Scope,
) -> Option<FuzzyMatch> {
    let len = quote.len();
    let head = Query::new(&quote[..HEAD_TAIL]);
    let tail = Query::new(&quote[len - HEAD_TAIL..]);
    let part_k = max_errors(HEAD_TAIL);
    let spans_the_quote =
        |start: usize, end: usize| end > start && (end - start).abs_diff(len) <= k;
    let gap = len - HEAD_TAIL; // from the head's start to the tail's start

    if let Some(h) = search(index, &head, part_k, expected_start, scope, k) {
        let at = h.start + gap;
        let (lo, hi) = (at.saturating_sub(k), at + HEAD_TAIL + part_k + k);
        if let Some(t) = search_window(index, &tail, part_k, lo, hi, at) {
            if spans_the_quote(h.start, t.end) {
                return Some(FuzzyMatch {
                    start: h.start,
                    end: t.end,
                    errors: h.errors + t.errors,
                });
            }
        }
    }
    let t = search(index, &tail, part_k, expected_start + gap, scope, k)?;
    let at = t.start.saturating_sub(gap);
    let (lo, hi) = (at.saturating_sub(k + part_k), at + HEAD_TAIL + part_k + k);
    let h = search_window(index, &head, part_k, lo, hi, at)?;
    spans_the_quote(h.start, t.end).then_some(FuzzyMatch {
        start: h.start,
        end: t.end,
        errors: h.errors + t.errors,
    })
}

/// Searches windows around `expected_start`, each [`WIDEN`] times wider, until one holds a
/// match with at most `k` errors or the whole text has been searched. With [`Scope::Near`],
/// only a narrow window: `near` chars (the quote's error limit: how far its start may have
/// moved within the context) plus [`NEAR_SLACK`] either side. A wider window only
/// scans what the narrower one did not, plus the overlap a match reaching out of it needs.
fn search(
    index: &TextIndex<'_>,
    query: &Query,
    k: usize,
    expected_start: usize,
    scope: Scope,
    near: usize,
) -> Option<FuzzyMatch> {
    let n = index.char_len();
    let reach = query.len() + k; // the longest acceptable match
    let window = |radius: usize| {
        (
            expected_start.saturating_sub(radius),
            expected_start.saturating_add(reach + radius).min(n),
        )
    };
    let mut radius = match scope {
        Scope::Near => near + NEAR_SLACK,
        Scope::Anywhere => FIRST_RADIUS.max(query.len()),
    };
    let (mut lo, mut hi) = window(radius);
    let mut found = search_window(index, query, k, lo, hi, expected_start);
    while found.is_none() && scope == Scope::Anywhere && (lo > 0 || hi < n) {
        radius = radius.saturating_mul(WIDEN);
        let (wider_lo, wider_hi) = window(radius);
        // Nothing acceptable lies wholly inside lo..hi: a new match starts before `lo` or
        // ends after `hi`, so lies within `reach` chars of that edge.
        let left = (wider_lo < lo)
            .then(|| {
                search_window(
                    index,
                    query,
                    k,
                    wider_lo,
                    (lo + reach).min(wider_hi),
                    expected_start,
                )
            })
            .flatten();
        let right = (wider_hi > hi)
            .then(|| {
                search_window(
                    index,
                    query,
                    k,
                    hi.saturating_sub(reach).max(wider_lo),
                    wider_hi,
                    expected_start,
                )
            })
            .flatten();
        let expected_end = expected_start + query.len();
        found = [left, right]
            .into_iter()
            .flatten()
            .min_by_key(|m| (m.errors, m.end.abs_diff(expected_end)));
        (lo, hi) = (wider_lo, wider_hi);
    }
    found
}

/// The best match lying within chars `lo..hi`: fewest errors, then end closest to where a
/// match starting at `expected_start` would end; its start is then the one with fewest errors
/// for that end, then length closest to the quote's.
fn search_window(
    index: &TextIndex<'_>,
    query: &Query,
    k: usize,
    lo: usize,
    hi: usize,
    expected_start: usize,
) -> Option<FuzzyMatch> {
    let len = query.len();
    let expected_end = expected_start + len;
    // Myers gives, for each end, the fewest errors over all starts…
    let mut best: Option<((usize, usize), usize)> = None;
    scan(
        &query.forward,
        Pass::Search,
        index.slice(lo, hi),
        k,
        |i, errors| {
            let end = lo + i + 1;
            let key = (errors, end.abs_diff(expected_end));
            if best.is_none_or(|(b, _)| key < b) {
                best = Some((key, end));
            }
        },
    );
    let (_, end) = best?;
    // …so the start comes from a second pass, backwards from that end with the reversed quote,
    // anchored at the end: it gives the distance of the quote to each text[end - j..end].
    let from = end.saturating_sub(len + k).max(lo);
    let mut best = ((len, len), end); // j = 0: the empty string, `len` deletions away
    scan(
        &query.reversed,
        Pass::BackFromEnd,
        index.slice(from, end),
        usize::MAX,
        |i, errors| {
            let key = (errors, (i + 1).abs_diff(len));
            if key < best.0 {
                best = (key, end - (i + 1));
            }
        },
    );
    let ((errors, _), start) = best;
    (start < end && errors <= k).then_some(FuzzyMatch { start, end, errors })
}

/// A quote prepared for searching both ways.
struct Query {
    forward: Pattern,
    reversed: Pattern,
}

impl Query {
    fn new(chars: &[char]) -> Self {
        let reversed: Vec<char> = chars.iter().rev().copied().collect();
        Self {
            forward: Pattern::new(chars),
            reversed: Pattern::new(&reversed),
        }
    }

    fn len(&self) -> usize {
        self.forward.len
    }
}

/// A pattern's match masks: for each char, the bit set of rows (pattern positions) holding
/// it, `blocks` 64-bit words per char.
struct Pattern {
    len: usize,
    blocks: usize,
    /// The bit of the pattern's last row within the last block.
    last_row_bit: u64,
    /// Masks of all 128 ASCII chars, by code.
    ascii: Vec<u64>,
    /// The pattern's non-ASCII chars, sorted, and their masks in the same order.
    other: Vec<char>,
    other_masks: Vec<u64>,
    /// The mask of chars not in the pattern.
    none: Vec<u64>,
}

impl Pattern {
    fn new(chars: &[char]) -> Self {
        let len = chars.len();
        let blocks = len.div_ceil(64).max(1);
        assert!(blocks <= MAX_BLOCKS, "pattern of {len} chars is too long");
        let mut other: Vec<char> = chars.iter().copied().filter(|c| !c.is_ascii()).collect();
        crate::sort::sort(&mut other);
        other.dedup();
        let mut ascii = vec![0; 128 * blocks];
        let mut other_masks = vec![0; other.len() * blocks];
        for (row, &c) in chars.iter().enumerate() {
            let word = match other.binary_search(&c) {
                Ok(i) => &mut other_masks[i * blocks + row / 64],
                Err(_) => &mut ascii[c as usize * blocks + row / 64],
            };
            *word |= 1 << (row % 64);
        }
        Self {
            len,
            blocks,
            last_row_bit: 1 << (len.saturating_sub(1) % 64),
            ascii,
            other,
            other_masks,
            none: vec![0; blocks],
        }
    }

    #[inline(always)]
    fn ascii_masks(&self, byte: u8) -> &[u64] {
        let i = usize::from(byte) * self.blocks;
        &self.ascii[i..i + self.blocks]
    }

    fn masks(&self, c: char) -> &[u64] {
        let blocks = self.blocks;
        if let Ok(byte) = u8::try_from(c) {
            if byte.is_ascii() {
                return self.ascii_masks(byte);
            }
        }
        match self.other.binary_search(&c) {
            Ok(i) => &self.other_masks[i * blocks..(i + 1) * blocks],
            Err(_) => &self.none,
        }
    }
}

/// Which way [`scan`] reads the text, and where a match may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    /// Forwards; a match may start anywhere.
    Search,
    /// Backwards from the text's end, where the match must start (it ends there in reading
    /// order); used with the reversed quote to find where a match found by `Search` begins.
    BackFromEnd,
}

/// Runs Myers' algorithm over `text`, calling `visit(i, distance)` after the `i`-th char read
/// with the edit distance of the pattern to the best substring ending there (`Search`) or to
/// all the text read so far (`BackFromEnd`), when that distance is at most `limit`.
///
/// The state is one column of the edit-distance table as bit vectors of vertical deltas (`pv`:
/// +1, `mv`: −1), 64 rows per block, and the distance in the last row. The top row's delta is 0
/// when a match may start anywhere and +1 when it is pinned to the first char read.
fn scan(pattern: &Pattern, pass: Pass, text: &str, limit: usize, visit: impl FnMut(usize, usize)) {
    // One copy per block count and direction, so the column state lives in registers.
    match (pattern.blocks, pass) {
        (1, Pass::Search) => scan_blocks::<1, false>(pattern, text, limit, visit),
        (2, Pass::Search) => scan_blocks::<2, false>(pattern, text, limit, visit),
        (3, Pass::Search) => scan_blocks::<3, false>(pattern, text, limit, visit),
        (_, Pass::Search) => scan_blocks::<MAX_BLOCKS, false>(pattern, text, limit, visit),
        (1, Pass::BackFromEnd) => scan_blocks::<1, true>(pattern, text, limit, visit),
        (2, Pass::BackFromEnd) => scan_blocks::<2, true>(pattern, text, limit, visit),
        (3, Pass::BackFromEnd) => scan_blocks::<3, true>(pattern, text, limit, visit),
        (_, Pass::BackFromEnd) => scan_blocks::<MAX_BLOCKS, true>(pattern, text, limit, visit),
    }
}

fn scan_blocks<const B: usize, const BACK: bool>(
    pattern: &Pattern,
    text: &str,
    limit: usize,
    mut visit: impl FnMut(usize, usize),
) {
    let top = i32::from(BACK);
    let (mut pv, mut mv) = ([!0; B], [0; B]);
    let mut distance = pattern.len;
    let bytes = text.as_bytes();
    let (mut front, mut back) = (0, bytes.len());
    let mut i = 0;
    // A hand-written UTF-8 walk with an ASCII fast path: this loop is the hot spot of
    // re-anchoring, and `Chars` is not reliably inlined at `opt-level = "z"` (the release and
    // WebAssembly build), which made the loop about twice as slow there.
    while front < back {
        let masks = if BACK {
            let byte = bytes[back - 1];
            if byte.is_ascii() {
                back -= 1;
                pattern.ascii_masks(byte)
            } else {
                let c = text[..back].chars().next_back().unwrap_or_default();
                back -= c.len_utf8();
                pattern.masks(c)
            }
        } else {
            let byte = bytes[front];
            if byte.is_ascii() {
                front += 1;
                pattern.ascii_masks(byte)
            } else {
                let c = text[front..].chars().next().unwrap_or_default();
                front += c.len_utf8();
                pattern.masks(c)
            }
        };
        let mut carry = top;
        for b in 0..B {
            let high = if b == B - 1 {
                pattern.last_row_bit
            } else {
                1 << 63
            };
            carry = advance_block(&mut pv[b], &mut mv[b], masks[b], carry, high);
        }
        // `carry` is now the horizontal delta in the last row.
        distance = distance.wrapping_add_signed(carry as isize);
        // Checked here, not in `visit`: at `opt-level = "z"` the closure is not inlined, and
        // calling it for every char of a whole-text search doubled the cost.
        if distance <= limit {
            visit(i, distance);
        }
        i += 1;
    }
}

/// One 64-row block of Myers' column update (as in Hyyrö 2003 and `edlib`). `hin` is the
/// horizontal delta entering the block's top row (from the block above, or the table's top
/// row); returns the delta leaving its `high` row. Bits above `high` in the last block are
/// never read: carries and shifts only move information towards higher rows.
#[inline(always)]
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, high: u64) -> i32 {
    let (p, m) = (*pv, *mv);
    let hin_neg = u64::from(hin < 0);
    let hin_pos = u64::from(hin > 0);
    let xv = eq | m;
    let eq = eq | hin_neg;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let ph = m | !(xh | p);
    let mh = p & xh;
    let hout = i32::from(ph & high != 0) - i32::from(mh & high != 0);
    let ph = (ph << 1) | hin_pos;
    let mh = (mh << 1) | hin_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain dynamic programming: for each end j, the fewest edits turning `pattern` into some
    /// `text[i..j]` (searching) or into `text[..j]` (anchored).
    fn naive(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=pattern.len()).collect();
        let mut out = Vec::new();
        for (j, &c) in text.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; pattern.len() + 1];
            for i in 1..=pattern.len() {
                let sub = col[i - 1] + usize::from(pattern[i - 1] != c);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[pattern.len()]);
            col = next;
        }
        out
    }

    fn myers(pattern: &[char], text: &[char], pass: Pass) -> Vec<usize> {
        let text: String = text.iter().collect();
        let mut out = Vec::new();
        scan(&Pattern::new(pattern), pass, &text, usize::MAX, |_, d| {
            out.push(d)
        });
        out
    }

    fn reversed(chars: &[char]) -> Vec<char> {
        chars.iter().rev().copied().collect()
    }

    /// A small deterministic generator (xorshift), so the test needs no randomness crate.
    fn strings(seed: u64, count: usize, alphabet: &[char], max_len: usize) -> Vec<Vec<char>> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        (0..count)
            .map(|_| {
                let len = 1 + next() % max_len;
                (0..len)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn myers_agrees_with_dynamic_programming_in_one_and_many_blocks() {
        let alphabet = ['a', 'b', 'é', ' ', '—'];
        let patterns = strings(7, 60, &alphabet, 200);
        let texts = strings(11, 60, &alphabet, 300);
        for (p, t) in patterns.iter().zip(&texts) {
            assert_eq!(
                myers(p, t, Pass::Search),
                naive(p, t, false),
                "{p:?} in {t:?}"
            );
            // Backwards: the reversed pattern against the text read from its end.
            assert_eq!(
                myers(&reversed(p), t, Pass::BackFromEnd),
                naive(&reversed(p), &reversed(t), true),
                "{p:?} at the end of {t:?}"
            );
        }
    }

    #[test]
    fn error_limit_is_a_quarter_at_least_one_and_below_the_length() {
        assert_eq!(max_errors(1), 0);
        assert_eq!(max_errors(2), 1);
        assert_eq!(max_errors(7), 1);
        assert_eq!(max_errors(8), 2);
        assert_eq!(max_errors(100), 25);
    }

    #[test]
    fn finds_an_edited_passage() {
        let text = "Before. The naïve café owner opened early today. After.";
        let index = TextIndex::new(text);
        // "naive" lost its diaeresis, "early" became "late".
        let found = match_quote(
            &index,
            "The naive café owner opened late today.",
            8,
            Scope::Anywhere,
        )
        .unwrap();
        assert_eq!(
            index.slice(found.start, found.end),
            "The naïve café owner opened early today."
        );
        assert_eq!(found.errors, 5);
    }

    #[test]
    fn prefers_the_nearer_of_two_equal_matches() {
        let text = "alpha betx gamma ... alpha bexa gamma";
        let index = TextIndex::new(text);
        let near_second = match_quote(&index, "alpha beta gamma", 21, Scope::Anywhere).unwrap();
        assert_eq!((near_second.start, near_second.end), (21, 37));
        let near_first = match_quote(&index, "alpha beta gamma", 0, Scope::Anywhere).unwrap();
        assert_eq!((near_first.start, near_first.end), (0, 16));
    }

    #[test]
    fn widens_to_the_whole_text_only_when_needed() {
        let text = format!(
            "{}the quick brown fox{}",
            "x".repeat(10_000),
            " y".repeat(10_000)
        );
        let index = TextIndex::new(&text);
        let found = match_quote(&index, "the quack brown fox", 25_000, Scope::Anywhere).unwrap();
        assert_eq!((found.start, found.end, found.errors), (10_000, 10_019, 1));
        // Told the passage must be near, it does not look that far.
        assert_eq!(
            match_quote(&index, "the quack brown fox", 25_000, Scope::Near),
            None
        );
    }

    #[test]
    fn a_match_straddling_a_window_edge_is_found_when_widening() {
        // The first window starts 10 chars into the passage: too little of it for a match.
        let text = format!(
            "{}the quick brown fox{}",
            "x".repeat(5_000),
            "x".repeat(5_000)
        );
        let index = TextIndex::new(&text);
        let expected = 5_000 + 10 + FIRST_RADIUS;
        let found = match_quote(&index, "the quick brown fox", expected, Scope::Anywhere).unwrap();
        assert_eq!((found.start, found.end, found.errors), (5_000, 5_019, 0));
    }

    #[test]
    fn rejects_what_is_too_far_off() {
        let index = TextIndex::new("completely different words here");
        assert_eq!(
            match_quote(&index, "the quick brown fox", 0, Scope::Anywhere),
            None
        );
        assert_eq!(match_quote(&index, "z", 0, Scope::Anywhere), None);
        assert_eq!(match_quote(&index, "", 0, Scope::Anywhere), None);
    }

    #[test]
    fn long_quotes_are_matched_by_head_and_tail() {
        let words = strings(
            3,
            60,
            &['a', 'e', 'i', 'o', 'n', 'r', 's', 't', 'ï', '’'],
            8,
        );
        let words: Vec<String> = words.into_iter().map(String::from_iter).collect();
        let quote = format!(
            "river {} orchard lantern {} harbour",
            words[..30].join(" "),
            words[30..].join(" ")
        );
        assert!(quote.chars().count() > LONG_QUOTE);
        // The middle rewritten a little, the head and tail each with a small typo.
        let edited = quote
            .replacen("river", "rivers", 1)
            .replace("orchard lantern", "orchard, lantern")
            .chars()
            .rev()
            .collect::<String>()
            .replacen("ruobrah", "ruobra", 1)
            .chars()
            .rev()
            .collect::<String>();
        let text = format!("{}{edited}. The end.", "Preface. ".repeat(200));
        let index = TextIndex::new(&text);
        let found = match_quote(&index, &quote, 1800, Scope::Near).unwrap();
        assert_eq!(found.start, 1800);
        assert_eq!(found.end, 1800 + edited.chars().count());
    }
}
