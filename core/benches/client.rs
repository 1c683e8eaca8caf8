//! Benchmark placeholder: being built.
fn main() {}
