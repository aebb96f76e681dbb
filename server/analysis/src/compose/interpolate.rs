//! Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
//! `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}` and the `$$` escape, plus `.env`
//! files.
//!
//! For validation a value is judged after substitution with what is known (the `.env` values
//! and the defaults written in the file); when a variable has neither, the value is unknown
//! and is not judged.

use std::collections::HashMap;

/// Known variable values (from a `.env` beside the file).
#[derive(Clone, Debug, Default)]
pub struct Env {
    values: HashMap<String, String>,
}

impl Env {
    pub fn from_dotenv(text: &str) -> Env {
        let mut values = HashMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let value = if let Some(inner) =
                value.strip_prefix('"').and_then(|v| v.rsplit_once('"'))
            {
                inner.0.replace("\\n", "\n").replace("\\\"", "\"")
            } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.rsplit_once('\'')) {
                inner.0.to_string()
            } else {
                value.split(" #").next().unwrap_or(value).trim().to_string()
            };
            values.insert(key.trim().to_string(), value);
        }
        Env { values }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

/// Whether the text has an interpolation (a `$` that is not part of `$$`).
pub fn has_interpolation(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            match bytes.get(i + 1) {
                Some(b'$') => i += 2,
                Some(b'{') => return true,
                Some(c) if c.is_ascii_alphabetic() || *c == b'_' => return true,
                _ => i += 1,
            }
        } else {
            i += 1;
        }
    }
    false
}

/// The value after interpolation, or `None` when some variable's value cannot be known.
pub fn substitute(text: &str, env: &Env) -> Option<String> {
    if !text.contains('$') {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find('$') {
        out.push_str(&rest[..index]);
        let after = &rest[index + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            let end = matching_brace(body)?;
            out.push_str(&expand(&body[..end], env)?);
            rest = &body[end + 1..];
        } else {
            let length = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if length == 0 {
                out.push('$');
                rest = after;
            } else {
                out.push_str(env.get(&after[..length])?);
                rest = &after[length..];
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

fn matching_brace(body: &str) -> Option<usize> {
    let mut depth = 0;
    for (index, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(index),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn expand(expression: &str, env: &Env) -> Option<String> {
    let name_end = expression
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(expression.len());
    let (name, operator) = expression.split_at(name_end);
    let value = env.get(name);
    let (op, word) = if let Some(word) = operator.strip_prefix(":-") {
        (":-", word)
    } else if let Some(word) = operator.strip_prefix(":?") {
        (":?", word)
    } else if let Some(word) = operator.strip_prefix(":+") {
        (":+", word)
    } else if operator.is_empty() {
        ("", "")
    } else {
        // One character (which may take several bytes) is the operator.
        operator.split_at(operator.chars().next().map_or(0, char::len_utf8))
    };
    match op {
        "" => value.map(str::to_string),
        ":-" => match value {
            Some(v) if !v.is_empty() => Some(v.to_string()),
            _ => substitute(word, env),
        },
        "-" => match value {
            Some(v) => Some(v.to_string()),
            None => substitute(word, env),
        },
        ":?" | "?" => value.map(str::to_string),
        ":+" => match value {
            Some(v) if !v.is_empty() => substitute(word, env),
            Some(_) => Some(String::new()),
            None => None,
        },
        "+" => match value {
            Some(_) => substitute(word, env),
            None => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_multibyte_operator_is_unknown_not_a_panic() {
        // A fuzzing finding: `${A€-x}` split the operator inside `€`.
        assert_eq!(substitute("${A€-x}", &Env::default()), None);
        assert_eq!(substitute("${€}", &Env::default()), None);
    }

    #[test]
    fn substitutes_defaults_and_escapes() {
        let env = Env::from_dotenv("A=1\nexport B=\"two\"\nEMPTY=\n");
        let cases = [
            ("${PORT:-8080}:80", Some("8080:80")),
            ("${A}", Some("1")),
            ("$A-x", Some("1-x")),
            ("${B}", Some("two")),
            ("${EMPTY:-d}", Some("d")),
            ("${EMPTY-d}", Some("")),
            ("${MISSING}", None),
            ("${MISSING:?err}", None),
            ("${A:+alt}", Some("alt")),
            ("$$HOME", Some("$HOME")),
            ("${X:-${A}}", Some("1")),
        ];
        for (text, want) in cases {
            assert_eq!(substitute(text, &env).as_deref(), want, "{text}");
        }
        assert!(has_interpolation("${A}"));
        assert!(!has_interpolation("$$A"));
        assert!(!has_interpolation("cost: 5$"));
    }
}
