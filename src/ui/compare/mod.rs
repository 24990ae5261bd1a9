//! The compare view (`compare=1`, in the views module): the main lab with a classmate's run imported beside this page's.

pub mod page;
