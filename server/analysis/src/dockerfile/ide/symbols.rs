//! The outline: global ARGs, then each stage (named by its alias, or its image) with its
//! instructions. ARG and ENV appear as the variables they declare, so that they can be searched
//! by name; deprecated instructions say so in their detail (see [`crate::ide::DEPRECATED`]).

use dockwise_syntax::{Arguments, Instruction, InstructionKind, Parse, Span};

use crate::ide::{DEPRECATED, Symbol, SymbolKind};

/// Longest instruction text shown as a symbol name.
const NAME_LIMIT: usize = 60;

pub fn symbols(parse: &Parse) -> Vec<Symbol> {
    let text = parse.text();
    let file = parse.dockerfile();
    let first_stage = file
        .stages
        .first()
        .map_or(file.instructions.len(), |stage| stage.from);
    let mut symbols: Vec<Symbol> = file
        .instructions
        .get(..first_stage)
        .unwrap_or(&[])
        .iter()
        .filter(|instruction| instruction.kind == InstructionKind::Arg)
        .flat_map(|instruction| instruction_symbols(text, instruction))
        .collect();
    for stage in &file.stages {
        let instructions = file
            .instructions
            .get(stage.instructions.clone())
            .unwrap_or(&[]);
        let (Some(from), Some(last)) = (instructions.first(), instructions.last()) else {
            continue;
        };
        let image = stage.image.as_ref().map(|image| image.raw.as_str());
        let (name, selection, detail) = match (&stage.name, &stage.image) {
            (Some(name), _) => (name.name.clone(), name.span, image.map(str::to_string)),
            (None, Some(image)) => (
                image.raw.clone(),
                image.span,
                Some(format!("stage {}", stage.index)),
            ),
            (None, None) => (format!("stage {}", stage.index), from.keyword_span, None),
        };
        symbols.push(Symbol {
            name,
            detail,
            kind: SymbolKind::Stage,
            span: from.span.cover(last.span),
            selection,
            children: instructions
                .iter()
                .skip(1)
                .flat_map(|instruction| instruction_symbols(text, instruction))
                .collect(),
        });
    }
    symbols
}

fn instruction_symbols(text: &str, instruction: &Instruction) -> Vec<Symbol> {
    let declared_kind = match instruction.kind {
        InstructionKind::Arg => Some(SymbolKind::Argument),
        InstructionKind::Env => Some(SymbolKind::Environment),
        _ => None,
    };
    if let Some(kind) = declared_kind {
        let keyword = instruction.kind.keyword();
        let declared = declared_variables(instruction);
        if !declared.is_empty() {
            let single = declared.len() == 1;
            return declared
                .into_iter()
                .map(|(name, span, whole, value)| Symbol {
                    name: name.to_string(),
                    detail: Some(match value {
                        Some(value) => format!("{keyword} = {}", shorten(value)),
                        None => keyword.to_string(),
                    }),
                    kind,
                    span: if single { instruction.span } else { whole },
                    selection: span,
                    children: Vec::new(),
                })
                .collect();
        }
    }
    let kind = match instruction.kind {
        InstructionKind::Label => SymbolKind::Label,
        InstructionKind::Expose => SymbolKind::Port,
        _ => SymbolKind::Instruction,
    };
    let detail = match instruction.kind {
        InstructionKind::Maintainer => Some(format!(
            "{DEPRECATED}: use LABEL org.opencontainers.image.authors"
        )),
        InstructionKind::Onbuild => Some("runs in builds FROM this image".to_string()),
        _ => None,
    };
    vec![Symbol {
        name: summary(text, instruction.span),
        detail,
        kind,
        span: instruction.span,
        selection: instruction.keyword_span,
        children: Vec::new(),
    }]
}

/// ARG or ENV names with their span, the whole declaration's span and the value as written.
fn declared_variables(instruction: &Instruction) -> Vec<(&str, Span, Span, Option<&str>)> {
    match &instruction.args {
        Arguments::Pairs(pairs) => pairs
            .iter()
            .map(|pair| {
                (
                    pair.key.value.as_str(),
                    pair.key.span,
                    pair.span,
                    pair.value.as_ref().map(|value| value.raw.as_str()),
                )
            })
            .collect(),
        Arguments::Words(words) if instruction.kind == InstructionKind::Arg => words
            .iter()
            .map(|word| (word.value.as_str(), word.span, word.span, None))
            .collect(),
        _ => Vec::new(),
    }
}

/// The instruction's first line, whitespace collapsed, cut at [`NAME_LIMIT`] characters.
fn summary(text: &str, span: Span) -> String {
    let source = text.get(span.range()).unwrap_or("");
    let first_line = source.lines().next().unwrap_or("");
    let first_line = first_line
        .trim_end()
        .trim_end_matches('\\')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let more = source.contains('\n');
    let cut = shorten(&first_line);
    if more && cut == first_line {
        format!("{first_line} …")
    } else {
        cut
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(NAME_LIMIT) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, parse};

    fn outline(text: &str) -> String {
        fn render(text: &str, out: &mut String, symbols: &[Symbol], depth: usize) {
            for symbol in symbols {
                assert!(
                    symbol.span.start <= symbol.selection.start
                        && symbol.selection.end <= symbol.span.end,
                    "selection inside the symbol: {symbol:?}"
                );
                let _ = writeln!(
                    out,
                    "{}{:?} `{}` {} [{}]",
                    "  ".repeat(depth),
                    symbol.kind,
                    symbol.name,
                    symbol.detail.as_deref().unwrap_or("-"),
                    &text[symbol.selection.range()],
                );
                render(text, out, &symbol.children, depth + 1);
            }
        }
        let mut out = String::new();
        render(text, &mut out, &symbols(&parse(text)), 0);
        out
    }

    #[test]
    fn stages_with_their_instructions() {
        insta::assert_snapshot!(outline(MULTI_STAGE));
    }

    #[test]
    fn unnamed_stages_and_odd_input() {
        insta::assert_snapshot!(outline(
            "ARG A B=2\nFROM $A\nENV X=1 \\\n    Y=2\nFROM\nRUNN x\nRUN echo a very long command line that goes on and on and on, well past sixty characters\n"
        ));
        assert!(symbols(&parse("")).is_empty());
    }
}
