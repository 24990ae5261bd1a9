//! What isolated the page, as far as it can tell honestly: it reads the isolation headers on a
//! fresh `HEAD` request for its own address (the host's, plus those the service worker adds when
//! it controls the page) and leaves the deciding to [`crate::model::isolation`].

use crate::model::isolation::{Mechanism, SeenHeaders, dip_supported, mechanism};
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &name.into()).ok()
}

/// The isolation headers on a response for this page's address, or `None` if it cannot fetch it.
pub async fn seen_headers() -> Option<SeenHeaders> {
    let window = web_sys::window()?;
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &"HEAD".into()).ok()?;
    Reflect::set(&init, &"cache".into(), &"no-store".into()).ok()?;
    let fetch: Function = get(&window, "fetch")?.dyn_into().ok()?;
    let href = window.location().href().ok()?;
    let promise: Promise = fetch
        .call2(&window, &href.into(), &init)
        .ok()?
        .dyn_into()
        .ok()?;
    let response = JsFuture::from(promise).await.ok()?;
    if get(&response, "ok")?.as_bool() != Some(true) {
        return None;
    }
    let headers = get(&response, "headers")?;
    let header: Function = get(&headers, "get")?.dyn_into().ok()?;
    Some(SeenHeaders::read(|name| {
        header.call1(&headers, &name.into()).ok()?.as_string()
    }))
}

/// What made this page cross-origin isolated (or that nothing did).
pub async fn find_mechanism(isolated: bool, in_frame: bool) -> Mechanism {
    let seen = if isolated { seen_headers().await } else { None };
    let user_agent = crate::web::page::user_agent();
    mechanism(isolated, in_frame, dip_supported(&user_agent), seen)
}
