//! Where a continuation line may be re-indented without changing what Docker (or the shell)
//! reads.
//!
//! Docker joins an instruction's lines by removing the escape character and the line break and
//! keeping everything else, the next line's indentation included. Changing that indentation is
//! invisible only where whitespace separates words: outside quotes, not escaped, and with some
//! whitespace there before and after. The scanner below tracks quotes over the joined text; it is
//! deliberately pessimistic: whatever could be read two ways (an escape before a quote, a backtick
//! or `$(` in a shell string, a shell heredoc) makes every later join of the instruction unsafe.

/// Whose rules read the joined text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    /// Docker's own word lexer (flags, FROM, COPY, ENV pairs, exec-form JSON...): quotes `'` and
    /// `"`, the escape character (and `\`, which flags always treat as one).
    Words { escape: char },
    /// A POSIX shell reading a RUN command.
    Shell,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// A point where one physical line's piece ends and the next one's starts.
#[derive(Clone, Copy, Debug)]
pub(super) struct Join {
    /// Byte offset in the joined text where the later piece starts.
    pub offset: usize,
    /// Spaces and tabs that start the later piece (its indentation).
    pub indentation: usize,
}

/// For each join (in ascending order), whether its indentation can change without changing the
/// words read: outside quotes, no escape pending, and whitespace on at least one side.
pub(super) fn safe_joins(text: &str, joins: &[Join], dialect: Dialect) -> Vec<bool> {
    let is_escape = |ch: char| match dialect {
        Dialect::Words { escape } => ch == '\\' || ch == escape,
        Dialect::Shell => ch == '\\',
    };
    let shell = dialect == Dialect::Shell;
    let mut safe = Vec::with_capacity(joins.len());
    let mut pending = joins.iter().peekable();
    let mut quote = Quote::None;
    let mut escaped = false;
    let mut unsure = false;
    let mut chars = text.char_indices().peekable();
    loop {
        let current = chars.next();
        let at = current.map_or(text.len(), |(index, _)| index);
        while let Some(join) = pending.next_if(|join| join.offset <= at) {
            let clear = !unsure && !escaped && quote == Quote::None;
            safe.push(clear && separated(text, join, is_escape));
        }
        let Some((_, ch)) = current else {
            break;
        };
        if unsure {
            continue;
        }
        let next = chars.peek().map(|&(_, next)| next);
        if escaped {
            escaped = false;
            if matches!(ch, '\'' | '"') {
                unsure = true;
            }
            continue;
        }
        match quote {
            Quote::None => match ch {
                _ if is_escape(ch) => escaped = true,
                '\'' => quote = Quote::Single,
                '"' => quote = Quote::Double,
                '`' if shell => unsure = true,
                '$' if shell && matches!(next, Some('\'' | '"')) => unsure = true,
                '<' if shell && next == Some('<') => unsure = true,
                _ => {}
            },
            Quote::Single => match ch {
                '\'' => quote = Quote::None,
                // cmd.exe would open a string here.
                '"' if shell => unsure = true,
                // Flags read `\'` inside single quotes as an escaped quote, words do not.
                _ if !shell && is_escape(ch) && next == Some('\'') => unsure = true,
                _ => {}
            },
            Quote::Double => match ch {
                '"' => quote = Quote::None,
                _ if is_escape(ch) => escaped = true,
                '`' if shell => unsure = true,
                '$' if shell && matches!(next, Some('(' | '{')) => unsure = true,
                _ => {}
            },
        }
    }
    // Joins past the end (none are expected) are not safe.
    safe.resize(joins.len(), false);
    safe
}

/// Some unescaped whitespace at the join, on either side.
fn separated(text: &str, join: &Join, is_escape: impl Fn(char) -> bool) -> bool {
    if join.indentation > 0 {
        return true;
    }
    let before = text.get(..join.offset).unwrap_or("");
    let words = before.trim_end_matches([' ', '\t']);
    let trailing = before.len() - words.len();
    // An escape right before the whitespace takes its first character.
    let escaped = words.chars().next_back().is_some_and(is_escape);
    trailing > usize::from(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` at `|` marks into pieces and returns the safety of each join.
    fn check(marked: &str, dialect: Dialect) -> Vec<bool> {
        let mut text = String::new();
        let mut joins = Vec::new();
        for (index, piece) in marked.split('|').enumerate() {
            if index > 0 {
                let indentation = piece.len() - piece.trim_start_matches([' ', '\t']).len();
                joins.push(Join {
                    offset: text.len(),
                    indentation,
                });
            }
            text.push_str(piece);
        }
        safe_joins(&text, &joins, dialect)
    }

    const WORDS: Dialect = Dialect::Words { escape: '\\' };

    #[test]
    fn whitespace_between_words_is_safe() {
        assert_eq!(check("ENV A=1 |B=2|  C=3", WORDS), [true, true]);
        assert_eq!(check("COPY a|b", WORDS), [false]);
        assert_eq!(check("CMD [\"a\", |\"b\"]", WORDS), [true]);
    }

    #[test]
    fn joins_inside_quotes_are_not() {
        assert_eq!(check("LABEL a=\"x |y\" |b=1", WORDS), [false, true]);
        assert_eq!(check("LABEL a='x |y' |b=1", WORDS), [false, true]);
        assert_eq!(check("RUN echo \"a |b\"", Dialect::Shell), [false]);
        assert_eq!(check("RUN echo 'a \\|b'", Dialect::Shell), [false]);
    }

    #[test]
    fn escaped_whitespace_does_not_separate() {
        assert_eq!(check("RUN echo a\\ |b", Dialect::Shell), [false]);
        assert_eq!(check("RUN echo a\\  |b", Dialect::Shell), [true]);
        assert_eq!(check("RUN echo a\\|  b", Dialect::Shell), [false]);
        assert_eq!(check("COPY a` |b", Dialect::Words { escape: '`' }), [false]);
    }

    #[test]
    fn ambiguity_makes_the_rest_unsafe() {
        assert_eq!(check("LABEL a=\"x\\\"\" |b=1", WORDS), [false]);
        assert_eq!(
            check("RUN echo \"$(x \"y\")\" |b |c", Dialect::Shell),
            [false, false]
        );
        assert_eq!(check("RUN echo `x` |b", Dialect::Shell), [false]);
        assert_eq!(check("RUN cat <<X |b", Dialect::Shell), [false]);
        assert_eq!(check("RUN echo 'a\"' |b", Dialect::Shell), [false]);
        assert_eq!(check("RUN echo \"it's\" |b", Dialect::Shell), [true]);
        assert_eq!(check("RUN a $(echo \"x y\") |b", Dialect::Shell), [true]);
    }
}
