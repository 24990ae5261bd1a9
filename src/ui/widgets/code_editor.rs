//! The Python lab's code editor: CodeMirror 6 with Python highlighting (`python/editor.js`,
//! built from npm into its own folder and fetched only when the view opens). Until it has
//! loaded, and if it cannot, a plain text box holds the code, with a sentence saying why.

use crate::web::js_error::describe;
use crate::web::views_module::cp_import;
use js_sys::{Function, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Props: the code to show, a number that changes when the view replaces the code (a template,
/// a file), and who hears every edit.
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The code.
    pub code: AttrValue,
    /// Changes whenever `code` replaces what the editor holds.
    pub generation: u32,
    /// Hears the code after every edit.
    pub on_change: Callback<String>,
}

/// The mounted editor: its handle (`get`, `set`, `focus`, `destroy`) and its change listener.
struct Mounted {
    handle: JsValue,
    _listener: Closure<dyn FnMut(String)>,
}

fn call(handle: &JsValue, name: &str, argument: &JsValue) {
    if let Ok(f) = Reflect::get(handle, &name.into()).and_then(|f| f.dyn_into::<Function>()) {
        let _ = f.call1(handle, argument);
    }
}

/// Loads the editor and mounts it on `parent` with the code `latest` holds once it has loaded
/// (not the code of the first render: a link's code arrives while the editor loads).
async fn mount(
    parent: web_sys::Element,
    latest: Rc<RefCell<AttrValue>>,
    on_change: Callback<String>,
) -> Result<Mounted, String> {
    let address = crate::web::python_workers::asset("python/editor.js")?;
    let module = JsFuture::from(cp_import(&address).map_err(|e| describe(&e))?)
        .await
        .map_err(|e| describe(&e))?;
    let mount: Function = Reflect::get(&module, &"mount".into())
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "editor.js has no mount function".to_owned())?;
    let listener = Closure::<dyn FnMut(String)>::new(move |text: String| on_change.emit(text));
    let options = js_sys::Object::new();
    let _ = Reflect::set(
        &options,
        &"label".into(),
        &"Python code: task(i, n) and task_async(i, n)".into(),
    );
    let code = JsValue::from_str(&latest.borrow());
    let arguments = js_sys::Array::of4(&parent, &code, listener.as_ref(), &options);
    let handle = mount
        .apply(&JsValue::NULL, &arguments)
        .map_err(|e| describe(&e))?;
    Ok(Mounted {
        handle,
        _listener: listener,
    })
}

/// The editor, or a plain text box while it loads or if it cannot. It mounts with the latest
/// code it was given, and shows the code again whenever `generation` changes once mounted.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    let latest: Rc<RefCell<AttrValue>> = use_mut_ref(|| props.code.clone());
    *latest.borrow_mut() = props.code.clone();
    let state = use_state(|| EditorState::Loading);
    {
        let (host, mounted, state) = (host.clone(), mounted.clone(), state.clone());
        let (latest, on_change) = (latest.clone(), props.on_change.clone());
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                let mounted = mounted.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match mount(parent, latest, on_change).await {
                        Ok(editor) => {
                            *mounted.borrow_mut() = Some(editor);
                            state.set(EditorState::Ready);
                        }
                        Err(error) => state.set(EditorState::Failed(error)),
                    }
                });
            }
            move || {
                if let Some(editor) = mounted.borrow_mut().take() {
                    call(&editor.handle, "destroy", &JsValue::UNDEFINED);
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        let code = props.code.clone();
        use_effect_with(props.generation, move |_| {
            if let Some(editor) = mounted.borrow().as_ref() {
                call(&editor.handle, "set", &JsValue::from_str(&code));
            }
        });
    }
    let fallback = !matches!(*state, EditorState::Ready);
    let oninput = {
        let on_change = props.on_change.clone();
        move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(area.value());
        }
    };
    html! {
        <div class="code-editor" data-editor={if fallback { "plain" } else { "codemirror" }}>
            if let EditorState::Failed(error) = &*state {
                <p class="warning" role="note">{ format!("The code editor could not load ({error}); a plain text box holds the code instead.") }</p>
            }
            <div class="editor-host" ref={host} hidden={fallback}></div>
            if fallback {
                <textarea id="python-code-plain" class="code-plain" spellcheck="false" rows="18"
                    aria-label="Python code: task(i, n) and task_async(i, n)"
                    value={props.code.clone()} {oninput} readonly={matches!(*state, EditorState::Loading)} />
            }
        </div>
    }
}

#[derive(Clone, PartialEq)]
enum EditorState {
    Loading,
    Ready,
    Failed(String),
}
