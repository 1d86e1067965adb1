//! `bench --all` reuses its demo vault only where it was built: a copy writes under a new
//! identity and would export only what it wrote since.

use std::path::Path;

use secrecy::SecretString;

use super::{device_of, ensure_vault, COMPLETE};
use crate::demo::DEMO_PASSPHRASE;

fn marker(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(COMPLETE)).unwrap()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_demo_vault_is_reused_where_it_was_built_and_built_again_in_a_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from(DEMO_PASSPHRASE.to_owned());
    let built = tmp.path().join("built");
    ensure_vault(&built, 3, 6, &passphrase).unwrap();
    let first = marker(&built);
    let device = device_of(&built, &passphrase).unwrap();
    assert!(first.contains(&format!("device {device}")), "{first}");

    // Reused in place: the same vault, its marker untouched (a rebuilt one has a new identity).
    ensure_vault(&built, 3, 6, &passphrase).unwrap();
    assert_eq!(marker(&built), first);

    // A copy of the folder opens under a new identity, so it is built again, and then reused.
    let copy = tmp.path().join("copy");
    copy_folder(&built, &copy);
    ensure_vault(&copy, 3, 6, &passphrase).unwrap();
    let rebuilt = marker(&copy);
    let copy_device = device_of(&copy, &passphrase).unwrap();
    assert_ne!(copy_device, device);
    assert!(
        rebuilt.contains(&format!("device {copy_device}")),
        "{rebuilt}"
    );
    ensure_vault(&copy, 3, 6, &passphrase).unwrap();
    assert_eq!(marker(&copy), rebuilt);
}
