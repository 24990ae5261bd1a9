//! The code in a link: `code=1.` followed by the code compressed (raw DEFLATE, which the
//! browser's `CompressionStream("deflate-raw")` writes) in base64url without padding. The
//! version comes first so that a page can tell a link it cannot read from a broken one. The
//! compression itself is the browser's; this checks the text and its limits.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The version this page writes and reads.
pub const VERSION: &str = "1";

/// The longest `code` value a link may carry, in characters: longer code travels as a file
/// (some servers and course sites refuse addresses much longer than 8,000 characters).
pub const MAX_LINK_CHARS: usize = 6_000;

/// The most code the view accepts, from a link, a file or the editor, in bytes of UTF-8.
pub const MAX_CODE_BYTES: usize = 100_000;

/// The `code` value for code compressed to `compressed`, or `None` if it is too long for a
/// link.
pub fn encode(compressed: &[u8]) -> Option<String> {
    let text = format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed));
    (text.len() <= MAX_LINK_CHARS).then_some(text)
}

/// The compressed bytes a link's `code` value carries.
///
/// # Errors
/// A sentence for the page: what is wrong with the value.
pub fn decode(value: &str) -> Result<Vec<u8>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("code: the link carries no code; the template is shown instead.".to_owned());
    }
    if value.len() > MAX_LINK_CHARS {
        return Err(format!(
            "code: the link's code is {} characters long, over the {MAX_LINK_CHARS} a link may carry; \
             the template is shown instead. Long code travels as a file (Download and Open file).",
            value.len()
        ));
    }
    let Some((version, body)) = value.split_once('.') else {
        return Err(
            "code: the link's code has no version (it should start with \"1.\"); the template is shown instead."
                .to_owned(),
        );
    };
    if version != VERSION {
        return Err(format!(
            "code: the link's code is in version {:?}, which this page does not read (it reads version {VERSION}); the template is shown instead.",
            version.chars().take(12).collect::<String>()
        ));
    }
    URL_SAFE_NO_PAD.decode(body).map_err(|_| {
        "code: the link's code is not valid base64url (was the link cut or changed?); the template is shown instead."
            .to_owned()
    })
}

/// Checks code the view was given, decompressed and decoded.
///
/// # Errors
/// A sentence for the page, if it is too long or holds a NUL character.
pub fn check_code(code: &str) -> Result<(), String> {
    if code.len() > MAX_CODE_BYTES {
        return Err(format!(
            "The code is {} bytes long; this page takes at most {MAX_CODE_BYTES} bytes.",
            code.len()
        ));
    }
    if code.contains('\0') {
        return Err("The code holds a NUL character, which Python source may not.".to_owned());
    }
    Ok(())
}
