//! licensekit-server: a test server that stands in for FaxStore, LicenseSpring (License API v4
//! and Management API) and frameCAD on one port, driven by a JSON fixture.
//! See `docs/server.md`.

mod admin;
mod app;
mod check_answer_cache;
mod clock;
mod faults;
mod faxstore;
mod fixture;
mod framecad;
mod json_compat;
mod license_object;
mod licensespring;
mod licensespring_auth;
mod log;
mod management;
mod masking;
mod request;
mod serve;
mod signing;
mod state;

use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Test server for FaxStore, LicenseSpring (v4 + Management API) and frameCAD license checks.
#[derive(Debug, Parser)]
#[command(name = "licensekit-server", version)]
struct Args {
    /// Fixture JSON (default: the bundled demo fixture).
    #[arg(long)]
    fixture: Option<PathBuf>,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to bind (0 = any free port; the first stdout line says which).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Persist the state here after every change, and resume from it at start.
    #[arg(long)]
    state: Option<PathBuf>,
    /// PEM RSA private key for LicenseSpring response signatures (default: generated at start).
    #[arg(long)]
    signing_key: Option<PathBuf>,
    /// How far a LicenseSpring Date header may be from the server time.
    #[arg(long, default_value_t = 900)]
    max_clock_skew_secs: u64,
}

/// Configuration problems (bad fixture, state file, key) exit with 2.
const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    let fixture = match &args.fixture {
        Some(path) => fixture::load_file(path),
        None => fixture::parse(fixture::DEMO_FIXTURE.as_bytes())
            .map_err(|e| format!("bundled demo fixture: {e}")),
    };
    let fixture = match fixture {
        Ok(f) => f,
        Err(e) => return fail(EXIT_CONFIG, &format!("bad fixture: {e}")),
    };
    let store = match state::Store::open(fixture, args.state.clone()) {
        Ok(s) => s,
        Err(e) => return fail(EXIT_CONFIG, &format!("bad state file: {e}")),
    };
    let signer = match &args.signing_key {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|pem| signing::Signer::from_pem(&pem))
        {
            Ok(s) => s,
            Err(e) => {
                return fail(
                    EXIT_CONFIG,
                    &format!("bad signing key {}: {e}", path.display()),
                );
            }
        },
        None => signing::Signer::generate_in_background(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(1, &format!("cannot start the async runtime: {e}")),
    };
    let app = Arc::new(app::App {
        store,
        signer,
        faults: faults::Faults::default(),
        clock: clock::Clock::default(),
        max_skew_secs: args.max_clock_skew_secs,
        log: log::Logger::start(),
    });
    runtime.block_on(run(args, app))
}

async fn run(args: Args, app: app::Shared) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(l) => l,
        Err(e) => {
            return fail(
                1,
                &format!("cannot listen on {}:{}: {e}", args.host, args.port),
            );
        }
    };
    let address = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return fail(1, &format!("cannot read the bound address: {e}")),
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{address}");
        let _ = out.flush();
    }
    let router = app::router(app.clone());
    serve::serve(
        listener,
        app.clone(),
        router,
        shutdown_signal(),
        Duration::from_secs(10),
    )
    .await;
    if let Err(e) = app.store.flush() {
        eprintln!("licensekit-server: {e}");
    }
    app.log.flush();
    ExitCode::SUCCESS
}

/// Completes on SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("licensekit-server: {message}");
    ExitCode::from(code)
}
