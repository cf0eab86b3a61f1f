mod article_body;
mod article_figure;
mod article_meta;
mod facts_sidebar;

pub use article_body::ArticleBody;
pub use article_figure::ArticleFigure;
pub use article_meta::ArticleMeta;
pub use facts_sidebar::FactsSidebar;
