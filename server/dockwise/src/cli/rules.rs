//! `dockwise rules`: every rule with its defaults, fix, knowledge entry and equivalents.

use std::process::ExitCode;

use serde_json::json;

#[derive(clap::Args)]
pub struct RulesArgs {
    /// Print the table as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: RulesArgs) -> ExitCode {
    let rules = dockwise_analysis::rules();
    if args.json {
        let rows: Vec<_> = rules
            .iter()
            .map(|rule| {
                json!({
                    "name": rule.name,
                    "file_kind": format!("{:?}", rule.file_kind).to_lowercase(),
                    "summary": rule.summary,
                    "severity": rule.severity.as_str(),
                    "enabled": rule.enabled,
                    "fixable": rule.fixable,
                    "knowledge": dockwise_knowledge::for_rule(rule.name).map(|entry| entry.id),
                    "equivalents": rule.equivalents.iter().map(|e| format!("{}:{}", e.tool.as_str(), e.code)).collect::<Vec<_>>(),
                })
            })
            .collect();
        super::outln!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    super::outln!(
        "{:<26} {:<8} {:<4} {:<3} {:<34} EQUIVALENTS",
        "RULE",
        "SEVERITY",
        "ON",
        "FIX",
        "KNOWLEDGE"
    );
    for rule in &rules {
        let equivalents: Vec<_> = rule
            .equivalents
            .iter()
            .map(|e| format!("{}:{}", e.tool.as_str(), e.code))
            .collect();
        super::outln!(
            "{:<26} {:<8} {:<4} {:<3} {:<34} {}",
            rule.name,
            rule.severity.as_str(),
            if rule.enabled { "yes" } else { "no" },
            if rule.fixable { "yes" } else { "" },
            dockwise_knowledge::for_rule(rule.name).map_or("-", |entry| entry.id),
            equivalents.join(" "),
        );
    }
    super::outln!(
        "\n{} rules. Configure them in dockwise.toml: [rules] <name> = \"off\" | \"on\" | \"error\" | \"warning\" | \"info\" | \"hint\"",
        rules.len()
    );
    ExitCode::SUCCESS
}
