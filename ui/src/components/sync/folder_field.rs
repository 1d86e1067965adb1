//! A folder (or file) path typed by hand, with the shell's suggestions (USB sticks, Downloads)
//! as buttons that fill it in. There is no file dialog: the webview has no file-system access.

use yew::prelude::*;

use crate::components::TextField;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct FolderFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub value: String,
    pub on_input: Callback<String>,
    pub suggestions: Vec<String>,
    #[prop_or_default]
    pub hint: Option<String>,
}

#[function_component]
pub fn FolderField(props: &FolderFieldProps) -> Html {
    let i18n = use_i18n();
    html! {
        <div class="folder-field">
            <TextField id={props.id.clone()} label={props.label.clone()} value={props.value.clone()}
                on_input={props.on_input.clone()} hint={props.hint.clone()} />
            if !props.suggestions.is_empty() {
                <div class="folder-suggestions" role="group"
                    aria-label={i18n.t("sync-folder-suggestions")}>
                    <span class="muted">{ i18n.t("sync-folder-suggestions") }</span>
                    { for props.suggestions.iter().map(|folder| {
                        let onclick = {
                            let (on_input, folder) = (props.on_input.clone(), folder.clone());
                            Callback::from(move |_: MouseEvent| on_input.emit(folder.clone()))
                        };
                        html! {
                            <button type="button" class="button button-small button-quiet folder-suggestion"
                                {onclick}>
                                { folder }
                            </button>
                        }
                    }) }
                </div>
            }
        </div>
    }
}
