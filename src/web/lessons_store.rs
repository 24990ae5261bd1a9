//! The lessons' two contacts with the browser: fetching the lessons file beside the page (only
//! when a lessons view opens) and keeping the student's progress in local storage, which some
//! frames refuse.

use crate::lessons::Progress;
use crate::lessons::progress::STORAGE_KEY;

/// Where the lessons file is, relative to the page.
pub const LESSONS_FILE: &str = "lessons/lessons.json";

/// The lessons file's text, or a sentence saying why it could not be fetched.
pub async fn fetch_lessons() -> Result<String, String> {
    super::page::fetch_text(LESSONS_FILE)
        .await
        .map_err(|what| format!("The lessons file could not be fetched ({what})."))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The progress kept in local storage; `None` where the browser refuses storage.
pub fn read_progress() -> Option<Progress> {
    let storage = storage()?;
    let text = storage.get_item(STORAGE_KEY).ok()?;
    Some(text.map(|t| Progress::from_text(&t)).unwrap_or_default())
}

/// Keeps `progress` in local storage (removes the key when it is empty); false if refused.
pub fn write_progress(progress: &Progress) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    if progress.is_empty() {
        storage.remove_item(STORAGE_KEY).is_ok()
    } else {
        storage.set_item(STORAGE_KEY, &progress.to_text()).is_ok()
    }
}
