//! The organisation (DESIGN.md §6): its keys, the signed roster of approved devices, invitations,
//! joining, approval and revocation.

mod types;

pub use types::{
    DeviceIdentity, Invitation, OrgId, OrgInfo, Role, Roster, RosterEntry, SignedRoster,
};
