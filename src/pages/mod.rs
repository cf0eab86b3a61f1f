mod article;
mod library;
mod not_found;

pub use article::ArticlePage;
pub use library::LibraryPage;
pub use not_found::NotFound;
