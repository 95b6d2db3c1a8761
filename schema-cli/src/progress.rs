//! What `migrate` and `revert` show while the runner works: one line per migration on stdout
//! as it finishes, and on a terminal, for runs longer than a few migrations, a progress bar on
//! stderr. Off a terminal (pipes, CI logs, tests) the output is only the plain lines.

use indicatif::{ProgressBar, ProgressStyle};
use schema_core::runner::{Progress, StepKind};
use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// Runs with more steps than this get a bar; shorter ones finish before it would help.
const FEW_STEPS: usize = 3;

/// Receives the runner's `Progress` and prints it; shared between the callback and the command.
pub struct ProgressPrinter {
    draw_bar: bool,
    state: Mutex<PrinterState>,
}

#[derive(Default)]
struct PrinterState {
    bar: Option<ProgressBar>,
    /// The first failed write to stdout, returned once the run ends.
    write_error: Option<io::Error>,
    printed: usize,
}

impl ProgressPrinter {
    /// A printer that draws a bar only when stderr is a terminal.
    pub fn for_this_terminal() -> Arc<ProgressPrinter> {
        Arc::new(ProgressPrinter {
            draw_bar: io::stderr().is_terminal(),
            state: Mutex::new(PrinterState::default()),
        })
    }

    /// The callback to hand to `Migrator::on_progress`.
    pub fn callback(self: &Arc<Self>) -> impl Fn(&Progress<'_>) + Send + Sync + 'static {
        let printer = Arc::clone(self);
        move |progress| printer.report(progress)
    }

    /// Removes the bar; how many lines were printed, or the first write error.
    pub fn finish(&self) -> io::Result<usize> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bar) = state.bar.take() {
            bar.finish_and_clear();
        }
        match state.write_error.take() {
            Some(error) => Err(error),
            None => Ok(state.printed),
        }
    }

    fn report(&self, progress: &Progress<'_>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match progress {
            Progress::Planned { steps, .. } if self.draw_bar && *steps > FEW_STEPS => {
                let bar = ProgressBar::new(*steps as u64);
                let style = ProgressStyle::with_template(
                    "{bar:30.cyan/blue} {pos}/{len} [{elapsed}] {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                state.bar = Some(bar);
            }
            Progress::Started {
                kind,
                version,
                path,
                ..
            } => {
                if let Some(bar) = &state.bar {
                    bar.set_message(format!("{} {version} {path}", verb_ing(*kind)));
                }
            }
            Progress::Finished {
                kind,
                version,
                path,
                ..
            } => {
                let line = finished_line(*kind, *version, path);
                let written = match &state.bar {
                    Some(bar) => {
                        let written = bar.suspend(|| writeln!(io::stdout(), "{line}"));
                        bar.inc(1);
                        written
                    }
                    None => writeln!(io::stdout(), "{line}"),
                };
                match written {
                    Ok(()) => state.printed += 1,
                    Err(error) => {
                        state.write_error.get_or_insert(error);
                    }
                }
            }
            Progress::Skipped { .. } => {
                if let Some(bar) = &state.bar {
                    bar.inc(1);
                }
            }
            _ => {}
        }
    }
}

/// The line a finished step prints: the same text with or without a bar.
fn finished_line(kind: StepKind, version: i64, path: &str) -> String {
    match kind {
        StepKind::Adopt => format!("adopted baseline {version}: the live schema matches it"),
        StepKind::Revert => format!("reverted {version}"),
        _ => format!("applied {version} {path}"),
    }
}

fn verb_ing(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Adopt => "adopting",
        StepKind::Revert => "reverting",
        _ => "applying",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_lines_name_the_version_and_what_happened() {
        assert_eq!(
            finished_line(StepKind::Apply, 7, "0007_x.up.sql"),
            "applied 7 0007_x.up.sql"
        );
        assert_eq!(
            finished_line(StepKind::Revert, 7, "0007_x.up.sql"),
            "reverted 7"
        );
        assert_eq!(
            finished_line(StepKind::Adopt, 9, "0009_baseline.sql"),
            "adopted baseline 9: the live schema matches it"
        );
    }
}
