//! Quick fixes for the diagnostics under the cursor, and `source.fixAll.dockwise`.

use std::collections::HashMap;

use dockwise_analysis::{Diagnostic, Fix, FixSafety, Span};
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Encoding};

pub const FIX_ALL: lsp::CodeActionKind = lsp::CodeActionKind::new("source.fixAll.dockwise");

pub struct Request<'a> {
    pub uri: &'a lsp::Uri,
    pub rope: &'a Rope,
    pub encoding: Encoding,
    pub span: Span,
    /// The kinds the client asked for; `None` means any.
    pub only: Option<&'a [lsp::CodeActionKind]>,
}

/// `diagnostics` are this document version's, as published.
pub fn code_actions(
    request: &Request<'_>,
    diagnostics: &[Diagnostic],
) -> Vec<lsp::CodeActionOrCommand> {
    let mut actions = Vec::new();
    if wants(request.only, &lsp::CodeActionKind::QUICKFIX) {
        for diagnostic in diagnostics
            .iter()
            .filter(|d| intersects(d.span, request.span))
        {
            let lsp_diagnostic = convert::diagnostic(request.rope, request.encoding, diagnostic);
            let preferred = diagnostic
                .fixes
                .iter()
                .position(|fix| fix.safety == FixSafety::Safe);
            for (index, fix) in diagnostic.fixes.iter().enumerate() {
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diagnostic.clone()]),
                    edit: Some(workspace_edit(request, [fix])),
                    is_preferred: (preferred == Some(index)).then_some(true),
                    ..lsp::CodeAction::default()
                }));
            }
        }
    }
    // Only on explicit request: editors ask for it on save, and it is noise in the light-bulb.
    if request.only.is_some() && wants(request.only, &FIX_ALL) {
        let fixes = fix_all(diagnostics);
        if !fixes.is_empty() {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "Apply all safe dockwise fixes".to_owned(),
                kind: Some(FIX_ALL),
                edit: Some(workspace_edit(request, fixes)),
                ..lsp::CodeAction::default()
            }));
        }
    }
    actions
}

/// "Ignore this rule" quick fixes (suppression comments) for the diagnostics under the cursor,
/// listed after the real fixes. They are `Unsafe` and never part of `source.fixAll`.
pub fn suppression_actions(
    request: &Request<'_>,
    diagnostics: &[Diagnostic],
    fixes_for: impl Fn(&Diagnostic) -> Vec<Fix>,
) -> Vec<lsp::CodeActionOrCommand> {
    if !wants(request.only, &lsp::CodeActionKind::QUICKFIX) {
        return Vec::new();
    }
    let mut actions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|d| intersects(d.span, request.span))
    {
        let lsp_diagnostic = convert::diagnostic(request.rope, request.encoding, diagnostic);
        for fix in fixes_for(diagnostic) {
            // Two diagnostics of one rule on one line get one action each kind.
            if !seen.insert((fix.title.clone(), fix.edits.clone())) {
                continue;
            }
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: fix.title.clone(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(workspace_edit(request, [&fix])),
                ..lsp::CodeAction::default()
            }));
        }
    }
    actions
}

/// Whether `kind` is requested: `only` lists kinds whose sub-kinds count too
/// (`source` covers `source.fixAll.dockwise`).
fn wants(only: Option<&[lsp::CodeActionKind]>, kind: &lsp::CodeActionKind) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|base| {
        let (base, kind) = (base.as_str(), kind.as_str());
        kind == base
            || kind
                .strip_prefix(base)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Inclusive at both ends, so an empty range at either edge of a diagnostic still finds it.
fn intersects(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The first safe fix of each diagnostic, in document order, skipping any that would touch an
/// edit already taken.
fn fix_all(diagnostics: &[Diagnostic]) -> Vec<&Fix> {
    let mut candidates: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fixes.iter().find(|fix| fix.safety == FixSafety::Safe))
        .filter(|fix| !fix.edits.is_empty())
        .collect();
    candidates.sort_by_key(|fix| fix.edits.iter().map(|edit| edit.span.start).min());
    let mut taken: Vec<Span> = Vec::new();
    candidates.retain(|fix| {
        let clashes = fix
            .edits
            .iter()
            .any(|edit| taken.iter().any(|&other| overlaps(edit.span, other)));
        if !clashes {
            taken.extend(fix.edits.iter().map(|edit| edit.span));
        }
        !clashes
    });
    candidates
}

/// Edits may touch but not overlap; two insertions at one offset have no defined order.
fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

fn workspace_edit<'f>(
    request: &Request<'_>,
    fixes: impl IntoIterator<Item = &'f Fix>,
) -> lsp::WorkspaceEdit {
    let edits = fixes
        .into_iter()
        .flat_map(|fix| &fix.edits)
        .map(|edit| convert::text_edit(request.rope, request.encoding, edit))
        .collect();
    // `changes`, not `documentChanges`: every client applies it (Neovim 0.7 cannot apply the other).
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(request.uri.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use dockwise_analysis::{Severity, TextEdit};

    use super::*;

    fn diagnostic(span: (usize, usize), fixes: Vec<Fix>) -> Diagnostic {
        Diagnostic {
            span: Span::new(span.0, span.1),
            severity: Severity::Warning,
            code: "test-rule",
            message: "message".to_owned(),
            knowledge: Some("test-entry"),
            tags: Vec::new(),
            fixes,
        }
    }

    fn fix(title: &str, safety: FixSafety, span: (usize, usize), new_text: &str) -> Fix {
        Fix {
            title: title.to_owned(),
            safety,
            edits: vec![TextEdit {
                span: Span::new(span.0, span.1),
                new_text: new_text.to_owned(),
            }],
        }
    }

    fn titles(actions: &[lsp::CodeActionOrCommand]) -> Vec<(String, Option<bool>)> {
        actions
            .iter()
            .map(|action| match action {
                lsp::CodeActionOrCommand::CodeAction(action) => {
                    (action.title.clone(), action.is_preferred)
                }
                lsp::CodeActionOrCommand::Command(command) => (command.title.clone(), None),
            })
            .collect()
    }

    #[test]
    fn quick_fixes_for_intersecting_diagnostics_prefer_the_first_safe_fix() {
        let rope = Rope::from_str("FROM a\nMAINTAINER me\nRUN x\n");
        let uri: lsp::Uri = "file:///w/Dockerfile".parse().unwrap();
        let diagnostics = [
            diagnostic((0, 6), vec![fix("pin", FixSafety::Safe, (5, 6), "a:1")]),
            diagnostic(
                (7, 20),
                vec![
                    fix("risky", FixSafety::Unsafe, (7, 21), ""),
                    fix("label", FixSafety::Safe, (7, 17), "LABEL"),
                ],
            ),
        ];
        let request = Request {
            uri: &uri,
            rope: &rope,
            encoding: Encoding::Utf16,
            span: Span::new(10, 10),
            only: None,
        };
        let actions = code_actions(&request, &diagnostics);
        assert_eq!(
            titles(&actions),
            [("risky".to_owned(), None), ("label".to_owned(), Some(true))]
        );
        let lsp::CodeActionOrCommand::CodeAction(action) = &actions[1] else {
            panic!()
        };
        let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(
            edits[0].range,
            lsp::Range::new(lsp::Position::new(1, 0), lsp::Position::new(1, 10))
        );
        let attached = &action.diagnostics.as_ref().unwrap()[0];
        assert_eq!(
            attached.code,
            Some(lsp::NumberOrString::String("test-rule".to_owned()))
        );
        assert_eq!(
            attached.code_description.as_ref().unwrap().href.as_str(),
            "https://dockwise.dev/knowledge/test-entry"
        );
    }

    #[test]
    fn fix_all_takes_safe_non_overlapping_fixes_only_when_asked() {
        let rope = Rope::from_str("0123456789");
        let uri: lsp::Uri = "file:///w/Dockerfile".parse().unwrap();
        let diagnostics = [
            diagnostic((0, 2), vec![fix("a", FixSafety::Safe, (0, 2), "A")]),
            diagnostic(
                (1, 3),
                vec![fix("overlapping", FixSafety::Safe, (1, 3), "B")],
            ),
            diagnostic((4, 5), vec![fix("unsafe", FixSafety::Unsafe, (4, 5), "C")]),
            diagnostic((6, 8), vec![fix("d", FixSafety::Safe, (6, 8), "D")]),
        ];
        let mut request = Request {
            uri: &uri,
            rope: &rope,
            encoding: Encoding::Utf8,
            span: Span::new(0, 10),
            only: None,
        };
        assert!(
            titles(&code_actions(&request, &diagnostics))
                .iter()
                .all(|(title, _)| !title.contains("all"))
        );

        let only = [lsp::CodeActionKind::SOURCE_FIX_ALL];
        request.only = Some(&only);
        let actions = code_actions(&request, &diagnostics);
        assert_eq!(actions.len(), 1);
        let lsp::CodeActionOrCommand::CodeAction(action) = &actions[0] else {
            panic!()
        };
        let edits = &action.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        let texts: Vec<_> = edits.iter().map(|edit| edit.new_text.as_str()).collect();
        assert_eq!(texts, ["A", "D"]);
    }

    #[test]
    fn suppression_actions_follow_the_real_fixes_and_stay_out_of_fix_all() {
        let rope = Rope::from_str("FROM a\nCMD x\n");
        let uri: lsp::Uri = "file:///w/Dockerfile".parse().unwrap();
        let diagnostics = [diagnostic((7, 12), vec![])];
        let suppress = |_: &Diagnostic| {
            vec![
                fix(
                    "Ignore `test-rule` for this instruction",
                    FixSafety::Unsafe,
                    (7, 7),
                    "# dockwise ignore=test-rule\n",
                ),
                fix(
                    "Ignore `test-rule` in this file",
                    FixSafety::Unsafe,
                    (0, 0),
                    "# dockwise ignore-file=test-rule\n",
                ),
            ]
        };
        let mut request = Request {
            uri: &uri,
            rope: &rope,
            encoding: Encoding::Utf16,
            span: Span::new(8, 8),
            only: None,
        };
        let actions = suppression_actions(&request, &diagnostics, suppress);
        assert_eq!(
            titles(&actions),
            [
                ("Ignore `test-rule` for this instruction".to_owned(), None),
                ("Ignore `test-rule` in this file".to_owned(), None)
            ]
        );
        let only = [lsp::CodeActionKind::SOURCE_FIX_ALL];
        request.only = Some(&only);
        assert!(suppression_actions(&request, &diagnostics, suppress).is_empty());
    }

    #[test]
    fn requested_kinds_match_sub_kinds() {
        assert!(wants(Some(&[lsp::CodeActionKind::SOURCE]), &FIX_ALL));
        assert!(wants(Some(&[FIX_ALL]), &FIX_ALL));
        assert!(!wants(
            Some(&[lsp::CodeActionKind::SOURCE]),
            &lsp::CodeActionKind::QUICKFIX
        ));
        assert!(!wants(
            Some(&[lsp::CodeActionKind::new("source.fix")]),
            &FIX_ALL
        ));
    }
}
