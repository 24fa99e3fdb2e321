//! The zip file the export writes all tables into.
//!
//! Our own writer, on the deflate of `compress` (miniz_oxide, already in the build for
//! share links and storage): about sixty lines, where a zip crate would add its own
//! deflate and archive code to the wasm bundle for a feature that only ever writes eight
//! small files.

use crate::domain::compress::{compress, crc32};

/// A date and time for the entries of a zip file (the domain has no clock; the app passes
/// the local time).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ZipTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

/// A zip file (PKWARE APPNOTE 6.3) of deflated entries: local headers, data, central
/// directory, end record. No zip64: Cairn's tables stay far below 4 GB.
pub(crate) fn zip(files: &[(&str, Vec<u8>)], time: Option<ZipTime>) -> Vec<u8> {
    let (date, time) = match time {
        Some(t) => (
            (t.year.saturating_sub(1980).min(127)) << 9 | (t.month as u16) << 5 | t.day as u16,
            (t.hour as u16) << 11 | (t.minute as u16) << 5,
        ),
        None => (1 << 5 | 1, 0),
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for (name, data) in files {
        let packed = compress(data);
        let (crc, offset) = (crc32(data), out.len() as u32);
        // Local file header.
        u32le(&mut out, 0x0403_4B50);
        for n in [20, 0, 8, time, date] {
            u16le(&mut out, n); // version needed 2.0, flags, deflate, time, date
        }
        for n in [crc, packed.len() as u32, data.len() as u32] {
            u32le(&mut out, n);
        }
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        // Its central directory entry.
        u32le(&mut central, 0x0201_4B50);
        for n in [20, 20, 0, 8, time, date] {
            u16le(&mut central, n); // made by 2.0, needed 2.0, flags, deflate, time, date
        }
        for n in [crc, packed.len() as u32, data.len() as u32] {
            u32le(&mut central, n);
        }
        for n in [name.len() as u16, 0, 0, 0, 0] {
            u16le(&mut central, n); // name, extra, comment lengths, disk, internal attributes
        }
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let directory_at = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4B50);
    for n in [0, 0, files.len() as u16, files.len() as u16] {
        u16le(&mut out, n);
    }
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, directory_at);
    u16le(&mut out, 0);
    out
}
