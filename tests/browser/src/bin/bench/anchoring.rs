//! 3. Re-anchoring 1,000 highlights: the criterion results, beside the browser's figures.

use super::*;

pub(crate) struct Anchoring {
    /// (case, median ns, outcome line)
    pub(crate) cases: Vec<(String, f64, String)>,
}

pub(crate) fn criterion_results() -> Anchoring {
    let outcomes =
        std::fs::read_to_string(target().join("bench/anchoring.txt")).unwrap_or_default();
    let mut cases = Vec::new();
    for case in ["unchanged", "edited"] {
        let estimates = target().join(format!("criterion/anchoring/{case}/new/estimates.json"));
        let ns = std::fs::read_to_string(&estimates)
            .ok()
            .and_then(|s| serde_json::from_str::<Value>(&s).ok())
            .and_then(|v| v["median"]["point_estimate"].as_f64())
            .unwrap_or(f64::NAN);
        let outcome = outcomes
            .lines()
            .find_map(|l| l.strip_prefix(&format!("anchoring-outcome {case}: ")))
            .unwrap_or("")
            .to_string();
        cases.push((case.to_string(), ns, outcome));
    }
    Anchoring { cases }
}

/// Section 3 of the report: re-anchoring, natively and in the browser.
pub(crate) fn write(w: &mut String, anchoring: &Anchoring, long: &Long, missed: &mut Vec<String>) {
    // 3. Anchoring
    let _ = writeln!(
        w,
        "\n## 3. Re-anchoring 1,000 highlights in a 100,000-word text\n"
    );
    let _ = writeln!(
        w,
        "The text is Debian's licence texts (`{}`), repeated to {} words (`core/benches/shared/corpus.rs`); \
         1,000 passages of 3 to 30 words (seed `{:#x}`); the edited copy has {}% of its words \
         replaced, deleted or preceded by an inserted word (seed `{:#x}`). Natively: \
         `cargo bench -p reader-core` (criterion, median; each iteration builds a fresh \
         `TextIndex` as the app does). In the browser: the app's own \
         `performance.measure(\"reader:place-highlights\")` around `place()` \
         (`src/annotations/placement.rs`), median of {LONG_RUNS} page loads.\n",
        corpus::LICENCES,
        long.words,
        corpus::HIGHLIGHT_SEED,
        corpus::EDITED_SHARE * 100.0,
        corpus::EDIT_SEED
    );
    let _ = writeln!(w, "| Text | Native (criterion) | Browser (WebAssembly) | Target (browser) | Outcome (native) |\n|---|---|---|---|---|");
    for (i, (case, ns, outcome)) in anchoring.cases.iter().enumerate() {
        let browser = long.cases.get(i + 1).map_or(f64::NAN, |c| c.1[3]);
        let target = if i == 0 { 50.0 } else { 250.0 };
        let _ = writeln!(
            w,
            "| {case} | {:.1} ms | {browser:.1} ms | under {target:.0} ms: {} | {outcome} |",
            ns / 1e6,
            verdict(browser < target)
        );
        if browser.is_nan() || browser >= target {
            missed.push(format!(
                "**Re-anchoring, text {case}: {browser:.1} ms in the browser (target {target:.0} ms).**"
            ));
        }
    }
}
