//! The page's state and rules as plain Rust, with no browser types, tested natively: what a
//! link opens ([`link`]), what the page shows and allows ([`state`]), what it shares and is given beside
//! its run ([`share`]), and every change to it ([`action`]). The UI renders an
//! [`AppState`] and dispatches [`Action`]s; its Yew reducer is a wrapper around
//! [`AppState::apply`].

pub mod action;
pub mod environment;
pub mod faults;
pub mod lesson;
pub mod link;
pub mod share;
pub mod state;

pub use action::Action;
pub use state::AppState;

#[cfg(test)]
mod lesson_tests;
#[cfg(test)]
mod share_tests;
#[cfg(test)]
mod tests;
