//! Bytes to text by content, not by file name: BOM first, then strict UTF-8, then a
//! chardetng guess among legacy encodings. Binary and empty files are refused with a reason.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Why a file is not text we can show.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (it contains NUL bytes), not text")]
    Binary,
    #[error("the file contains only whitespace")]
    Blank,
}

/// How much of the start of a file is sniffed for NUL bytes and BOM-less UTF-16.
const SNIFF_BYTES: usize = 8192;

/// Decodes a whole file. Line endings are normalized to `\n` so offsets mean the same on
/// every platform.
pub fn decode_text(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned()
    } else if let Some(encoding) = sniff_utf16(bytes) {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    } else if memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_BYTES)]).is_some() {
        return Err(DecodeError::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                let encoding = detector.guess(None, true);
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            }
        }
    };
    let text = normalize_newlines(text);
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(text)
}

/// BOM-less UTF-16 of mostly ASCII text has a NUL in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |count: usize| count * 10 >= pairs * 7;
    let rarely = |count: usize| count * 10 <= pairs;
    if mostly(odd_nuls) && rarely(even_nuls) {
        Some(UTF_16LE)
    } else if mostly(even_nuls) && rarely(odd_nuls) {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn normalize_newlines(text: String) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_supported_encoding() {
        let cases: &[(&[u8], &str)] = &[
            (b"Quito, 2000", "Quito, 2000"),
            (b"\xEF\xBB\xBFGutierrez", "Gutierrez"),
            (b"\xFF\xFEQ\x00u\x00i\x00", "Qui"),
            (b"\xFE\xFF\x00Q\x00u", "Qu"),
            (b"Q\x00u\x00i\x00t\x00o\x00", "Quito"),
            (b"Guti\xE9rrez fled to Bras\xEDlia on Wednesday", "Gutiérrez fled to Brasília on Wednesday"),
            (b"line one\r\nline two\r", "line one\nline two\n"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(decode_text(bytes).as_deref(), Ok(*expected), "bytes {bytes:?}");
        }
    }

    #[test]
    fn refuses_empty_blank_and_binary_files() {
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b" \n\t\n"), Err(DecodeError::Blank));
        assert_eq!(decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"), Err(DecodeError::Binary));
    }
}
