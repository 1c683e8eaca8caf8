//! Running one core operation: for the Promise forms on tokio's blocking thread pool, for the
//! `…Sync` forms inline on the calling thread.
//!
//! Why not napi's `AsyncTask` on libuv's pool: that pool has 4 threads, shared with `fs`,
//! `dns.lookup` and `crypto`, and a check can wait for a slow server for up to
//! connect + timeout × attempts; four such checks would stall every file read and DNS lookup
//! of the application. tokio's blocking pool grows with demand instead. (The core's HTTP
//! client is blocking, which must not run on an async executor thread itself: BUILD_NOTES 7.)

use std::panic::{AssertUnwindSafe, catch_unwind};

use licensekit_core::{Client, Error, Family, Operation, Outcome};
use napi::Status;
use napi::bindgen_prelude::{Object, spawn_blocking};

use crate::verdict::Verdict;

type Run = Box<dyn FnOnce(&Client) -> Result<licensekit_core::Verdict, Error> + Send>;

/// One operation of one client, ready to run once.
pub struct Call {
    client: Client,
    family: Family,
    operation: Operation,
    run: Run,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("family", &self.family)
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

impl Call {
    /// Prepares `run` against `client`; `family` and `operation` label an internal failure.
    pub fn new(
        client: &Client,
        family: Family,
        operation: Operation,
        run: impl FnOnce(&Client) -> Result<licensekit_core::Verdict, Error> + Send + 'static,
    ) -> Call {
        Call {
            client: client.clone(),
            family,
            operation,
            run: Box::new(run),
        }
    }

    /// Runs the operation on this thread.
    pub fn run_here(self) -> napi::Result<Verdict> {
        let Call {
            client,
            family,
            operation,
            run,
        } = self;
        settle(run(&client), family, operation).map(Verdict::from)
    }

    /// Runs the operation on tokio's blocking pool and returns the Promise of its verdict,
    /// settled on the JS thread. The blocking thread settles it directly: no async executor
    /// hop in between.
    pub fn spawn(self, env: &napi::Env) -> napi::Result<Object<'_>> {
        let (deferred, promise) = env.create_deferred()?;
        let (family, operation) = (self.family, self.operation);
        spawn_blocking(move || {
            let result = match catch_unwind(AssertUnwindSafe(|| self.run_here())) {
                Ok(result) => result,
                // A panic in the core: a licensekit bug, reported like any internal failure.
                Err(_) => settle(
                    Err(Error::Internal(
                        "licensekit panicked; please report it".into(),
                    )),
                    family,
                    operation,
                )
                .map(Verdict::from),
            };
            match result {
                Ok(verdict) => deferred.resolve(move |_| Ok(verdict)),
                Err(err) => deferred.reject(err),
            }
        });
        Ok(promise)
    }
}

/// Programmer errors become exceptions (`InvalidArg`, a TypeError in JS); an internal failure
/// becomes an `INTERNAL_ERROR` verdict, so it reaches JS as a LicenseError like any outcome.
fn settle(
    result: Result<licensekit_core::Verdict, Error>,
    family: Family,
    operation: Operation,
) -> napi::Result<licensekit_core::Verdict> {
    match result {
        Ok(verdict) => Ok(verdict),
        Err(err @ (Error::InvalidArgument(_) | Error::InvalidConfig(_))) => {
            Err(napi::Error::new(Status::InvalidArg, err.to_string()))
        }
        Err(Error::Internal(message)) => {
            let mut verdict =
                licensekit_core::Verdict::new(family, operation, Outcome::INTERNAL_ERROR);
            verdict.message = Some(message);
            Ok(verdict)
        }
    }
}
