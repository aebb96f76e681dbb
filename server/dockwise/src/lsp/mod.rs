//! The language server (`dockwise lsp`): the only module that knows LSP types.
//!
//! Each feature lives in its own module and is advertised in [`capabilities`]; [`server`] routes
//! protocol messages to them; [`convert`] is the one place where byte spans become positions.
//!
//! One runtime thread reads the client's messages ([`stdio`]) and applies edits, in order; the
//! work of requests and diagnostics on big documents runs on [`workers`], so that it never
//! holds that thread.

mod capabilities;
mod code_actions;
mod completion;
mod compose_jump;
mod config;
mod convert;
mod debug;
mod diagnostics_cache;
mod documents;
mod explain;
mod formatting;
mod framing;
mod inlay_hints;
mod links;
mod navigation;
mod panic;
mod request;
mod server;
mod signature_help;
mod stdio;
mod structure;
mod tokens;
mod workers;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::{LspService, Server};

use server::Backend;

/// Messages in progress at once; the ones behind wait, unread, until one ends. A request that
/// waits for its worker keeps its place, so this leaves ample room beyond the few [`workers`]
/// for the edits behind them (tower-lsp's default, 4, would let four slow requests stall every
/// edit).
const IN_FLIGHT: usize = 64;

/// Serve over stdio until `exit`. Exit code 0 only when `shutdown` came first, as the protocol
/// asks.
pub fn run() -> ExitCode {
    panic::install_hook();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("dockwise: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let (service, socket) = LspService::build(|client| Backend::new(client, shut_down.clone()))
        .custom_method(debug::TEXT, Backend::debug_text)
        .custom_method(debug::CONFIG, Backend::debug_config)
        .custom_method(debug::HOLD, Backend::debug_hold)
        .custom_method(debug::RELEASE, Backend::debug_release)
        .custom_method(framing::MALFORMED, Backend::malformed_message)
        .finish();
    // Within the runtime: a pipe is registered with its reactor.
    let (stdin, stdout) = {
        let _runtime = runtime.enter();
        stdio::open()
    };
    let server = Server::new(stdin, stdout, socket).concurrency_level(IN_FLIGHT);
    runtime.block_on(server.serve(service));
    // Without waiting for workers: a job still running (a cancelled request) ends with the
    // process.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
