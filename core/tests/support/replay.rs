//! A loopback HTTP endpoint that answers every connection with one canned response: a real
//! answer captured from the test server and replayed (possibly altered), as an attacker or a
//! caching proxy would. Counts the requests it served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One canned answer.
#[derive(Clone, Debug)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A running replay endpoint (its thread lives as long as the test process).
pub struct Replay {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    hits: Arc<AtomicUsize>,
}

impl Replay {
    /// Serves `canned` to every request.
    pub fn serve(canned: Canned) -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                // Read the request head and body so the client sees a clean exchange.
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                counter.fetch_add(1, Ordering::SeqCst);
                let mut head = format!("HTTP/1.1 {} Replayed\r\n", canned.status);
                for (name, value) in &canned.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str(&format!(
                    "content-length: {}\r\nconnection: close\r\n\r\n",
                    canned.body.len()
                ));
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&canned.body);
            }
        });
        Replay { url, hits }
    }

    /// Requests served so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}
