//! The one place that calls the desktop shell: every command travels through [`call`].

use pristan_ipc::{Command, Envelope, ErrorKind, IpcError, INVOKE_NAME};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// Tauri's `invoke`, present because the shell sets `app.withGlobalTauri`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// The arguments of the shell's single `ipc` command.
#[derive(Serialize)]
struct InvokeArgs<'a, C> {
    request: Envelope<&'a C>,
}

/// Sends `command` to the shell and waits for its answer.
pub async fn call<C: Command>(command: &C) -> Result<C::Response, IpcError> {
    let args = InvokeArgs {
        request: Envelope {
            name: C::NAME.to_owned(),
            args: command,
        },
    };
    // JSON-compatible, so that unit structs travel as `null` and maps as objects, as the shell's
    // serde_json expects.
    let args = args
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|err| internal(format!("could not encode {}: {err}", C::NAME)))?;
    match tauri_invoke(INVOKE_NAME, args).await {
        Ok(answer) => serde_wasm_bindgen::from_value(answer)
            .map_err(|err| internal(format!("could not read the answer to {}: {err}", C::NAME))),
        Err(rejection) => Err(rejection_to_error(rejection)),
    }
}

/// The shell rejects with a serialised [`IpcError`]; anything else (Tauri's own string errors, a
/// missing bridge) becomes an internal error that keeps its text for the report.
fn rejection_to_error(rejection: JsValue) -> IpcError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<IpcError>(rejection.clone()) {
        return error;
    }
    let text = if let Some(text) = rejection.as_string() {
        text
    } else if let Some(error) = rejection.dyn_ref::<js_sys::Error>() {
        String::from(error.to_string())
    } else {
        js_sys::JSON::stringify(&rejection)
            .ok()
            .and_then(|json| json.as_string())
            .unwrap_or_else(|| "the shell rejected the call".to_owned())
    };
    internal(text)
}

fn internal(message: String) -> IpcError {
    IpcError::new(ErrorKind::Internal, message)
}
