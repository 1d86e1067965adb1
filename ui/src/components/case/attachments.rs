//! `#case-attachments`: photos and scans kept in the vault. Pictures are shown in the window from
//! their bytes (a `data:` URL, never a file); export writes an unencrypted copy to Downloads and
//! says where, with a warning.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use pristan_ipc::{AddAttachment, ExportAttachment, GetAttachment};
use pristan_model::{Attachment, EntityId, EntityType, Stored};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{on_submit, set, use_form_status, CaseSection, SectionProps};
use crate::components::{ConfirmButton, TextField};
use crate::format::megabytes;
use crate::i18n::{use_i18n, I18n};

/// The largest file the vault keeps (the core's `MAX_ATTACHMENT_BYTES`), checked here first so
/// that a too-large file is refused before it is read into memory.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

#[function_component]
pub fn AttachmentsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let attachments = &props.file.attachments;
    html! {
        <CaseSection id="case-attachments" title={i18n.t("attachments-title")}>
            if attachments.is_empty() {
                <p class="muted">{ i18n.t("attachments-none") }</p>
            } else {
                <ul class="plain-list">
                    { for attachments.iter().map(|attachment| html! {
                        <AttachmentItem key={attachment.id.to_string()} section={props.clone()}
                            attachment={attachment.clone()} />
                    }) }
                </ul>
            }
            <AttachmentForm section={props.clone()} />
        </CaseSection>
    }
}

#[derive(Properties, PartialEq)]
struct AttachmentItemProps {
    section: SectionProps,
    attachment: Stored<Attachment>,
}

#[function_component]
fn AttachmentItem(props: &AttachmentItemProps) -> Html {
    let i18n = use_i18n();
    let record = &props.attachment.record;
    let id = props.attachment.id;
    let is_image = record.media_type.as_str().starts_with("image/");
    // The picture's data URL while it is shown; dropped when hidden, so it is not kept around.
    let picture = use_state(|| None::<String>);
    let exported = use_state(|| None::<String>);
    let status = use_form_status();
    let dispatch = props.section.dispatch.clone();

    let show = {
        let (picture, status, dispatch) = (picture.clone(), status.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let picture = picture.clone();
            status.send(i18n, &dispatch, GetAttachment { id }, move |data| {
                let media = data.attachment.record.media_type.to_string();
                picture.set(Some(format!("data:{media};base64,{}", data.base64)));
            });
        })
    };
    let hide = {
        let picture = picture.clone();
        Callback::from(move |_: MouseEvent| picture.set(None))
    };
    let export = {
        let (exported, status) = (exported.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let exported = exported.clone();
            status.send(i18n, &dispatch, ExportAttachment { id }, move |path| {
                exported.set(Some(path));
            });
        })
    };
    let name = record.file_name.to_string();
    let alt = if record.caption.is_empty() {
        name.clone()
    } else {
        record.caption.to_string()
    };
    html! {
        <li class="record-item attachment-item">
            <div class="record-main">
                <p class="record-title">
                    <strong class="file-name">{ name.clone() }</strong>
                    <span class="muted">
                        { " · " }{ file_size(&i18n, record.size) }
                        { " · " }{ record.media_type.as_str() }
                    </span>
                </p>
                if !record.caption.is_empty() {
                    <p>{ record.caption.as_str() }</p>
                }
                if let Some(url) = &*picture {
                    <img class="attachment-picture" src={url.clone()} alt={alt} />
                }
                if !is_image {
                    <p class="muted">{ i18n.t("attachment-no-preview") }</p>
                }
                if let Some(path) = &*exported {
                    <div class="note note-warning attachment-exported" role="status">
                        <p>{ i18n.t_args("attachment-exported", &[("path", path.clone().into())]) }</p>
                        <p>{ i18n.t("attachment-export-warning") }</p>
                    </div>
                }
                { status.view() }
            </div>
            <div class="record-actions">
                if is_image {
                    if picture.is_some() {
                        <button type="button" class="button button-small button-quiet" onclick={hide}>
                            { i18n.t("attachment-hide") }
                        </button>
                    } else {
                        <button type="button" class="button button-small button-quiet attachment-show"
                            onclick={show} disabled={*status.busy}>
                            { i18n.t("attachment-view") }
                        </button>
                    }
                }
                <button type="button" class="button button-small button-quiet attachment-export"
                    onclick={export} disabled={*status.busy}>
                    { i18n.t("attachment-export") }
                </button>
                <ConfirmButton on_confirm={props.section.delete(id, EntityType::Attachment)} what={name} />
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AttachmentFormProps {
    section: SectionProps,
}

#[function_component]
fn AttachmentForm(props: &AttachmentFormProps) -> Html {
    let i18n = use_i18n();
    let file_input = use_node_ref();
    let chosen = use_state(|| None::<String>);
    let caption = use_state(String::new);
    let reading = use_state(|| false);
    let status = use_form_status();
    let onsubmit = {
        let (file_input, chosen, caption, reading, status) = (
            file_input.clone(),
            chosen.clone(),
            caption.clone(),
            reading.clone(),
            status.clone(),
        );
        let case_id = props.section.case_id();
        let (dispatch, on_changed) = (
            props.section.dispatch.clone(),
            props.section.on_changed.clone(),
        );
        on_submit(move || {
            let Some(input) = file_input.cast::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                status.refuse(i18n.t("attachment-choose"));
                return;
            };
            if file.size() > MAX_BYTES {
                status.refuse(i18n.t_args(
                    "attachment-too-big",
                    &[("size", megabytes(&i18n, file.size()).into())],
                ));
                return;
            }
            let (chosen, caption, reading, status, dispatch, on_changed) = (
                chosen.clone(),
                caption.clone(),
                reading.clone(),
                status.clone(),
                dispatch.clone(),
                on_changed.clone(),
            );
            reading.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = read_file(&file).await;
                reading.set(false);
                let Some(bytes) = bytes else {
                    status.refuse(i18n.t("attachment-unreadable"));
                    return;
                };
                let command = AddAttachment {
                    case_id,
                    file_name: file.name(),
                    caption: caption.trim().to_owned(),
                    base64: BASE64.encode(&bytes),
                };
                let (input, caption) = (input.clone(), caption.clone());
                status.send(i18n, &dispatch, command, move |_: EntityId| {
                    input.set_value("");
                    chosen.set(None);
                    caption.set(String::new());
                    on_changed.emit(());
                });
            });
        })
    };
    let busy = *status.busy || *reading;
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            chosen.set(
                input
                    .files()
                    .and_then(|files| files.get(0))
                    .map(|file| file.name()),
            );
        })
    };
    html! {
        <form id="attachment-form" class="form subform" {onsubmit} novalidate=true>
            <p class="muted">{ i18n.t("attachments-limit") }</p>
            <div class="form-grid">
                // The browser's own file button would speak the system's language, so it is
                // hidden behind a label in ours; the input itself still takes focus and keys.
                <div class="field">
                    <span class="field-label">{ i18n.t("attachment-file") }</span>
                    <div class="file-picker">
                        <input id="attachment-file" ref={file_input} type="file" class="file-input"
                            onchange={on_choose} aria-describedby="attachment-chosen" />
                        <label for="attachment-file" class="button button-quiet file-button">
                            { i18n.t("attachment-choose-file") }
                        </label>
                        <span id="attachment-chosen" class={classes!("file-chosen", chosen.is_none().then_some("muted"))}>
                            { chosen.as_ref().cloned().unwrap_or_else(|| i18n.t("attachment-no-file")) }
                        </span>
                    </div>
                </div>
                <TextField id="attachment-caption" label={i18n.t("attachment-caption")}
                    value={(*caption).clone()} on_input={set(&caption)} />
            </div>
            { status.view() }
            <div class="actions">
                <button id="attachment-submit" type="submit" class="button button-primary" disabled={busy}>
                    { if busy { i18n.t("attachment-working") } else { i18n.t("attachment-submit") } }
                </button>
            </div>
        </form>
    }
}

/// "340 KB" below a megabyte, "2.5 MB" from there.
fn file_size(i18n: &I18n, bytes: u64) -> String {
    if bytes < 1_048_576 {
        let kilobytes = bytes.div_ceil(1024);
        i18n.t_args("attachment-size-kb", &[("size", kilobytes.into())])
    } else {
        let size = megabytes(i18n, bytes as f64);
        i18n.t_args("attachment-size-mb", &[("size", size.into())])
    }
}

/// The file's bytes, read by the webview (the file never leaves it except to the shell).
async fn read_file(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
