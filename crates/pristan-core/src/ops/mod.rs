//! The operation log that devices exchange and merge (DESIGN.md §5): ids, sequence numbers, the
//! hybrid logical clock that orders operations, how concurrent writes become conflicts, how a
//! case is forgotten, and the hash that shows two devices agree.

pub mod conflicts;
pub(crate) mod forget;
pub(crate) mod fork;
pub(crate) mod history;
pub mod hlc;
pub(crate) mod holders;
pub mod op;
pub mod state_hash;
pub(crate) mod store;

pub use conflicts::{Conflict, ConflictValue};
pub use hlc::{Clock, ClockError, ClockWarning, Hlc, HlcParseError, OpStamp};
pub use op::{Change, EntityType, ForgetReason, Op};
pub use pristan_model::ids::{self, DeviceId, EntityId, IdParseError, Seq, SeqError};
pub use store::Applied;
