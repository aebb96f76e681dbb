//! `.dockerignore` matching as Docker does it (moby's `patternmatcher`): one pattern per line,
//! `#` comment lines and blank lines skipped, surrounding whitespace trimmed, a leading `!`
//! re-includes, each pattern cleaned like Go's `filepath.Clean` with a leading `/` dropped.
//! Patterns are Go `filepath.Match` globs (`*`, `?`, `[...]`, `\` escapes) plus `**`, which
//! matches any number of directories. A path is excluded when the last pattern that matches it,
//! or one of its parent directories, is not a negation.

/// A parsed `.dockerignore`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    /// The cleaned pattern, as written after `!`.
    text: String,
    negated: bool,
    tokens: Vec<Token>,
    /// Path components in the pattern, for matching parent directories.
    depth: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `*`: any run of characters but `/`.
    Star,
    /// `?`: one character but `/`.
    One,
    /// `[...]`: ranges and single characters, possibly negated.
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
    /// `**` (or `**/`) before more pattern: any number of whole directories, even none.
    Dirs,
    /// `**` at the end: anything.
    Rest,
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let negated = pattern.starts_with('!');
            if negated {
                pattern = pattern[1..].trim();
            }
            let mut cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let tokens = compile(&cleaned);
            let depth = cleaned.split('/').count();
            patterns.push(Pattern {
                text: cleaned,
                negated,
                tokens,
                depth,
            });
        }
        DockerIgnore { patterns }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (relative to the build context, `/`-separated) is left out of the
    /// context. Returns the pattern that decided it, when it is excluded.
    pub fn excluded_by(&self, path: &str) -> Option<&str> {
        let path = clean(path.trim_start_matches('/'));
        if path == "." || path.is_empty() {
            return None;
        }
        let parents: Vec<&str> = path.split('/').collect();
        let mut decision: Option<&Pattern> = None;
        for pattern in &self.patterns {
            let mut matched = matches(&pattern.tokens, &path);
            if !matched && parents.len() > 1 {
                // A parent directory matching the pattern excludes everything under it.
                for end in 1..parents.len() {
                    if end > pattern.depth
                        && !pattern
                            .tokens
                            .iter()
                            .any(|t| matches!(t, Token::Dirs | Token::Rest))
                    {
                        break;
                    }
                    if matches(&pattern.tokens, &parents[..end].join("/")) {
                        matched = true;
                        break;
                    }
                }
            }
            if matched {
                decision = Some(pattern);
            }
        }
        decision
            .filter(|pattern| !pattern.negated)
            .map(|pattern| pattern.text.as_str())
    }

    pub fn is_excluded(&self, path: &str) -> bool {
        self.excluded_by(path).is_some()
    }
}

/// Go's `path.Clean` for `/`-separated paths.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

fn compile(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        match c {
            '*' if chars.get(index) == Some(&'*') => {
                index += 1;
                if chars.get(index) == Some(&'/') {
                    index += 1;
                }
                tokens.push(if index >= chars.len() {
                    Token::Rest
                } else {
                    Token::Dirs
                });
            }
            '*' => tokens.push(Token::Star),
            '?' => tokens.push(Token::One),
            '\\' => {
                if let Some(&next) = chars.get(index) {
                    tokens.push(Token::Char(next));
                    index += 1;
                }
            }
            '[' => {
                let mut negated = false;
                if matches!(chars.get(index), Some('^' | '!')) {
                    negated = true;
                    index += 1;
                }
                let mut items = Vec::new();
                let mut closed = false;
                while index < chars.len() {
                    let mut low = chars[index];
                    index += 1;
                    if low == ']' && !items.is_empty() {
                        closed = true;
                        break;
                    }
                    if low == '\\' {
                        low = chars.get(index).copied().unwrap_or('\\');
                        index += 1;
                    }
                    let mut high = low;
                    if chars.get(index) == Some(&'-')
                        && chars.get(index + 1).is_some_and(|c| *c != ']')
                    {
                        high = chars[index + 1];
                        index += 2;
                    }
                    items.push((low, high));
                }
                if closed {
                    tokens.push(Token::Class { negated, items });
                } else {
                    // A malformed class never matches in Go; keep it literal-impossible.
                    tokens.push(Token::Class {
                        negated: false,
                        items: Vec::new(),
                    });
                }
            }
            other => tokens.push(Token::Char(other)),
        }
    }
    tokens
}

fn matches(tokens: &[Token], path: &str) -> bool {
    let text: Vec<char> = path.chars().collect();
    let mut matcher = Matcher {
        tokens,
        memo: vec![None; (tokens.len() + 1) * (text.len() + 1)],
        text: &text,
    };
    matcher.from(0, 0)
}

/// Backtracking over `*` and `**`, with each (token, position) decided once: patterns such as
/// `*a*a*a*a*b` would otherwise take exponential time.
struct Matcher<'a> {
    tokens: &'a [Token],
    text: &'a [char],
    memo: Vec<Option<bool>>,
}

impl Matcher<'_> {
    fn from(&mut self, token: usize, at: usize) -> bool {
        let key = token * (self.text.len() + 1) + at;
        if let Some(Some(known)) = self.memo.get(key) {
            return *known;
        }
        let result = self.compute(token, at);
        if let Some(slot) = self.memo.get_mut(key) {
            *slot = Some(result);
        }
        result
    }

    fn compute(&mut self, token: usize, at: usize) -> bool {
        let text = self.text.get(at..).unwrap_or_default();
        let Some(current) = self.tokens.get(token) else {
            return text.is_empty();
        };
        let next = token + 1;
        match current {
            Token::Char(c) => text.first() == Some(c) && self.from(next, at + 1),
            Token::One => text.first().is_some_and(|c| *c != '/') && self.from(next, at + 1),
            Token::Class { negated, items } => {
                text.first().is_some_and(|c| {
                    *c != '/' && items.iter().any(|(low, high)| low <= c && c <= high) != *negated
                }) && self.from(next, at + 1)
            }
            Token::Star => {
                for skip in 0..=text.len() {
                    if self.from(next, at + skip) {
                        return true;
                    }
                    if text.get(skip) == Some(&'/') {
                        break;
                    }
                }
                false
            }
            Token::Dirs => {
                // `(.*/)?`: nothing, or anything ending with a `/`.
                if self.from(next, at) {
                    return true;
                }
                let slashes: Vec<usize> = (0..text.len()).filter(|&i| text[i] == '/').collect();
                slashes.into_iter().any(|i| self.from(next, at + i + 1))
            }
            Token::Rest => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_stars_stay_fast() {
        // Exponential with plain backtracking; instant with memoisation.
        let pattern = format!("{}b", "*a".repeat(40));
        let ignore = DockerIgnore::parse(&pattern);
        assert!(!ignore.is_excluded(&"a".repeat(200)));
        assert!(ignore.is_excluded(&format!("{}b", "a".repeat(200))));
        let pattern = format!("{}b", "**/a".repeat(30));
        let ignore = DockerIgnore::parse(&pattern);
        assert!(!ignore.is_excluded(&"a/".repeat(100)));
    }

    #[test]
    fn plain_names_and_parent_directories() {
        let ignore = DockerIgnore::parse("# comment\n\nnode_modules\n/build/\n  .env  \n");
        assert!(ignore.is_excluded("node_modules"));
        assert!(ignore.is_excluded("node_modules/x/y.js"));
        assert!(ignore.is_excluded("build/out.o"));
        assert!(ignore.is_excluded("./.env"));
        assert!(
            !ignore.is_excluded("src/node_modules"),
            "patterns are anchored at the context root"
        );
        assert!(!ignore.is_excluded("# comment"));
        assert!(!ignore.is_excluded("."));
    }

    #[test]
    fn globs_and_double_star() {
        let ignore = DockerIgnore::parse("*.md\n**/*.log\ndocs/**\ntmp?\n[ab].txt\n");
        assert!(ignore.is_excluded("README.md"));
        assert!(!ignore.is_excluded("docs2/x.html"));
        assert!(
            !ignore.is_excluded("sub/README.md"),
            "`*` does not cross `/`"
        );
        assert!(ignore.is_excluded("app.log"));
        assert!(ignore.is_excluded("a/b/c/app.log"));
        assert!(ignore.is_excluded("docs/a/b.html"));
        assert!(ignore.is_excluded("tmp1"));
        assert!(!ignore.is_excluded("tmp12"));
        assert!(ignore.is_excluded("a.txt"));
        assert!(!ignore.is_excluded("c.txt"));
    }

    #[test]
    fn negations_apply_in_order() {
        let ignore = DockerIgnore::parse("*.md\n!README.md\n");
        assert!(ignore.is_excluded("CHANGES.md"));
        assert!(!ignore.is_excluded("README.md"));
        let ignore = DockerIgnore::parse("!README.md\n*.md\n");
        assert!(
            ignore.is_excluded("README.md"),
            "the last matching pattern wins"
        );
        let ignore = DockerIgnore::parse("*\n!src\n!package.json\n");
        assert!(!ignore.is_excluded("src/index.js"));
        assert!(!ignore.is_excluded("package.json"));
        assert!(ignore.is_excluded("secrets.txt"));
        assert_eq!(ignore.excluded_by("secrets.txt"), Some("*"));
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean("./a//b/../c/"), "a/c");
        assert_eq!(clean("/a/./b"), "/a/b");
        assert_eq!(clean(""), ".");
        assert_eq!(clean("../x"), "../x");
        let ignore = DockerIgnore::parse("./dist/\n");
        assert!(ignore.is_excluded("dist/main.js"));
    }
}
