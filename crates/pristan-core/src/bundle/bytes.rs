//! Reading a byte layout front to back without ever reading past its end: the envelope and the
//! payload both use these, each with its own error for input that is cut short.

use super::BundleError;

/// Takes the next `n` bytes of `rest`, or `cut_short()` if fewer remain.
pub(super) fn take<'a>(
    rest: &mut &'a [u8],
    n: usize,
    cut_short: fn() -> BundleError,
) -> Result<&'a [u8], BundleError> {
    if n > rest.len() {
        return Err(cut_short());
    }
    let (taken, after) = rest.split_at(n);
    *rest = after;
    Ok(taken)
}

/// Takes the next `N` bytes of `rest` as an array, or `cut_short()` if fewer remain.
pub(super) fn take_array<const N: usize>(
    rest: &mut &[u8],
    cut_short: fn() -> BundleError,
) -> Result<[u8; N], BundleError> {
    let mut array = [0u8; N];
    array.copy_from_slice(take(rest, N, cut_short)?);
    Ok(array)
}
