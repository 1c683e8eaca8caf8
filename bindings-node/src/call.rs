//! Running one core operation: on libuv's thread pool for the Promise forms (`AsyncTask`; the
//! core's HTTP client is blocking, which napi's own async runtime must not run), or inline for
//! the `…Sync` forms.

use licensekit_core::{Client, Error, Family, Operation, Outcome};
use napi::{Env, Status, Task};

use crate::verdict::Verdict;

type Run = Box<dyn FnOnce(&Client) -> Result<licensekit_core::Verdict, Error> + Send>;

/// One operation of one client, ready to run once.
pub struct Call {
    client: Client,
    family: Family,
    operation: Operation,
    run: Option<Run>,
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
            run: Some(Box::new(run)),
        }
    }

    /// Runs the operation on this thread.
    pub fn run_here(mut self) -> napi::Result<Verdict> {
        self.run_core().map(Verdict::from)
    }

    fn run_core(&mut self) -> napi::Result<licensekit_core::Verdict> {
        let run = self
            .run
            .take()
            .ok_or_else(|| napi::Error::new(Status::GenericFailure, "operation ran twice"))?;
        match run(&self.client) {
            Ok(verdict) => Ok(verdict),
            Err(err) => settle_error(err, self.family, self.operation),
        }
    }
}

/// Programmer errors become exceptions (`InvalidArg`, a TypeError in JS); an internal failure
/// becomes an `INTERNAL_ERROR` verdict, so it reaches JS as a LicenseError like any outcome.
fn settle_error(
    err: Error,
    family: Family,
    operation: Operation,
) -> napi::Result<licensekit_core::Verdict> {
    match err {
        Error::InvalidArgument(_) | Error::InvalidConfig(_) => {
            Err(napi::Error::new(Status::InvalidArg, err.to_string()))
        }
        Error::Internal(message) => {
            let mut verdict =
                licensekit_core::Verdict::new(family, operation, Outcome::INTERNAL_ERROR);
            verdict.message = Some(message);
            Ok(verdict)
        }
    }
}

impl Task for Call {
    type Output = licensekit_core::Verdict;
    type JsValue = Verdict;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        self.run_core()
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(output.into())
    }
}
