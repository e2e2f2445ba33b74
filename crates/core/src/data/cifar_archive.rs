//! The official CIFAR-10 binary archive, `cifar-10-binary.tar.gz`, read as it is downloaded.
//!
//! Format: a gzip stream (or none: a plain `.tar` is read too) of a tar archive. A tar archive
//! is a sequence of 512-byte headers (name, octal size, checksum, type flag), each followed by
//! the member's bytes padded with zeros to a multiple of 512, and ended by zero blocks. The
//! official archive holds `cifar-10-batches-bin/data_batch_1.bin` … `data_batch_5.bin` and
//! `test_batch.bin` (10,000 records of [`RECORD_BYTES`] each, as [`super::parse_cifar`] reads
//! them), `batches.meta.txt` and `readme.html`. Every member named `data_batch_N.bin` (in any
//! folder) is training data, in archive order; every `test_batch.bin` is test data; every other
//! member is skipped. GNU long names (type `L`) and pax `path` fields are followed; folders,
//! links and other metadata are skipped. Every header's checksum is checked. The first zero
//! block ends the archive; what follows is read (up to the ceiling) only so that gzip checks
//! its CRC and length.
//!
//! Memory rule: the archive is streamed, header by header and record by record, straight into
//! the training and test sets. Nothing holds the decoded archive or a whole member: the only
//! large allocations are the sets' pixel and label vectors, reserved from a batch member's
//! header size once that size is known to fit under [`MAX_FILE_BYTES`] (counted over the whole
//! decoded archive) and in what the input can hold (its raw length, or the gzip trailer's size
//! and 1032 × the compressed length). Besides them: one record and one header on the stack,
//! at most [`MAX_METADATA`] bytes of a long name or pax header. No read goes past the ceiling,
//! so a decompression bomb stops there. The full archive decodes to about 184.4 MB (6 ×
//! 30,730,000 bytes of records, plus headers and padding), well under the 512 MiB ceiling, and
//! parses into 60,000 images (184 MB) with no spare capacity: a batch that adds at least a
//! quarter to its set is reserved exactly, a smaller one grows the set amortised (so an archive
//! of many tiny batches stays linear in time).

use std::io::{self, Read};

use super::cifar::RECORD_BYTES;
use super::idx::check_labels;
use super::source::{MAX_FILE_BYTES, check_ceiling, declared_len, decoded_reader, max_decoded_len};
use super::{DataError, ImageSet, ImageShape};

/// The size of a tar header and the unit members are padded to.
const BLOCK: usize = 512;
/// The most of a metadata entry (GNU long name, pax header) that is read; the rest is skipped.
const MAX_METADATA: usize = 64 * 1024;
/// Where the `ustar` magic of a POSIX or GNU tar header starts.
const MAGIC_AT: usize = 257;
/// Names a tar archive goes by.
const TAR_SUFFIXES: [&str; 3] = [".tar", ".tar.gz", ".tgz"];

/// Whether a file is a tar archive: its name ends in `.tar`, `.tar.gz` or `.tgz`, or its
/// (decoded) first block carries the `ustar` magic at byte 257.
pub fn is_tar_archive(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if TAR_SUFFIXES.iter().any(|suffix| lower.ends_with(suffix)) {
        return true;
    }
    let mut head = Vec::with_capacity(MAGIC_AT + 5);
    let _ = decoded_reader(bytes).take(MAGIC_AT as u64 + 5).read_to_end(&mut head);
    head.get(MAGIC_AT..) == Some(b"ustar")
}

/// Parse the CIFAR-10 binary archive (tar, raw or gzip) into its training set (every
/// `data_batch_N.bin`, in archive order) and its test set (`test_batch.bin`), streamed: see the
/// module documentation for the memory rule.
pub fn parse_cifar_archive(file: &str, bytes: &[u8]) -> Result<(ImageSet, ImageSet), DataError> {
    if bytes.is_empty() {
        return Err(DataError::Empty { file: file.into() });
    }
    let mut stream = Stream::new(file, bytes);
    let (mut train, mut test) = (empty_set(), empty_set());
    while let Some(member) = stream.next_member()? {
        match split_of(&member.name) {
            Some(Split::Train) => read_batch(&mut stream, &member, &mut train)?,
            Some(Split::Test) => read_batch(&mut stream, &member, &mut test)?,
            None => stream.skip(padded(member.size), &member.name)?,
        }
    }
    stream.finish()?;
    for (set, member) in [(&train, "data_batch_N.bin"), (&test, "test_batch.bin")] {
        if set.is_empty() {
            return Err(DataError::ArchiveMissing { file: file.into(), member });
        }
    }
    Ok((train, test))
}

fn empty_set() -> ImageSet {
    ImageSet { shape: ImageShape::CIFAR, pixels: Vec::new(), labels: Vec::new() }
}

/// Which split a member feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    Train,
    Test,
}

/// `data_batch_<digits>.bin` is training data and `test_batch.bin` test data, in any folder.
fn split_of(name: &str) -> Option<Split> {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base == "test_batch.bin" {
        return Some(Split::Test);
    }
    let number = base.strip_prefix("data_batch_")?.strip_suffix(".bin")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(Split::Train)
}

/// A regular file in the archive, its header read, its bytes next in the stream.
struct Member {
    name: String,
    size: u64,
}

/// Append a batch member's records to `set`, then check their labels.
fn read_batch(stream: &mut Stream, member: &Member, set: &mut ImageSet) -> Result<(), DataError> {
    let path = format!("{} in {}", member.name, stream.file);
    if member.size == 0 || !member.size.is_multiple_of(RECORD_BYTES as u64) {
        return Err(DataError::CifarLength { file: path, len: member.size });
    }
    stream.claim(padded(member.size), &member.name)?;
    let count = (member.size / RECORD_BYTES as u64) as usize;
    let first = set.labels.len();
    grow(&mut set.labels, count);
    grow(&mut set.pixels, count * (RECORD_BYTES - 1));
    let mut record = [0u8; RECORD_BYTES];
    for _ in 0..count {
        stream.fill(&mut record, &member.name)?;
        set.labels.push(record[0]);
        set.pixels.extend_from_slice(&record[1..]);
    }
    check_labels(&path, &set.labels[first..])?;
    stream.skip(padding(member.size), &member.name)
}

/// Make room for `additional` more values: exactly when that adds at least a quarter (the
/// official batches), amortised otherwise (many tiny batches).
fn grow(values: &mut Vec<u8>, additional: usize) {
    if additional >= values.len() / 4 {
        values.reserve_exact(additional);
    } else {
        values.reserve(additional);
    }
}

/// The zeros after a member of `size` bytes, up to the next 512-byte boundary.
fn padding(size: u64) -> u64 {
    (BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64
}

/// A member's size with its padding.
fn padded(size: u64) -> u64 {
    size.saturating_add(padding(size))
}

/// The decoded archive, read forward only. Every read is claimed first, so none goes past the
/// ceiling or past what the input can hold.
struct Stream<'a> {
    file: &'a str,
    reader: Box<dyn Read + 'a>,
    /// Decoded bytes consumed so far.
    offset: u64,
    /// The most the decoded stream can hold: the raw length, or the smaller of the gzip
    /// trailer's size (exact: an archive under the ceiling is under 4 GiB) and 1032 × the
    /// compressed length.
    limit: u64,
}

impl<'a> Stream<'a> {
    fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        let limit = declared_len(bytes).min(max_decoded_len(bytes));
        Stream { file, reader: decoded_reader(bytes), offset: 0, limit }
    }

    /// The next regular file, or `None` at the end of the archive. GNU long names and pax
    /// `path` fields name the file that follows; folders, links and other metadata are skipped.
    fn next_member(&mut self) -> Result<Option<Member>, DataError> {
        let mut long_name = None;
        loop {
            let at = self.offset;
            let mut block = [0u8; BLOCK];
            self.fill(&mut block, &format!("the tar header at byte {at}"))?;
            if block.iter().all(|&b| b == 0) {
                return Ok(None);
            }
            let header = Header::parse(self.file, at, &block)?;
            match header.kind {
                b'0' | b'\0' | b'7' => {
                    return Ok(Some(Member { name: long_name.unwrap_or(header.name), size: header.size }));
                }
                b'L' => long_name = Some(field_text(&self.metadata(header.size, &header.name)?)),
                b'x' => {
                    let path = pax_path(&self.metadata(header.size, &header.name)?);
                    long_name = path.or(long_name);
                }
                // Metadata of what follows (a long link name, global pax fields): skipped.
                b'K' | b'g' => self.skip(padded(header.size), &header.name)?,
                _ => {
                    self.skip(padded(header.size), &header.name)?;
                    long_name = None;
                }
            }
        }
    }

    /// The first [`MAX_METADATA`] bytes of a metadata entry (a long name, a pax header) of
    /// `size` bytes; the rest is skipped.
    fn metadata(&mut self, size: u64, within: &str) -> Result<Vec<u8>, DataError> {
        let mut data = vec![0u8; size.min(MAX_METADATA as u64) as usize];
        self.fill(&mut data, within)?;
        self.skip(padded(size) - data.len() as u64, within)?;
        Ok(data)
    }

    /// Refuse to read `len` more bytes when that passes the ceiling, or the end the input
    /// allows (the archive is then cut short inside `within`).
    fn claim(&self, len: u64, within: &str) -> Result<(), DataError> {
        let end = self.offset.saturating_add(len);
        check_ceiling(self.file, end)?;
        if end > self.limit {
            return Err(self.truncated(within));
        }
        Ok(())
    }

    /// Read exactly `buf.len()` bytes of `within`.
    fn fill(&mut self, buf: &mut [u8], within: &str) -> Result<(), DataError> {
        self.claim(buf.len() as u64, within)?;
        self.reader.read_exact(buf).map_err(|e| self.read_error(e, within))?;
        self.offset += buf.len() as u64;
        Ok(())
    }

    /// Read and drop `len` bytes of `within`.
    fn skip(&mut self, len: u64, within: &str) -> Result<(), DataError> {
        self.claim(len, within)?;
        let skipped =
            io::copy(&mut self.reader.by_ref().take(len), &mut io::sink()).map_err(|e| self.read_error(e, within))?;
        self.offset += skipped;
        if skipped < len {
            return Err(self.truncated(within));
        }
        Ok(())
    }

    /// Read what follows the end of the archive (tar padding) up to the ceiling, so that a
    /// gzip stream reaches its trailer and checks its CRC and length.
    fn finish(&mut self) -> Result<(), DataError> {
        let room = MAX_FILE_BYTES + 1 - self.offset;
        let rest = io::copy(&mut self.reader.by_ref().take(room), &mut io::sink())
            .map_err(|e| self.read_error(e, "the padding after the end of the archive"))?;
        check_ceiling(self.file, self.offset + rest)
    }

    /// A stream that ends early is cut short; any other read error is a broken gzip stream.
    fn read_error(&self, error: io::Error, within: &str) -> DataError {
        match error.kind() {
            io::ErrorKind::UnexpectedEof => self.truncated(within),
            _ => DataError::Gzip { file: self.file.into(), reason: error.to_string() },
        }
    }

    fn truncated(&self, within: &str) -> DataError {
        DataError::ArchiveTruncated { file: self.file.into(), within: within.into() }
    }
}

/// What this reader needs of a 512-byte tar header.
struct Header {
    name: String,
    size: u64,
    /// The type flag: `0` or NUL a file, `L` a GNU long name, `5` a folder, …
    kind: u8,
}

impl Header {
    /// Check the header's checksum and read its name, size and type (`at`: its byte offset).
    fn parse(file: &str, at: u64, block: &[u8; BLOCK]) -> Result<Header, DataError> {
        if !checksum_matches(block) {
            return Err(DataError::TarChecksum { file: file.into(), offset: at });
        }
        let size = octal(&block[124..136]).ok_or_else(|| DataError::TarSize { file: file.into(), offset: at })?;
        Ok(Header { name: field_text(&block[..100]), size, kind: block[156] })
    }
}

/// The stored checksum equals the sum of the header's bytes with the checksum field counted
/// as spaces (as unsigned bytes, or as signed ones, which some old tar programs wrote).
fn checksum_matches(block: &[u8; BLOCK]) -> bool {
    let Some(stored) = octal(&block[148..156]) else { return false };
    let outside = block[..148].iter().chain(&block[156..]);
    let unsigned: u64 = outside.clone().map(|&b| u64::from(b)).sum::<u64>() + 8 * u64::from(b' ');
    let signed: i64 = outside.map(|&b| i64::from(b as i8)).sum::<i64>() + 8 * i64::from(b' ');
    stored == unsigned || i64::try_from(stored) == Ok(signed)
}

/// A numeric header field: octal digits, optionally surrounded by spaces, ended by NUL or the
/// field's end (empty means 0). `None` for anything else, or a value past `u64`.
fn octal(field: &[u8]) -> Option<u64> {
    let text = field.split(|&b| b == 0).next().unwrap_or_default().trim_ascii();
    text.iter().try_fold(0u64, |value, &digit| match digit {
        b'0'..=b'7' => value.checked_mul(8)?.checked_add(u64::from(digit - b'0')),
        _ => None,
    })
}

/// The `path` field of a pax extended header (records `"<length> <key>=<value>\n"`), if any.
fn pax_path(mut data: &[u8]) -> Option<String> {
    let mut path = None;
    while let Some((record, rest)) = pax_record(data) {
        if let Some(value) = record.strip_prefix(b"path=") {
            path = Some(String::from_utf8_lossy(value).into_owned());
        }
        data = rest;
    }
    path
}

/// The first `key=value` record of pax data and what follows it; `None` at the end or at a
/// malformed record.
fn pax_record(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let space = data.iter().position(|&b| b == b' ')?;
    let len: usize = std::str::from_utf8(&data[..space]).ok()?.parse().ok()?;
    let record = data.get(space + 1..len)?.strip_suffix(b"\n")?;
    Some((record, &data[len..]))
}

/// The text of a NUL-terminated header field (invalid UTF-8 replaced).
fn field_text(field: &[u8]) -> String {
    let text = field.split(|&b| b == 0).next().unwrap_or_default();
    String::from_utf8_lossy(text).into_owned()
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::path::Path;
    use std::time::{Duration, Instant};

    use flate2::Compression;
    use flate2::read::GzDecoder;
    use flate2::write::GzEncoder;

    use super::super::{DatasetId, dataset_from_files, parse_cifar};
    use super::*;

    const DIR: &str = "cifar-10-batches-bin/";
    const META: &[u8] = b"airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";
    const README: &[u8] =
        b"<meta HTTP-EQUIV=\"REFRESH\" content=\"0; url=http://www.cs.toronto.edu/~kriz/cifar.html\">\n";

    /// A shipped subset file (`public/data/cifar10/`), found from this crate or the fuzz crate.
    fn shipped(name: &str) -> Vec<u8> {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = here.ancestors().map(|d| d.join("public/data/cifar10").join(name)).find(|p| p.exists());
        let path = path.expect("public/data/cifar10 above the crate");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The records of a shipped gzip batch.
    fn records(name: &str) -> Vec<u8> {
        let mut out = Vec::new();
        GzDecoder::new(&shipped(name)[..]).read_to_end(&mut out).expect("shipped gzip");
        out
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::new(6));
        enc.write_all(bytes).expect("writing to a Vec");
        enc.finish().expect("writing to a Vec")
    }

    /// Put the checksum of a header in it (the sum of its bytes, the checksum field as spaces).
    fn seal(h: &mut [u8; BLOCK]) {
        h[148..156].fill(b' ');
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    }

    /// A header as GNU tar writes it (magic `ustar  \0`).
    fn header(name: &str, size: usize, kind: u8) -> [u8; BLOCK] {
        let mut h = [0u8; BLOCK];
        let name = &name.as_bytes()[..name.len().min(100)];
        h[..name.len()].copy_from_slice(name);
        h[100..108].copy_from_slice(if kind == b'5' { b"0000755\0" } else { b"0000644\0" });
        h[108..116].copy_from_slice(b"0001750\0");
        h[116..124].copy_from_slice(b"0001750\0");
        h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
        h[136..148].copy_from_slice(b"11173531454\0");
        h[156] = kind;
        h[257..265].copy_from_slice(b"ustar  \0");
        h[265..269].copy_from_slice(b"kriz");
        seal(&mut h);
        h
    }

    /// A tar archive written member by member.
    #[derive(Default)]
    struct Tar(Vec<u8>);

    impl Tar {
        fn entry(mut self, name: &str, kind: u8, data: &[u8]) -> Self {
            self.0.extend_from_slice(&header(name, data.len(), kind));
            self.0.extend_from_slice(data);
            self.0.resize(self.0.len() + padding(data.len() as u64) as usize, 0);
            self
        }

        fn file(self, name: &str, data: &[u8]) -> Self {
            self.entry(name, b'0', data)
        }

        /// A file under a GNU long name (an `L` entry, then a header with the name cut to 100).
        fn long(self, name: &str, data: &[u8]) -> Self {
            self.entry("././@LongLink", b'L', format!("{name}\0").as_bytes()).file(name, data)
        }

        /// Two zero blocks, then zeros to a multiple of 10240 bytes, as GNU tar ends.
        fn end(mut self) -> Vec<u8> {
            self.0.resize(self.0.len() + 2 * BLOCK, 0);
            self.0.resize(self.0.len().next_multiple_of(20 * BLOCK), 0);
            self.0
        }
    }

    /// The official layout: the folder, `batches.meta.txt`, `data_batch_1..=n` (the training
    /// records split evenly), `test_batch.bin`, `readme.html`.
    fn official(train: &[u8], test: &[u8], batches: usize) -> Vec<u8> {
        let per = train.len() / RECORD_BYTES / batches * RECORD_BYTES;
        let mut tar = Tar::default().entry(DIR, b'5', b"").file(&format!("{DIR}batches.meta.txt"), META);
        for (i, batch) in train.chunks(per).enumerate() {
            tar = tar.file(&format!("{DIR}data_batch_{}.bin", i + 1), batch);
        }
        tar.file(&format!("{DIR}test_batch.bin"), test).file(&format!("{DIR}readme.html"), README).end()
    }

    /// `n` records whose label is their index mod 10 and whose pixels are `fill`.
    fn synthetic(n: usize, fill: u8) -> Vec<u8> {
        let mut out = vec![fill; n * RECORD_BYTES];
        out.chunks_mut(RECORD_BYTES).enumerate().for_each(|(i, r)| r[0] = (i % 10) as u8);
        out
    }

    /// A small archive: 3 training batches of 2 records and a test batch of 2.
    fn small() -> Vec<u8> {
        official(&synthetic(6, 7), &synthetic(2, 9), 3)
    }

    /// The byte offset of the header of the member whose name ends with `suffix`.
    fn header_at(tar: &[u8], suffix: &str) -> usize {
        let mut at = 0;
        while at < tar.len() && tar[at] != 0 {
            let h: &[u8; BLOCK] = tar[at..at + BLOCK].try_into().expect("a block");
            if field_text(&h[..100]).ends_with(suffix) {
                return at;
            }
            at += BLOCK + padded(octal(&h[124..136]).expect("octal size")) as usize;
        }
        panic!("no member {suffix}");
    }

    fn parse(tar: &[u8]) -> Result<(ImageSet, ImageSet), DataError> {
        parse_cifar_archive("cifar-10-binary.tar.gz", tar)
    }

    #[test]
    fn the_official_layout_parses_like_its_batches() {
        let (train_gz, test_gz) = (shipped("train-4k.bin.gz"), shipped("test-1k.bin.gz"));
        let archive = gzip(&official(&records("train-4k.bin.gz"), &records("test-1k.bin.gz"), 5));
        let (train, test) = parse(&archive).unwrap();
        assert_eq!(train, parse_cifar("train", &train_gz).unwrap());
        assert_eq!(test, parse_cifar("test", &test_gz).unwrap());
        assert_eq!((train.len(), test.len()), (4000, 1000));
        // The memory rule: the sets are reserved exactly, batch by batch.
        assert_eq!((train.pixels.capacity(), train.labels.capacity()), (4000 * 3072, 4000));
        assert_eq!((test.pixels.capacity(), test.labels.capacity()), (1000 * 3072, 1000));
        let d = dataset_from_files(&[("cifar-10-binary.tar.gz".into(), archive)]).unwrap();
        assert_eq!((d.id, d.train, d.test), (DatasetId::User, train, test));
    }

    #[test]
    fn a_plain_tar_parses_and_is_recognised_by_its_magic() {
        let (train, test) = (records("train-4k.bin.gz"), records("test-1k.bin.gz"));
        let tar = official(&train[..40 * RECORD_BYTES], &test[..10 * RECORD_BYTES], 4);
        let (want_train, want_test) = (
            parse_cifar("a", &train[..40 * RECORD_BYTES]).unwrap(),
            parse_cifar("b", &test[..10 * RECORD_BYTES]).unwrap(),
        );
        assert_eq!(parse(&tar).unwrap(), (want_train.clone(), want_test.clone()));
        for (name, bytes) in [("download", tar.clone()), ("download", gzip(&tar))] {
            assert!(is_tar_archive(name, &bytes));
            let d = dataset_from_files(&[(name.into(), bytes)]).unwrap();
            assert_eq!((d.train, d.test), (want_train.clone(), want_test.clone()));
        }
        for name in ["x.tar", "X.TGZ", "cifar-10-binary.tar.gz"] {
            assert!(is_tar_archive(name, b"anything"), "{name}");
        }
        assert!(!is_tar_archive("data_batch_1.bin", &train[..10 * RECORD_BYTES]));
        assert!(!is_tar_archive("data_batch_1.bin.gz", &shipped("train-4k.bin.gz")));
    }

    #[test]
    fn batches_are_read_in_archive_order_and_other_members_skipped() {
        let (a, b, t) = (synthetic(2, 1), synthetic(3, 2), synthetic(1, 3));
        let tar = Tar::default()
            .file("cifar-10-batches-bin/._data_batch_1.bin", b"AppleDouble, not whole records")
            .file("cifar-10-batches-bin/data_batch_2.bin", &b)
            .file("notes/data_batch_x.bin", b"not a batch name")
            .entry("cifar-10-batches-bin/link.bin", b'2', b"")
            .file("data_batch_1.bin", &a)
            .file("elsewhere/test_batch.bin", &t)
            .end();
        let (train, test) = parse(&tar).unwrap();
        assert_eq!(train, parse_cifar("b+a", &[b, a].concat()).unwrap());
        assert_eq!(test, parse_cifar("t", &t).unwrap());
    }

    /// One pax record, `"<length> <key>=<value>\n"`, its length counting its own digits.
    fn pax(key: &str, value: &str) -> String {
        let body = format!(" {key}={value}\n");
        let mut len = body.len() + 1;
        while len.to_string().len() + body.len() != len {
            len += 1;
        }
        format!("{len}{body}")
    }

    #[test]
    fn gnu_long_names_and_pax_paths_are_followed() {
        let long = format!("{}/data_batch_1.bin", "a-folder-with-a-long-name".repeat(5));
        let pax_long = format!("{}/data_batch_2.bin", "p".repeat(150));
        let tar = Tar::default()
            .long(&long, &synthetic(2, 4))
            .long(&format!("{}/readme.html", "x".repeat(120)), README)
            .entry("././@PaxHeader", b'x', format!("{}{}", pax("mtime", "1.5"), pax("path", &pax_long)).as_bytes())
            .file(&pax_long, &synthetic(3, 6))
            .entry("././@PaxHeader", b'x', pax("mtime", "1").as_bytes())
            .file(&format!("{DIR}test_batch.bin"), &synthetic(1, 5))
            .end();
        let (train, test) = parse(&tar).unwrap();
        assert_eq!((train.len(), test.len()), (5, 1));
        // The headers' own names (cut to 100 bytes) are not batches: only the long names make them so.
        assert_eq!((split_of(&long[..100]), split_of(&pax_long[..100])), (None, None));
        assert_eq!(pax_path(format!("{}{}", pax("path", "a/b"), pax("size", "9")).as_bytes()), Some("a/b".into()));
        for bad in [&b"99 path=a\n"[..], b"1 path=a\n", b"x path=a\n", b"8 path=a\n", b""] {
            assert_eq!(pax_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_cut_short_archive_is_refused_wherever_it_is_cut() {
        let tar = small();
        let test_at = header_at(&tar, "test_batch.bin");
        let end = header_at(&tar, "readme.html") + 2 * BLOCK;
        for cut in [1, 100, 511, 512, 513, 1024 + 100, test_at, test_at + BLOCK + 3000, end] {
            let err = parse(&tar[..cut]).unwrap_err();
            assert!(matches!(err, DataError::ArchiveTruncated { .. }), "cut at {cut}: {err:?}");
        }
        let gz = gzip(&tar);
        for cut in [1, 10, 11, 30, gz.len() / 3, gz.len() / 2, gz.len() - 8, gz.len() - 4, gz.len() - 1] {
            let err = parse(&gz[..cut]).unwrap_err();
            assert!(matches!(err, DataError::ArchiveTruncated { .. }), "gzip cut at {cut} of {}: {err:?}", gz.len());
        }
        let full = gzip(&official(&records("train-4k.bin.gz"), &records("test-1k.bin.gz"), 5));
        let err = parse(&full[..full.len() * 3 / 4]).unwrap_err();
        assert!(matches!(err, DataError::ArchiveTruncated { .. }), "{err:?}");
        assert!(err.to_string().contains("download it again"), "{err}");
    }

    #[test]
    fn a_damaged_header_checksum_is_refused() {
        for (member, flip) in
            [("/", 3), ("data_batch_2.bin", 30), ("data_batch_2.bin", 124 + 5), ("test_batch.bin", 300)]
        {
            let mut tar = small();
            let at = header_at(&tar, member);
            tar[at + flip] ^= 0x01;
            for bytes in [tar.clone(), gzip(&tar)] {
                let err = parse(&bytes).unwrap_err();
                assert_eq!(err, DataError::TarChecksum { file: "cifar-10-binary.tar.gz".into(), offset: at as u64 });
            }
        }
        // A CIFAR batch named like an archive is not one.
        let err = dataset_from_files(&[("batch.tar".into(), synthetic(3, 7))]).unwrap_err();
        assert_eq!(err, DataError::TarChecksum { file: "batch.tar".into(), offset: 0 });
    }

    #[test]
    fn signed_checksums_and_spaced_numbers_are_accepted() {
        let mut tar = small();
        let at = header_at(&tar, "data_batch_1.bin");
        let h: &mut [u8; BLOCK] = (&mut tar[at..at + BLOCK]).try_into().unwrap();
        h[124..136].copy_from_slice(format!("  {:o} \0\0\0\0", 2 * RECORD_BYTES).as_bytes());
        h[345] = 0xff; // a high byte: the signed and unsigned sums differ
        h[148..156].fill(b' ');
        let signed: i64 = h.iter().map(|&b| i64::from(b as i8)).sum();
        assert!(signed > 0);
        h[148..156].copy_from_slice(format!("{signed:06o}\0 ").as_bytes());
        assert_eq!(parse(&tar).unwrap().0.len(), 6);
    }

    #[test]
    fn a_size_that_is_not_an_octal_number_is_refused() {
        for size in [&b"0000000009a\0"[..], b"-0000000012\0", b"00000000 12\0"] {
            let mut tar = small();
            let at = header_at(&tar, "batches.meta.txt");
            let h: &mut [u8; BLOCK] = (&mut tar[at..at + BLOCK]).try_into().unwrap();
            h[124..136].copy_from_slice(size);
            seal(h);
            assert_eq!(
                parse(&tar).unwrap_err(),
                DataError::TarSize { file: "cifar-10-binary.tar.gz".into(), offset: at as u64 }
            );
        }
        assert_eq!(octal(b"777777777777"), Some(0o777777777777));
        assert_eq!(octal(b"\0\0\0\0"), Some(0));
    }

    #[test]
    fn a_batch_that_is_not_whole_records_is_refused() {
        let mut odd = synthetic(4, 0);
        odd.push(0);
        let tar = Tar::default()
            .file("cifar-10-batches-bin/data_batch_1.bin", &synthetic(2, 0))
            .file("cifar-10-batches-bin/data_batch_2.bin", &odd)
            .file("cifar-10-batches-bin/test_batch.bin", &synthetic(2, 0))
            .end();
        let err = parse(&gzip(&tar)).unwrap_err();
        let file = "cifar-10-batches-bin/data_batch_2.bin in cifar-10-binary.tar.gz".to_string();
        assert_eq!(err, DataError::CifarLength { file, len: 4 * 3073 + 1 });
        let empty = Tar::default().file("data_batch_1.bin", b"").file("test_batch.bin", &synthetic(1, 0)).end();
        assert!(matches!(parse(&empty), Err(DataError::CifarLength { len: 0, .. })));
    }

    #[test]
    fn an_archive_without_a_test_or_a_training_batch_is_refused() {
        let no_test = Tar::default()
            .file(&format!("{DIR}data_batch_1.bin"), &synthetic(2, 0))
            .file(&format!("{DIR}readme.html"), README)
            .end();
        let err = parse(&gzip(&no_test)).unwrap_err();
        assert_eq!(err, DataError::ArchiveMissing { file: "cifar-10-binary.tar.gz".into(), member: "test_batch.bin" });
        assert!(err.to_string().contains("cifar-10-binary.tar.gz"), "{err}");
        // The Python version: its batches are pickles without `.bin`.
        let python = Tar::default()
            .file("cifar-10-batches-py/data_batch_1", b"pickle")
            .file("cifar-10-batches-py/test_batch", b"pickle")
            .end();
        let err = parse(&python).unwrap_err();
        assert_eq!(
            err,
            DataError::ArchiveMissing { file: "cifar-10-binary.tar.gz".into(), member: "data_batch_N.bin" }
        );
        assert!(matches!(
            parse(&Tar::default().end()),
            Err(DataError::ArchiveMissing { member: "data_batch_N.bin", .. })
        ));
    }

    #[test]
    fn a_label_of_10_is_refused() {
        let mut batch = synthetic(4, 0);
        batch[2 * RECORD_BYTES] = 10;
        let tar = Tar::default()
            .file("data_batch_1.bin", &synthetic(3, 0))
            .file("d/data_batch_2.bin", &batch)
            .file("test_batch.bin", &synthetic(1, 0))
            .end();
        let err = parse(&tar).unwrap_err();
        let file = "d/data_batch_2.bin in cifar-10-binary.tar.gz".to_string();
        assert_eq!(err, DataError::BadLabel { file, index: 2, label: 10, max: 9 });
    }

    #[test]
    fn sizes_past_the_ceiling_or_the_input_are_refused_from_the_header() {
        // A skipped member claiming 600 MB: over the ceiling, refused without reading on.
        let huge = Tar::default().entry("readme.html", b'0', b"").end();
        let mut tar = huge.clone();
        tar[124..136].copy_from_slice(format!("{:011o}\0", 600_000_000).as_bytes());
        seal((&mut tar[..BLOCK]).try_into().unwrap());
        let start = Instant::now();
        let err = parse(&gzip(&tar)).unwrap_err();
        assert!(matches!(err, DataError::OutOfRange { what: "decoded size in bytes", .. }), "{err:?}");
        // A batch claiming 300 MB in a tiny input: refused before its sets are reserved.
        tar[..BLOCK].copy_from_slice(&header("data_batch_1.bin", 100_000 * RECORD_BYTES, b'0'));
        for bytes in [tar.clone(), gzip(&tar)] {
            let err = parse(&bytes).unwrap_err();
            assert_eq!(
                err,
                DataError::ArchiveTruncated {
                    file: "cifar-10-binary.tar.gz".into(),
                    within: "data_batch_1.bin".into()
                }
            );
        }
        assert!(start.elapsed() < Duration::from_millis(500), "took {:?}", start.elapsed());
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_ceiling() {
        // A valid archive, then 600 MB of zeros after its end: the reader stops at the ceiling.
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&small()).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..600 {
            enc.write_all(&zeros).unwrap();
        }
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 4 << 20, "{} bytes", bomb.len());
        let err = parse(&bomb).unwrap_err();
        assert!(matches!(err, DataError::OutOfRange { value, .. } if value > MAX_FILE_BYTES), "{err:?}");
    }

    #[test]
    fn the_full_archive_fits() {
        // 5 × 10,000 training and 10,000 test records, streamed into the gzip (all-grey pixels).
        let batch = synthetic(10_000, 128);
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&Tar::default().entry(DIR, b'5', b"").file(&format!("{DIR}batches.meta.txt"), META).0).unwrap();
        let pad = vec![0u8; padding(batch.len() as u64) as usize];
        for name in ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"] {
            enc.write_all(&header(&format!("{DIR}{name}.bin"), batch.len(), b'0')).unwrap();
            enc.write_all(&batch).unwrap();
            enc.write_all(&pad).unwrap();
        }
        enc.write_all(&Tar::default().file(&format!("{DIR}readme.html"), README).end()).unwrap();
        let (train, test) = parse(&enc.finish().unwrap()).unwrap();
        assert_eq!((train.len(), test.len()), (50_000, 10_000));
        assert_eq!((train.pixels.capacity(), test.pixels.capacity()), (50_000 * 3072, 10_000 * 3072));
        assert_eq!(&train.labels[..12], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    }

    #[test]
    fn an_archive_comes_alone() {
        let files =
            [("cifar-10-binary.tar.gz".to_string(), gzip(&small())), ("data_batch_1.bin".to_string(), synthetic(1, 0))];
        for pair in [files.clone(), [files[1].clone(), files[0].clone()]] {
            let err = dataset_from_files(&pair).unwrap_err();
            assert_eq!(err, DataError::ArchiveNotAlone { archive: "cifar-10-binary.tar.gz".into(), others: 1 });
        }
    }

    #[test]
    fn damaged_archives_never_panic() {
        let tar = small();
        let gz = gzip(&tar);
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..400 {
            for base in [&tar, &gz] {
                let mut bytes = base.clone();
                let at = next() as usize % bytes.len();
                bytes[at] ^= (next() % 255 + 1) as u8;
                let cut = bytes.len() - next() as usize % 64;
                let _ = parse(&bytes[..cut]);
            }
        }
        // Cut anywhere before the first zero block has been read whole: refused; after it: the
        // padding is not needed.
        let end = header_at(&tar, "readme.html") + 2 * BLOCK + BLOCK;
        for cut in (0..tar.len()).step_by(97) {
            assert_eq!(parse(&tar[..cut]).is_err(), cut < end, "cut at {cut}");
        }
    }
}
