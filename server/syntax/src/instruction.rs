//! One instruction from its logical line, the way BuildKit's `newNodeFromLine` and the
//! per-instruction parse functions read it.

use std::ops::Range;

use crate::image_ref::split_image;
use crate::json::parse_string_array;
use crate::logical::LogicalLine;
use crate::model::*;
use crate::words::{VarProblem, scan_vars, split_words, word_value};

/// ONBUILD triggers nest; Docker rejects `ONBUILD ONBUILD`, we stop modelling past this depth.
const MAX_TRIGGER_DEPTH: usize = 2;

/// What a FROM contributes to its stage.
#[derive(Clone)]
pub(crate) struct StageHead {
    pub image: Option<ImageRef>,
    pub name: Option<StageName>,
    pub as_keyword: Option<(String, Span)>,
}

pub(crate) struct Lowered {
    pub instruction: Instruction,
    pub stage: Option<StageHead>,
}

pub(crate) struct InstructionReader<'a> {
    pub line: &'a LogicalLine<'a>,
    pub escape: char,
    pub errors: &'a mut Vec<SyntaxError>,
}

/// Docker's `reWhitespace`: `[\t\v\f\r ]`.
fn is_separator(ch: char) -> bool {
    matches!(ch, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

/// `range` without leading and trailing whitespace.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

impl InstructionReader<'_> {
    fn text(&self, range: Range<usize>) -> &str {
        &self.line.text[range]
    }

    /// Reads the instruction in `range` of the logical line (the whole line, or an ONBUILD trigger).
    pub fn read(&mut self, range: Range<usize>, depth: usize) -> Lowered {
        let range = trim(&self.line.text, range);
        let keyword_end = self
            .text(range.clone())
            .find(is_separator)
            .map_or(range.end, |offset| range.start + offset);
        let keyword_range = range.start..keyword_end;
        let keyword = self.text(keyword_range.clone()).to_string();
        let kind = InstructionKind::from_keyword(&keyword);
        let rest = trim(&self.line.text, keyword_end..range.end);
        let (flag_words, args_start) = extract_flags(self.text(rest.clone()));
        let flags = flag_words
            .into_iter()
            .map(|(word, value)| self.flag(rest.start + word.start..rest.start + word.end, value))
            .collect();
        let args = trim(&self.line.text, rest.start + args_start..rest.end);

        let mut instruction = Instruction {
            kind,
            keyword,
            keyword_span: self.line.span(keyword_range),
            span: self.line.span(range),
            flags,
            args: Arguments::None,
            heredocs: Vec::new(),
            trigger: None,
            healthcheck_kind: None,
            empty_continuation_lines: Vec::new(),
        };
        let mut stage = None;
        if !args.is_empty() {
            match kind {
                InstructionKind::Run
                | InstructionKind::Cmd
                | InstructionKind::Entrypoint
                | InstructionKind::Shell => instruction.args = self.exec_or_shell(args),
                InstructionKind::Copy | InstructionKind::Add | InstructionKind::Volume => {
                    instruction.args = self.exec_or_words(args)
                }
                InstructionKind::Healthcheck => self.healthcheck(&mut instruction, args),
                InstructionKind::Env | InstructionKind::Label => {
                    instruction.args = self.name_values(args)
                }
                InstructionKind::Arg => instruction.args = self.names_or_name_values(args),
                InstructionKind::Onbuild if depth < MAX_TRIGGER_DEPTH => {
                    let trigger = self.read(args, depth + 1);
                    instruction.trigger = Some(Box::new(trigger.instruction));
                }
                InstructionKind::From => {
                    let words = self.words(args);
                    stage = Some(self.stage_head(&words));
                    instruction.args = Arguments::Words(words);
                }
                _ => instruction.args = Arguments::Words(self.words(args)),
            }
        } else if kind == InstructionKind::From {
            stage = Some(StageHead {
                image: None,
                name: None,
                as_keyword: None,
            });
        }
        Lowered { instruction, stage }
    }

    fn flag(&mut self, range: Range<usize>, processed: String) -> Flag {
        let raw = self.text(range.clone());
        let name_start = range.start + 2;
        let equals = raw.find('=').map(|offset| range.start + offset);
        let name_end = equals.unwrap_or(range.end);
        let name = self.text(name_start..name_end).to_string();
        let value = equals.map(|equals| {
            let mut word = self.word(equals + 1..range.end);
            word.value = processed
                .split_once('=')
                .map(|(_, value)| value.to_string())
                .unwrap_or_default();
            word
        });
        Flag {
            span: self.line.span(range),
            name,
            name_span: self.line.span(name_start..name_end),
            value,
        }
    }

    pub fn word(&mut self, range: Range<usize>) -> Word {
        let raw = self.text(range.clone()).to_string();
        let (found, problems) = scan_vars(&raw, self.escape);
        let vars = found
            .into_iter()
            .map(|var| VarRef {
                span: self
                    .line
                    .span(range.start + var.range.start..range.start + var.range.end),
                name: raw[var.name.clone()].to_string(),
                name_span: self
                    .line
                    .span(range.start + var.name.start..range.start + var.name.end),
                braced: var.braced,
                modifier: var.modifier,
            })
            .collect();
        for problem in problems {
            let VarProblem::Unclosed(unclosed) = problem;
            self.errors.push(SyntaxError {
                span: self
                    .line
                    .span(range.start + unclosed.start..range.start + unclosed.end),
                code: "unclosed-variable",
                message: format!("missing `}}` to close `{}`", &raw[unclosed]),
            });
        }
        Word {
            span: self.line.span(range),
            value: word_value(&raw, self.escape),
            raw,
            vars,
        }
    }

    fn words(&mut self, range: Range<usize>) -> Vec<Word> {
        split_words(self.text(range.clone()), self.escape)
            .into_iter()
            .map(|word| self.word(range.start + word.start..range.start + word.end))
            .collect()
    }

    fn exec(&self, range: Range<usize>) -> Option<Arguments> {
        let elements = parse_string_array(self.text(range.clone()))?;
        let elements = elements
            .into_iter()
            .map(|(string, value)| JsonString {
                span: self
                    .line
                    .span(range.start + string.start..range.start + string.end),
                value,
            })
            .collect();
        Some(Arguments::Exec(ExecForm {
            span: self.line.span(range),
            elements,
        }))
    }

    fn exec_or_shell(&self, range: Range<usize>) -> Arguments {
        self.exec(range.clone()).unwrap_or_else(|| {
            let text = self.text(range.clone()).to_string();
            Arguments::Shell(ShellForm {
                span: self.line.span(range.clone()),
                malformed_exec: text.starts_with('[') && text.ends_with(']'),
                pieces: self.line.pieces(range),
                text,
            })
        })
    }

    fn exec_or_words(&mut self, range: Range<usize>) -> Arguments {
        match self.exec(range.clone()) {
            Some(exec) => exec,
            None => Arguments::Words(self.words(range)),
        }
    }

    /// `HEALTHCHECK [flags] CMD command` or `HEALTHCHECK NONE`.
    fn healthcheck(&mut self, instruction: &mut Instruction, range: Range<usize>) {
        let text = self.text(range.clone());
        let kind_end = text
            .find(char::is_whitespace)
            .map_or(range.end, |offset| range.start + offset);
        let kind_text = self.text(range.start..kind_end).to_string();
        instruction.healthcheck_kind =
            Some((kind_text.clone(), self.line.span(range.start..kind_end)));
        let rest = trim(&self.line.text, kind_end..range.end);
        if rest.is_empty() {
            return;
        }
        instruction.args = if kind_text.eq_ignore_ascii_case("cmd") {
            self.exec_or_shell(rest)
        } else {
            Arguments::Words(self.words(rest))
        };
    }

    /// ENV and LABEL: `key=value...`, or the legacy `key value with spaces`.
    fn name_values(&mut self, range: Range<usize>) -> Arguments {
        let words = split_words(self.text(range.clone()), self.escape);
        let Some(first) = words.first() else {
            return Arguments::None;
        };
        if !self
            .text(range.start + first.start..range.start + first.end)
            .contains('=')
        {
            let text = self.text(range.clone());
            let key_end = text
                .find(is_separator)
                .map_or(range.end, |offset| range.start + offset);
            let value_range = trim(&self.line.text, key_end..range.end);
            let key = self.word(range.start..key_end);
            let value = (!value_range.is_empty()).then(|| self.word(value_range));
            let pair = KeyValue {
                span: self.line.span(range),
                key,
                value,
                legacy: true,
            };
            return Arguments::Pairs(vec![pair]);
        }
        let pairs = words
            .into_iter()
            .map(|word| self.pair(range.start + word.start..range.start + word.end))
            .collect();
        Arguments::Pairs(pairs)
    }

    /// ARG: `NAME` or `NAME=default`, several allowed.
    fn names_or_name_values(&mut self, range: Range<usize>) -> Arguments {
        let words = split_words(self.text(range.clone()), self.escape);
        let pairs = words
            .into_iter()
            .map(|word| self.pair(range.start + word.start..range.start + word.end))
            .collect();
        Arguments::Pairs(pairs)
    }

    fn pair(&mut self, range: Range<usize>) -> KeyValue {
        let equals = self
            .text(range.clone())
            .find('=')
            .map(|offset| range.start + offset);
        let key = self.word(range.start..equals.unwrap_or(range.end));
        let value = equals.map(|equals| self.word(equals + 1..range.end));
        KeyValue {
            span: self.line.span(range),
            key,
            value,
            legacy: false,
        }
    }

    fn stage_head(&self, words: &[Word]) -> StageHead {
        let image = words.first().map(image_ref);
        let as_word = words
            .get(1)
            .filter(|word| word.raw.eq_ignore_ascii_case("as"));
        StageHead {
            image,
            as_keyword: as_word.map(|word| (word.raw.clone(), word.span)),
            name: as_word.and(words.get(2)).map(|word| StageName {
                name: word.value.clone(),
                span: word.span,
            }),
        }
    }
}

/// Splits an image word. The word's raw text is contiguous in the source unless it spans a
/// continuation, in which case part spans are clamped to the word.
fn image_ref(word: &Word) -> ImageRef {
    let parts = split_image(&word.raw);
    let part = |range: Range<usize>| {
        let start = (word.span.start + range.start).min(word.span.end);
        let end = (word.span.start + range.end).min(word.span.end);
        (word.raw[range].to_string(), Span::new(start, end))
    };
    ImageRef {
        span: word.span,
        raw: word.raw.clone(),
        registry: parts.registry.map(part),
        path: part(parts.path),
        tag: parts.tag.map(part),
        digest: parts.digest.map(part),
    }
}

/// BuildKit's `extractBuilderFlags`: leading `--name[=value]` words (quotes and `\` processed in
/// the value). Returns each flag's raw range and processed text, and where the arguments start.
fn extract_flags(text: &str) -> (Vec<(Range<usize>, String)>, usize) {
    let mut flags = Vec::new();
    let mut pos = 0;
    loop {
        while let Some(ch) = text[pos..].chars().next().filter(|ch| ch.is_whitespace()) {
            pos += ch.len_utf8();
        }
        if pos == text.len() || !text[pos..].starts_with("--") {
            return (flags, pos);
        }
        let start = pos;
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(ch) = text[pos..].chars().next() {
            if quote.is_none() && ch.is_whitespace() {
                break;
            }
            pos += ch.len_utf8();
            match quote {
                None if ch == '\'' || ch == '"' => quote = Some(ch),
                Some(open) if ch == open => quote = None,
                _ if ch == '\\' => {
                    if let Some(next) = text[pos..].chars().next() {
                        pos += next.len_utf8();
                        word.push(next);
                    }
                }
                _ => word.push(ch),
            }
        }
        if word == "--" {
            return (flags, pos);
        }
        flags.push((start..pos, word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_stop_at_first_argument() {
        let (flags, rest) = extract_flags("--mount=type=cache,target=/x --link  echo --no");
        let names: Vec<_> = flags.iter().map(|(_, word)| word.as_str()).collect();
        assert_eq!(names, vec!["--mount=type=cache,target=/x", "--link"]);
        assert_eq!(rest, 37);
        let (flags, rest) = extract_flags("--from=\"a b\" -- x");
        assert_eq!(flags[0].1, "--from=a b");
        assert_eq!(rest, 15);
    }
}
