//! `window.localStorage` behind the core's `KeyValue` trait. Every access may throw (storage
//! switched off, private modes, quota): each failure becomes a `StoreError`, never a panic.
//! When prerendering there is no browser: storage then reads as empty, as on a first visit.

use reader_core::store::{KeyValue, StoreError};
use wasm_bindgen::{JsCast, JsValue};

pub struct BrowserKv;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window()
        .ok_or_else(|| StoreError::Unavailable("there is no browser window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StoreError::Unavailable(
            "this browser offers no local storage".into(),
        )),
        Err(e) => Err(error(e)),
    }
}

fn error(e: JsValue) -> StoreError {
    if let Some(exception) = e.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || exception.code() == 22
        {
            return StoreError::QuotaExceeded;
        }
        return StoreError::Unavailable(format!("{name}: {}", exception.message()));
    }
    StoreError::Unavailable(
        e.as_string()
            .unwrap_or_else(|| "local storage refused access".into()),
    )
}

impl KeyValue for BrowserKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if crate::dom::PRERENDERING {
            return Ok(None);
        }
        storage()?.get_item(key).map_err(error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if crate::dom::PRERENDERING {
            return Ok(Vec::new());
        }
        let storage = storage()?;
        let len = storage.length().map_err(error)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(key) = storage.key(i).map_err(error)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
