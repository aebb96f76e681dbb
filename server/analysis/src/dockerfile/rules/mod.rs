//! Dockerfile rules, one per file. To add one: write `<name>.rs` with a `pub const RULE`, add
//! it to its group's list (here for what `docker build` itself rejects or warns about), give it a
//! knowledge entry that lists it in `rules`, and add fixtures.

mod duplicate_flag;
mod duplicate_stage_name;
mod empty_continuation;
mod flag_missing_value;
mod from_as_casing;
mod from_not_first;
mod images;
mod instruction_casing;
mod invalid_arguments;
mod invalid_directive;
mod invalid_expose;
mod invalid_flag_value;
mod invalid_mount;
mod invalid_onbuild;
pub(crate) mod invalid_stage_name;
mod invalid_stage_reference;
mod invalid_stopsignal;
mod legacy_key_value_format;
mod maintainer_deprecated;
mod malformed_exec_form;
mod misplaced_directive;
mod multiple_instructions;
mod reserved_stage_name;
mod runtime;
mod stage_name_casing;
mod syntax_error;
mod undefined_arg_in_from;
mod undefined_variable;
mod unknown_flag;
mod unknown_instruction;

use super::DockerfileRule;

/// Every Dockerfile rule, in the order they run (the output is sorted afterwards).
pub fn all() -> impl Iterator<Item = &'static DockerfileRule> {
    DOCKER_CHECKS
        .iter()
        .chain(images::RULES)
        .chain(runtime::RULES)
        .copied()
}

/// What `docker build` rejects or warns about.
static DOCKER_CHECKS: &[&DockerfileRule] = &[
    &syntax_error::RULE,
    &unknown_instruction::RULE,
    &invalid_arguments::RULE,
    &unknown_flag::RULE,
    &duplicate_flag::RULE,
    &flag_missing_value::RULE,
    &invalid_flag_value::RULE,
    &invalid_mount::RULE,
    &malformed_exec_form::RULE,
    &invalid_expose::RULE,
    &invalid_stopsignal::RULE,
    &from_not_first::RULE,
    &invalid_stage_name::RULE,
    &duplicate_stage_name::RULE,
    &reserved_stage_name::RULE,
    &stage_name_casing::RULE,
    &invalid_stage_reference::RULE,
    &invalid_onbuild::RULE,
    &invalid_directive::RULE,
    &misplaced_directive::RULE,
    &undefined_variable::RULE,
    &undefined_arg_in_from::RULE,
    &multiple_instructions::RULE,
    &maintainer_deprecated::RULE,
    &empty_continuation::RULE,
    &instruction_casing::RULE,
    &from_as_casing::RULE,
    &legacy_key_value_format::RULE,
];

/// The longest path Linux accepts (`PATH_MAX`): a WORKDIR that grows past it (relative ones
/// piling up) is no path a build can make, and following it would cost its length each time.
pub(crate) const PATH_MAX: usize = 4096;

/// The closest candidate to a misspelling, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let mut unlimited = usize::MAX;
    did_you_mean_within(word, candidates, &mut unlimited)
}

/// [`did_you_mean`] spending at most `budget` cells of edit-distance tables (each comparison
/// costs the product of the two lengths), for candidates as many as a file's names: `None`,
/// and the budget spent, once a comparison would go past it.
pub(crate) fn did_you_mean_within<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    budget: &mut usize,
) -> Option<&'c str> {
    let lower = word.to_ascii_lowercase();
    let length = lower.chars().count();
    let mut closest: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate_length = candidate.chars().count();
        let max = max_typo_distance(candidate_length);
        // Each edit changes the length by at most one: too far apart without a comparison.
        if candidate_length.abs_diff(length) > max {
            continue;
        }
        let cost = length.max(1) * candidate_length.max(1);
        let Some(left) = budget.checked_sub(cost) else {
            *budget = 0;
            return None;
        };
        *budget = left;
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_ascii_lowercase());
        // The first of the closest.
        if distance > 0 && distance <= max && closest.is_none_or(|(best, _)| distance < best) {
            closest = Some((distance, candidate));
        }
    }
    closest.map(|(_, candidate)| candidate)
}

fn max_typo_distance(candidate_length: usize) -> usize {
    match candidate_length {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

/// `" (did you mean X?)"` or nothing.
pub(crate) fn suggestion_suffix(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}
