//! `app-example legacy`: what the analyzer finds in the 29-file history the baseline replaces.
//! `legacy-migrations` is a symlink to `schema-core/test_data/audit/migrations` (the seed
//! audit's reconstruction), so the example and the analyzer's own tests share one copy.

use schema_core::diagnostic::Severity;
use std::path::Path;
use std::process::ExitCode;

pub fn report() -> ExitCode {
    let legacy = Path::new(env!("CARGO_MANIFEST_DIR")).join("legacy-migrations");
    let analysis = match schema_core::analyze_dir(&legacy, &schema_core::Config::default()) {
        Ok(analysis) => analysis,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let count = |severity| {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    println!(
        "the legacy history the baseline replaces ({} files): {} errors, {} warnings, {} notes",
        analysis.set.migrations.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    for diagnostic in analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        let text = schema_core::render::one_line(&analysis.set, diagnostic);
        println!("  {}", text.lines().next().unwrap_or_default());
    }
    ExitCode::SUCCESS
}
