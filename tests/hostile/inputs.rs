//! Builds the hostile inputs, runs the binary under a time and memory watch,
//! and checks the outputs account for every unit.

use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a unit must become.
#[derive(Clone, Debug)]
pub enum Expect {
    /// A document whose text contains every one of these words.
    Doc(&'static [&'static str]),
    /// A reject with one of these reasons, its detail containing the text.
    Reject(&'static [&'static str], &'static str),
    /// A document or a reject with one of these reasons (as root, a file
    /// without permissions is still readable).
    DocOrReject(&'static [&'static str]),
}

/// A news paragraph that survives cleaning, about `place`.
pub fn article(place: &str) -> String {
    format!(
        "Officials in {place} said on Tuesday that the regional council had approved a new budget for \
         public transport, after months of debate between the ruling coalition and the opposition.\n\
         The plan, which the council's finance committee drafted in March, sets aside money for new \
         tram lines, longer night services and cheaper tickets for students and pensioners.\n\
         Critics in {place} argued that the budget relies on optimistic forecasts of tax revenue, \
         and several members of the opposition voted against the final text of the agreement.\n"
    )
}

/// A deterministic byte stream (xorshift), for the binary inputs.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// A gzip member whose body is `total` zero bytes, built from the
/// compressed form of one 1 MiB chunk repeated (each chunk ends in a full
/// flush, so every chunk's compressed bytes are the same): a single-member
/// bomb of about 1 MiB per GiB, written without compressing the whole GiB.
fn gzip_bomb(path: &Path, total_mib: usize) {
    use flate2::{Compress, Compression, Crc, FlushCompress};
    let chunk = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let deflate_chunk = |c: &mut Compress, input: &[u8], flush| {
        let mut out = Vec::with_capacity(64 << 10);
        let before = c.total_in();
        loop {
            let consumed = (c.total_in() - before) as usize;
            c.compress_vec(&input[consumed..], &mut out, flush).unwrap();
            if (c.total_in() - before) as usize == input.len() && out.len() < out.capacity() {
                return out;
            }
            out.reserve(64 << 10);
        }
    };
    let first = deflate_chunk(&mut c, &chunk, FlushCompress::Full);
    let second = deflate_chunk(&mut c, &chunk, FlushCompress::Full);
    let third = deflate_chunk(&mut c, &chunk, FlushCompress::Full);
    assert_eq!(second, third, "full-flushed chunks compress alike");
    let finish = deflate_chunk(&mut c, &[], FlushCompress::Finish);
    let mut crc_chunk = Crc::new();
    crc_chunk.update(&chunk);
    let mut crc = Crc::new();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    // Header: magic, deflate, no flags, no mtime, max compression, unix.
    f.write_all(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]).unwrap();
    f.write_all(&first).unwrap();
    crc.combine(&crc_chunk);
    for _ in 1..total_mib {
        f.write_all(&second).unwrap();
        crc.combine(&crc_chunk);
    }
    f.write_all(&finish).unwrap();
    f.write_all(&crc.sum().to_le_bytes()).unwrap();
    f.write_all(&((total_mib as u64) << 20).to_le_bytes()[..4])
        .unwrap();
    f.flush().unwrap();
}

/// A zstd stream of `total_mib` frames of 1 MiB of zeros each (a decoder
/// reads concatenated frames as one stream).
fn zstd_bomb(path: &Path, total_mib: usize) {
    let frame = zstd::bulk::compress(&vec![0u8; 1 << 20], 19).unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for _ in 0..total_mib {
        f.write_all(&frame).unwrap();
    }
    f.flush().unwrap();
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Writes the hostile inputs under `dir`; gives each unit's `source` and
/// what it must become.
pub fn generate(dir: &Path) -> BTreeMap<String, Expect> {
    use Expect::*;
    let mut exp = BTreeMap::new();
    let put = |exp: &mut BTreeMap<String, Expect>, rel: &str, bytes: &[u8], e: Expect| {
        // `file.jsonl#1` names the file's first line.
        write(&dir.join(rel.split('#').next().unwrap()), bytes);
        exp.insert(rel.to_string(), e);
    };

    put(&mut exp, "empty.txt", b"", Reject(&["empty"], ""));
    put(
        &mut exp,
        "blank.txt",
        b" \n\t\r\n  \n",
        Reject(&["empty"], ""),
    );
    put(
        &mut exp,
        "random.txt",
        &noise(256 << 10, 7),
        Reject(&["binary", "not_utf8_undecodable"], ""),
    );
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0".to_vec();
    elf.extend(noise(64 << 10, 11));
    put(
        &mut exp,
        "program.txt",
        &elf,
        Reject(&["binary", "not_utf8_undecodable"], ""),
    );
    put(
        &mut exp,
        "program.html",
        &elf,
        Reject(&["binary", "not_utf8_undecodable"], ""),
    );

    // A few NULs in a long text: stripped, the text kept (under one
    // control byte in a thousand); a NUL every 20 bytes: binary.
    let nul = article("Nulltown").repeat(5).into_bytes();
    let mut few = nul.clone();
    few.insert(400, 0);
    few.insert(900, 0);
    put(
        &mut exp,
        "nul-inside.txt",
        &few,
        Doc(&["Nulltown", "regional council"]),
    );
    let many: Vec<u8> = nul.chunks(20).flat_map(|c| [c, b"\0"].concat()).collect();
    put(
        &mut exp,
        "nul-every-20-bytes.txt",
        &many,
        Reject(&["binary"], ""),
    );

    // Société Générale ... € ... café, in windows-1252 (0x80 is €).
    let cp1252 = format!(
        "Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale said on Monday it would pay \u{20ac}5 million to the caf\u{e9} owners of Paris.\n{}",
        article("Marseille")
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&cp1252);
    assert!(!bad);
    put(
        &mut exp,
        "cp1252.txt",
        &bytes,
        Doc(&["Société Générale", "€5 million", "café", "Marseille"]),
    );
    let latin1 = format!(
        "J\u{fc}rgen M\u{fc}ller, the mayor of Z\u{fc}rich, told reporters on Monday that the talks with \u{c9}milie Sch\u{f6}n about next year's budget would continue.\n{}",
        article("Zürich")
    );
    let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    put(
        &mut exp,
        "latin1.txt",
        &bytes,
        Doc(&["Jürgen Müller", "Émilie Schön", "Zürich"]),
    );
    let utf16_text = format!("Stra\u{df}burg \u{2014} {}", article("Straßburg"));
    put(
        &mut exp,
        "utf16le.txt",
        &utf16(&utf16_text, false),
        Doc(&["Straßburg", "regional council"]),
    );
    put(
        &mut exp,
        "utf16be.txt",
        &utf16(&utf16_text, true),
        Doc(&["Straßburg", "regional council"]),
    );
    let mut stray = article("Reykjavik").into_bytes();
    stray.insert(120, 0xff);
    stray.insert(300, 0xc3);
    stray.extend_from_slice(b"\xfe\xfe The end.\n");
    put(
        &mut exp,
        "stray-bytes.txt",
        &stray,
        Doc(&["Reykjavik", "regional council"]),
    );
    put(
        &mut exp,
        "stray-bytes.jsonl#1",
        &[
            b"{\"text\":\"".as_slice(),
            &stray
                .iter()
                .filter(|&&b| b != b'\n')
                .copied()
                .collect::<Vec<_>>(),
            b"\"}\n",
        ]
        .concat(),
        Doc(&["Reykjavik"]),
    );
    let mut noext = article("Noext").into_bytes();
    noext.extend_from_slice(b"!");
    put(
        &mut exp,
        "README",
        &noext,
        Reject(&["unsupported_format"], ""),
    );
    put(
        &mut exp,
        "weird.xyz~",
        &noext,
        Reject(&["unsupported_format"], ""),
    );
    put(
        &mut exp,
        "photo.JPEG.gz",
        &noise(1000, 3),
        Reject(&["unsupported_format"], ""),
    );

    // One 50 MB line: over the 16 MiB document limit, rejected unread by the cleaner.
    let mut line = Vec::with_capacity(50_000_000);
    let sentence = b"The council met again and the debate went on without a pause or a full stop ";
    while line.len() < 50_000_000 {
        line.extend_from_slice(sentence);
    }
    put(
        &mut exp,
        "one-line-50mb.txt",
        &line,
        Reject(&["too_large"], "limit 16777216"),
    );
    // One 2 MB line under the limit: processed, in linear time.
    let mut line = String::new();
    let art = article("Longline").replace('\n', " ");
    while line.len() < 2_000_000 {
        line.push_str(&art);
    }
    put(
        &mut exp,
        "one-line-2mb.txt",
        line.as_bytes(),
        Doc(&["Longline"]),
    );

    // Compressed: a good file, a truncated one, garbage, two bombs.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article("Gzipville").repeat(4).as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    put(&mut exp, "good.txt.gz", &gz, Doc(&["Gzipville"]));
    put(
        &mut exp,
        "truncated.txt.gz",
        &gz[..gz.len() / 2],
        Reject(&["unreadable"], ""),
    );
    put(
        &mut exp,
        "garbage.txt.gz",
        &noise(5000, 5),
        Reject(&["unreadable"], ""),
    );
    put(
        &mut exp,
        "garbage.jsonl.zst#1",
        &noise(5000, 9),
        Reject(&["unreadable"], ""),
    );
    let mut jz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for place in ["Alpha", "Beta"] {
        writeln!(jz, "{}", serde_json::json!({ "text": article(place) })).unwrap();
    }
    jz.flush().unwrap();
    let whole = jz.get_ref().len();
    writeln!(jz, "{}", serde_json::json!({ "text": article("Gamma") })).unwrap();
    let jz = jz.finish().unwrap();
    // The first two lines are whole; the stream breaks inside the third.
    let cut = &jz[..whole + 8];
    write(&dir.join("truncated.jsonl.gz"), cut);
    exp.insert("truncated.jsonl.gz#1".into(), Doc(&["Alpha"]));
    exp.insert("truncated.jsonl.gz#2".into(), Doc(&["Beta"]));
    exp.insert("truncated.jsonl.gz#3".into(), Reject(&["unreadable"], ""));
    gzip_bomb(&dir.join("bomb.txt.gz"), 1024);
    exp.insert(
        "bomb.txt.gz".into(),
        Reject(&["too_large"], "decompression bomb"),
    );
    zstd_bomb(&dir.join("bomb.jsonl.zst"), 1024);
    exp.insert(
        "bomb.jsonl.zst#1".into(),
        Reject(&["too_large"], "decompression bomb"),
    );

    // JSON Lines: broken lines among good ones, and a 20 MB line.
    let lines: Vec<(Vec<u8>, Option<Expect>)> = vec![
        (
            serde_json::json!({ "text": article("Oslo") })
                .to_string()
                .into_bytes(),
            Some(Doc(&["Oslo"])),
        ),
        (b"{broken".to_vec(), Some(Reject(&["parse_error"], ""))),
        (b"   ".to_vec(), None),
        (b"[1, 2, 3]".to_vec(), Some(Reject(&["parse_error"], ""))),
        (
            b"\"just a string\"".to_vec(),
            Some(Reject(&["parse_error"], "")),
        ),
        (
            b"{\"text\": 5}".to_vec(),
            Some(Reject(&["parse_error"], "")),
        ),
        (b"{\"text\": \"\"}".to_vec(), Some(Reject(&["empty"], ""))),
        (
            b"{\"text\": \"a\\u0000b\", \"title\": {\"x\": [1]}}".to_vec(),
            Some(Reject(&["binary", "empty"], "")),
        ),
        (
            noise(3000, 13)
                .into_iter()
                .filter(|&b| b != b'\n')
                .collect(),
            Some(Reject(
                &["binary", "not_utf8_undecodable", "parse_error"],
                "",
            )),
        ),
        (
            b"{\"text\": \"unterminated".to_vec(),
            Some(Reject(&["parse_error"], "")),
        ),
        (
            format!(
                "{{\"html\": {}}}",
                serde_json::json!(format!(
                    "<html><body><article><p>{}</p></article></body></html>",
                    article("Bergen")
                ))
            )
            .into_bytes(),
            Some(Doc(&["Bergen"])),
        ),
        (
            [b"{\"text\":\"".as_slice(), &vec![b'x'; 20 << 20], b"\"}"].concat(),
            Some(Reject(&["too_large"], "limit 16777216")),
        ),
        (
            b"{\"text\":\"x\"".to_vec(),
            Some(Reject(&["parse_error"], "")),
        ),
        (
            serde_json::json!({ "text": article("Trondheim") })
                .to_string()
                .into_bytes(),
            Some(Doc(&["Trondheim"])),
        ),
    ];
    let mut jsonl = Vec::new();
    for (i, (line, e)) in lines.into_iter().enumerate() {
        jsonl.extend_from_slice(&line);
        jsonl.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
        if let Some(e) = e {
            exp.insert(format!("lines.jsonl#{}", i + 1), e);
        }
    }
    // A last line without its newline.
    jsonl.extend_from_slice(
        serde_json::json!({ "body": article("Tromsø") })
            .to_string()
            .as_bytes(),
    );
    exp.insert("lines.jsonl#15".into(), Doc(&["Tromsø"]));
    write(&dir.join("lines.jsonl"), &jsonl);

    // HTML nested 200,000 divs deep, and unclosed tags by the thousand.
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(200_000));
    html.push_str(&format!("<p>{}</p>", article("Deepdale")));
    html.push_str(&"</div>".repeat(200_000));
    html.push_str("</body></html>");
    put(
        &mut exp,
        "nested.html",
        html.as_bytes(),
        Reject(&["too_large"], "nested"),
    );
    let mut unclosed = format!("<html><body><article><p>{}</p>", article("Openend"));
    unclosed.push_str(&"<b><i><span>".repeat(1000));
    put(
        &mut exp,
        "unclosed.html",
        unclosed.as_bytes(),
        DocOrReject(&["too_large", "empty"]),
    );

    // A symlink loop, a dangling link, a link to a file, a FIFO, a locked file.
    put(
        &mut exp,
        "loop/inner.txt",
        article("Loopton").as_bytes(),
        Doc(&["Loopton"]),
    );
    std::os::unix::fs::symlink("..", dir.join("loop/loop")).unwrap();
    exp.insert(
        "loop/loop".into(),
        Reject(&["skipped_symlink"], "loops back"),
    );
    std::os::unix::fs::symlink(".", dir.join("loop/self")).unwrap();
    exp.insert(
        "loop/self".into(),
        Reject(&["skipped_symlink"], "loops back"),
    );
    std::os::unix::fs::symlink("/nonexistent/nowhere.txt", dir.join("dangling.txt")).unwrap();
    exp.insert("dangling.txt".into(), Reject(&["unreadable"], "dangling"));
    std::os::unix::fs::symlink("loop/inner.txt", dir.join("link.txt")).unwrap();
    exp.insert("link.txt".into(), Doc(&["Loopton"]));
    let fifo = Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    put(
        &mut exp,
        "locked.txt",
        article("Lockwood").as_bytes(),
        Reject(&["unreadable"], ""),
    );
    let locked = dir.join("locked.txt");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::File::open(&locked).is_ok() {
        // Root reads it anyway: the assertion is moot.
        exp.insert("locked.txt".into(), DocOrReject(&["unreadable"]));
    }
    write(&dir.join(".hidden.txt"), article("Hidden"));
    exp
}

/// How a watched run went.
pub struct Run {
    pub code: Option<i32>,
    pub stderr: String,
    pub wall: Duration,
    /// Peak resident set (VmHWM), when /proc tells it.
    pub peak_rss_kb: Option<u64>,
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the binary with `args`, polling its peak RSS from /proc until it
/// exits; kills it and fails past `timeout` (a hang).
pub fn run_bounded(args: &[&OsStr], timeout: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr_pipe, &mut s);
        s
    });
    let mut peak = None;
    let status = loop {
        if let Some(kb) = vm_hwm_kb(child.id()) {
            peak = Some(peak.map_or(kb, |p: u64| p.max(kb)));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "newsgraph {args:?} still running after {timeout:?} (peak RSS {peak:?} KiB): a hang"
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stderr: reader.join().unwrap(),
        wall: started.elapsed(),
        peak_rss_kb: peak,
    }
}

fn records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `(source, reason, detail)` of every reject in the output directory.
pub fn rejects(out: &Path) -> Vec<(String, String, String)> {
    records(&out.join("rejects.jsonl"))
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("source"), s("reason"), s("detail"))
        })
        .collect()
}

/// Every expected unit is there exactly once as what it must be; nothing
/// else is; the manifest's counts agree with the files.
pub fn expect_all(out: &Path, expected: &BTreeMap<String, Expect>) {
    let docs = records(&out.join("documents.jsonl"));
    let rejects = rejects(out);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for d in &docs {
        let source = d["source"].as_str().unwrap();
        *seen.entry(source.into()).or_default() += 1;
        let text = d["text"].as_str().unwrap();
        match expected.get(source) {
            Some(Expect::Doc(words)) => {
                for w in *words {
                    if !text.contains(w) {
                        problems.push(format!(
                            "{source}: document text lacks {w:?}: {:?}",
                            &text[..text.len().min(300)]
                        ));
                    }
                }
            }
            Some(Expect::DocOrReject(_)) => {}
            other => problems.push(format!("{source}: a document, expected {other:?}")),
        }
    }
    for (source, reason, detail) in &rejects {
        *seen.entry(source.clone()).or_default() += 1;
        let (reasons, needle) = match expected.get(source) {
            Some(Expect::Reject(reasons, needle)) => (*reasons, *needle),
            Some(Expect::DocOrReject(reasons)) => (*reasons, ""),
            other => {
                problems.push(format!(
                    "{source}: reject {reason} ({detail}), expected {other:?}"
                ));
                continue;
            }
        };
        if !reasons.contains(&reason.as_str()) {
            problems.push(format!(
                "{source}: reject {reason} ({detail}), expected one of {reasons:?}"
            ));
        } else if !detail.contains(needle) {
            problems.push(format!("{source}: detail {detail:?} lacks {needle:?}"));
        }
    }
    for (source, n) in &seen {
        if *n > 1 {
            problems.push(format!("{source}: {n} units"));
        }
    }
    for source in expected.keys() {
        if !seen.contains_key(source) {
            problems.push(format!("{source}: lost (neither a document nor a reject)"));
        }
    }
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    if manifest["counts"]["documents"] != docs.len() {
        problems.push(format!(
            "manifest documents {} vs {}",
            manifest["counts"]["documents"],
            docs.len()
        ));
    }
    if manifest["counts"]["rejects"] != rejects.len() {
        problems.push(format!(
            "manifest rejects {} vs {}",
            manifest["counts"]["rejects"],
            rejects.len()
        ));
    }
    let mut by_reason: BTreeMap<String, u64> = BTreeMap::new();
    for (_, reason, _) in &rejects {
        *by_reason.entry(reason.clone()).or_default() += 1;
    }
    let manifest_by_reason: BTreeMap<String, u64> =
        serde_json::from_value(manifest["rejects_by_reason"].clone()).unwrap();
    if manifest_by_reason != by_reason {
        problems.push(format!(
            "manifest rejects_by_reason {manifest_by_reason:?} vs {by_reason:?}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
