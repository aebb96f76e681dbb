//! One Q&A entry and the views of it that hovers and `dockwise explain` show.

use std::fmt::Write as _;

use crate::fence::{self, Expectation};

/// A link to official documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub title: &'static str,
    pub url: &'static str,
}

/// A knowledge entry, validated at build time (see `knowledge/README.md`).
#[derive(Debug)]
pub struct Entry {
    pub id: &'static str,
    pub question: &'static str,
    /// One plain-text line: diagnostics and small hovers show it.
    pub summary: &'static str,
    /// Construct keys whose hover shows this entry, e.g. `dockerfile:instruction:COPY`.
    pub applies_to: &'static [&'static str],
    /// Names of the rules this entry explains.
    pub rules: &'static [&'static str],
    pub keywords: &'static [&'static str],
    pub see_also: &'static [&'static str],
    pub references: &'static [Reference],
    /// The Markdown after the front matter.
    pub body: &'static str,
    /// Where the entry was written, e.g. `knowledge/build/dockerignore.md`.
    pub path: &'static str,
    /// 1-based line of `path` where `body` starts, to point at examples.
    pub(crate) body_line: usize,
}

/// A fenced code block of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The info string's language, e.g. `dockerfile`.
    pub language: &'static str,
    pub expectation: Expectation,
    pub code: &'static str,
    /// 1-based line of the opening fence in the entry's file.
    pub line: usize,
}

impl Entry {
    /// The body up to `<!-- more -->`, or all of it when there is no break.
    pub fn short_body(&self) -> &'static str {
        let scan = fence::scan(self.body);
        match scan.more.first() {
            Some(&at) => &self.body[..at],
            None => self.body,
        }
    }

    /// Question, summary, the body up to `<!-- more -->`, and the references: for hovers.
    pub fn short_markdown(&self) -> String {
        self.render(self.short_body())
    }

    /// Everything the entry says, without the `<!-- more -->` marker.
    pub fn full_markdown(&self) -> String {
        let scan = fence::scan(self.body);
        match scan.more.first() {
            Some(&at) => {
                let after = &self.body[at + fence::MORE.len()..];
                let joined = format!(
                    "{}{}",
                    &self.body[..at],
                    after.trim_start_matches(['\r', '\n'])
                );
                self.render(&joined)
            }
            None => self.render(self.body),
        }
    }

    fn render(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len() + 256);
        let _ = write!(
            out,
            "### {}\n\n{}\n\n",
            escape_markdown(self.question),
            escape_markdown(self.summary)
        );
        let body = body.trim();
        if !body.is_empty() {
            out.push_str(body);
            out.push_str("\n\n");
        }
        if !self.references.is_empty() {
            out.push_str("**References:** ");
            let links: Vec<String> = self
                .references
                .iter()
                .map(|r| format!("[{}]({})", r.title, r.url))
                .collect();
            out.push_str(&links.join(" · "));
            out.push('\n');
        }
        out
    }

    /// The entry's code blocks, in order. Info strings were validated at build time.
    pub fn examples(&self) -> Vec<Example> {
        fence::scan(self.body)
            .fences
            .into_iter()
            .filter_map(|block| {
                let (language, expectation) = fence::classify(block.info).ok()?;
                Some(Example {
                    language,
                    expectation,
                    code: block.code,
                    line: self.body_line + block.line - 1,
                })
            })
            .collect()
    }
}

/// Question and summary are plain text (`--exclude=<pattern>` must not vanish as an HTML tag),
/// so their Markdown-significant characters are escaped before they join Markdown.
pub(crate) fn escape_markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let intraword = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' => true,
            // A heading, list or quote marker only at the very start.
            '#' => i == 0,
            '-' | '+' => i == 0 && chars.get(1).is_some_and(|c| c.is_whitespace()),
            // `NODE_ENV` is safe; only an underscore at a word edge can open emphasis.
            '_' => !(intraword(i.checked_sub(1)) && intraword(Some(i + 1))),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
