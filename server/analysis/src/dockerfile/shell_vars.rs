//! Variable references in shell text: `$NAME` and `${NAME...}` that the shell expands when a
//! RUN, CMD, ENTRYPOINT or HEALTHCHECK runs (Docker itself leaves them alone), and the names a
//! script assigns itself (`NAME=...`, `for NAME in`, `read NAME`, `export NAME`...), so that a
//! shell-local variable is never taken for an ARG or ENV of the same name.
//!
//! Deliberately conservative: single-quoted text, `$$`, `\$`, positional and special parameters
//! (`$1`, `$@`, `$?`), indirection (`${!NAME}`) and bare names inside `$(( ))` are not
//! references.

use dockwise_syntax::Span;

use super::shell::Script;

/// One reference, with byte offsets into the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellVar {
    /// `$NAME`, `${NAME}`, or `${NAME` when a modifier follows (`${NAME:-x}`): never a nested
    /// reference, so references never overlap.
    pub span: Span,
    pub name: String,
    pub name_span: Span,
    pub braced: bool,
}

/// How the text is quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quoting {
    /// A shell script: quotes, comments and escapes as the shell reads them.
    Script,
    /// The body of an unquoted heredoc given to a command (`cat <<EOF`): quotes are plain
    /// characters, only `\` escapes.
    HeredocData,
}

pub fn references(text: &str, quoting: Quoting) -> Vec<ShellVar> {
    let bytes = text.as_bytes();
    let mut vars = Vec::new();
    let mut at = 0;
    let mut single = false;
    let mut double = false;
    let mut word_start = true;
    while let Some(&byte) = bytes.get(at) {
        if single {
            single = byte != b'\'';
            at += 1;
            continue;
        }
        let script = quoting == Quoting::Script;
        match byte {
            b'\\' => {
                at += 2;
                word_start = false;
                continue;
            }
            b'\'' if script && !double => single = true,
            b'"' if script => double = !double,
            b'#' if script && !double && word_start => {
                at = text[at..].find('\n').map_or(bytes.len(), |nl| at + nl);
                continue;
            }
            b'$' => {
                at = reference(text, at, &mut vars);
                word_start = false;
                continue;
            }
            _ => {}
        }
        word_start = matches!(
            byte,
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'`'
        );
        at += 1;
    }
    vars
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while bytes.get(end).copied().is_some_and(is_name_byte) {
        end += 1;
    }
    end
}

/// Read what follows the `$` at `dollar`; returns where scanning resumes.
fn reference(text: &str, dollar: usize, vars: &mut Vec<ShellVar>) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(dollar + 1).copied() {
        // `$$` is the shell's process id.
        Some(b'$') => dollar + 2,
        Some(b'{') => {
            let mut start = dollar + 2;
            // `${#NAME}` is the length of NAME; `${!NAME}` is indirection (not NAME's value).
            if bytes.get(start) == Some(&b'#')
                && bytes.get(start + 1).copied().is_some_and(is_name_start)
            {
                start += 1;
            }
            if !bytes.get(start).copied().is_some_and(is_name_start) {
                return dollar + 2;
            }
            let end = name_end(bytes, start);
            let follows = bytes.get(end).copied();
            let closed = follows == Some(b'}');
            let modifier = follows.is_some_and(|b| b":-+=?#%/^,@[".contains(&b));
            if !closed && !modifier {
                return end;
            }
            vars.push(ShellVar {
                span: Span::new(dollar, if closed { end + 1 } else { end }),
                name: text[start..end].to_string(),
                name_span: Span::new(start, end),
                braced: true,
            });
            end
        }
        Some(byte) if is_name_start(byte) => {
            let end = name_end(bytes, dollar + 1);
            vars.push(ShellVar {
                span: Span::new(dollar, end),
                name: text[dollar + 1..end].to_string(),
                name_span: Span::new(dollar + 1, end),
                braced: false,
            });
            end
        }
        _ => dollar + 1,
    }
}

/// Names the script itself assigns, declares, reads into or unsets.
pub fn assigned_names(text: &str) -> Vec<String> {
    let script = Script::of_text(text, 0);
    let mut names = Vec::new();
    for command in &script.commands {
        names.extend(command.assignments().map(|(name, _)| name.to_string()));
        let args = command.args();
        let leading_name = |value: &str| {
            let end = name_end(value.as_bytes(), 0);
            (end > 0 && value.as_bytes().first().copied().is_some_and(is_name_start))
                .then(|| value[..end].to_string())
        };
        match command.program() {
            Some("for" | "select") => {
                names.extend(args.first().and_then(|a| leading_name(&a.value)))
            }
            Some("getopts") => names.extend(args.get(1).and_then(|a| leading_name(&a.value))),
            Some("printf") => {
                let target = args
                    .iter()
                    .position(|arg| arg.value == "-v")
                    .and_then(|at| args.get(at + 1));
                names.extend(target.and_then(|a| leading_name(&a.value)));
            }
            Some(
                "export" | "local" | "declare" | "typeset" | "readonly" | "unset" | "read" | "let"
                | "mapfile" | "readarray",
            ) => names.extend(
                args.iter()
                    .filter(|arg| !arg.value.starts_with('-'))
                    .filter_map(|arg| leading_name(&arg.value)),
            ),
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, quoting: Quoting) -> Vec<String> {
        references(text, quoting)
            .into_iter()
            .map(|var| {
                assert_eq!(&text[var.name_span.range()], var.name);
                text[var.span.range()].to_string()
            })
            .collect()
    }

    #[test]
    fn finds_references_outside_single_quotes() {
        assert_eq!(
            names(
                r#"echo $A "${B}" '$C' \$D $$ $1 $? ${#E} ${!F} ${G:-$H} "$(echo $I)" $((J+1))"#,
                Quoting::Script
            ),
            ["$A", "${B}", "${#E}", "${G", "$H", "$I"]
        );
    }

    #[test]
    fn comments_hide_references_only_at_a_word_start() {
        assert_eq!(
            names("echo a#$A # $B\necho $C", Quoting::Script),
            ["$A", "$C"]
        );
    }

    #[test]
    fn heredoc_data_ignores_quotes() {
        assert_eq!(
            names("name='$A' \\$B \"$C\"\n# $D", Quoting::HeredocData),
            ["$A", "$C", "$D"]
        );
    }

    #[test]
    fn unterminated_text_never_panics() {
        for text in ["$", "${", "${A", "'$A", "\"$A", "\\", "${#", "é$A"] {
            let _ = names(text, Quoting::Script);
            let _ = names(text, Quoting::HeredocData);
        }
    }

    #[test]
    fn finds_what_a_script_assigns() {
        let mut assigned = assigned_names(
            "for f in a b; do echo $f; done; X=1 make; export Y=2 Z; read -r line; \
             printf -v OUT '%s' x; unset W; echo $KEEP",
        );
        assigned.sort();
        assert_eq!(assigned, ["OUT", "W", "X", "Y", "Z", "f", "line"]);
    }
}
