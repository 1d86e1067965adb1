//! Fresh record ids made in the interface, for the one record it names itself: a visit write-up,
//! whose id must exist before its first autosave.

use pristan_model::EntityId;

/// A random id from the webview's cryptographic generator, falling back to `Math.random` (which
/// is enough to avoid collisions, though not secret) if `crypto` is somehow unavailable.
pub fn new_entity_id() -> EntityId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    EntityId::from_bytes(bytes)
}
