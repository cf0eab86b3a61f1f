//! The report, `docs/benchmarks.md`: the machine, each section, the targets missed, the notes.

use super::*;

#[derive(Default)]
pub(crate) struct Doc {
    pub(crate) machine: Vec<(String, String)>,
}

pub(crate) fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

pub(crate) fn command(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| format!("({program} not found)"))
}

pub(crate) fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

/// The hand-written part of `docs/benchmarks.md`, kept from the current file.
pub(crate) const NOTES_START: &str = "<!-- notes: hand-written, kept by the bench -->";
pub(crate) const NOTES_END: &str = "<!-- end of notes -->";

impl Doc {
    pub(crate) fn machine(&mut self) {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .map(|r| r.trim_start_matches([' ', '\t', ':']))
            })
            .unwrap_or("unknown")
            .to_string();
        let cores = cpuinfo
            .lines()
            .filter(|l| l.starts_with("processor"))
            .count();
        let ram = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or("unknown".into(), |kib| {
                format!("{:.1} GiB", kib / 1024.0 / 1024.0)
            });
        self.machine = vec![
            ("Date".into(), command("date", &["-u"])),
            ("CPU".into(), model),
            ("Cores".into(), cores.to_string()),
            ("RAM".into(), ram),
            ("rustc".into(), command("rustc", &["--version"])),
            ("Chromium".into(), command("chromium", &["--version"])),
            (
                "chromedriver".into(),
                command("chromedriver", &["--version"]),
            ),
        ];
    }

    /// Writes `docs/benchmarks.md`: each section from its module, the targets missed, and
    /// the hand-written notes kept from the current file.
    pub(crate) fn write(&self, figures: &Figures) {
        let Figures {
            size_rows,
            visit,
            paint,
            long,
            storage,
            anchoring,
            growth,
        } = figures;
        let mut md = String::new();
        let mut missed: Vec<String> = Vec::new();
        let w = &mut md;
        let _ = writeln!(w, "# Benchmarks\n");
        let _ = writeln!(
            w,
            "Written by `./scripts/bench.sh` (do not edit by hand, except the notes at the end, \
             which it keeps). Targets are goals, not tests: nothing fails when one is missed.\n"
        );
        let _ = writeln!(w, "| Machine | |\n|---|---|");
        for (k, v) in &self.machine {
            let _ = writeln!(w, "| {k} | {v} |");
        }

        let page = sizes::write(w, size_rows, visit, &mut missed);
        first_paint::write(w, paint, page, &mut missed);
        anchoring::write(w, anchoring, long, &mut missed);
        long::write(w, long);
        storage::write(w, storage, &mut missed);
        growth::write(w, &growth[0], &growth[1], &mut missed);

        // Targets missed
        let _ = writeln!(w, "\n## Targets missed, why, and what would close them\n");
        if missed.is_empty() {
            let _ = writeln!(w, "None: every target was met in this run.");
        }
        for m in &missed {
            let _ = writeln!(w, "- {m}");
        }

        // Notes, kept.
        let path = repo_root().join("docs/benchmarks.md");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let notes = old
            .split_once(NOTES_START)
            .and_then(|(_, rest)| rest.split_once(NOTES_END))
            .map(|(n, _)| n.trim().to_string())
            .unwrap_or_else(|| DEFAULT_NOTES.trim().to_string());
        let _ = writeln!(
            w,
            "\n## What the figures mean\n\n{NOTES_START}\n{notes}\n{NOTES_END}"
        );
        std::fs::write(&path, &md).expect("docs/ is writable");
        println!("\n{md}");
        say(&format!("wrote {}", path.display()));
    }
}

pub(crate) const DEFAULT_NOTES: &str = "
(Hand-written; `./scripts/bench.sh` keeps this section as it is.)
";
