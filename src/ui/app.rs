//! Prototype page: runs every mode on the default settings and prints the results.

use crate::engine::RunRequest;
use crate::settings::{Mode, Settings};
use crate::web::run_mode::{Inbox, run_in_workers};
use crate::workloads::{Calibration, Plan};
use yew::prelude::*;

/// The app.
#[component]
pub fn App() -> Html {
    let lines = use_state(Vec::<String>::new);
    let onclick = {
        let lines = lines.clone();
        move |_| {
            let lines = lines.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut out = Vec::new();
                let cores = crate::web::isolation::cores_reported();
                let settings = Settings::defaults(cores);
                let plan = Plan::new(&settings, Calibration::default());
                for &mode in Mode::ALL {
                    if mode.needs_shared_memory()
                        && !crate::web::isolation::shared_memory_available()
                    {
                        out.push(format!("{mode}: unavailable"));
                        continue;
                    }
                    let request = RunRequest {
                        mode,
                        settings: settings.clone(),
                        plan: plan.clone(),
                        fault: None,
                    };
                    let mut inbox = Inbox::new();
                    let result = run_in_workers(request, &mut inbox, &mut |_| {}).await;
                    out.push(match result {
                        Ok((record, _)) => format!(
                            "{mode}: wall {:.1} ms, startup {:.1} ms, checksum {}, lanes {}",
                            record.wall_ms,
                            record.startup_ms,
                            record.result.checksum,
                            record.lanes.len()
                        ),
                        Err(e) => format!("{mode}: {e:?}"),
                    });
                    lines.set(out.clone());
                }
            });
        }
    };
    html! {
        <div>
            <p id="isolated">{ format!("isolated: {}", crate::web::isolation::cross_origin_isolated()) }</p>
            <button id="run" {onclick}>{ "Run" }</button>
            <ul id="out">
                for line in lines.iter() { <li>{ line }</li> }
            </ul>
        </div>
    }
}
