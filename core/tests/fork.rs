//! A client built before `fork()` works in the child, over connections of its own: the parent's
//! kept-alive connection is never used by two processes. Its own test binary, so no other test
//! thread runs while the process forks.

mod support;

use licensekit_core::protocol::faxstore;
use licensekit_core::{Client, Outcome};
use support::Server;
use support::connect_proxy::ConnectProxy;

fn check(client: &Client) -> Outcome {
    client
        .faxstore_check(&faxstore::CheckRequest {
            license_key: "FS-ACTIVE-0001".into(),
            product_id: "8".into(),
            ..Default::default()
        })
        .map(|v| v.outcome)
        .unwrap_or(Outcome::INTERNAL_ERROR)
}

#[test]
fn a_forked_child_uses_connections_of_its_own() {
    // Every connection goes through the proxy, which counts them (in this, the parent, process).
    let server = Server::start();
    let proxy = ConnectProxy::start();
    let mut config = server.config();
    config.proxy = Some(proxy.url.clone());
    config.retries.max_retries = 0;
    let client = Client::new(config).unwrap();
    assert_eq!(check(&client), Outcome::VALID);
    assert_eq!(proxy.tunnels(), 1);

    // SAFETY: the child only makes a call through the client and leaves with _exit.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let code = if check(&client) == Outcome::VALID {
            0
        } else {
            1
        };
        // SAFETY: ends the child without running the parent's exit handlers.
        unsafe { libc::_exit(code) };
    }
    let mut status = 0;
    // SAFETY: waits for the child this test made.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the child's check failed (status {status})"
    );
    // The child opened a connection of its own...
    assert_eq!(proxy.tunnels(), 2);
    // ...and the parent's kept-alive one still serves the parent.
    assert_eq!(check(&client), Outcome::VALID);
    assert_eq!(proxy.tunnels(), 2);
}
