//! The page's entry point: mounts the app (nothing else).

fn main() {}
