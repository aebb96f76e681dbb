use dockwise_syntax::{Arguments, Instruction, InstructionKind, Stage};

use super::common::{Manager, runs};
use crate::dockerfile::shell::ScriptKind;
use crate::dockerfile::{Context, DockerfileRule};
use crate::rule::Sink;
use crate::{Fix, FixSafety, Severity, TextEdit};

pub const RULE: DockerfileRule = DockerfileRule {
    name: "npm-install-instead-of-ci",
    summary: "`npm install` after copying package-lock.json: `npm ci` installs exactly the locked versions",
    severity: Severity::Info,
    enabled: true,
    fixable: true,
    equivalents: &[],
    check,
};

const INSTALLS: &[&str] = &[
    "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isntall",
];
const LOCKFILES: &[&str] = &["package-lock.json", "npm-shrinkwrap.json"];

/// How sure we are that the lockfile was copied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lock {
    /// Named explicitly.
    Named,
    /// Matched by a glob or a whole-directory copy: only if the project has one.
    Maybe,
}

fn check(cx: &Context, sink: &mut Sink) {
    let mut tracker = LockTracker::default();
    for run in runs(cx) {
        let (Some(stage), Some(index)) = (run.stage, run.index) else {
            continue;
        };
        // Looked for only once the RUN has an install to report: the earlier instructions are many.
        let mut copied_lock = None;
        let mut changed_directory = false;
        for command in &run.script.commands {
            // A `cd` earlier in the RUN moves away from the copied lockfile.
            if changed_directory {
                break;
            }
            changed_directory = command.program() == Some("cd");
            let Some(call) = super::common::Call::of(command) else {
                continue;
            };
            if call.manager != Manager::Npm
                || !INSTALLS.contains(&call.subcommand.as_str())
                || !call.operands().is_empty()
            {
                continue;
            }
            if call.has(
                &['g'],
                &[
                    "--global",
                    "--prefix",
                    "--no-package-lock",
                    "--package-lock-only",
                    "--package-lock",
                ],
            ) {
                continue;
            }
            let Some(lock) =
                *copied_lock.get_or_insert_with(|| tracker.copied_before(cx, stage, index))
            else {
                break;
            };
            let sub = call.sub_word();
            let (message, safety) = match lock {
                Lock::Named => (
                    "package-lock.json was copied in: `npm ci` installs exactly the locked versions and fails if they disagree with package.json",
                    FixSafety::Safe,
                ),
                Lock::Maybe => (
                    "if the project has a package-lock.json (copied in above), `npm ci` installs exactly the locked versions: use it instead of `npm install`",
                    FixSafety::Unsafe,
                ),
            };
            let new_text = if run.script.kind == ScriptKind::Exec {
                "\"ci\""
            } else {
                "ci"
            };
            sink.report(call.head_span(), message).with_fix(Fix {
                title: "Use `npm ci`".to_string(),
                safety,
                edits: vec![TextEdit {
                    span: sub.span,
                    new_text: new_text.to_string(),
                }],
            });
        }
    }
}

/// Whether a COPY/ADD earlier in a stage put a lockfile into the directory a RUN works in: the
/// instructions of a stage folded once, up to each RUN that asks, as the RUNs come in file order
/// (a fold from the stage's start per RUN made long stages quadratic).
#[derive(Default)]
struct LockTracker {
    /// The stage being folded and the next instruction to read.
    stage: Option<usize>,
    next: usize,
    /// `None` once a WORKDIR we cannot follow was read.
    fold: Option<Fold>,
}

struct Fold {
    workdir: String,
    found: Option<(Lock, String)>,
}

impl LockTracker {
    fn copied_before(&mut self, cx: &Context, stage: &Stage, index: usize) -> Option<Lock> {
        if self.stage != Some(stage.index) || self.next > index {
            self.stage = Some(stage.index);
            self.next = stage.instructions.start;
            self.fold = Some(Fold {
                workdir: String::from("<base>"),
                found: None,
            });
        }
        while self.next < index {
            let Some(instruction) = cx.file.instructions.get(self.next) else {
                break;
            };
            self.next += 1;
            if let Some(fold) = &mut self.fold
                && fold.read(instruction).is_none()
            {
                self.fold = None;
            }
        }
        let fold = self.fold.as_ref()?;
        let (lock, directory) = fold.found.as_ref()?;
        (*directory == fold.workdir).then_some(*lock)
    }
}

impl Fold {
    /// `None` for a WORKDIR we cannot follow.
    fn read(&mut self, instruction: &Instruction) -> Option<()> {
        match instruction.kind {
            InstructionKind::Workdir => {
                let Arguments::Words(words) = &instruction.args else {
                    return None;
                };
                let word = words.first()?;
                if !word.vars.is_empty() {
                    return None;
                }
                self.workdir = join(&self.workdir, &word.value);
                // Relative WORKDIRs piling up past what Linux accepts: not followed further.
                if self.workdir.len() > super::super::PATH_MAX {
                    return None;
                }
            }
            InstructionKind::Copy | InstructionKind::Add => {
                let values: Vec<String> = match &instruction.args {
                    Arguments::Words(words) if words.iter().all(|word| word.vars.is_empty()) => {
                        words.iter().map(|word| word.value.clone()).collect()
                    }
                    Arguments::Exec(exec) => exec
                        .elements
                        .iter()
                        .map(|element| element.value.clone())
                        .collect(),
                    _ => return Some(()),
                };
                let Some((destination, sources)) = values.split_last() else {
                    return Some(());
                };
                let mut lock = None;
                for source in sources {
                    let base = source
                        .trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(source);
                    if LOCKFILES.contains(&base) {
                        lock = Some(Lock::Named);
                    } else if lock.is_none()
                        && (source == "." || source == "./" || glob_matches_lockfile(base))
                    {
                        lock = Some(Lock::Maybe);
                    }
                }
                let Some(lock) = lock else { return Some(()) };
                let destination_base = destination.rsplit('/').next().unwrap_or(destination);
                let directory = if LOCKFILES.contains(&destination_base) {
                    join(
                        &self.workdir,
                        destination
                            .rsplit_once('/')
                            .map_or(".", |(dir, _)| if dir.is_empty() { "/" } else { dir }),
                    )
                } else {
                    join(&self.workdir, destination)
                };
                self.found = Some((lock, directory));
            }
            _ => {}
        }
        Some(())
    }
}

fn glob_matches_lockfile(pattern: &str) -> bool {
    if !pattern.contains(['*', '?', '[']) {
        return false;
    }
    LOCKFILES
        .iter()
        .any(|lockfile| glob(pattern.as_bytes(), lockfile.as_bytes()))
}

/// `*` and `?` wildcards (every other byte literal). Linear rather than backtracking: on a
/// mismatch only the latest `*` needs to take one more byte, so `*a*a*a…` stays cheap.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&byte) = name.get(n) {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == b'?' || c == byte => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    star = Some((star_p, star_n + 1));
                    p = star_p + 1;
                    n = star_n + 1;
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .unwrap_or_default()
        .iter()
        .all(|&c| c == b'*')
}

/// Normalised absolute-ish path of `path` relative to `base`.
fn join(base: &str, path: &str) -> String {
    let combined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{base}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in combined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    if combined.starts_with('/') {
        format!("/{}", parts.join("/"))
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs_match_in_linear_time() {
        assert!(glob(b"package*.json", b"package-lock.json"));
        assert!(glob(b"*.json", b"package.json"));
        assert!(glob(b"y?rn.lock", b"yarn.lock"));
        assert!(!glob(b"*.lock", b"package.json"));
        assert!(glob(b"**", b""));
        // Exponential with naive backtracking (a fuzzing finding).
        let pattern = format!("{}b", "*a".repeat(500));
        assert!(!glob(pattern.as_bytes(), "a".repeat(600).as_bytes()));
    }
}
