//! Rule configuration: severities and rules on/off, from `dockwise.toml` or editor settings.
//!
//! Both use one shape: a `rules` table mapping a rule name to `"off"`, `"on"` or a severity
//! (`"error"`, `"warning"`, `"info"`, `"hint"`). Parsing is pure; finding the file is the
//! caller's job.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleOverride {
    Off,
    /// Enabled at its default severity (turns on rules that are off by default).
    On,
    Severity(Severity),
}

impl RuleOverride {
    fn parse(text: &str) -> Option<RuleOverride> {
        match text.to_ascii_lowercase().as_str() {
            "off" | "false" | "ignore" | "none" => Some(RuleOverride::Off),
            "on" | "true" | "default" => Some(RuleOverride::On),
            other => Severity::parse(other).map(RuleOverride::Severity),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub rules: BTreeMap<String, RuleOverride>,
    /// Registries base images may come from (`trustedRegistries` of `.hadolint.yaml`);
    /// `None` when not configured. Read by `untrusted-registry`.
    pub trusted_registries: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, RawRule>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawRule {
    Bool(bool),
    Text(String),
    Table { severity: String },
}

impl Config {
    /// Parse a `dockwise.toml`.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError {
            message: format!("invalid dockwise.toml: {}", err.message()),
        })?;
        Config::from_raw(raw)
    }

    /// Parse editor settings (the `dockwise` section of workspace/configuration). Unknown keys
    /// are ignored there: editors send their own settings (server path, trace) in the same section.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, ConfigError> {
        let Some(rules) = value.get("rules") else {
            return Ok(Config::default());
        };
        let rules: BTreeMap<String, RawRule> =
            serde_json::from_value(rules.clone()).map_err(|err| ConfigError {
                message: format!("invalid dockwise.rules setting: {err}"),
            })?;
        Config::from_raw(RawConfig { rules })
    }

    fn from_raw(raw: RawConfig) -> Result<Config, ConfigError> {
        let mut rules = BTreeMap::new();
        for (name, rule) in raw.rules {
            let value = match rule {
                RawRule::Bool(true) => RuleOverride::On,
                RawRule::Bool(false) => RuleOverride::Off,
                RawRule::Text(text) | RawRule::Table { severity: text } => RuleOverride::parse(
                    &text,
                )
                .ok_or_else(|| ConfigError {
                    message: format!(
                        "rule `{name}`: `{text}` is not one of off, on, error, warning, info, hint"
                    ),
                })?,
            };
            rules.insert(name, value);
        }
        Ok(Config {
            rules,
            trusted_registries: None,
        })
    }

    /// Parse a hadolint configuration file (`.hadolint.yaml`): `ignored` codes turn the rules
    /// that have them as hadolint equivalent off, `override.{error,warning,info,style}` set their
    /// severity (`style` is a hint), `trustedRegistries` is kept for `untrusted-registry`. Other
    /// hadolint keys (`failure-threshold`, `label-schema`, ...) are accepted and ignored. A rule
    /// with several hadolint equivalents follows any of them; a hadolint code dockwise has no
    /// rule for is ignored.
    pub fn from_hadolint_yaml(text: &str) -> Result<Config, ConfigError> {
        use crate::compose::yaml;
        let invalid = |message: String| ConfigError {
            message: format!("invalid .hadolint.yaml: {message}"),
        };
        let parsed = yaml::parse(text);
        if let Some(error) = parsed.errors.first() {
            return Err(invalid(error.message.clone()));
        }
        let mut config = Config::default();
        let Some(root) = parsed.root else {
            return Ok(config);
        };
        if root.is_null() {
            return Ok(config);
        }
        if root.as_map().is_none() {
            return Err(invalid("expected a mapping at the top level".to_string()));
        }
        let codes = |node: &yaml::Node, key: &str| -> Result<Vec<String>, ConfigError> {
            if node.is_null() {
                return Ok(Vec::new());
            }
            let items = node
                .as_seq()
                .ok_or_else(|| invalid(format!("`{key}` must be a list")))?;
            items
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| invalid(format!("`{key}` must list strings")))
                })
                .collect()
        };
        let rules = crate::rules();
        let apply =
            |code: &str, value: RuleOverride, config: &mut Config| {
                for rule in &rules {
                    if rule.equivalents.iter().any(|e| {
                        e.tool == crate::Tool::Hadolint && e.code.eq_ignore_ascii_case(code)
                    }) {
                        config.rules.insert(rule.name.to_string(), value);
                    }
                }
            };
        if let Some(overrides) = root.get("override") {
            if overrides.as_map().is_none() && !overrides.is_null() {
                return Err(invalid("`override` must be a mapping".to_string()));
            }
            for (key, severity) in [
                ("error", Severity::Error),
                ("warning", Severity::Warning),
                ("info", Severity::Info),
                ("style", Severity::Hint),
            ] {
                if let Some(list) = overrides.get(key) {
                    for code in codes(list, key)? {
                        apply(&code, RuleOverride::Severity(severity), &mut config);
                    }
                }
            }
        }
        // `ignored` wins over `override`.
        if let Some(ignored) = root.get("ignored") {
            for code in codes(ignored, "ignored")? {
                apply(&code, RuleOverride::Off, &mut config);
            }
        }
        if let Some(trusted) = root.get("trustedRegistries") {
            config.trusted_registries = Some(codes(trusted, "trustedRegistries")?);
        }
        Ok(config)
    }

    /// Layer `other` on top of `self`: its entries win.
    pub fn merged_with(&self, other: &Config) -> Config {
        let mut rules = self.rules.clone();
        rules.extend(
            other
                .rules
                .iter()
                .map(|(name, value)| (name.clone(), *value)),
        );
        let trusted_registries = other
            .trusted_registries
            .clone()
            .or_else(|| self.trusted_registries.clone());
        Config {
            rules,
            trusted_registries,
        }
    }

    pub fn rule(&self, name: &str) -> Option<RuleOverride> {
        self.rules.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_toml_and_json_alike() {
        let from_toml = Config::from_toml(
            "[rules]\nmaintainer-deprecated = \"error\"\nundefined-variable = \"off\"\nlatest-tag = { severity = \"hint\" }\nx = true\n",
        )
        .unwrap();
        let from_json = Config::from_json(&serde_json::json!({
            "path": "/usr/bin/dockwise",
            "rules": {"maintainer-deprecated": "error", "undefined-variable": "off",
                      "latest-tag": {"severity": "hint"}, "x": true}
        }))
        .unwrap();
        assert_eq!(from_toml, from_json);
        assert_eq!(
            from_toml.rule("latest-tag"),
            Some(RuleOverride::Severity(Severity::Hint))
        );
        assert_eq!(from_toml.rule("x"), Some(RuleOverride::On));
    }

    #[test]
    fn hadolint_yaml_maps_codes_through_equivalents() {
        let config = Config::from_hadolint_yaml(
            "failure-threshold: warning\nignored:\n  - DL4000\noverride:\n  error: [DL3025]\n  style:\n    - DL3059\ntrustedRegistries:\n  - docker.io\n  - my.registry:5000\n",
        )
        .unwrap();
        assert_eq!(
            config.rule("maintainer-deprecated"),
            Some(RuleOverride::Off)
        );
        assert_eq!(
            config.rule("shell-form-cmd"),
            Some(RuleOverride::Severity(Severity::Error))
        );
        assert_eq!(
            config.rule("consecutive-run"),
            Some(RuleOverride::Severity(Severity::Hint))
        );
        assert_eq!(
            config.trusted_registries.as_deref(),
            Some(&["docker.io".to_string(), "my.registry:5000".to_string()][..])
        );
        assert_eq!(Config::from_hadolint_yaml("").unwrap(), Config::default());
        assert!(
            Config::from_hadolint_yaml("ignored: DL3008\n")
                .unwrap_err()
                .message
                .contains("ignored")
        );
        assert!(Config::from_hadolint_yaml("- a\n").is_err());
    }

    #[test]
    fn dockwise_toml_wins_over_hadolint_yaml() {
        let hadolint = Config::from_hadolint_yaml(
            "ignored: [DL4000, DL3025]\ntrustedRegistries: [docker.io]\n",
        )
        .unwrap();
        let toml = Config::from_toml("[rules]\nmaintainer-deprecated = \"error\"\n").unwrap();
        let merged = hadolint.merged_with(&toml);
        assert_eq!(
            merged.rule("maintainer-deprecated"),
            Some(RuleOverride::Severity(Severity::Error))
        );
        assert_eq!(merged.rule("shell-form-cmd"), Some(RuleOverride::Off));
        assert_eq!(
            merged.trusted_registries.as_deref().map(<[String]>::len),
            Some(1)
        );
    }

    #[test]
    fn bad_values_are_explained() {
        let err = Config::from_toml("[rules]\nfoo = \"loud\"\n").unwrap_err();
        assert!(
            err.message.contains("foo") && err.message.contains("loud"),
            "{err}"
        );
        let err = Config::from_toml("[rulez]\n").unwrap_err();
        assert!(err.message.contains("invalid dockwise.toml"), "{err}");
    }
}
