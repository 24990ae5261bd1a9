//! Reading a file the visitor chose (or dropped on the file field), as text, refusing one that
//! is larger than the caller accepts before reading any of it.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

/// The text of the file chosen in `input`: None if none is chosen, an error sentence if it is
/// larger than `max_bytes` or cannot be read.
pub async fn chosen_text(
    input: &HtmlInputElement,
    max_bytes: usize,
) -> Option<Result<String, String>> {
    let file = input.files()?.get(0)?;
    if file.size() > max_bytes as f64 {
        return Some(Err(format!(
            "{} is {} KB; a program's output is at most {} KB. Choose the file the program printed into.",
            file.name(),
            (file.size() / 1024.0).round(),
            max_bytes / 1024
        )));
    }
    let text = JsFuture::from(file.text()).await;
    Some(
        text.ok()
            .and_then(|t| t.as_string())
            .ok_or_else(|| format!("{} could not be read as text.", file.name())),
    )
}
