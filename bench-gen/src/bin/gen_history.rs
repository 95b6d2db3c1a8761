//! `gen-history`: write a synthetic migration history (sqlx layout) to a folder.
//!
//! ```text
//! gen-history --migrations 300 --seed 1 --out /tmp/h300
//! gen-history --tables 2000 --seed 1 --out /tmp/t2000
//! ```
//! Prints one line: files, bytes, statements, tables at the end.

use bench_gen::{Options, generate};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen-history: {message}");
            eprintln!("usage: gen-history (--migrations N | --tables N) [--seed S] --out DIR");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut migrations = None;
    let mut tables = None;
    let mut seed = 1;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--migrations" => migrations = Some(number(&value()?)?),
            "--tables" => tables = Some(number(&value()?)?),
            "--seed" => seed = number(&value()?)? as u64,
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let options = match (migrations, tables) {
        (Some(count), None) => Options::mixed(count, seed),
        (None, Some(count)) => Options::tables(count, seed),
        _ => return Err("give exactly one of --migrations and --tables".into()),
    };
    let out = out.ok_or("--out is required")?;
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let history = generate(options);
    for file in &history.files {
        let path = out.join(&file.path);
        std::fs::write(&path, &file.sql)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    println!(
        "{} files, {} bytes, {} statements, {} tables at the end",
        history.files.len(),
        history.total_bytes(),
        history.statements,
        history.final_tables
    );
    Ok(())
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a number"))
}
