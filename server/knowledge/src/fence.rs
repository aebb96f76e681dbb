//! Scanning an entry body for fenced code blocks and the `<!-- more -->` break.
//!
//! Shared with `build.rs` (through `#[path]`) so the build-time validator and the runtime
//! accessors read a body the same way.

/// The marker that ends the part of the body shown in small hovers.
pub const MORE: &str = "<!-- more -->";

/// A fenced code block of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fence<'a> {
    /// The info string after the opening fence, trimmed.
    pub info: &'a str,
    /// The lines between the fences, each with its line break.
    pub code: &'a str,
    /// 1-based line of the opening fence within the body.
    pub line: usize,
}

/// What a body holds outside its prose.
#[derive(Debug, Default)]
pub struct Scan<'a> {
    pub fences: Vec<Fence<'a>>,
    /// Byte offsets of the `<!-- more -->` markers found outside code blocks.
    pub more: Vec<usize>,
    /// 1-based line of a fence opened and never closed.
    pub unclosed: Option<usize>,
}

/// An opening fence: three or more backticks or tildes; CommonMark allows both.
fn opening(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|c| *c == marker).count();
    (run >= 3).then(|| (marker, run, trimmed[run..].trim()))
}

fn closes(line: &str, marker: char, run: usize) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= run && trimmed.chars().all(|c| c == marker)
}

pub fn scan(body: &str) -> Scan<'_> {
    let mut scan = Scan::default();
    // (marker, run length, info, line number, offset of the first code byte)
    let mut open: Option<(char, usize, &str, usize, usize)> = None;
    let mut offset = 0;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let start = offset;
        offset += line.len();
        match open {
            Some((marker, run, info, opened_at, code_start)) => {
                if closes(line, marker, run) {
                    scan.fences.push(Fence {
                        info,
                        code: &body[code_start..start],
                        line: opened_at,
                    });
                    open = None;
                }
            }
            None => {
                if let Some((marker, run, info)) = opening(line) {
                    open = Some((marker, run, info, number, offset));
                } else if let Some(at) = line.find(MORE) {
                    scan.more.push(start + at);
                }
            }
        }
    }
    scan.unclosed = open.map(|(_, _, _, line, _)| line);
    scan
}

/// Languages a code block may be tagged with.
pub const LANGUAGES: &[&str] = &[
    "dockerfile",
    "compose",
    "yaml",
    "sh",
    "bash",
    "console",
    "text",
    "json",
    "toml",
    "powershell",
];

/// Languages whose examples the rule tests can run, hence may be marked `bad` or `good`.
pub const CHECKED_LANGUAGES: &[&str] = &["dockerfile", "compose"];

/// What an example demonstrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expectation {
    /// Must trigger at least one of the entry's rules.
    Bad,
    /// Must trigger none of the entry's rules.
    Good,
    /// Shown, never run.
    Illustration,
}

/// Reads an info string (`<lang>`, `<lang> bad` or `<lang> good`).
pub fn classify(info: &str) -> Result<(&str, Expectation), String> {
    let mut words = info.split_whitespace();
    let Some(language) = words.next() else {
        return Err("code block without a language (use `text` for plain output)".into());
    };
    if !LANGUAGES.contains(&language) {
        return Err(format!(
            "code block language `{language}` is not one of {}",
            LANGUAGES.join(", ")
        ));
    }
    let expectation = match words.next() {
        None => Expectation::Illustration,
        Some("bad") => Expectation::Bad,
        Some("good") => Expectation::Good,
        Some(other) => {
            return Err(format!(
                "code block info `{info}`: `{other}` is not `bad` or `good`"
            ));
        }
    };
    if words.next().is_some() {
        return Err(format!(
            "code block info `{info}` has more than a language and `bad`/`good`"
        ));
    }
    if expectation != Expectation::Illustration && !CHECKED_LANGUAGES.contains(&language) {
        return Err(format!(
            "code block info `{info}`: only dockerfile and compose examples can be `bad` or `good`"
        ));
    }
    Ok((language, expectation))
}
