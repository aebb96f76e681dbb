//! `--format sarif`: SARIF 2.1.0 with one run, rules described in the driver.

use serde_json::{Value, json};

use super::{display_path, knowledge_url, region};
use crate::cli::check::Checked;
use crate::cli::location::LineIndex;

pub fn render(files: &[Checked]) -> String {
    let rules = dockwise_analysis::rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let knowledge = dockwise_knowledge::for_rule(rule.name);
            let mut descriptor = json!({
                "id": rule.name,
                "name": rule.name,
                "shortDescription": { "text": rule.summary },
                "defaultConfiguration": { "level": level(rule.severity), "enabled": rule.enabled },
            });
            if let Some(entry) = knowledge {
                descriptor["helpUri"] = json!(knowledge_url(entry.id));
                descriptor["fullDescription"] = json!({ "text": entry.summary });
                descriptor["help"] =
                    json!({ "text": entry.summary, "markdown": entry.short_markdown() });
            }
            descriptor
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(&file.text);
        for diagnostic in &file.diagnostics {
            let region = region(&index, diagnostic.span);
            let mut result = json!({
                "ruleId": diagnostic.code,
                "level": level(diagnostic.severity),
                "message": { "text": diagnostic.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": display_path(&file.path) },
                        "region": {
                            "startLine": region.start.line,
                            "startColumn": region.start.column,
                            "endLine": region.end.line,
                            "endColumn": region.end.column,
                        }
                    }
                }],
            });
            if let Some(rule_index) = rules.iter().position(|rule| rule.name == diagnostic.code) {
                result["ruleIndex"] = json!(rule_index);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dockwise",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://dockwise.dev",
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn level(severity: dockwise_analysis::Severity) -> &'static str {
    match severity {
        dockwise_analysis::Severity::Error => "error",
        dockwise_analysis::Severity::Warning => "warning",
        dockwise_analysis::Severity::Info | dockwise_analysis::Severity::Hint => "note",
    }
}
