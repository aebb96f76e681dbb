//! `dockwise explain QUERY`: the knowledge base from the terminal.

use std::process::ExitCode;

use serde::Serialize;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A question, keywords, a rule name or an entry id.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Print the ranked matches as JSON.
    #[arg(long)]
    pub json: bool,
    /// How many other matches to list.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
}

#[derive(Serialize)]
struct Hit {
    id: &'static str,
    question: &'static str,
    summary: &'static str,
    score: f32,
}

pub fn run(args: ExplainArgs) -> ExitCode {
    let query = args.query.join(" ");
    let hits = matches(&query, args.limit + 1);
    if args.json {
        let hits: Vec<Hit> = hits
            .iter()
            .map(|(entry, score)| Hit {
                id: entry.id,
                question: entry.question,
                summary: entry.summary,
                score: *score,
            })
            .collect();
        super::outln!(
            "{}",
            serde_json::to_string_pretty(&hits).unwrap_or_default()
        );
        return if hits.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let Some(((best, _), others)) = hits.split_first() else {
        eprintln!("dockwise: nothing in the knowledge base matches `{query}`");
        return ExitCode::from(1);
    };
    super::outln!("{}", best.full_markdown().trim_end());
    if !others.is_empty() {
        super::outln!("\nRelated:");
        for (entry, _) in others {
            super::outln!("  {:<32} {}", entry.id, entry.question);
        }
    }
    ExitCode::SUCCESS
}

/// An exact id or rule name first, then the search ranking.
fn matches(query: &str, limit: usize) -> Vec<(&'static dockwise_knowledge::Entry, f32)> {
    let exact = dockwise_knowledge::get(query.trim())
        .or_else(|| dockwise_knowledge::for_rule(query.trim()));
    let mut hits: Vec<_> = exact
        .into_iter()
        .map(|entry| (entry, f32::INFINITY))
        .collect();
    for hit in dockwise_knowledge::search(query, limit) {
        if !hits.iter().any(|(entry, _)| entry.id == hit.entry.id) {
            hits.push((hit.entry, hit.score));
        }
    }
    hits.truncate(limit);
    hits
}
