//! Writing files so that nothing is lost: no reader ever sees half a file, an edit made after
//! the file was read is never overwritten, and what is at the destination keeps its nature.
//!
//! A file is written to a temporary file in its own directory, flushed, and renamed over the
//! target; the directory is then flushed too. Just before the rename, the target is compared
//! with what was read ([`ReadSnapshot`]): if it changed or disappeared, nothing is written.
//! A symbolic link is written through (its target is replaced; the link stays). A file with
//! several hard links, a read-only file, or one owned by someone else whose ownership the
//! process cannot keep, is refused unless `force` is set. See `docs/design/cli.md`.

use crate::tempfiles;
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

/// What a file was when it was read: enough to tell whether it changed since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadSnapshot {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
    /// `None` for a file taken as it is (not parsed, so never written): a snapshot without
    /// the digest never equals one taken before a write, so such a file is never written.
    digest: Option<u64>,
}

impl ReadSnapshot {
    /// The snapshot of a file whose metadata (taken from the open file) and bytes are given.
    pub fn new(meta: &fs::Metadata, bytes: &[u8]) -> Self {
        ReadSnapshot {
            dev: meta.dev(),
            ino: meta.ino(),
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            digest: Some(digest(bytes)),
        }
    }

    /// The snapshot of a file the run only reads (most of a run's files are only read and
    /// prefiltered): its length, without its metadata or the digest of its bytes. It never
    /// equals a snapshot taken of a file, so such a file is never written.
    pub fn read_only(len: usize) -> Self {
        ReadSnapshot {
            dev: 0,
            ino: 0,
            len: len as u64,
            modified: None,
            digest: None,
        }
    }

    fn same_metadata(&self, meta: &fs::Metadata) -> bool {
        self.dev == meta.dev()
            && self.ino == meta.ino()
            && self.len == meta.len()
            && self.modified == meta.modified().ok()
    }
}

/// Reads a file and takes its snapshot from the same open file.
pub fn read_snapshot(path: &Path) -> io::Result<ReadSnapshot> {
    with_read_buffer(|buffer| {
        let file = buffer.read_file(path)?;
        Ok(ReadSnapshot::new(&file.metadata()?, buffer.bytes()))
    })
}

/// Runs `f` with a read buffer (see [`ReadBuffer`]) that no other thread is using.
///
/// The buffers are kept in a process-wide pool, not one per thread: a thread's own buffer
/// was freed when the thread ended (each run's workers end with the run), and the worker
/// that ended last and the main thread at exit each unmapped a buffer as large as the
/// largest file read, on the run's last stretch. A static is never dropped, so the pool's
/// buffers are never freed: it holds at most one buffer per thread that ever read at once.
pub fn with_read_buffer<R>(f: impl FnOnce(&mut ReadBuffer) -> R) -> R {
    static SPARE_BUFFERS: Mutex<Vec<ReadBuffer>> = Mutex::new(Vec::new());
    /// A buffer grown past this by a large file is not kept for the next one.
    const KEPT_CAPACITY: usize = 4 << 20;
    let spare = || SPARE_BUFFERS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut buffer = spare().pop().unwrap_or_default();
    let result = f(&mut buffer);
    if buffer.capacity() <= KEPT_CAPACITY {
        spare().push(buffer);
    }
    result
}

/// A buffer files are read into, kept from file to file (this saves the allocation and the
/// page faults of a new one per file). A file is read straight into the buffer's spare
/// room: most files in one `read`, and one more that finds the end, without asking the size
/// first (`File::read_to_end` asks the size and the position, with `statx` and `lseek`, for
/// every file). The room is neither zeroed nor touched before a read: only the pages the
/// kernel copies a file into are ever faulted in (zeroing the room as it grew to the
/// largest file's size was 4% of a run that only reads and prefilters). The metadata is
/// asked only of the files that need it, from the file still open.
///
/// A file's bytes start at a cache line (`READ_ALIGNMENT`, 64 bytes). The kernel copies a
/// file out of the page cache, where it starts at a page, with `rep movsb`, which runs at
/// half speed or worse when the destination sits at another offset in its cache line; the
/// allocator gives a buffer this large 16 bytes past a page start (a C loop reading 755
/// files: 13.3-15.1 ms at that offset, 6.3-7.1 ms aligned).
#[derive(Debug, Default)]
pub struct ReadBuffer {
    /// Padding up to `start`, then the bytes of the last file read; its capacity is the
    /// room kept.
    storage: Vec<u8>,
    /// Where the file's bytes start in `storage`.
    start: usize,
}

/// The alignment of the first byte of a file read into a [`ReadBuffer`]: a cache line.
const READ_ALIGNMENT: usize = 64;

impl ReadBuffer {
    /// The room a new buffer starts with, larger than nearly all source files: growing it
    /// copies what was read so far, while room that no file reaches costs nothing (it is
    /// never touched, so its pages are never faulted in).
    const FIRST_ROOM: usize = 1 << 20;

    /// The bytes of the last file read.
    pub fn bytes(&self) -> &[u8] {
        &self.storage[self.start..]
    }

    /// The room kept, in bytes.
    pub fn capacity(&self) -> usize {
        self.storage.capacity()
    }

    /// Moves the bytes read so far to a new allocation with `room` bytes for them, the first
    /// at an aligned address.
    fn grow(&mut self, room: usize) {
        let mut storage = Vec::<u8>::with_capacity(room + READ_ALIGNMENT);
        let start = storage.as_ptr().align_offset(READ_ALIGNMENT);
        storage.resize(start, 0);
        storage.extend_from_slice(self.bytes());
        self.storage = storage;
        self.start = start;
    }

    /// Reads a file to its end (replacing what the buffer held); gives the file, still open.
    /// A directory is an error, as a file that cannot be read.
    pub fn read_file(&mut self, path: &Path) -> io::Result<fs::File> {
        self.read(path, false)
    }

    /// Reads a regular file (replacing what the buffer held), taking a read that fills less
    /// than the room it was given as the end of the file: POSIX has a read of a regular file
    /// return less only at its end or when a signal interrupts it, and the signals rcocci
    /// handles end the process. That saves the read that finds the end, a tenth of a run
    /// that only reads and prefilters. For a look at the bytes only: a file the run may
    /// change is read again with [`ReadBuffer::read_file`].
    pub fn read_regular_file(&mut self, path: &Path) -> io::Result<()> {
        self.read(path, true).map(drop)
    }

    fn read(&mut self, path: &Path, short_read_ends: bool) -> io::Result<fs::File> {
        self.storage.truncate(self.start);
        let file = fs::File::open(path)?;
        if self.storage.capacity() == 0 {
            self.grow(Self::FIRST_ROOM);
        }
        loop {
            if self.storage.len() == self.storage.capacity() {
                self.grow(2 * self.bytes().len());
            }
            let room = self.storage.capacity() - self.storage.len();
            match read_into_spare_room(&file, &mut self.storage) {
                Ok(0) => return Ok(file),
                Ok(read) if short_read_ends && read < room => return Ok(file),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.storage.truncate(self.start);
                    return Err(match e.kind() {
                        io::ErrorKind::IsADirectory => {
                            io::Error::new(io::ErrorKind::InvalidInput, "is a directory")
                        }
                        _ => e,
                    });
                }
            }
        }
    }
}

/// One `read(2)` of `file` into the spare room of `bytes` (the room past its length),
/// which then holds the bytes read; gives their number (0 at the end of the file).
fn read_into_spare_room(file: &fs::File, bytes: &mut Vec<u8>) -> io::Result<usize> {
    use std::os::fd::AsRawFd;
    let spare = bytes.spare_capacity_mut();
    // SAFETY: `read` writes at most `spare.len()` bytes, all inside the spare room, which
    // `bytes` owns and nothing else refers to while the call runs.
    let read = unsafe { libc::read(file.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len()) };
    let Ok(read) = usize::try_from(read) else {
        return Err(io::Error::last_os_error());
    };
    // SAFETY: `read` said it wrote that many bytes at the start of the spare room (never more
    // than its length), so they are initialized.
    unsafe { bytes.set_len(bytes.len() + read) };
    Ok(read)
}

/// A 64-bit digest of the bytes, read as 8-byte words into four lanes. Each step is a
/// bijection of its lane, and so is folding each lane into the result: a change confined to
/// one word always changes the digest. (SipHash, whose resistance to chosen collisions does
/// not matter here, was 12% of a run that reads and prefilters a tree and changes nothing.)
fn digest(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, word: &[u8]| {
        let mut w = [0u8; 8];
        w[..word.len()].copy_from_slice(word);
        (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K)
    };
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word);
        }
    }
    for (lane, word) in lanes.iter_mut().zip(blocks.remainder().chunks(8)) {
        *lane = step(*lane, word);
    }
    lanes
        .iter()
        .fold(bytes.len() as u64, |h, lane| step(h, &lane.to_le_bytes()))
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed after it was read (someone edited it during the run).
    Changed,
    /// The file was removed after it was read.
    Vanished,
    /// A directory, FIFO, device or socket is at the destination.
    NotRegular(&'static str),
    /// Read-only, and `force` not given.
    ReadOnly,
    /// Several hard links, and `force` not given.
    HardLinks(u64),
    /// Owned by another user or group that the process cannot give the new file.
    Owner(io::Error),
    /// A symbolic link whose target does not exist.
    DanglingLink,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str("changed since it was read; not written"),
            WriteError::Vanished => f.write_str("removed since it was read; not written"),
            WriteError::NotRegular(kind) => {
                write!(f, "is a {kind}, not a regular file; not written")
            }
            WriteError::ReadOnly => f.write_str("is read-only; not written (--force writes it)"),
            WriteError::HardLinks(n) => write!(
                f,
                "has {n} hard links; not written (--force rewrites it in place, for every link)"
            ),
            WriteError::Owner(e) => write!(
                f,
                "cannot keep its owner ({e}); not written (--force writes it as yours)"
            ),
            WriteError::DanglingLink => f.write_str("is a symbolic link to nothing; not written"),
            WriteError::Io(e) => write!(f, "cannot write: {e}"),
        }
    }
}

impl std::error::Error for WriteError {}

/// How far the writer may go.
#[derive(Clone, Copy, Debug, Default)]
pub struct WritePolicy<'a> {
    /// Write read-only files, files with several hard links (in place), and files whose owner
    /// cannot be kept.
    pub force: bool,
    /// Where to note the directories to flush after the renames, once each, at the end of a
    /// run (see [`DirSync`]); `None` flushes each directory right after its rename.
    pub dir_sync: Option<&'a DirSync>,
}

/// Directories whose renames still have to be flushed to disk. A rename is atomic without
/// the flush; the flush makes it durable. Flushing each directory once at the end of a run,
/// rather than after every file, saves one `fsync` per file (6 ms each on the machine this
/// was measured on), and a crash before it leaves each file old or new, as before.
#[derive(Debug, Default)]
pub struct DirSync {
    dirs: std::sync::Mutex<std::collections::BTreeSet<PathBuf>>,
}

impl DirSync {
    fn add(&self, dir: &Path) {
        let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
        dirs.insert(dir.to_path_buf());
    }

    /// Flushes the directories noted so far; returns those that could not be flushed.
    pub fn sync_all(&self) -> Vec<(PathBuf, io::Error)> {
        let dirs = std::mem::take(&mut *self.dirs.lock().unwrap_or_else(|e| e.into_inner()));
        dirs.into_iter()
            .filter_map(|d| match fs::File::open(&d).and_then(|f| f.sync_all()) {
                Ok(()) => None,
                Err(e) => Some((d, e)),
            })
            .collect()
    }
}

/// Writes `bytes` to `path`. `expected` is what the file was when read (`--in-place`); with
/// `None` (`-o`), whatever regular file is there is replaced and a missing one is created.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    expected: Option<&ReadSnapshot>,
    policy: WritePolicy<'_>,
) -> Result<(), WriteError> {
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let Some(meta) = existing else {
        if expected.is_some() {
            return Err(WriteError::Vanished);
        }
        return replace(&target, bytes, None, None, policy);
    };
    if let Some(kind) = non_regular_kind(&meta.file_type()) {
        return Err(WriteError::NotRegular(kind));
    }
    if meta.permissions().readonly() && !policy.force {
        return Err(WriteError::ReadOnly);
    }
    if let Some(snapshot) = expected {
        check_unchanged(&target, snapshot)?;
    }
    if meta.nlink() > 1 {
        if !policy.force {
            return Err(WriteError::HardLinks(meta.nlink()));
        }
        return overwrite_in_place(&target, bytes, expected);
    }
    replace(&target, bytes, Some(&meta), expected, policy)
}

/// The file a path names once symbolic links are followed (the path itself if it is none).
fn resolve_links(path: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(WriteError::DanglingLink),
            Err(e) => Err(e.into()),
        },
        _ => Ok(path.to_path_buf()),
    }
}

fn non_regular_kind(t: &fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("directory")
    } else if t.is_fifo() {
        Some("FIFO")
    } else if t.is_char_device() || t.is_block_device() {
        Some("device")
    } else if t.is_socket() {
        Some("socket")
    } else {
        Some("special file")
    }
}

/// Fails unless the file at `path` is still exactly what was read.
fn check_unchanged(path: &Path, snapshot: &ReadSnapshot) -> Result<(), WriteError> {
    let now = match read_snapshot(path) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(WriteError::Vanished),
        Err(e) => return Err(e.into()),
    };
    if &now != snapshot {
        return Err(WriteError::Changed);
    }
    Ok(())
}

/// Temporary file, flush, last check, rename, flush of the directory.
fn replace(
    target: &Path,
    bytes: &[u8],
    meta: Option<&fs::Metadata>,
    expected: Option<&ReadSnapshot>,
    policy: WritePolicy<'_>,
) -> Result<(), WriteError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().ok_or_else(|| {
        WriteError::Io(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name",
        ))
    })?;
    let mut temp = tempfiles::create(&dir, name)?;
    temp.file.write_all(bytes)?;
    if let Some(meta) = meta {
        keep_owner(&temp.file, meta, policy)?;
        temp.file.set_permissions(meta.permissions())?;
    }
    temp.file.sync_all()?;
    // The cheap part of the check again, as late as possible: an edit saved while the
    // temporary file was written changes the size, the time or the inode.
    if let Some(snapshot) = expected {
        match fs::metadata(target) {
            Ok(now) if snapshot.same_metadata(&now) => {}
            Ok(_) => return Err(WriteError::Changed),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(WriteError::Vanished),
            Err(e) => return Err(e.into()),
        }
    }
    temp.persist(target)?;
    match policy.dir_sync {
        Some(later) => later.add(&dir),
        None => fs::File::open(&dir)?.sync_all()?,
    }
    Ok(())
}

/// Gives the new file the old one's owner and group, where they differ from the process's.
fn keep_owner(
    file: &fs::File,
    meta: &fs::Metadata,
    policy: WritePolicy<'_>,
) -> Result<(), WriteError> {
    let mine = file.metadata()?;
    if mine.uid() == meta.uid() && mine.gid() == meta.gid() {
        return Ok(());
    }
    match std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())) {
        Ok(()) => Ok(()),
        Err(_) if policy.force => Ok(()),
        Err(e) => Err(WriteError::Owner(e)),
    }
}

/// Rewrites a hard-linked file's own inode under an exclusive lock, so that every link sees
/// the new text. Not atomic: a crash in the middle leaves a partial file (hence `--force`).
fn overwrite_in_place(
    target: &Path,
    bytes: &[u8],
    expected: Option<&ReadSnapshot>,
) -> Result<(), WriteError> {
    use std::os::fd::AsRawFd;
    let mut file = fs::OpenOptions::new().read(true).write(true).open(target)?;
    // SAFETY: flock on a descriptor we own; released when the file is closed.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(io::Error::last_os_error().into());
    }
    if let Some(snapshot) = expected {
        let meta = file.metadata()?;
        let mut now = Vec::new();
        file.read_to_end(&mut now)?;
        if &ReadSnapshot::new(&meta, &now) != snapshot {
            return Err(WriteError::Changed);
        }
    }
    file.set_len(0)?;
    std::os::unix::fs::FileExt::write_all_at(&file, bytes, 0)?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn policy() -> WritePolicy<'static> {
        WritePolicy::default()
    }

    fn forced() -> WritePolicy<'static> {
        WritePolicy {
            force: true,
            dir_sync: None,
        }
    }

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn any_one_byte_changed_changes_the_digest() {
        let text: Vec<u8> = b"static int f(void)\n{\n\treturn 0;\n}\n/* tail */\n".to_vec();
        let before = digest(&text);
        assert_eq!(digest(&text.clone()), before);
        for at in 0..text.len() {
            for new in [b'x', b' ', 0u8, 0xff] {
                if text[at] == new {
                    continue;
                }
                let mut changed = text.clone();
                changed[at] = new;
                assert_ne!(digest(&changed), before, "byte {at} set to {new}");
            }
        }
        // Two words swapped, and one byte more (the remainder is zero-padded).
        let mut swapped = text.clone();
        swapped[..16].rotate_left(8);
        assert_ne!(digest(&swapped), before);
        let mut longer = text.clone();
        longer.push(0);
        assert_ne!(digest(&longer), before);
    }

    /// Both readers give a file's bytes whole, starting at an aligned address: an empty one,
    /// one that fills the first room exactly, and ones larger than it (read in several calls,
    /// the buffer growing); a directory is an error.
    #[test]
    fn files_are_read_whole_whatever_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let room = ReadBuffer::FIRST_ROOM;
        for size in [0, 1, 4095, room - 1, room, room + 1, 3 * room + 17] {
            let path = dir.path().join(format!("f{size}.c"));
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            fs::write(&path, &bytes).unwrap();
            let mut buffer = ReadBuffer::default();
            buffer.read_file(&path).unwrap();
            assert!(buffer.bytes() == bytes, "read_file, {size} bytes");
            buffer.read_regular_file(&path).unwrap();
            assert!(buffer.bytes() == bytes, "read_regular_file, {size} bytes");
            let misalignment = buffer.bytes().as_ptr() as usize % READ_ALIGNMENT;
            assert_eq!(
                misalignment, 0,
                "a file's bytes start aligned, {size} bytes"
            );
        }
        let mut buffer = ReadBuffer::default();
        assert!(buffer.read_file(dir.path()).is_err());
        assert!(buffer.read_regular_file(dir.path()).is_err());
        assert!(buffer.bytes().is_empty());
    }

    #[test]
    fn replaces_content_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.c");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let snap = read_snapshot(&path).unwrap();
        write_file(&path, b"new\n", Some(&snap), policy()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(entries(dir.path()), 1, "no temporary file left behind");
    }

    #[test]
    fn creates_missing_output() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.c");
        write_file(&path, b"x", None, policy()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"x");
    }

    #[test]
    fn failure_leaves_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let missing_dir = dir.path().join("nope").join("out.c");
        assert!(write_file(&missing_dir, b"x", None, policy()).is_err());
    }

    #[test]
    fn edited_after_reading_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.c");
        fs::write(&path, "old\n").unwrap();
        let snap = read_snapshot(&path).unwrap();
        // Same length, so only the content (or the time) tells.
        fs::write(&path, "usr\n").unwrap();
        let err = write_file(&path, b"new\n", Some(&snap), policy()).unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "usr\n");
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn removed_after_reading_is_not_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.c");
        fs::write(&path, "old\n").unwrap();
        let snap = read_snapshot(&path).unwrap();
        fs::remove_file(&path).unwrap();
        let err = write_file(&path, b"new\n", Some(&snap), policy()).unwrap_err();
        assert!(matches!(err, WriteError::Vanished), "{err}");
        assert!(!path.exists());
    }

    #[test]
    fn symlink_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.c");
        let link = dir.path().join("link.c");
        fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink("real.c", &link).unwrap();
        let snap = read_snapshot(&link).unwrap();
        write_file(&link, b"new\n", Some(&snap), policy()).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
    }

    #[test]
    fn hard_links_are_refused_unless_forced_then_all_see_it() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.c");
        let b = dir.path().join("b.c");
        fs::write(&a, "old\n").unwrap();
        fs::hard_link(&a, &b).unwrap();
        let snap = read_snapshot(&a).unwrap();
        let err = write_file(&a, b"new\n", Some(&snap), policy()).unwrap_err();
        assert!(matches!(err, WriteError::HardLinks(2)), "{err}");
        assert_eq!(fs::read_to_string(&b).unwrap(), "old\n");
        write_file(&a, b"new text\n", Some(&snap), forced()).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "new text\n");
        assert_eq!(
            fs::metadata(&a).unwrap().ino(),
            fs::metadata(&b).unwrap().ino()
        );
    }

    #[test]
    fn read_only_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.c");
        fs::write(&path, "old\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let snap = read_snapshot(&path).unwrap();
        let err = write_file(&path, b"new\n", Some(&snap), policy()).unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        write_file(&path, b"new\n", Some(&snap), forced()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o444
        );
    }

    #[test]
    fn owner_and_group_are_kept_where_the_process_may_keep_them() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("not root: giving a file to another owner is not possible; not tested");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.c");
        fs::write(&path, "old\n").unwrap();
        std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
        let snap = read_snapshot(&path).unwrap();
        write_file(&path, b"new\n", Some(&snap), policy()).unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    }

    #[test]
    fn fifo_and_directory_destinations_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = write_file(&fifo, b"x", None, policy()).unwrap_err();
        assert!(matches!(err, WriteError::NotRegular("FIFO")), "{err}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let err = write_file(dir.path(), b"x", None, policy()).unwrap_err();
        assert!(matches!(err, WriteError::NotRegular("directory")), "{err}");
    }
}
