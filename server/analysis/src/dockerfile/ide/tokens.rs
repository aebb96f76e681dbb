//! Semantic tokens. The classification (the legend is [`TokenKind`]):
//!
//! | what | kind | modifiers |
//! | --- | --- | --- |
//! | instruction keywords, `AS`, HEALTHCHECK `CMD`/`NONE` | keyword | `deprecated` on MAINTAINER |
//! | `--flag` names | parameter | |
//! | `--mount` option keys (`type`, `target`) | property | |
//! | ARG and ENV names | variable | `declaration` (and `defaultLibrary` as above) |
//! | `$NAME` references (Docker's and the shell's) | variable | `defaultLibrary` for BuildKit's predefined names |
//! | stage names (`AS name`, `--from=name`, `FROM name`, mount `from=name`) | namespace | `declaration` on `AS name` |
//! | base images | type | |
//! | LABEL keys | property | |
//! | ARG, ENV and LABEL values, quoted words, exec-form strings, flag values | string | |
//! | EXPOSE ports | number | |
//! | heredoc markers and terminators | operator | |
//! | parser directive names (`syntax`, `escape`, `check`) | macro | |
//! | comments | comment | |
//!
//! Stage names are namespaces: they are the names other instructions qualify a path with
//! (`--from=build /out`). Shell text is otherwise left to the editor's grammar.
//!
//! Narrow tokens (variables, stage names, keys) cut the broad ones they sit in (a value, a
//! string); every token is then split at line breaks, so none spans two lines.

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse, Span};

use super::names::{StageRefKind, StageTarget, stage_refs};
use crate::dockerfile::flags::mount_options;
use crate::dockerfile::scope::{ALWAYS_SET, PLATFORM_ARGS, PROXY_ARGS, Resolution, Scope};
use crate::ide::{Token, TokenKind, TokenModifiers};

pub fn tokens(parse: &Parse) -> Vec<Token> {
    let text = parse.text();
    let file = parse.dockerfile();
    let mut layers = Layers::default();
    for directive in &file.directives {
        layers.narrow(directive.name_span, TokenKind::Macro);
        layers.broad(directive.value_span, TokenKind::String);
    }
    for comment in &file.comments {
        let directive = file
            .directives
            .iter()
            .any(|directive| directive.span.contains(comment.span.start));
        if !directive {
            layers.broad(comment.span, TokenKind::Comment);
        }
    }
    for instruction in &file.instructions {
        layers.instruction(instruction);
    }
    for stage in &file.stages {
        if let Some((_, span)) = &stage.as_keyword {
            layers.narrow(*span, TokenKind::Keyword);
        }
        if let Some(name) = &stage.name {
            layers.push(
                Layer::Narrow,
                name.span,
                TokenKind::Namespace,
                TokenModifiers::DECLARATION,
            );
        }
    }
    for reference in stage_refs(file) {
        match reference.target {
            StageTarget::Named(_) | StageTarget::Index(_) => {
                layers.narrow(reference.span, TokenKind::Namespace)
            }
            StageTarget::External if reference.kind == StageRefKind::Base => {
                layers.broad(reference.span, TokenKind::Type)
            }
            StageTarget::External => {}
        }
    }
    let scope = Scope::build(file, text);
    let predefined = |name: &str| {
        if PLATFORM_ARGS.contains(&name) || PROXY_ARGS.contains(&name) || ALWAYS_SET.contains(&name)
        {
            TokenModifiers::DEFAULT_LIBRARY
        } else {
            TokenModifiers::default()
        }
    };
    for declaration in &scope.declarations {
        layers.push(
            Layer::Narrow,
            declaration.name_span,
            TokenKind::Variable,
            TokenModifiers::DECLARATION.with(predefined(&declaration.name)),
        );
    }
    for used in scope.uses.iter().chain(&scope.shell_uses) {
        let modifiers = match used.resolution {
            Resolution::Predefined | Resolution::PlatformNotRedeclared => {
                TokenModifiers::DEFAULT_LIBRARY
            }
            _ => predefined(&used.var.name),
        };
        layers.push(Layer::Narrow, used.var.span, TokenKind::Variable, modifiers);
    }
    layers.finish(text)
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    /// Cut by narrow tokens inside it.
    Broad,
    /// Wins over broad tokens; the first of two overlapping narrow tokens wins.
    Narrow,
}

#[derive(Default)]
struct Layers {
    tokens: Vec<(Layer, Token)>,
}

impl Layers {
    fn push(&mut self, layer: Layer, span: Span, kind: TokenKind, modifiers: TokenModifiers) {
        if !span.is_empty() {
            self.tokens.push((
                layer,
                Token {
                    span,
                    kind,
                    modifiers,
                },
            ));
        }
    }

    fn broad(&mut self, span: Span, kind: TokenKind) {
        self.push(Layer::Broad, span, kind, TokenModifiers::default());
    }

    fn narrow(&mut self, span: Span, kind: TokenKind) {
        self.push(Layer::Narrow, span, kind, TokenModifiers::default());
    }

    fn instruction(&mut self, instruction: &Instruction) {
        let modifiers = if instruction.kind == InstructionKind::Maintainer {
            TokenModifiers::DEPRECATED
        } else {
            TokenModifiers::default()
        };
        if instruction.kind != InstructionKind::Unknown {
            self.push(
                Layer::Narrow,
                instruction.keyword_span,
                TokenKind::Keyword,
                modifiers,
            );
        }
        if let Some((_, span)) = &instruction.healthcheck_kind {
            self.narrow(*span, TokenKind::Keyword);
        }
        for flag in &instruction.flags {
            self.narrow(
                Span::new(flag.span.start, flag.name_span.end),
                TokenKind::Parameter,
            );
            let Some(value) = &flag.value else { continue };
            self.broad(value.span, TokenKind::String);
            if flag.name == "mount" && value.is_verbatim() {
                for option in mount_options(&value.value) {
                    let start = value.span.start + option.start;
                    self.narrow(
                        Span::new(start, start + option.key.len()),
                        TokenKind::Property,
                    );
                }
            }
        }
        for heredoc in &instruction.heredocs {
            self.narrow(heredoc.marker_span, TokenKind::Operator);
            if let Some(end) = heredoc.end_span {
                self.narrow(end, TokenKind::Operator);
            }
        }
        if let Some(trigger) = &instruction.trigger {
            self.instruction(trigger);
            return;
        }
        match &instruction.args {
            Arguments::Exec(exec) => {
                for element in &exec.elements {
                    self.broad(element.span, TokenKind::String);
                }
            }
            Arguments::Pairs(pairs) => {
                for pair in pairs {
                    if instruction.kind == InstructionKind::Label {
                        self.narrow(pair.key.span, TokenKind::Property);
                    }
                    if let Some(value) = &pair.value {
                        self.broad(value.span, TokenKind::String);
                    }
                }
            }
            Arguments::Words(words) => {
                for word in words {
                    if instruction.kind == InstructionKind::Expose {
                        self.broad(word.span, TokenKind::Number);
                    } else if word.raw.starts_with(['"', '\'']) {
                        self.broad(word.span, TokenKind::String);
                    }
                }
            }
            Arguments::Shell(_) | Arguments::None => {}
        }
    }

    /// Narrow tokens first, in order, dropping those that overlap an earlier one; broad tokens
    /// cut around them; then split at line breaks and sorted.
    fn finish(self, text: &str) -> Vec<Token> {
        let (mut narrow, broad): (Vec<_>, Vec<_>) = self
            .tokens
            .into_iter()
            .partition(|(layer, _)| *layer == Layer::Narrow);
        narrow.sort_by_key(|(_, token)| token.span.start);
        let mut kept: Vec<Token> = Vec::with_capacity(narrow.len());
        for (_, token) in narrow {
            if kept
                .last()
                .is_none_or(|last| last.span.end <= token.span.start)
            {
                kept.push(token);
            }
        }
        let mut broad: Vec<Token> = broad.into_iter().map(|(_, token)| token).collect();
        broad.sort_by_key(|token| token.span.start);
        let mut out: Vec<Token> = Vec::new();
        let mut covered_to = 0;
        for token in broad {
            // Broad tokens do not nest in one another; the first wins.
            let start = token.span.start.max(covered_to);
            if start >= token.span.end {
                continue;
            }
            covered_to = token.span.end;
            let mut at = start;
            let first_narrow = kept.partition_point(|narrow| narrow.span.end <= at);
            for narrow in kept.get(first_narrow..).unwrap_or(&[]) {
                if narrow.span.start >= token.span.end {
                    break;
                }
                if narrow.span.start > at {
                    out.push(Token {
                        span: Span::new(at, narrow.span.start),
                        ..token
                    });
                }
                at = at.max(narrow.span.end);
            }
            if at < token.span.end {
                out.push(Token {
                    span: Span::new(at, token.span.end),
                    ..token
                });
            }
        }
        out.extend(kept);
        out.sort_by_key(|token| token.span.start);
        split_lines(text, out)
    }
}

/// Each token cut at line breaks (LF, CR, CRLF), the breaks themselves excluded.
fn split_lines(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let end = token.span.end.min(bytes.len());
        let mut start = token.span.start;
        let mut at = start;
        while at < end {
            if matches!(bytes.get(at), Some(b'\n' | b'\r')) {
                if at > start {
                    out.push(Token {
                        span: Span::new(start, at),
                        ..token
                    });
                }
                start = at + 1;
            }
            at += 1;
        }
        if end > start {
            out.push(Token {
                span: Span::new(start, end),
                ..token
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, parse};

    fn render(text: &str) -> String {
        let tokens = tokens(&parse(text));
        for pair in tokens.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "ordered, disjoint: {pair:?}"
            );
        }
        tokens
            .iter()
            .map(|token| {
                let slice = &text[token.span.range()];
                assert!(!slice.contains(['\n', '\r']), "one line: {token:?}");
                let modifiers: Vec<&str> = TokenModifiers::ALL
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| token.modifiers.0 & (1 << bit) != 0)
                    .map(|(_, name)| *name)
                    .collect();
                format!("{slice:?} {:?} {}", token.kind, modifiers.join(","))
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn classifies_a_multi_stage_file() {
        insta::assert_snapshot!(render(MULTI_STAGE));
    }

    #[test]
    fn values_with_references_and_continuations() {
        insta::assert_snapshot!(render(
            "FROM --platform=$BUILDPLATFORM alpine\r\nENV PATH=\"/opt/$NAME:$PATH\" \\\r\n    B='x y'\r\nLABEL a.b=\"multi \\\n line\"\nEXPOSE 80/tcp\nONBUILD RUN echo $X\nHEALTHCHECK NONE\nRUNN x\n"
        ));
    }

    #[test]
    fn any_input_gives_ordered_single_line_tokens() {
        for text in [
            "",
            "FROM",
            "ENV",
            "LABEL =",
            "RUN <<A <<B\nA\n",
            "#\n#",
            "FROM a AS\n\\",
        ] {
            let _ = render(text);
        }
    }
}
