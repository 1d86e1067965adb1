//! Building blocks of the operation log that devices exchange and merge (DESIGN.md §5): ids,
//! sequence numbers, and the hybrid logical clock that orders operations.

pub mod hlc;
pub mod op;
pub(crate) mod store;

pub use hlc::{Clock, ClockError, ClockWarning, Hlc, HlcParseError, OpStamp};
pub use op::{Change, EntityType, Op};
pub use pristan_model::ids::{self, DeviceId, EntityId, IdParseError, Seq, SeqError};
pub use store::Applied;
