//! Inlay hints: the value a global ARG has where a FROM line uses it
//! (`FROM node:${NODE_VERSION}` shows `= 22`), when the Dockerfile alone decides it: its default
//! (with earlier global ARGs expanded), or the word of `${NAME:-word}` when it has none. A
//! `--build-arg` can still override it; the tooltip says so.

use dockwise_syntax::{Parse, Span};

use crate::dockerfile::scope::{Declaration, DeclarationKind, Resolution, Scope};
use crate::ide::InlayHint;

/// Expansion stops at this depth (`ARG A=$B`, `ARG B=$C`...).
const MAX_DEPTH: usize = 8;

pub fn inlay_hints(parse: &Parse, range: Span) -> Vec<InlayHint> {
    let file = parse.dockerfile();
    let scope = Scope::build(file, parse.text());
    scope
        .uses
        .iter()
        .filter(|used| {
            used.in_from && range.start <= used.var.span.start && used.var.span.end <= range.end
        })
        .filter_map(|used| {
            let Resolution::Declared(id) = used.resolution else {
                return None;
            };
            let declaration = scope.declaration(id)?;
            let default = declaration
                .value
                .as_deref()
                .and_then(|value| expand(&scope, declaration, value, 0));
            let value = match (&used.var.modifier, default) {
                (None, value) => value?,
                (Some((op, word)), value) => match op.as_str() {
                    ":-" => value
                        .filter(|v| !v.is_empty())
                        .unwrap_or_else(|| word.clone()),
                    "-" => value.unwrap_or_else(|| word.clone()),
                    ":+" => value
                        .filter(|v| !v.is_empty())
                        .map_or(String::new(), |_| word.clone()),
                    "+" => value.map_or(String::new(), |_| word.clone()),
                    _ => return None,
                },
            };
            Some(InlayHint {
                offset: used.var.span.end,
                label: if value.is_empty() {
                    "= \"\"".to_string()
                } else {
                    format!("= {value}")
                },
                tooltip: Some(format!(
                    "`{}` as this Dockerfile sets it (line {}); `--build-arg {}=...` overrides it",
                    used.var.name,
                    super::lines::line_number(parse.text(), declaration.name_span.start),
                    used.var.name
                )),
            })
        })
        .collect()
}

/// A global ARG default with quotes removed and `$NAME`/`${NAME}` of earlier global ARGs
/// replaced; `None` when it depends on anything else.
fn expand(scope: &Scope, declaration: &Declaration, raw: &str, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let value = unquote(raw)?;
    let mut out = String::new();
    let mut rest = value;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, consumed) = match after.strip_prefix('{') {
            Some(braced) => {
                let end = braced.find('}')?;
                (&braced[..end], end + 2)
            }
            None => {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], end)
            }
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let earlier = scope.declarations.iter().rev().find(|other| {
            other.kind == DeclarationKind::GlobalArg
                && other.name == name
                && other.name_span.start < declaration.name_span.start
        })?;
        out.push_str(&expand(
            scope,
            earlier,
            earlier.value.as_deref().unwrap_or(""),
            depth + 1,
        )?);
        rest = &after[consumed..];
    }
    out.push_str(rest);
    Some(out)
}

/// Surrounding quotes removed; `None` for anything with escapes or inner quotes.
fn unquote(raw: &str) -> Option<&str> {
    let inner = match raw.as_bytes() {
        [b'"', .., b'"'] | [b'\'', .., b'\''] if raw.len() >= 2 => &raw[1..raw.len() - 1],
        _ => raw,
    };
    (!inner.contains(['"', '\'', '\\'])).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, parse};

    fn render(text: &str) -> Vec<String> {
        inlay_hints(&parse(text), Span::new(0, text.len()))
            .iter()
            .map(|hint| {
                format!(
                    "{}‸ {}",
                    &text[..hint.offset].rsplit('\n').next().unwrap(),
                    hint.label
                )
            })
            .collect()
    }

    #[test]
    fn values_of_global_args_in_from() {
        assert_eq!(render(MULTI_STAGE), ["FROM node:${NODE_VERSION}‸ = 22"]);
        assert_eq!(
            render(
                "ARG REG=\"docker.io\"\nARG IMAGE=${REG}/library/node\nARG TAG\nFROM $IMAGE:${TAG:-22} AS a\nFROM $UNKNOWN:${TAG:+x}${TAG%%.*}\nARG IN_STAGE=1\n"
            ),
            [
                "FROM $IMAGE‸ = docker.io/library/node",
                "FROM $IMAGE:${TAG:-22}‸ = 22",
                "FROM $UNKNOWN:${TAG:+x}‸ = \"\""
            ]
        );
    }

    #[test]
    fn only_within_the_range() {
        let text = "ARG A=1\nFROM a:$A\nFROM b:$A\n";
        let hints = inlay_hints(&parse(text), Span::new(18, text.len()));
        assert_eq!(hints.len(), 1);
        assert_eq!(hints[0].offset, 27);
    }
}
