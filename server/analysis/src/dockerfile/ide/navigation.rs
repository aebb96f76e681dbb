//! Go to definition, find references and document highlights, over the names of [`names`].

use dockwise_syntax::{Parse, Span};

use super::names::{Found, Names, Occurrence, Target};
use crate::ide::Highlight;

pub fn definition(parse: &Parse, offset: usize) -> Vec<Span> {
    let names = Names::new(parse);
    match names.find(offset) {
        Found::Target(target) => names.definition(&target, offset),
        Found::StageIndex(stage, _) => names.stage_definition(stage).into_iter().collect(),
        _ => Vec::new(),
    }
}

pub fn references(parse: &Parse, offset: usize, include_declaration: bool) -> Vec<Span> {
    occurrences(parse, offset)
        .into_iter()
        .filter(|occurrence| include_declaration || !occurrence.write)
        .map(|occurrence| occurrence.span)
        .collect()
}

pub fn highlights(parse: &Parse, offset: usize) -> Vec<Highlight> {
    occurrences(parse, offset)
        .into_iter()
        .map(|occurrence| Highlight {
            span: occurrence.span,
            write: occurrence.write,
        })
        .collect()
}

/// Every occurrence of the name at `offset`; a stage index (`--from=0`) stands for its stage.
fn occurrences(parse: &Parse, offset: usize) -> Vec<Occurrence> {
    let names = Names::new(parse);
    match names.find(offset) {
        Found::Target(target) => names.occurrences(&target),
        Found::StageIndex(stage, _) => names.occurrences(&Target::Stage(stage)),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, cursor_at, list, mark, with_cursor};

    /// Definition and references (declarations included) at each cursor, for review.
    fn report(text: &str, cursors: &[(&str, usize, usize)]) -> String {
        let mut out = String::new();
        for &(needle, nth, shift) in cursors {
            let (parse, offset) = cursor_at(text, needle, nth, shift);
            out.push_str(&format!(
                "== at `{needle}` #{nth} +{shift}\ndefinition:\n{}\nreferences:\n{}\n",
                list(text, &definition(&parse, offset)),
                list(text, &references(&parse, offset, true))
            ));
        }
        out
    }

    #[test]
    fn stages_variables_and_heredocs_in_a_multi_stage_file() {
        insta::assert_snapshot!(report(
            MULTI_STAGE,
            &[
                ("deps", 0, 1),
                ("deps", 1, 0),
                ("deps", 2, 2),
                ("AS build", 0, 3),
                ("--from=build", 0, 7),
                ("--from=0", 0, 7),
                ("nginx:1.27", 0, 0),
                ("NODE_VERSION", 1, 0),
                ("NODE_VERSION", 0, 0),
                ("APP_VERSION", 1, 0),
                ("APP_VERSION", 2, 3),
                ("APP_VERSION", 0, 0),
                ("APP_VERSION", 4, 0),
                ("NODE_ENV", 1, 0),
                ("$f", 0, 1),
                ("EOF", 0, 0),
                ("EOF", 1, 0),
                ("RUN", 0, 0),
            ],
        ));
    }

    #[test]
    fn highlights_tell_declarations_from_reads() {
        let (parse, offset) =
            with_cursor("FROM alpine AS b‸ase\nFROM base\nCOPY --from=BASE /a /b\n");
        let highlights = highlights(&parse, offset);
        let writes: Vec<Span> = highlights
            .iter()
            .filter(|h| h.write)
            .map(|h| h.span)
            .collect();
        let reads: Vec<Span> = highlights
            .iter()
            .filter(|h| !h.write)
            .map(|h| h.span)
            .collect();
        assert_eq!(
            mark(parse.text(), &writes),
            "FROM alpine AS [base]\nFROM base\nCOPY --from=BASE /a /b\n"
        );
        assert_eq!(
            mark(parse.text(), &reads),
            "FROM alpine AS base\nFROM [base]\nCOPY --from=[BASE] /a /b\n"
        );
    }

    #[test]
    fn from_only_sees_earlier_stages() {
        let text = "FROM later AS first\nFROM alpine AS later\nCOPY --from=later /a /b\n";
        let (parse, offset) = cursor_at(text, "later", 1, 0);
        assert_eq!(
            mark(text, &references(&parse, offset, true)),
            "FROM later AS first\nFROM alpine AS [later]\nCOPY --from=[later] /a /b\n"
        );
    }

    #[test]
    fn shell_variables_of_the_script_are_not_arg_references() {
        let text =
            "FROM alpine\nARG V=1\nRUN V=2; echo $V\nRUN echo $V ${V} '$V' $$V\nCMD echo $V\n";
        let (parse, offset) = cursor_at(text, "V=1", 0, 0);
        assert_eq!(
            mark(text, &references(&parse, offset, true)),
            "FROM alpine\nARG [V]=1\nRUN V=2; echo $V\nRUN echo $[V] ${[V]} '$V' $$V\nCMD echo $V\n"
        );
    }

    #[test]
    fn runtime_commands_see_env_only() {
        let text = "FROM alpine\nARG V=1\nENV E=$V\nCMD echo $V $E\nHEALTHCHECK CMD test $E\n";
        let (parse, offset) = cursor_at(text, "E=", 0, 0);
        assert_eq!(
            mark(text, &references(&parse, offset, false)),
            "FROM alpine\nARG V=1\nENV E=$V\nCMD echo $V $[E]\nHEALTHCHECK CMD test $[E]\n"
        );
    }

    #[test]
    fn heredoc_scripts_and_data() {
        let text = "FROM alpine\nARG V=1\nRUN <<EOF\necho $V\nEOF\nRUN cat <<'EOF' > /a\n$V\nEOF\nRUN cat <<EOF > /b\n'$V'\nEOF\n";
        let (parse, offset) = cursor_at(text, "V=1", 0, 0);
        assert_eq!(
            mark(text, &references(&parse, offset, false)),
            "FROM alpine\nARG V=1\nRUN <<EOF\necho $[V]\nEOF\nRUN cat <<'EOF' > /a\n$V\nEOF\nRUN cat <<EOF > /b\n'$[V]'\nEOF\n"
        );
    }

    #[test]
    fn no_shell_references_after_a_non_posix_shell() {
        let text = "FROM mcr.microsoft.com/windows/servercore\nENV V=1\nSHELL [\"powershell\", \"-Command\"]\nRUN echo $V\n";
        let (parse, offset) = cursor_at(text, "V=1", 0, 0);
        assert_eq!(references(&parse, offset, false), []);
    }

    #[test]
    fn nothing_on_plain_text_or_broken_input() {
        for text in [
            "",
            "FROM",
            "FROM a AS",
            "COPY --from= a b",
            "RUN <<",
            "ARG",
            "ENV =x",
            "\u{feff}FROM é AS é\n",
        ] {
            for offset in 0..=text.len() {
                let parse = crate::dockerfile::ide::test_support::parse(text);
                let _ = definition(&parse, offset);
                let _ = references(&parse, offset, true);
                let _ = highlights(&parse, offset);
            }
        }
    }
}

#[cfg(test)]
mod shell_use_rules {
    use crate::Config;
    use crate::dockerfile::ide::test_support::parse;

    #[test]
    fn shell_references_never_reach_the_undefined_variable_rule() {
        let text =
            "FROM scratch AS a\nARG V=1\nRUN for f in x; do echo $f $V $NOPE; done\nCMD echo $V\n";
        let parse = parse(text);
        let diagnostics = crate::dockerfile::diagnostics(
            &parse,
            &Config::default(),
            &crate::Surroundings::default(),
        );
        assert!(
            diagnostics.iter().all(|d| d.code != "undefined-variable"),
            "{diagnostics:#?}"
        );
    }
}
