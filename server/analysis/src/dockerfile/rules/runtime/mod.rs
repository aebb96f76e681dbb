//! Best practices: layers and cache, ADD, runtime, users, secrets, ports and health, deprecated.

mod add_instead_of_copy;
mod add_url_without_checksum;
mod archive_extract_in_run;
mod cd_instead_of_workdir;
mod command_not_for_build;
mod common;
mod consecutive_run;
mod copy_all_before_install;
mod copy_credential_file;
mod copy_ignored_file;
mod copy_multiple_sources_no_slash;
mod copy_relative_destination;
mod credential_in_run;
mod dockerignore_missing;
mod expose_ssh_port;
mod file_removed_in_later_layer;
mod healthcheck_missing;
mod last_user_root;
mod missing_pipefail;
mod missing_user;
mod secret_in_arg_or_env;
mod shell_form_cmd;
mod sudo_in_run;
mod unknown_suppression;
mod untrusted_registry;
mod useradd_without_no_log_init;
mod workdir_relative_path;

use crate::dockerfile::DockerfileRule;

pub static RULES: &[&DockerfileRule] = &[
    // Layers and cache.
    &consecutive_run::RULE,
    &copy_all_before_install::RULE,
    &cd_instead_of_workdir::RULE,
    &workdir_relative_path::RULE,
    &copy_relative_destination::RULE,
    &file_removed_in_later_layer::RULE,
    &copy_multiple_sources_no_slash::RULE,
    &dockerignore_missing::RULE,
    &copy_ignored_file::RULE,
    // ADD.
    &add_instead_of_copy::RULE,
    &add_url_without_checksum::RULE,
    &archive_extract_in_run::RULE,
    // Runtime.
    &shell_form_cmd::RULE,
    &missing_pipefail::RULE,
    &command_not_for_build::RULE,
    // Users.
    &last_user_root::RULE,
    &missing_user::RULE,
    &sudo_in_run::RULE,
    &useradd_without_no_log_init::RULE,
    // Secrets.
    &secret_in_arg_or_env::RULE,
    &copy_credential_file::RULE,
    &credential_in_run::RULE,
    // Ports, health, registries.
    &expose_ssh_port::RULE,
    &healthcheck_missing::RULE,
    &untrusted_registry::RULE,
    // Suppression comments.
    &unknown_suppression::RULE,
];
