//! The process's stdin and stdout, as tower-lsp reads and writes them.
//!
//! Editors spawn a server with pipes (Python's subprocess) or Unix socket pairs (libuv, so
//! Neovim and VS Code). Both are driven by the runtime thread itself, non-blocking through
//! tokio's reactor: a message reaches the server and its answer reaches the client with no hop
//! between threads, which is most of a small request's round trip. Any other stdio (a file, a
//! terminal) is read on a thread of its own and written through tokio's blocking pool. Either
//! way every frame passes the [`Framer`] guard first, and what was made non-blocking is made
//! blocking again when the server is done with it.
//!
//! A stream is not driven when stderr is the same file: non-blocking, it would make the log
//! writes on stderr fail (and `eprintln!` panic) whenever it is full.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;

use super::framing::{Frame, Framer, encode};

/// How much is read from the client at once.
const CHUNK: usize = 64 << 10;

/// Stdin and stdout, driven as their kinds allow. Call within the runtime: a driven stream is
/// registered with its reactor.
pub fn open() -> (Stdin, Stdout) {
    (Stdin::open(), Stdout::open())
}

/// Stdin with every frame checked: what tower-lsp reads.
pub struct Stdin {
    source: Source,
    framer: Framer,
    chunk: Box<[u8]>,
    /// The frame being handed over, and how much of it was.
    pending: Vec<u8>,
    handed: usize,
    ended: bool,
}

enum Source {
    #[cfg(unix)]
    Driven(driven::Reader),
    /// Chunks read by a plain thread: blocking reads, and it must not keep the process alive
    /// after `exit` (the client may hold the pipe open), so it is never waited for.
    Thread(mpsc::Receiver<Vec<u8>>),
}

impl Stdin {
    fn open() -> Stdin {
        #[cfg(unix)]
        let source = driven::Reader::stdin().map_or_else(read_on_a_thread, Source::Driven);
        #[cfg(not(unix))]
        let source = read_on_a_thread();
        Stdin {
            source,
            framer: Framer::default(),
            chunk: vec![0; CHUNK].into_boxed_slice(),
            pending: Vec::new(),
            handed: 0,
            ended: false,
        }
    }

    /// Read what the client sent into the framer; `false` at the end of input. A read error
    /// ends the input too: retrying it would spin.
    fn poll_fill(&mut self, cx: &mut Context<'_>) -> Poll<bool> {
        match &mut self.source {
            #[cfg(unix)]
            Source::Driven(reader) => {
                let mut buf = ReadBuf::new(&mut self.chunk);
                let read = ready!(Pin::new(reader).poll_read(cx, &mut buf));
                let more = read.is_ok() && !buf.filled().is_empty();
                self.framer.push(buf.filled());
                Poll::Ready(more)
            }
            Source::Thread(chunks) => match ready!(chunks.poll_recv(cx)) {
                Some(chunk) => {
                    self.framer.push(&chunk);
                    Poll::Ready(true)
                }
                None => Poll::Ready(false),
            },
        }
    }
}

fn read_on_a_thread() -> Source {
    let (sender, chunks) = mpsc::channel(16);
    std::thread::spawn(move || {
        use std::io::Read;
        let mut stdin = io::stdin().lock();
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let read = match stdin.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(read) => read,
            };
            if sender.blocking_send(chunk[..read].to_vec()).is_err() {
                return;
            }
        }
    });
    Source::Thread(chunks)
}

impl AsyncRead for Stdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.handed < this.pending.len() {
                let rest = &this.pending[this.handed..];
                let n = rest.len().min(buf.remaining());
                buf.put_slice(&rest[..n]);
                this.handed += n;
                return Poll::Ready(Ok(()));
            }
            if let Some(frame) = this.framer.next_frame() {
                if let Frame::Malformed(_, reason) = &frame {
                    eprintln!("dockwise: warning: dropped a malformed message: {reason}");
                }
                this.pending = encode(frame);
                this.handed = 0;
                continue;
            }
            if this.ended {
                // End of input: a read of nothing.
                return Poll::Ready(Ok(()));
            }
            this.ended = !ready!(this.poll_fill(cx));
        }
    }
}

/// Stdout: driven directly, or tokio's stdout.
pub struct Stdout(Sink);

enum Sink {
    #[cfg(unix)]
    Driven(driven::Writer),
    Std(tokio::io::Stdout),
}

impl Stdout {
    fn open() -> Stdout {
        #[cfg(unix)]
        if let Some(writer) = driven::Writer::stdout() {
            return Stdout(Sink::Driven(writer));
        }
        Stdout(Sink::Std(tokio::io::stdout()))
    }

    fn sink(&mut self) -> Pin<&mut (dyn AsyncWrite + Unpin)> {
        match &mut self.0 {
            #[cfg(unix)]
            Sink::Driven(writer) => Pin::new(writer),
            Sink::Std(stdout) => Pin::new(stdout),
        }
    }
}

impl AsyncWrite for Stdout {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.sink().poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.sink().poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.sink().poll_shutdown(cx)
    }
}

/// Pipes and Unix sockets driven non-blocking by the reactor.
#[cfg(unix)]
mod driven {
    use std::fs::File;
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
    use tokio::net::UnixStream;
    use tokio::net::unix::pipe;

    /// One end of stdio, if it can be driven: a pipe or a socket that stderr does not share.
    fn drivable(fd: BorrowedFd<'_>) -> Option<(OwnedFd, Kind)> {
        let file = File::from(fd.try_clone_to_owned().ok()?);
        let metadata = file.metadata().ok()?;
        let stderr = File::from(io::stderr().as_fd().try_clone_to_owned().ok()?);
        let shares_stderr = stderr
            .metadata()
            .is_ok_and(|err| (err.dev(), err.ino()) == (metadata.dev(), metadata.ino()));
        let file_type = metadata.file_type();
        let kind = if shares_stderr {
            return None;
        } else if file_type.is_fifo() {
            Kind::Pipe
        } else if file_type.is_socket() {
            Kind::Socket
        } else {
            return None;
        };
        Some((file.into(), kind))
    }

    enum Kind {
        Pipe,
        Socket,
    }

    fn socket(fd: OwnedFd) -> io::Result<UnixStream> {
        let stream = std::os::unix::net::UnixStream::from(fd);
        stream.set_nonblocking(true)?;
        UnixStream::from_std(stream)
    }

    /// Back to blocking: the stream's other users expect the mode it came in.
    fn release(stream: UnixStream) {
        if let Ok(stream) = stream.into_std() {
            let _ = stream.set_nonblocking(false);
        }
    }

    /// Stdin, until released on drop.
    pub struct Reader(Option<ReadEnd>);

    enum ReadEnd {
        Pipe(pipe::Receiver),
        Socket(UnixStream),
    }

    impl Reader {
        pub fn stdin() -> Option<Reader> {
            let (fd, kind) = drivable(io::stdin().as_fd())?;
            let end = match kind {
                Kind::Pipe => ReadEnd::Pipe(pipe::Receiver::from_owned_fd(fd).ok()?),
                Kind::Socket => ReadEnd::Socket(socket(fd).ok()?),
            };
            Some(Reader(Some(end)))
        }
    }

    impl AsyncRead for Reader {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            match &mut self.0 {
                Some(ReadEnd::Pipe(pipe)) => Pin::new(pipe).poll_read(cx, buf),
                Some(ReadEnd::Socket(socket)) => Pin::new(socket).poll_read(cx, buf),
                None => Poll::Ready(Ok(())),
            }
        }
    }

    impl Drop for Reader {
        fn drop(&mut self) {
            match self.0.take() {
                Some(ReadEnd::Pipe(pipe)) => drop(pipe.into_blocking_fd()),
                Some(ReadEnd::Socket(socket)) => release(socket),
                None => {}
            }
        }
    }

    /// Stdout, until released on drop.
    pub struct Writer(Option<WriteEnd>);

    enum WriteEnd {
        Pipe(pipe::Sender),
        Socket(UnixStream),
    }

    impl Writer {
        pub fn stdout() -> Option<Writer> {
            let (fd, kind) = drivable(io::stdout().as_fd())?;
            let end = match kind {
                Kind::Pipe => WriteEnd::Pipe(pipe::Sender::from_owned_fd(fd).ok()?),
                Kind::Socket => WriteEnd::Socket(socket(fd).ok()?),
            };
            Some(Writer(Some(end)))
        }
    }

    fn released() -> io::Error {
        io::Error::new(io::ErrorKind::BrokenPipe, "stdout was released")
    }

    impl AsyncWrite for Writer {
        fn poll_write(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            match &mut self.0 {
                Some(WriteEnd::Pipe(pipe)) => Pin::new(pipe).poll_write(cx, buf),
                Some(WriteEnd::Socket(socket)) => Pin::new(socket).poll_write(cx, buf),
                None => Poll::Ready(Err(released())),
            }
        }

        fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            match &mut self.0 {
                Some(WriteEnd::Pipe(pipe)) => Pin::new(pipe).poll_flush(cx),
                Some(WriteEnd::Socket(socket)) => Pin::new(socket).poll_flush(cx),
                None => Poll::Ready(Ok(())),
            }
        }

        /// Nothing to do: the stream closes when the process ends, just after.
        fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    impl Drop for Writer {
        fn drop(&mut self) {
            match self.0.take() {
                Some(WriteEnd::Pipe(pipe)) => drop(pipe.into_blocking_fd()),
                Some(WriteEnd::Socket(socket)) => release(socket),
                None => {}
            }
        }
    }
}
