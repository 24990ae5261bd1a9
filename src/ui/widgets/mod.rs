//! Pieces more than one view uses: the number field, notices, copy button, embed box, styled
//! attributes, code editor and the timeline lane.

pub mod code_editor;
pub mod copy_button;
pub mod embed_box;
pub mod field;
pub mod lane;
pub mod notices;
pub mod styled;
