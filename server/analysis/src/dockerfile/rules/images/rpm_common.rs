//! yum, dnf, microdnf and zypper: which subcommands install.

use super::common::{Call, Manager};

pub const MANAGERS: &[Manager] = &[
    Manager::Yum,
    Manager::Dnf,
    Manager::Microdnf,
    Manager::Zypper,
];

/// Subcommands that download packages (and may prompt).
pub fn installs(call: &Call) -> bool {
    let sub = call.subcommand.as_str();
    match call.manager {
        Manager::Zypper => matches!(
            sub,
            "install"
                | "in"
                | "update"
                | "up"
                | "patch"
                | "dist-upgrade"
                | "dup"
                | "source-install"
                | "si"
        ),
        _ => {
            matches!(
                sub,
                "install"
                    | "groupinstall"
                    | "localinstall"
                    | "reinstall"
                    | "update"
                    | "upgrade"
                    | "downgrade"
                    | "distro-sync"
            ) || (matches!(sub, "group" | "module")
                && call
                    .operands()
                    .first()
                    .is_some_and(|word| word.value == "install"))
        }
    }
}

/// Subcommands that ask before changing the system.
pub fn prompts(call: &Call) -> bool {
    let sub = call.subcommand.as_str();
    installs(call)
        || match call.manager {
            Manager::Zypper => matches!(sub, "remove" | "rm"),
            _ => matches!(sub, "remove" | "erase" | "autoremove" | "groupremove"),
        }
}
