//! Where highlights fall inside one annotatable part (a paragraph, or the caption): the part's
//! runs cut at every highlight edge, each piece listing the highlights that cover it. The app
//! draws each covered piece as a `<mark>`, so highlights across inline formatting, overlapping
//! and adjacent highlights all produce well-formed markup and lose nothing.

use crate::article::Run;

/// A highlight placed in the annotatable text, in chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A piece of one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Index of the run this text comes from (its marks, link and facts apply).
    pub run: usize,
    pub text: String,
    /// Indices into the `spans` given to [`pieces`] that cover this piece, ascending.
    pub covered_by: Vec<usize>,
}

/// Cuts `runs` (a part starting at char `part_start` of the annotatable text) at the edges of
/// `spans`. Pieces keep the text order; joined, their texts equal the runs' texts.
pub fn pieces(runs: &[Run], part_start: usize, spans: &[Span]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut run_start = part_start;
    for (index, run) in runs.iter().enumerate() {
        let len = run.text.chars().count();
        let run_end = run_start + len;
        // Cut points inside this run, as char offsets within it.
        let mut cuts: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .filter(|&at| at > run_start && at < run_end)
            .map(|at| at - run_start)
            .collect();
        cuts.push(0);
        cuts.push(len);
        crate::sort::sort(&mut cuts);
        cuts.dedup();
        let chars: Vec<char> = run.text.chars().collect();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (abs_a, abs_b) = (run_start + a, run_start + b);
            let covered_by = spans
                .iter()
                .enumerate()
                .filter(|(_, s)| s.start <= abs_a && s.end >= abs_b && s.start < s.end)
                .map(|(i, _)| i)
                .collect();
            out.push(Piece {
                run: index,
                text: chars[a..b].iter().collect(),
                covered_by,
            });
        }
        run_start = run_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(texts: &[&str]) -> Vec<Run> {
        texts
            .iter()
            .map(|t| Run {
                text: t.to_string(),
                ..Run::default()
            })
            .collect()
    }

    fn view(pieces: &[Piece]) -> Vec<(usize, &str, Vec<usize>)> {
        pieces
            .iter()
            .map(|p| (p.run, p.text.as_str(), p.covered_by.clone()))
            .collect()
    }

    #[test]
    fn no_highlights_keeps_runs_whole() {
        let p = pieces(&runs(&["ab", "cd"]), 10, &[]);
        assert_eq!(view(&p), vec![(0, "ab", vec![]), (1, "cd", vec![])]);
    }

    #[test]
    fn a_highlight_across_runs_covers_each_piece() {
        // Part starts at 10: "abcdef" → highlight chars 11..15 = "bcde".
        let p = pieces(&runs(&["abc", "def"]), 10, &[Span { start: 11, end: 15 }]);
        assert_eq!(
            view(&p),
            vec![
                (0, "a", vec![]),
                (0, "bc", vec![0]),
                (1, "de", vec![0]),
                (1, "f", vec![])
            ]
        );
    }

    #[test]
    fn overlapping_and_adjacent_highlights() {
        let spans = [
            Span { start: 0, end: 4 },
            Span { start: 2, end: 6 },
            Span { start: 6, end: 8 },
        ];
        let p = pieces(&runs(&["abcdefgh"]), 0, &spans);
        assert_eq!(
            view(&p),
            vec![
                (0, "ab", vec![0]),
                (0, "cd", vec![0, 1]),
                (0, "ef", vec![1]),
                (0, "gh", vec![2])
            ]
        );
    }

    #[test]
    fn highlights_outside_the_part_and_multibyte_text() {
        let p = pieces(
            &runs(&["café — naïve"]),
            100,
            &[
                Span { start: 0, end: 50 },
                Span {
                    start: 103,
                    end: 106,
                },
            ],
        );
        assert_eq!(
            view(&p),
            vec![
                (0, "caf", vec![]),
                (0, "é —", vec![1]),
                (0, " naïve", vec![])
            ]
        );
    }
}
