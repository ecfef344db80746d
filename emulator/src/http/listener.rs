//! Connections on a TCP listener, served by a [`Handler`] (hyper, HTTP/1.1 with upgrades for
//! WebSockets). Every port gets the same limits: a connection that sends nothing for a
//! while is closed ([`Timeouts`]), each connection holds one descriptor, and an accept
//! that fails (out of descriptors) backs off instead of spinning. Faults that hyper cannot
//! express, a TCP reset before or after processing, close the socket with `SO_LINGER` 0
//! from beside the connection.

use super::reply::Body;
use futures_util::future::BoxFuture;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio_io_timeout::TimeoutStream;

/// How long a connection may sit idle and a body may take to arrive.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// A connection with nothing to read for this long is closed (idle keep-alive, or a
    /// client that stopped sending its headers; a WebSocket whose peer stopped answering).
    pub idle: Duration,
    /// A whole body must arrive within this long (a body trickling in is refused).
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            idle: Duration::from_secs(20),
            body: Duration::from_secs(10),
        }
    }
}

/// How long the accept loop waits after a failed accept (out of descriptors) before trying
/// again.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// One connection, as its requests' handler sees it.
#[derive(Clone)]
pub struct Conn {
    pub peer: SocketAddr,
    /// Notified, the connection is reset (`SO_LINGER` 0) instead of closed.
    pub reset: Arc<Notify>,
    /// Turns true when the emulator stops (long-lived sessions end then).
    pub shutdown: watch::Receiver<bool>,
    pub timeouts: Timeouts,
}

/// What answers the requests of a port.
pub trait Handler: Send + Sync + 'static {
    fn respond(
        self: Arc<Self>,
        request: Request<hyper::body::Incoming>,
        conn: Conn,
    ) -> BoxFuture<'static, Response<Body>>;
}

/// Accepts connections until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    handler: Arc<dyn Handler>,
    timeouts: Timeouts,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let (handler, shutdown) = (handler.clone(), shutdown.clone());
                    tokio::spawn(connection(stream, peer, handler, timeouts, shutdown));
                }
                Err(e) => {
                    tracing::warn!(
                        target: "tencentcloud_emulator::server",
                        "accept failed ({e}); retrying shortly"
                    );
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                }
            },
            _ = shutdown.changed() => break,
        }
    }
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    handler: Arc<dyn Handler>,
    timeouts: Timeouts,
    mut shutdown: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let fd = stream.as_raw_fd();
    let mut stream = TimeoutStream::new(stream);
    stream.set_read_timeout(Some(timeouts.idle));
    let reset = Arc::new(Notify::new());
    let conn = Conn {
        peer,
        reset: reset.clone(),
        shutdown: shutdown.clone(),
        timeouts,
    };
    let service = service_fn(move |request| {
        let answer = handler.clone().respond(request, conn.clone());
        async move { Ok::<_, Infallible>(answer.await) }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(Box::pin(stream)), service)
        .with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = reset.notified() => {
            // SAFETY: `conn` owns the stream and is alive until the end of this function,
            // so `fd` is still this connection's open socket.
            let socket = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            let _ = socket2::SockRef::from(&socket).set_linger(Some(Duration::ZERO));
        }
        _ = shutdown.changed() => {}
    }
    // Dropping `conn` closes the socket (with RST after a reset).
}
