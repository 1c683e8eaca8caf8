//! One write per request: the request head and its body leave together.
//!
//! ureq writes a request's head and then its body, each with a send of its own. That is two
//! TCP segments (two TLS records) per POST, and a server that answers without reading the body
//! (a refusal, an injected fault) and then closes finds the body unread in its socket; the
//! kernel then resets the connection and the answer can be lost before the client reads it.
//! This connector wraps every connection (after TLS and any proxy tunnel) and holds back what
//! ureq sends until ureq waits for the answer, then sends it in one piece.

use ureq::Error;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// Wraps each new connection in a [`Corked`] one.
#[derive(Debug, Default)]
pub(crate) struct Cork;

impl Connector<Box<dyn Transport>> for Cork {
    type Out = Corked;

    fn connect(
        &self,
        _: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Corked>, Error> {
        Ok(chained.map(|inner| Corked {
            inner,
            pending: Vec::new(),
        }))
    }
}

/// A connection that sends what it was given only when the answer is awaited.
#[derive(Debug)]
pub(crate) struct Corked {
    inner: Box<dyn Transport>,
    pending: Vec<u8>,
}

impl Corked {
    fn flush(&mut self, timeout: NextTimeout) -> Result<(), Error> {
        let mut sent = 0;
        while sent < self.pending.len() {
            let output = self.inner.buffers().output();
            let n = output.len().min(self.pending.len() - sent);
            output[..n].copy_from_slice(&self.pending[sent..sent + n]);
            self.inner.transmit_output(n, timeout)?;
            sent += n;
        }
        self.pending.clear();
        Ok(())
    }
}

impl Transport for Corked {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        let output = self.inner.buffers().output();
        let capacity = output.len();
        self.pending.extend_from_slice(&output[..amount]);
        // A body larger than the output buffer goes out as it comes.
        if self.pending.len() >= capacity {
            self.flush(timeout)?;
        }
        Ok(())
    }

    fn maybe_await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        self.flush(timeout)?;
        self.inner.maybe_await_input(timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        self.flush(timeout)?;
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}
