#[cfg(not(feature = "ssr"))]
mod add_articles;
mod article;
mod library;
mod not_found;
mod transfer;

pub use article::ArticlePage;
#[cfg(feature = "lazy")]
pub(crate) use library::preload_library;
pub use library::{LibraryPage, SearchRequested};
pub use not_found::NotFound;
