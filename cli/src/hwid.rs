//! `licensekit hwid`: this machine's hardware ID, and with `--explain` the components (digests
//! only, never raw values), their weights and the VM/container/WSL evidence.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use licensekit_core::fingerprint::{Algorithm, Environment, Fingerprint, Reader};

/// Arguments of `licensekit hwid`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Product identifier: part of the salt, so each product gets its own unlinkable ID.
    #[arg(long, default_value = "")]
    product: String,
    /// ID algorithm: licensekit-v1 (default) or licensespring-compat.
    #[arg(long, default_value = "licensekit-v1")]
    algorithm: String,
    /// Also print every component (weight, present, in the ID, digest) and the environment.
    #[arg(long)]
    explain: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Use the persistent random id when the machine has no machine id (created on first use
    /// at $XDG_DATA_HOME/licensekit/machine-id; LICENSEKIT_PERSISTENT_ID=1 does the same).
    #[arg(long)]
    persistent_id: bool,
    /// Add the hostname to the matching vector (never to the ID).
    #[arg(long)]
    hostname: bool,
    /// Read a prepared filesystem tree (etc/, sys/, proc/, run/, dev/) instead of this machine.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Prints the ID (and explanation); exit status 0, 2 for a bad argument, 3 when the chosen
/// algorithm cannot be computed on this machine.
pub fn run(args: Args) -> i32 {
    let algorithm = match Algorithm::from_name(&args.algorithm) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("licensekit hwid: {e}");
            return 2;
        }
    };
    let mut reader = match &args.root {
        Some(root) => Reader::new(root),
        None => Reader::system(),
    };
    if args.persistent_id {
        match licensekit_core::fingerprint::persistent_id_path() {
            Some(path) => reader = reader.with_persistent_id(path),
            None => {
                eprintln!(
                    "licensekit hwid: no home directory for the persistent id (set HOME or XDG_DATA_HOME)"
                );
                return 2;
            }
        }
    }
    let reader = reader.with_hostname(args.hostname);
    if !args.explain && algorithm == Algorithm::Default {
        // The ID alone reads only its anchor (usually just the machine id).
        let id = reader.hardware_id(&args.product);
        if args.json {
            let out = serde_json::json!({"id": id, "algorithm": algorithm.name(), "product": args.product});
            println!("{out}");
        } else {
            println!("{id}");
        }
        return 0;
    }
    let fp = match reader.fingerprint(&args.product, algorithm) {
        Ok(fp) => fp,
        Err(e) => {
            eprintln!("licensekit hwid: {e}");
            return 3;
        }
    };
    let env = args.explain.then(|| reader.environment());
    if args.json {
        println!("{}", json(&args.product, &fp, env.as_ref()));
    } else {
        print!("{}", text(&args.product, &fp, env.as_ref()));
    }
    0
}

fn json(product: &str, fp: &Fingerprint, env: Option<&Environment>) -> serde_json::Value {
    let mut out = serde_json::json!({
        "id": fp.id,
        "algorithm": fp.algorithm.name(),
        "product": product,
    });
    if let Some(env) = env {
        out["components"] = serde_json::to_value(&fp.components).unwrap_or_default();
        out["id_components"] = serde_json::json!(fp.id_components());
        out["missing"] = serde_json::json!(fp.missing());
        out["environment"] = serde_json::to_value(env).unwrap_or_default();
    }
    out
}

fn text(product: &str, fp: &Fingerprint, env: Option<&Environment>) -> String {
    let Some(env) = env else {
        return format!("{}\n", fp.id);
    };
    let yes = |b: bool| if b { "yes" } else { "no" };
    let list = |v: Vec<&str>| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.join(", ")
        }
    };
    let mut s = format!(
        "id           {}\nalgorithm    {}\nproduct      {product:?}\n",
        fp.id, fp.algorithm
    );
    s += &format!(
        "from         {}\nmissing      {}\n",
        list(fp.id_components()),
        list(fp.missing())
    );
    s += "components   name               weight  present  in-id  digest\n";
    for c in &fp.components {
        s += &format!(
            "             {:<18} {:>6}  {:<7}  {:<5}  {}\n",
            c.name,
            c.weight,
            yes(c.present),
            if c.in_id { "ID" } else { "" },
            if c.present { c.digest.as_str() } else { "-" }
        );
    }
    s += &format!(
        "environment  vm={} container={} wsl={}\n",
        yes(env.vm),
        yes(env.container),
        yes(env.wsl)
    );
    for e in &env.evidence {
        s += &format!("  evidence   {e}\n");
    }
    s
}
