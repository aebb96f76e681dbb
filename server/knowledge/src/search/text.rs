//! Turning text into search terms: lowercase words, stop words dropped, endings folded.

/// Words that carry no meaning in a question. Dockerfile keywords (`from`, `add`, `run`,
/// `user`, `copy`...) are deliberately absent: they are what people search for.
const STOPWORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by",
    "can", "could", "did", "do", "does", "doing", "for", "get", "gets", "got", "had", "has",
    "have", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "of", "on",
    "or", "our", "should", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "too", "versus", "vs", "was", "we", "were", "what",
    "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
];

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The search terms of a text with equivalent spellings unified: what the index stores.
pub fn analyze(text: &str) -> Vec<String> {
    super::synonyms::canonical(terms(text))
}

/// The search terms of a text, in order, as written.
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .filter(|word| !is_stopword(word))
        .map(|word| stem(&word))
        .collect()
}

/// Lowercase runs of letters and digits, without single letters (`don't` gives `don`).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .filter(|word| word.chars().count() > 1 || word.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
}

/// A light stemmer: folds plurals and `-ing`/`-ed` and a final `e`, so that `caches`,
/// `caching`, `cached` and `cache` meet. It only has to be consistent, not linguistic.
pub fn stem(word: &str) -> String {
    if word.len() < 3 || word.bytes().any(|b| b.is_ascii_digit()) || !word.is_ascii() {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.pop();
    }
    if w.len() >= 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
        undouble(&mut w);
    } else if w.len() >= 4 && w.ends_with("ed") && !w.ends_with("eed") {
        w.truncate(w.len() - 2);
        undouble(&mut w);
    }
    if w.len() >= 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// `running` → `runn` → `run`; `installing` keeps its `ll` as Porter does for l, s and z.
fn undouble(w: &mut String) {
    let doubled = match w.as_bytes() {
        [.., a, b] => a == b && !matches!(a, b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u'),
        _ => false,
    };
    if doubled {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn endings_fold_together() {
        for group in [
            &["cache", "caches", "caching", "cached"][..],
            &["image", "images"],
            &["mount", "mounts", "mounted", "mounting"],
            &["run", "running", "runs"],
            &["install", "installing", "installed"],
            &["dependency", "dependencies"],
            &["use", "using", "used", "uses"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {stems:?}"
            );
        }
        assert_eq!(stem("ps"), "ps");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("137"), "137");
    }

    #[test]
    fn terms_drop_stopwords_and_punctuation() {
        assert_eq!(
            terms("Why does my .dockerignore not work with COPY --from?"),
            ["dockerignor", "not", "work", "copy", "from"]
        );
        assert_eq!(terms("PID 1"), ["pid", "1"]);
    }
}
