//! What every view sits in: the app and its context, the reducer wrapper around
//! `app::AppState::apply`, the page's own effects, the nav between views, and the views
//! module's list of views.

pub mod app;
pub mod context;
pub mod effects;
pub mod nav;
pub mod state;
pub mod views;
