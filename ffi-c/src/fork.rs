//! A client that survives `fork()`. The core's HTTP client runs its I/O on a thread of its own;
//! a forked child has no such thread, so the parent's client would wait for it forever (and
//! dropping it would join a thread that does not exist). Each process therefore uses a client
//! of its own: the first call in a child builds a fresh one from the same configuration, and
//! the inherited one is parked, never dropped.

use std::sync::{Mutex, PoisonError};

use licensekit_core::{Client, ClientConfig, Error};

/// Clients inherited from a parent process: never dropped (see the module comment), and kept
/// reachable so leak checkers see parked memory, not lost memory.
static PARKED: Mutex<Vec<Client>> = Mutex::new(Vec::new());

fn park(client: Client) {
    PARKED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(client);
}

/// The configuration and the client of the process that built it.
#[derive(Debug)]
pub(crate) struct ForkSafeClient {
    config: ClientConfig,
    live: Mutex<(u32, Option<Client>)>,
}

impl ForkSafeClient {
    pub(crate) fn new(config: ClientConfig) -> Result<ForkSafeClient, Error> {
        let client = Client::new(config.clone())?;
        Ok(ForkSafeClient {
            config,
            live: Mutex::new((std::process::id(), Some(client))),
        })
    }

    /// This process's client (a cheap handle to shared state).
    pub(crate) fn get(&self) -> Result<Client, Error> {
        let pid = std::process::id();
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        if live.0 != pid {
            let fresh = Client::new(self.config.clone())?;
            if let Some(inherited) = live.1.replace(fresh) {
                park(inherited);
            }
            live.0 = pid;
        }
        live.1
            .clone()
            .ok_or_else(|| Error::Internal("the client is gone".to_owned()))
    }
}

impl Drop for ForkSafeClient {
    fn drop(&mut self) {
        let live = self.live.get_mut().unwrap_or_else(PoisonError::into_inner);
        if live.0 != std::process::id()
            && let Some(inherited) = live.1.take()
        {
            park(inherited);
        }
    }
}
