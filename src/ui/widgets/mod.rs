//! Pieces more than one view uses: the number field, notices, copy button, embed box, styled
//! attributes, code editor, the timeline lane (`lane.rs`, in every timeline) and a chart of lanes
//! on its own scale (`lanes.rs`), and their prose.

pub mod code_editor;
pub mod copy_button;
pub mod embed_box;
pub mod field;
pub mod lane;
pub mod lanes;
pub mod notices;
pub mod replay;
pub mod styled;
pub mod text;
