//! A conservative reader for the shell commands of a RUN: splits the script into simple
//! commands (on `&&`, `||`, `;`, `|`, `&`, newlines and parentheses) and each command into
//! words, with byte spans into the Dockerfile.
//!
//! It is not a shell parser. It understands quoting, escapes, `$(...)`, `${...}`, backticks,
//! comments, redirections (which it drops) and nested heredocs (whose bodies it skips); it does
//! not expand anything. Words whose value depends on an expansion say so (`expands`), and rules
//! should stay silent about them.

use dockwise_syntax::{Arguments, ExecForm, Instruction, ShellForm, Span};

/// Where a script came from, which decides what edits are possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    /// Shell form: words are raw shell text; edits are plain text insertions.
    Shell,
    /// Exec form: each JSON string is a word; no shell is involved.
    Exec,
    /// The body of a `RUN <<EOF` heredoc, run as a shell script.
    Heredoc,
}

/// One word of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellWord {
    /// Quotes removed and escapes applied; expansions kept as written.
    pub value: String,
    /// The word as written in the script text.
    pub raw: String,
    /// Source span of the word in the Dockerfile.
    pub span: Span,
    /// Contains `$`, a command substitution or backticks outside single quotes.
    pub expands: bool,
    /// Any part was quoted.
    pub quoted: bool,
}

impl ShellWord {
    /// The value, when it does not depend on an expansion.
    pub fn literal(&self) -> Option<&str> {
        (!self.expands).then_some(self.value.as_str())
    }
}

/// How a command is joined to the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joiner {
    /// First command, `;`, `&`, a newline, or a parenthesis.
    Sequence,
    And,
    Or,
    Pipe,
}

/// One simple command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// Every word, redirections removed (assignments and wrappers such as `sudo` included).
    pub words: Vec<ShellWord>,
    /// Index in `words` of the command name, after leading assignments, keywords (`if`, `then`,
    /// `!`...) and wrappers (`sudo`, `env`, `command`, `exec`, `time`, `nice`, `nohup`).
    /// Equal to `words.len()` when there is none.
    pub name_index: usize,
    pub joined_by: Joiner,
    /// Output goes into a pipe.
    pub pipes_out: bool,
    /// Source span from the first to the last word.
    pub span: Span,
}

impl Command {
    pub fn name_word(&self) -> Option<&ShellWord> {
        self.words.get(self.name_index)
    }

    /// The command name's base name (`/usr/bin/apt-get` → `apt-get`), when literal.
    pub fn program(&self) -> Option<&str> {
        let word = self.name_word()?;
        let value = word.literal()?;
        // A byte search: every rule asks, for every command, and names are short.
        let base = value
            .bytes()
            .rposition(|byte| byte == b'/')
            .map_or(0, |slash| slash + 1);
        Some(value.get(base..).unwrap_or(value))
    }

    /// The words after the command name.
    pub fn args(&self) -> &[ShellWord] {
        self.words.get(self.name_index + 1..).unwrap_or(&[])
    }

    /// `NAME=value` assignments written before the command name (also those given to `env`).
    pub fn assignments(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words[..self.name_index.min(self.words.len())]
            .iter()
            .filter_map(|word| assignment(&word.value))
    }

    /// Source span of the command name and its arguments (wrappers and assignments excluded).
    pub fn invocation_span(&self) -> Span {
        match (self.words.get(self.name_index), self.words.last()) {
            (Some(first), Some(last)) => first.span.cover(last.span),
            _ => self.span,
        }
    }
}

/// The commands of one RUN (or other shell text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub kind: ScriptKind,
    pub commands: Vec<Command>,
    /// The text contains a `#` comment.
    pub has_comment: bool,
    /// The reader met something it does not follow (unbalanced quote or substitution); the
    /// commands it found are still listed, but rules that edit should stay away.
    pub incomplete: bool,
    /// The script text as the shell sees it.
    pub text: String,
    /// The source offset just after the last character of the script, when text can be
    /// appended there (shell form only).
    pub end: Option<usize>,
}

impl Script {
    /// The commands of a RUN instruction: its shell form, its exec form, or the body of a
    /// `RUN <<EOF` heredoc whose shell text is nothing but the marker. `None` for anything else.
    pub fn of_run(text: &str, instruction: &Instruction) -> Option<Script> {
        match &instruction.args {
            Arguments::Shell(shell) => {
                if let [heredoc] = instruction.heredocs.as_slice() {
                    let only_marker =
                        shell.text.trim() == text.get(heredoc.marker_span.range())?.trim();
                    if !only_marker || heredoc.strip_tabs {
                        return None;
                    }
                    let body = text.get(heredoc.body_span.range())?;
                    if body != heredoc.body {
                        return None;
                    }
                    let offsets: Vec<usize> =
                        (heredoc.body_span.start..heredoc.body_span.end).collect();
                    return Some(read(body, &offsets, ScriptKind::Heredoc));
                }
                if !instruction.heredocs.is_empty() {
                    return None;
                }
                Script::of_shell(text, shell)
            }
            Arguments::Exec(exec) => Some(Script::of_exec(exec)),
            _ => None,
        }
    }

    /// Read a shell form: `shell.text` is the concatenation of its source pieces.
    pub fn of_shell(text: &str, shell: &ShellForm) -> Option<Script> {
        let mut offsets = Vec::with_capacity(shell.text.len());
        let mut joined = String::with_capacity(shell.text.len());
        for piece in &shell.pieces {
            joined.push_str(text.get(piece.range())?);
            offsets.extend(piece.start..piece.end);
        }
        if joined != shell.text {
            return None;
        }
        let mut script = read(&shell.text, &offsets, ScriptKind::Shell);
        script.end = Some(offsets.last().map_or(shell.span.end, |last| last + 1));
        Some(script)
    }

    /// An exec form is one command whose words are the array's strings.
    pub fn of_exec(exec: &ExecForm) -> Script {
        let words: Vec<ShellWord> = exec
            .elements
            .iter()
            .map(|element| ShellWord {
                value: element.value.clone(),
                raw: element.value.clone(),
                span: element.span,
                expands: false,
                quoted: true,
            })
            .collect();
        let mut commands = Vec::new();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            let span = first.span.cover(last.span);
            let name_index = name_index(&words);
            commands.push(Command {
                words,
                name_index,
                joined_by: Joiner::Sequence,
                pipes_out: false,
                span,
            });
        }
        Script {
            kind: ScriptKind::Exec,
            commands,
            has_comment: false,
            incomplete: false,
            text: exec
                .elements
                .iter()
                .map(|e| e.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            end: None,
        }
    }

    /// Read free-standing shell text whose byte `i` is at source offset `start + i`.
    pub fn of_text(script: &str, start: usize) -> Script {
        let offsets: Vec<usize> = (start..start + script.len()).collect();
        read(script, &offsets, ScriptKind::Heredoc)
    }
}

/// `NAME=value` with a valid shell name.
pub fn assignment(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then_some((name, value))
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time",
];

/// Skip assignments, keywords and wrappers to find the command name.
fn name_index(words: &[ShellWord]) -> usize {
    let mut index = 0;
    while let Some(word) = words.get(index) {
        let value = word.value.as_str();
        if word.expands {
            return index;
        }
        if assignment(value).is_some() || (!word.quoted && KEYWORDS.contains(&value)) {
            index += 1;
            continue;
        }
        let program = value.rsplit('/').next().unwrap_or(value);
        match program {
            "sudo" => {
                index += 1;
                // Options, some with a value.
                while let Some(option) = words.get(index) {
                    let option = option.value.as_str();
                    if !option.starts_with('-') {
                        break;
                    }
                    index += 1;
                    if matches!(
                        option,
                        "-u" | "-g" | "-U" | "-C" | "-h" | "-p" | "-r" | "-t" | "-D"
                    ) {
                        index += 1;
                    }
                    if option == "--" {
                        break;
                    }
                }
            }
            "env" => {
                index += 1;
                while let Some(option) = words.get(index) {
                    let option = option.value.as_str();
                    if option == "-u" || option == "--unset" {
                        index += 2;
                    } else if option.starts_with('-') {
                        index += 1;
                    } else {
                        break;
                    }
                }
            }
            "command" | "exec" | "nohup" => {
                index += 1;
                while words
                    .get(index)
                    .is_some_and(|word| word.value.starts_with('-'))
                {
                    index += 1;
                }
            }
            "nice" => {
                index += 1;
                if words.get(index).is_some_and(|word| word.value == "-n") {
                    index += 2;
                } else if words
                    .get(index)
                    .is_some_and(|word| word.value.starts_with('-'))
                {
                    index += 1;
                }
            }
            _ => return index,
        }
    }
    words.len()
}

/// The bytes `Reader::word` handles one by one (every other byte is part of a plain run).
fn ends_plain_run(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b';'
            | b'&'
            | b'|'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'\\'
            | b'\''
            | b'"'
            | b'$'
            | b'`'
    )
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    offsets: &'t [usize],
    at: usize,
    commands: Vec<Command>,
    words: Vec<ShellWord>,
    joiner: Joiner,
    has_comment: bool,
    incomplete: bool,
    /// Heredocs opened on the current line, whose bodies start at the next newline.
    pending_heredocs: Vec<(String, bool)>,
    /// The next word is the target of a redirection: drop it.
    skip_next_word: bool,
    /// The next word is a heredoc delimiter (`true`: `<<-`).
    heredoc_next: Option<bool>,
}

fn read(text: &str, offsets: &[usize], kind: ScriptKind) -> Script {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        offsets,
        at: 0,
        commands: Vec::new(),
        words: Vec::new(),
        joiner: Joiner::Sequence,
        has_comment: false,
        incomplete: false,
        pending_heredocs: Vec::new(),
        skip_next_word: false,
        heredoc_next: None,
    };
    reader.run();
    Script {
        kind,
        commands: reader.commands,
        has_comment: reader.has_comment,
        incomplete: reader.incomplete,
        text: text.to_string(),
        end: None,
    }
}

impl Reader<'_> {
    fn source(&self, index: usize) -> usize {
        match self.offsets.get(index) {
            Some(&offset) => offset,
            None => self.offsets.last().map_or(0, |last| last + 1),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let at = self.source(start);
            return Span::new(at, at);
        }
        Span::new(self.source(start), self.source(end - 1) + 1)
    }

    fn finish_command(&mut self, next: Joiner, pipes_out: bool) {
        if self.words.is_empty() {
            self.joiner = next;
            return;
        }
        let words = std::mem::take(&mut self.words);
        let span = words[0].span.cover(words[words.len() - 1].span);
        let name_index = name_index(&words);
        self.commands.push(Command {
            words,
            name_index,
            joined_by: self.joiner,
            pipes_out,
            span,
        });
        self.joiner = next;
    }

    fn run(&mut self) {
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            match byte {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.finish_command(Joiner::Sequence, false);
                    self.skip_heredoc_bodies();
                }
                b'#' => {
                    self.has_comment = true;
                    while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
                        self.at += 1;
                    }
                }
                b'&' | b'|' | b';' | b'(' | b')' => self.operator(),
                b'<' | b'>' => self.redirection(),
                _ => self.word(),
            }
        }
        self.finish_command(Joiner::Sequence, false);
    }

    fn rest(&self) -> &[u8] {
        &self.bytes[self.at..]
    }

    fn operator(&mut self) {
        let rest = self.rest();
        let (len, joiner, pipes) = if rest.starts_with(b"&&") {
            (2, Joiner::And, false)
        } else if rest.starts_with(b"||") {
            (2, Joiner::Or, false)
        } else if rest.starts_with(b"|&") {
            (2, Joiner::Pipe, true)
        } else if rest.starts_with(b"&>") {
            // `&>file`: a redirection of both streams.
            self.at += 2;
            if self.rest().starts_with(b">") {
                self.at += 1;
            }
            self.skip_next_word = true;
            return;
        } else if rest.starts_with(b";;") {
            (2, Joiner::Sequence, false)
        } else if rest[0] == b'|' {
            (1, Joiner::Pipe, true)
        } else {
            (1, Joiner::Sequence, false)
        };
        self.at += len;
        self.finish_command(joiner, pipes);
    }

    fn redirection(&mut self) {
        let rest = self.rest();
        // Process substitution `<(...)` / `>(...)` is a word.
        if rest.len() > 1 && rest[1] == b'(' {
            self.word();
            return;
        }
        if rest.starts_with(b"<<<") {
            self.at += 3;
            self.skip_next_word = true;
            return;
        }
        if rest.starts_with(b"<<") {
            self.at += 2;
            let strip = self.rest().starts_with(b"-");
            if strip {
                self.at += 1;
            }
            self.heredoc_next = Some(strip);
            return;
        }
        self.at += 1;
        // `>>`, `>&`, `<&`, `>|`, `<>`.
        if let Some(&next) = self.bytes.get(self.at)
            && matches!(next, b'>' | b'&' | b'|')
        {
            self.at += 1;
        }
        self.skip_next_word = true;
    }

    fn skip_heredoc_bodies(&mut self) {
        let pending = std::mem::take(&mut self.pending_heredocs);
        for (delimiter, strip) in pending {
            loop {
                if self.at >= self.bytes.len() {
                    self.incomplete = true;
                    return;
                }
                let end = self.text[self.at..]
                    .find('\n')
                    .map_or(self.bytes.len(), |nl| self.at + nl);
                let line = &self.text[self.at..end];
                let line = if strip {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                self.at = (end + 1).min(self.bytes.len());
                if line.trim_end_matches('\r') == delimiter {
                    break;
                }
            }
        }
    }

    /// Reads one word starting at `self.at`.
    fn word(&mut self) {
        let start = self.at;
        let mut value = String::new();
        let mut expands = false;
        let mut quoted = false;
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b')' => break,
                b'(' => {
                    // `a(`: not a word character in the shell; stop (a function definition or
                    // a syntax we do not follow).
                    if self.at == start {
                        break;
                    }
                    self.incomplete = true;
                    break;
                }
                b'<' | b'>' => {
                    if self.bytes.get(self.at + 1) == Some(&b'(') {
                        expands = true;
                        let end = self.balanced(self.at + 1, b'(', b')');
                        value.push_str(&self.text[self.at..end]);
                        self.at = end;
                    } else {
                        // `2>` is a redirection of fd 2: drop the number.
                        if value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty() {
                            value.clear();
                            self.at = start;
                            // Re-read as redirection from the operator.
                            let operator_at =
                                start + (self.text[start..].find(['<', '>']).unwrap_or(0));
                            self.at = operator_at;
                            self.redirection();
                            return;
                        }
                        break;
                    }
                }
                b'\\' => {
                    if let Some(next) = self.text[self.at + 1..].chars().next() {
                        if next != '\n' {
                            value.push(next);
                        }
                        self.at += 1 + next.len_utf8();
                    } else {
                        self.at += 1;
                    }
                }
                b'\'' => {
                    quoted = true;
                    match self.text[self.at + 1..].find('\'') {
                        Some(close) => {
                            value.push_str(&self.text[self.at + 1..self.at + 1 + close]);
                            self.at += close + 2;
                        }
                        None => {
                            self.incomplete = true;
                            value.push_str(&self.text[self.at + 1..]);
                            self.at = self.bytes.len();
                        }
                    }
                }
                b'"' => {
                    quoted = true;
                    self.at += 1;
                    loop {
                        let Some(&inner) = self.bytes.get(self.at) else {
                            self.incomplete = true;
                            break;
                        };
                        match inner {
                            b'"' => {
                                self.at += 1;
                                break;
                            }
                            b'\\' => {
                                let next = self.text[self.at + 1..].chars().next();
                                match next {
                                    Some(c @ ('"' | '\\' | '$' | '`')) => {
                                        value.push(c);
                                        self.at += 2;
                                    }
                                    Some('\n') => self.at += 2,
                                    _ => {
                                        value.push('\\');
                                        self.at += 1;
                                    }
                                }
                            }
                            b'$' | b'`' => {
                                expands = true;
                                let end = self.expansion(self.at);
                                value.push_str(&self.text[self.at..end]);
                                self.at = end;
                            }
                            _ => {
                                let c = self.text[self.at..].chars().next().unwrap_or(' ');
                                value.push(c);
                                self.at += c.len_utf8();
                            }
                        }
                    }
                }
                b'$' | b'`' => {
                    expands = true;
                    let end = self.expansion(self.at);
                    value.push_str(&self.text[self.at..end]);
                    self.at = end;
                }
                _ => {
                    // The plain characters up to the next one handled above, at once (the
                    // bytes looked for are ASCII, so the end is a character boundary).
                    let end = self.bytes[self.at..]
                        .iter()
                        .position(|&byte| ends_plain_run(byte))
                        .map_or(self.bytes.len(), |length| self.at + length);
                    value.push_str(&self.text[self.at..end]);
                    self.at = end;
                }
            }
        }
        if self.at == start {
            // A stray `(`: consume it as an operator so the loop advances.
            self.at += 1;
            self.finish_command(Joiner::Sequence, false);
            return;
        }
        if let Some(strip) = self.heredoc_next.take() {
            self.pending_heredocs.push((value, strip));
            return;
        }
        if std::mem::take(&mut self.skip_next_word) {
            return;
        }
        let raw = self.text[start..self.at].to_string();
        let span = self.span(start, self.at);
        self.words.push(ShellWord {
            value,
            raw,
            span,
            expands,
            quoted,
        });
    }

    /// The end of the `$...` or backtick expansion starting at `at`.
    fn expansion(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        if bytes[at] == b'`' {
            return match self.text[at + 1..].find('`') {
                Some(close) => at + close + 2,
                None => {
                    self.incomplete = true;
                    bytes.len()
                }
            };
        }
        match bytes.get(at + 1) {
            Some(b'(') => self.balanced(at + 1, b'(', b')'),
            Some(b'{') => self.balanced(at + 1, b'{', b'}'),
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let mut end = at + 1;
                while end < bytes.len()
                    && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_')
                {
                    end += 1;
                }
                end
            }
            Some(c) if c.is_ascii_digit() || b"@*#?$!-".contains(c) => at + 2,
            _ => at + 1,
        }
    }

    /// The end (exclusive) of the bracketed text opening at `open_at`, quotes respected.
    fn balanced(&mut self, open_at: usize, open: u8, close: u8) -> usize {
        let bytes = self.bytes;
        let mut depth = 0usize;
        let mut index = open_at;
        while index < bytes.len() {
            match bytes[index] {
                b'\\' => index += 1,
                b'\'' => {
                    match self.text[index + 1..].find('\'') {
                        Some(end) => index += end + 1,
                        None => break,
                    };
                }
                b'"' if open == b'(' => {
                    // Skip a quoted string inside a command substitution.
                    let mut inner = index + 1;
                    while inner < bytes.len() && bytes[inner] != b'"' {
                        if bytes[inner] == b'\\' {
                            inner += 1;
                        }
                        inner += 1;
                    }
                    index = inner;
                }
                c if c == open => depth += 1,
                c if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        return index + 1;
                    }
                }
                _ => {}
            }
            index += 1;
        }
        self.incomplete = true;
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(text: &str) -> Vec<Vec<String>> {
        Script::of_text(text, 0)
            .commands
            .iter()
            .map(|command| {
                command
                    .words
                    .iter()
                    .map(|word| word.value.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_on_operators() {
        assert_eq!(
            commands("apt-get update && apt-get install -y curl; echo 'a && b' | tee x || true"),
            vec![
                vec!["apt-get", "update"],
                vec!["apt-get", "install", "-y", "curl"],
                vec!["echo", "a && b"],
                vec!["tee", "x"],
                vec!["true"],
            ]
        );
    }

    #[test]
    fn drops_redirections_and_skips_heredoc_bodies() {
        assert_eq!(
            commands("cat <<EOF > /etc/x\napt-get install foo\nEOF\necho done 2>&1 >/dev/null"),
            vec![vec!["cat"], vec!["echo", "done"]]
        );
    }

    #[test]
    fn keeps_substitutions_in_words() {
        let script = Script::of_text(
            "sh -c \"$(curl -fsSL https://x | head)\" && FOO=1 sudo -E apt-get install x",
            0,
        );
        assert_eq!(script.commands.len(), 2);
        assert!(script.commands[0].words[2].expands);
        assert_eq!(script.commands[1].program(), Some("apt-get"));
        assert_eq!(
            script.commands[1].assignments().collect::<Vec<_>>(),
            vec![("FOO", "1")]
        );
    }

    #[test]
    fn spans_point_into_the_source() {
        let text = "echo  \"a b\" c";
        let script = Script::of_text(text, 10);
        let word = &script.commands[0].words[1];
        assert_eq!(word.span, Span::new(16, 21));
        assert_eq!(word.value, "a b");
    }

    #[test]
    fn keywords_are_skipped() {
        let script = Script::of_text("if [ -f x ]; then apt-get install -y x; fi", 0);
        assert_eq!(script.commands[1].program(), Some("apt-get"));
    }
}
