//! The accept loop. Written with hyper directly (not `axum::serve`) so that a fault can drop a
//! connection without answering, and so shutdown can wait for in-flight requests.

use crate::app::{Shared, edge};
use crate::request::ConnectionControl;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// Serves `router` (every request through [`crate::app::edge`]) on `listener` until
/// `shutdown` completes, then lets in-flight requests finish (for up to `drain`).
pub async fn serve(
    listener: TcpListener,
    app: Shared,
    router: Router,
    shutdown: impl Future<Output = ()>,
    drain: Duration,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(_) => {
                    // Out of file descriptors or similar: back off instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let kill = Arc::new(Notify::new());
        let control = ConnectionControl { drop: kill.clone() };
        let (app, router) = (app.clone(), router.clone());
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request.extensions_mut().insert(control.clone());
            let response = edge(app.clone(), router.clone(), request.map(Body::new));
            async move { Ok::<_, Infallible>(response.await) }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        // A client that opens a connection and sends nothing cannot hold it forever.
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(30));
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                () = kill.notified() => {}
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(drain, graceful.shutdown()).await;
}
