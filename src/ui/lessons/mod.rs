//! The lessons (`lessons=1`, `lesson=ID`, in the views module): the index, a lesson's page,
//! its question and explanation, the effects that fetch the lessons file, the runner of a
//! lesson's runs, and their prose.

pub mod effects;
pub mod explanation;
pub mod index;
pub mod page;
pub mod question;
pub mod runner;
pub mod text;
