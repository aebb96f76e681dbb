//! Best practices: base images and package managers.

mod apk_add_missing_no_cache;
mod apk_unpinned_package;
mod apt_get_missing_no_install_recommends;
mod apt_get_missing_yes;
mod apt_get_unpinned_package;
mod apt_instead_of_apt_get;
mod apt_lists_not_cleaned;
mod base;
mod common;
mod curl_and_wget_installed;
mod curl_pipe_to_shell;
mod from_arg_without_default;
mod from_platform_constant;
mod gem_unpinned_package;
mod go_install_unpinned;
mod image_latest_tag;
mod image_not_pinned_by_digest;
mod image_untagged;
mod npm_install_instead_of_ci;
mod npm_unpinned_package;
mod package_signature_check_disabled;
mod package_update_alone;
mod pinning;
mod pip_install_missing_no_cache_dir;
mod pip_unpinned_package;
mod redundant_target_platform;
mod rpm_common;
mod tls_verification_disabled;
mod yum_dnf_zypper_cache_not_cleaned;
mod yum_dnf_zypper_missing_yes;

use crate::dockerfile::DockerfileRule;

pub static RULES: &[&DockerfileRule] = &[
    // Base images.
    &image_untagged::RULE,
    &image_latest_tag::RULE,
    &image_not_pinned_by_digest::RULE,
    &from_platform_constant::RULE,
    &redundant_target_platform::RULE,
    &from_arg_without_default::RULE,
    // Package managers: prompts, caches, cleanup.
    &package_update_alone::RULE,
    &apt_get_missing_yes::RULE,
    &apt_get_missing_no_install_recommends::RULE,
    &apt_lists_not_cleaned::RULE,
    &apt_instead_of_apt_get::RULE,
    &apk_add_missing_no_cache::RULE,
    &yum_dnf_zypper_missing_yes::RULE,
    &yum_dnf_zypper_cache_not_cleaned::RULE,
    &pip_install_missing_no_cache_dir::RULE,
    &npm_install_instead_of_ci::RULE,
    // Package managers: versions.
    &apt_get_unpinned_package::RULE,
    &apk_unpinned_package::RULE,
    &pip_unpinned_package::RULE,
    &npm_unpinned_package::RULE,
    &gem_unpinned_package::RULE,
    &go_install_unpinned::RULE,
    // Supply chain.
    &tls_verification_disabled::RULE,
    &package_signature_check_disabled::RULE,
    &curl_pipe_to_shell::RULE,
    &curl_and_wget_installed::RULE,
];
