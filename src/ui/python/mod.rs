//! The Python lab (`lab=python`, in the views module): students' own Python in real
//! interpreters; its page and results.

pub mod page;
pub mod results;
