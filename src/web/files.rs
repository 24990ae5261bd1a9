//! Reading a file the visitor chose in a file field or dropped on the page, as text, refusing one that
//! is larger than the caller accepts before reading any of it.

use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};

/// The text of the file chosen in `input`: None if none is chosen, an error sentence if it is
/// larger than `max_bytes` (the most `what` can be) or cannot be read.
pub async fn chosen_text(
    input: &HtmlInputElement,
    max_bytes: usize,
    what: &str,
) -> Option<Result<String, String>> {
    let file = input.files()?.get(0)?;
    Some(file_text(&file, max_bytes, what).await)
}

/// The text of the first file dropped with `event`, as [`chosen_text`] reads one.
pub async fn dropped_text(
    event: &DragEvent,
    max_bytes: usize,
    what: &str,
) -> Option<Result<String, String>> {
    let file = event.data_transfer()?.files()?.get(0)?;
    Some(file_text(&file, max_bytes, what).await)
}

/// Every file chosen in `input`, by name with its text (each at most `max_bytes`), or the
/// sentence for the first that could not be read.
pub async fn chosen_texts(
    input: &HtmlInputElement,
    max_bytes: usize,
    what: &str,
) -> Result<Vec<(String, String)>, String> {
    let Some(files) = input.files() else {
        return Ok(Vec::new());
    };
    let mut read = Vec::new();
    for i in 0..files.length() {
        if let Some(file) = files.get(i) {
            read.push((file.name(), file_text(&file, max_bytes, what).await?));
        }
    }
    Ok(read)
}

async fn file_text(file: &File, max_bytes: usize, what: &str) -> Result<String, String> {
    if file.size() > max_bytes as f64 {
        return Err(format!(
            "{} is {} KB; {what} is at most {} KB, so this is not one.",
            file.name(),
            (file.size() / 1024.0).round(),
            max_bytes / 1024
        ));
    }
    let text = JsFuture::from(file.text()).await;
    text.ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{} could not be read as text.", file.name()))
}
