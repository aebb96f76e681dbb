//! Selection ranges ("expand selection"): from the word at the cursor out through the variable,
//! flag, argument or shell command around it, the instruction, its stage, to the whole file.

use dockwise_syntax::{Arguments, Instruction, Parse, Span};

use crate::dockerfile::flags::mount_options;
use crate::dockerfile::scope::Scope;
use crate::dockerfile::shell::Script;

/// Nested spans around `offset`, innermost first, each strictly inside the next.
pub fn selection_ranges(parse: &Parse, offset: usize) -> Vec<Span> {
    let text = parse.text();
    let file = parse.dockerfile();
    let offset = offset.min(text.len());
    let mut candidates = vec![Span::new(0, text.len())];
    candidates.extend(word_at(text, offset));
    for comment in file.comments.iter().filter(|c| c.span.contains(offset)) {
        candidates.push(comment.span);
    }
    if let Some(index) = file
        .instructions
        .iter()
        .position(|instruction| instruction.span.contains(offset))
    {
        let instruction = &file.instructions[index];
        if let Some(stage) = file.stages.iter().find(|s| s.instructions.contains(&index))
            && let (Some(first), Some(last)) = (
                file.instructions.get(stage.from),
                file.instructions
                    .get(stage.instructions.end.saturating_sub(1)),
            )
        {
            candidates.push(first.span.cover(last.span));
            if let Some(image) = &stage.image {
                candidates.push(image.span);
                candidates.push(image.path.1);
                candidates.extend(image.registry.as_ref().map(|(_, span)| *span));
                candidates.extend(image.tag.as_ref().map(|(_, span)| *span));
                candidates.extend(image.digest.as_ref().map(|(_, span)| *span));
            }
            candidates.extend(stage.name.as_ref().map(|name| name.span));
        }
        instruction_parts(text, instruction, &mut candidates);
        let scope = Scope::build(file, text);
        for used in scope.uses.iter().chain(&scope.shell_uses) {
            candidates.push(used.var.span);
            candidates.push(used.var.name_span);
        }
    }
    nest(offset, candidates)
}

fn instruction_parts(text: &str, instruction: &Instruction, out: &mut Vec<Span>) {
    out.push(instruction.span);
    out.push(instruction.keyword_span);
    out.extend(instruction.healthcheck_kind.as_ref().map(|(_, span)| *span));
    for flag in &instruction.flags {
        out.push(flag.span);
        out.push(flag.name_span);
        if let Some(value) = &flag.value {
            out.push(value.span);
            if value.is_verbatim() {
                for option in mount_options(&value.value) {
                    out.push(Span::new(
                        value.span.start + option.start,
                        value.span.start + option.end,
                    ));
                }
            }
        }
    }
    for heredoc in &instruction.heredocs {
        out.push(heredoc.marker_span);
        out.push(heredoc.body_span);
        out.push(
            heredoc
                .marker_span
                .cover(heredoc.end_span.unwrap_or(heredoc.body_span)),
        );
    }
    match &instruction.args {
        Arguments::Words(words) => out.extend(words.iter().map(|word| word.span)),
        Arguments::Pairs(pairs) => {
            for pair in pairs {
                out.push(pair.span);
                out.push(pair.key.span);
                out.extend(pair.value.as_ref().map(|value| value.span));
            }
        }
        Arguments::Exec(exec) => {
            out.push(exec.span);
            out.extend(exec.elements.iter().map(|element| element.span));
        }
        Arguments::Shell(shell) => {
            out.push(shell.span);
            if let Some(script) = Script::of_shell(text, shell) {
                for command in &script.commands {
                    out.push(command.span);
                    out.extend(command.words.iter().map(|word| word.span));
                }
            }
        }
        Arguments::None => {}
    }
    if let Some(trigger) = &instruction.trigger {
        instruction_parts(text, trigger, out);
    }
}

/// The identifier-like run of characters around `offset`.
fn word_at(text: &str, offset: usize) -> Option<Span> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text.get(..offset)?;
    let after = text.get(offset..)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(at, _)| at);
    let end = offset
        + after
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(after.len(), |(at, _)| at);
    (end > start).then(|| Span::new(start, end))
}

/// The candidates that contain `offset`, smallest first, keeping each one that strictly
/// contains the one before.
fn nest(offset: usize, mut candidates: Vec<Span>) -> Vec<Span> {
    candidates.retain(|span| span.contains(offset) && (!span.is_empty() || span.start == 0));
    candidates.sort_by_key(|span| (span.len(), std::cmp::Reverse(span.start)));
    let mut chain: Vec<Span> = Vec::new();
    for span in candidates {
        match chain.last() {
            Some(last)
                if !(span.start <= last.start
                    && last.end <= span.end
                    && span.len() > last.len()) => {}
            _ => chain.push(span),
        }
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::ide::test_support::{MULTI_STAGE, cursor_at, parse};

    fn render(text: &str, needle: &str, nth: usize, shift: usize) -> String {
        let (parse, offset) = cursor_at(text, needle, nth, shift);
        let ranges = selection_ranges(&parse, offset);
        for pair in ranges.windows(2) {
            assert!(pair[1].start <= pair[0].start && pair[0].end <= pair[1].end);
        }
        ranges
            .iter()
            .map(|span| {
                let slice = &text[span.range()];
                if slice.len() > 50 {
                    format!("{:?}…", slice.chars().take(50).collect::<String>())
                } else {
                    format!("{slice:?}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn from_a_word_out_to_the_file() {
        insta::assert_snapshot!(
            [
                render(MULTI_STAGE, "NODE_VERSION}", 0, 2),
                render(MULTI_STAGE, "target=/mnt", 0, 9),
                render(MULTI_STAGE, "npm run build", 0, 5),
                render(MULTI_STAGE, "NODE_ENV=", 0, 9),
                render(MULTI_STAGE, "daemon", 0, 0),
            ]
            .join("\n--\n")
        );
    }

    #[test]
    fn outside_instructions_and_broken_input() {
        assert_eq!(selection_ranges(&parse(""), 0), [Span::new(0, 0)]);
        let text = "# a comment\n\nFROM";
        assert_eq!(
            selection_ranges(&parse(text), 3),
            [Span::new(2, 3), Span::new(0, 11), Span::new(0, text.len())]
        );
        for offset in 0..=text.len() + 2 {
            let _ = selection_ranges(&parse("RUN é\\\n x ${"), offset);
        }
    }
}
