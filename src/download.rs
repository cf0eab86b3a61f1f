//! Saving text as a file download (exports, kept-aside data). Made in the page, never fetched.

use wasm_bindgen::JsCast;

pub fn download(file_name: &str, mime: &str, contents: &str) {
    download_value(file_name, mime, &contents.into());
}

/// [`download`] of text the page holds as a JavaScript string (a backup the worker wrote),
/// never copied into the app's memory.
pub fn download_value(file_name: &str, mime: &str, contents: &wasm_bindgen::JsValue) {
    let parts = js_sys::Array::of1(contents);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    // Revoked later: some engines start reading the blob only after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}
