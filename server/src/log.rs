//! Request log lines on stdout, written by a background thread so request handling never waits
//! on the terminal or pipe.

use std::io::Write;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::time::Duration;

/// Masked key that a handler attaches to its response for the log line.
#[derive(Debug, Clone)]
pub struct LogKey(pub String);

enum Message {
    Line(String),
    Flush(SyncSender<()>),
}

/// Sends log lines to the writer thread.
#[derive(Debug, Clone)]
pub struct Logger {
    tx: Sender<Message>,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Message")
    }
}

impl Logger {
    /// Starts the writer thread.
    pub fn start() -> Logger {
        let (tx, rx) = channel::<Message>();
        std::thread::spawn(move || write_lines(rx));
        Logger { tx }
    }

    /// Queues one line.
    pub fn line(&self, line: String) {
        let _ = self.tx.send(Message::Line(line));
    }

    /// Waits (briefly) until every queued line is written.
    pub fn flush(&self) {
        let (ack, done) = sync_channel(1);
        if self.tx.send(Message::Flush(ack)).is_ok() {
            let _ = done.recv_timeout(Duration::from_secs(2));
        }
    }
}

/// How long the writer lets lines accumulate after the first one: under load, senders then
/// rarely need to wake it (a wake-up and a write per request cost more than the request itself).
const BATCH_WINDOW: Duration = Duration::from_millis(2);

fn write_lines(rx: Receiver<Message>) {
    let stdout = std::io::stdout();
    // One buffer for the life of the thread: allocating a large one per batch makes the
    // allocator consolidate on every free.
    let mut batch: Vec<u8> = Vec::with_capacity(64 * 1024);
    let write = |batch: &mut Vec<u8>| {
        let mut out = stdout.lock();
        let _ = out.write_all(batch);
        let _ = out.flush();
        batch.clear();
        batch.shrink_to(1 << 20);
    };
    while let Ok(first) = rx.recv() {
        if matches!(first, Message::Line(_)) {
            std::thread::sleep(BATCH_WINDOW);
        }
        let mut next = Some(first);
        // Batch what is already queued into one write.
        while let Some(message) = next {
            match message {
                Message::Line(line) => {
                    batch.extend_from_slice(line.as_bytes());
                    batch.push(b'\n');
                }
                Message::Flush(ack) => {
                    write(&mut batch);
                    let _ = ack.send(());
                }
            }
            next = rx.try_recv().ok();
        }
        write(&mut batch);
    }
}
