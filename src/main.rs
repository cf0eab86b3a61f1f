//! The browser entry point (built by Trunk with the `csr` feature).

fn main() {
    #[cfg(feature = "csr")]
    reader::start();
}
