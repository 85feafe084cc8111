//! The `newsgraph` command line: a thin shell over the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use newsgraph::config::Resources;
use newsgraph::document::Dct;
use std::io::{BufRead, BufWriter, Read, Write};

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Raw news dumps in, a clean, normalized event graph out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One text in, its mentions out as JSON Lines (no cleaning).
    Annotate {
        /// Publication date the text's relative dates resolve against.
        #[arg(long)]
        dct: Option<String>,
        /// Batch form: each input line is {"id", "text", "dct"}.
        #[arg(long)]
        jsonl: bool,
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
    },
}

fn read_input(file: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if file == "-" {
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
    } else {
        buf = std::fs::read(file).with_context(|| format!("reading {file}"))?;
    }
    Ok(buf)
}

#[derive(serde::Deserialize)]
struct AnnotateLine {
    id: serde_json::Value,
    #[serde(default)]
    text: String,
    #[serde(default)]
    dct: Option<String>,
}

fn annotate(dct: Option<String>, jsonl: bool, file: &str) -> Result<()> {
    let res = Resources::builtin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if !jsonl {
        let bytes = read_input(file)?;
        let text = String::from_utf8_lossy(&bytes);
        let dct = dct.map(|d| Dct::parse(&d)).transpose()?;
        let ms = newsgraph::annotate::mentions(&res, &text, dct.as_ref());
        for r in newsgraph::annotate::mention_records(&text, &ms) {
            serde_json::to_writer(&mut out, &r)?;
            out.write_all(b"\n")?;
        }
        return Ok(out.flush()?);
    }
    let bytes = read_input(file)?;
    for (n, line) in bytes.lines().enumerate() {
        let line = line.with_context(|| format!("line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let req: AnnotateLine = serde_json::from_str(&line)
            .with_context(|| format!("line {}: not an annotate request", n + 1))?;
        let dct = req.dct.as_deref().and_then(|d| Dct::parse(d).ok());
        let ms = newsgraph::annotate::mentions(&res, &req.text, dct.as_ref());
        let recs = newsgraph::annotate::mention_records(&req.text, &ms);
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": req.id, "mentions": recs}),
        )?;
        out.write_all(b"\n")?;
    }
    Ok(out.flush()?)
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate { dct, jsonl, file } => annotate(dct, jsonl, &file),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
