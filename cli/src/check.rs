//! `licensekit check <family> <operation>`: one call through licensekit-core, printed as a
//! table (or `--json`), keys masked. Exit status: 0 granted, 1 refused, 3 could not ask
//! (request/client outcomes), 2 usage error.

use std::io::Write;
use std::time::Duration;

use clap::Args as ClapArgs;
use licensekit_core::secret::mask;
use licensekit_core::{Category, Client, ClientConfig, Error, Family, Operation, Verdict};

/// Arguments of `licensekit check`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Secrets can also come from the environment: LICENSEKIT_LICENSE_KEY, \
LICENSEKIT_PASSWORD, LICENSEKIT_API_KEY, LICENSEKIT_SHARED_KEY, LICENSEKIT_MANAGEMENT_API_KEY, \
LICENSEKIT_CLIENT_KEY; LICENSEKIT_URL for --url.\n\n\
Exit status: 0 granted, 1 refused, 3 could not ask (request or client outcome), 2 usage error."
)]
pub struct Args {
    /// faxstore | licensespring | licensespring-management (or: management) | framecad
    family: String,
    /// faxstore: check, check_multiple, check_v1; licensespring: activate, check, deactivate;
    /// licensespring-management: check; framecad: activate, validate, check, status, deactivate
    operation: String,
    #[command(flatten)]
    opts: Box<Options>,
}

/// The options of `licensekit check` (boxed: they are large next to the other subcommands).
#[derive(Debug, ClapArgs)]
struct Options {
    /// The server's base URL (https://, or http:// to loopback).
    #[arg(long)]
    url: Option<String>,
    /// License key.
    #[arg(long)]
    license_key: Option<String>,
    /// LicenseSpring user (instead of --license-key).
    #[arg(long)]
    username: Option<String>,
    /// LicenseSpring password (activate with --username).
    #[arg(long)]
    password: Option<String>,
    /// FaxStore product id or LicenseSpring product short code; repeat for check_multiple.
    #[arg(long)]
    product: Vec<String>,
    /// LicenseSpring device id (default: this machine's hardware ID for the product).
    #[arg(long)]
    hardware_id: Option<String>,
    /// LicenseSpring license id (users with several licenses).
    #[arg(long)]
    license_id: Option<u64>,
    /// LicenseSpring application version.
    #[arg(long)]
    app_ver: Option<String>,
    /// frameCAD client key.
    #[arg(long)]
    client_key: Option<String>,
    /// frameCAD machine key (default: this machine's hardware ID).
    #[arg(long)]
    machine_key: Option<String>,
    /// frameCAD product key.
    #[arg(long)]
    product_key: Option<String>,
    /// LicenseSpring API key.
    #[arg(long)]
    api_key: Option<String>,
    /// LicenseSpring shared key (signs requests; never sent).
    #[arg(long)]
    shared_key: Option<String>,
    /// LicenseSpring Management API key.
    #[arg(long)]
    management_api_key: Option<String>,
    /// PEM (SPKI) public key verifying LicenseSpring response signatures.
    #[arg(long, value_name = "FILE", conflicts_with = "no_verify_signatures")]
    public_key_file: Option<std::path::PathBuf>,
    /// Do not verify LicenseSpring response signatures (testing only).
    #[arg(long)]
    no_verify_signatures: bool,
    /// Extra trusted CA certificate (PEM file); repeatable.
    #[arg(long, value_name = "FILE")]
    ca_cert: Vec<std::path::PathBuf>,
    /// Proxy URL (default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY).
    #[arg(long)]
    proxy: Option<String>,
    /// Per-attempt timeout in seconds.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    /// Retries of transient failures.
    #[arg(long, default_value_t = 2)]
    retries: u32,
    /// Allow plain http:// to a non-loopback host.
    #[arg(long)]
    allow_insecure_http: bool,
    /// Print the verdict as JSON (keys masked).
    #[arg(long)]
    json: bool,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    match check(&args.family, &args.operation, &args.opts) {
        Ok(verdict) => {
            // A closed stdout (`| head`) is not worth a panic; the exit status still tells.
            let mut out = std::io::stdout().lock();
            let _ = if args.opts.json {
                writeln!(out, "{}", verdict.to_json())
            } else {
                print_table(&mut out, &verdict)
            };
            match verdict.outcome.category() {
                Category::Granted => 0,
                Category::Refused => 1,
                Category::Request | Category::Client => 3,
            }
        }
        Err(e) => {
            eprintln!("licensekit check: {}", with_flag_names(&e.to_string()));
            2
        }
    }
}

/// The core names configuration fields; the user of the CLI knows them as flags.
fn with_flag_names(message: &str) -> String {
    [
        ("licensespring.api_key", "--api-key (or LICENSEKIT_API_KEY)"),
        (
            "licensespring.shared_key",
            "--shared-key (or LICENSEKIT_SHARED_KEY)",
        ),
        (
            "licensespring.management_api_key",
            "--management-api-key (or LICENSEKIT_MANAGEMENT_API_KEY)",
        ),
        (
            "licensespring.public_key_pem is required while verify_signatures is on",
            "--public-key-file is required (or --no-verify-signatures for testing)",
        ),
        ("allow_insecure_http", "--allow-insecure-http"),
    ]
    .iter()
    .fold(message.to_string(), |m, (field, flag)| {
        m.replace(field, flag)
    })
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn read(path: &std::path::Path, what: &str) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::InvalidArgument(format!("cannot read {what} {}: {e}", path.display())))
}

fn check(family: &str, operation: &str, args: &Options) -> Result<Verdict, Error> {
    let family = match family {
        "management" => Family::LicenseSpringManagement,
        name => Family::from_name(name).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "unknown family {name:?}; use faxstore, licensespring, \
                 licensespring-management or framecad"
            ))
        })?,
    };
    let operation = Operation::from_name(&operation.replace('-', "_"))
        .ok_or_else(|| Error::InvalidArgument(format!("unknown operation {operation:?}")))?;
    let url = args
        .url
        .clone()
        .or_else(|| env("LICENSEKIT_URL"))
        .ok_or_else(|| Error::InvalidArgument("--url (or LICENSEKIT_URL) is required".into()))?;

    let mut config = ClientConfig::new(url);
    config.allow_insecure_http = args.allow_insecure_http;
    config.timeout = Duration::from_secs(args.timeout_secs.max(1));
    config.retries.max_retries = args.retries;
    config.proxy = args.proxy.clone();
    for path in &args.ca_cert {
        config
            .extra_ca_certs_pem
            .push(read(path, "CA certificate")?);
    }
    let ls = &mut config.licensespring;
    ls.api_key = args.api_key.clone().or_else(|| env("LICENSEKIT_API_KEY"));
    ls.shared_key = args
        .shared_key
        .clone()
        .or_else(|| env("LICENSEKIT_SHARED_KEY"));
    ls.management_api_key = args
        .management_api_key
        .clone()
        .or_else(|| env("LICENSEKIT_MANAGEMENT_API_KEY"));
    ls.verify_signatures = !args.no_verify_signatures;
    if let Some(path) = &args.public_key_file {
        ls.public_key_pem = Some(read(path, "public key file")?);
    }
    let client = Client::new(config)?;

    let call = licensekit_core::Args {
        license_key: args
            .license_key
            .clone()
            .or_else(|| env("LICENSEKIT_LICENSE_KEY")),
        product: args.product.first().cloned(),
        product_ids: args.product.clone(),
        username: args.username.clone(),
        password: args.password.clone().or_else(|| env("LICENSEKIT_PASSWORD")),
        hardware_id: args.hardware_id.clone(),
        license_id: args.license_id,
        app_ver: args.app_ver.clone(),
        is_vm: None,
        client_key: args
            .client_key
            .clone()
            .or_else(|| env("LICENSEKIT_CLIENT_KEY")),
        machine_key: args.machine_key.clone(),
        product_key: args.product_key.clone(),
        info: None,
    };
    client.run(family, operation, &call)
}

fn print_table(out: &mut impl Write, v: &Verdict) -> std::io::Result<()> {
    let mut rows: Vec<(&str, Option<String>)> = vec![
        (
            "outcome",
            Some(format!(
                "{} ({}, #{})",
                v.outcome,
                v.outcome.category().name(),
                v.outcome.number()
            )),
        ),
        ("meaning", Some(v.outcome.description().to_string())),
        ("family", Some(v.family.to_string())),
        ("operation", Some(v.operation.to_string())),
        ("vendor code", v.vendor_code.clone()),
        ("HTTP status", v.http_status.map(|s| s.to_string())),
        ("message", v.message.clone()),
        ("server time", v.server_time.clone()),
        ("attempts", Some(v.attempts.to_string())),
    ];
    if let Some(l) = &v.license {
        let flag = |b: Option<bool>| b.map(|b| b.to_string());
        let count = |n: Option<u64>| n.map_or("?".into(), |n| n.to_string());
        let seats = (l.seats_used.is_some() || l.seats_max.is_some())
            .then(|| format!("{} of {}", count(l.seats_used), count(l.seats_max)));
        rows.extend([
            ("license key", l.key.as_deref().map(mask)),
            ("license id", l.id.clone()),
            ("product", l.product.clone()),
            ("type", l.license_type.clone()),
            ("status", l.status.clone()),
            ("expires", l.expires_at.clone()),
            ("enabled", flag(l.enabled)),
            ("active", flag(l.active)),
            ("trial", flag(l.is_trial)),
            ("seats", seats),
            (
                "features",
                (!l.features.is_empty()).then(|| l.features.join(", ")),
            ),
            ("machine", l.machine_key.clone()),
        ]);
    }
    for (name, value) in rows {
        if let Some(value) = value {
            writeln!(out, "{name:<14} {value}")?;
        }
    }
    Ok(())
}
