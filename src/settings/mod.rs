//! Settings: the one name, unit, default, range and meaning of every setting, parsing from
//! the text of the form and the URL, and the permalink scheme. Plain Rust, no browser types.

pub mod accepts;
pub mod names;
pub mod query;
pub mod spec;
pub mod values;

pub use names::{Experiment, GilVersion, Mode, Precision, Split, WorkloadKind};
pub use spec::Key;
pub use values::{SettingError, Settings};
