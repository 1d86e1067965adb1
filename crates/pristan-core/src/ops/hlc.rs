//! The hybrid logical clock that timestamps operations, and the `(hlc, device)` order merges use.
//!
//! A timestamp is `(wall-clock ms since the Unix epoch, counter)` (DESIGN.md §5). It follows the
//! wall clock when that moves forward, and otherwise counts, so a device's timestamps strictly
//! increase even if its wall clock stands still or jumps back, and every operation is stamped
//! after every operation its device had seen.
//!
//! Time is always passed in as `now_ms`, so the rules are tested with fixed numbers; only
//! [`Clock::tick_now`] reads the system clock.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::DeviceId;

/// A hybrid logical clock timestamp, ordered by wall time and then counter.
///
/// Its text form, `{wall_ms:016x}-{counter:08x}`, has a fixed width and lowercase hex digits, so
/// comparing two texts gives the same answer as comparing the timestamps. That is what lets SQLite
/// store it as TEXT and `ORDER BY` it.
// The derived `Ord` compares fields in declaration order: wall time first, then the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hlc {
    wall_ms: u64,
    counter: u32,
}

impl Hlc {
    /// Earlier than any timestamp a clock issues; a new clock starts here.
    pub const ZERO: Hlc = Hlc::new(0, 0);

    pub const fn new(wall_ms: u64, counter: u32) -> Hlc {
        Hlc { wall_ms, counter }
    }

    /// Milliseconds since the Unix epoch, as the issuing device's clock (or one it had heard
    /// from) read them.
    pub const fn wall_ms(self) -> u64 {
        self.wall_ms
    }

    /// Distinguishes timestamps issued within one millisecond of wall time.
    pub const fn counter(self) -> u32 {
        self.counter
    }
}

/// The length of an Hlc's text form: 16 hex digits, a dash, 8 hex digits.
const TEXT_LEN: usize = 16 + 1 + 8;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcParseError {
    #[error(
        "invalid clock timestamp {text:?}: expected 25 characters (16 hex digits, a dash, 8 hex \
         digits)"
    )]
    WrongLength { text: String },

    #[error(
        "invalid clock timestamp {text:?}: expected lowercase hex digits (0-9, a-f) around one \
         dash at position 16"
    )]
    Malformed { text: String },
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}-{:08x}", self.wall_ms, self.counter)
    }
}

impl FromStr for Hlc {
    type Err = HlcParseError;

    fn from_str(text: &str) -> Result<Hlc, HlcParseError> {
        // Counted in characters, as the person reading the message would count them.
        if text.chars().count() != TEXT_LEN {
            return Err(HlcParseError::WrongLength {
                text: text.to_owned(),
            });
        }
        let malformed = || HlcParseError::Malformed {
            text: text.to_owned(),
        };
        // Only the canonical form is accepted (no uppercase, no sign), so that one timestamp has
        // one text and text order stays timestamp order. With non-ASCII characters, 16 bytes
        // may end inside one; `split_at_checked` then refuses rather than panic.
        let (wall, rest) = text.split_at_checked(16).ok_or_else(malformed)?;
        let counter = rest.strip_prefix('-').ok_or_else(malformed)?;
        if !is_lowercase_hex(wall) || !is_lowercase_hex(counter) {
            return Err(malformed());
        }
        let wall_ms = u64::from_str_radix(wall, 16).map_err(|_| malformed())?;
        let counter = u32::from_str_radix(counter, 16).map_err(|_| malformed())?;
        Ok(Hlc::new(wall_ms, counter))
    }
}

fn is_lowercase_hex(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Hlc, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

/// Where an operation sits in the one total order every device agrees on: by timestamp, and
/// between equal timestamps by device. Last-writer-wins compares these.
// Field order matters: the derived `Ord` compares `hlc` first, then `device`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OpStamp {
    pub hlc: Hlc,
    pub device: DeviceId,
}

/// A received timestamp this far ahead of the local wall clock (one day) raises a
/// [`ClockWarning`]. Laptops drift by seconds, not days; a day means a clock set wrong, which
/// makes that device win every concurrent edit until it is fixed.
pub const PEER_CLOCK_AHEAD_WARNING_MS: u64 = 24 * 60 * 60 * 1000;

/// The furthest a received timestamp may be ahead of this computer's clock: seven days. A bundle
/// holding an operation dated later than that waits in quarantine (see `bundle::import`), and the
/// clock itself never moves further than this past the wall clock, whatever it is shown
/// ([`Clock::observe`]) and whatever the log holds when a vault opens ([`Clock::resume_bounded`]).
///
/// Why a week: honest clocks are wrong by seconds, by hours (a time zone set wrong) or by a day
/// or two (a date typed wrong); a week leaves them all importing with only the one-day warning.
/// A clock further ahead is a clock that would win every edit for that long, or a forged stamp
/// such as `ffffffffffffffff-fffffffe` that would exhaust every receiver's clock.
pub const MAX_CLOCK_AHEAD_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// The latest timestamp this device accepts or issues when its wall clock reads `now_ms`: any
/// counter at `now_ms + MAX_CLOCK_AHEAD_MS`.
pub const fn ceiling(now_ms: u64) -> Hlc {
    Hlc::new(now_ms.saturating_add(MAX_CLOCK_AHEAD_MS), u32::MAX)
}

/// Something the clock noticed that a person should fix, though merging goes on correctly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockWarning {
    /// A received operation is stamped `by_ms` after this device's wall clock: the other
    /// device's clock is ahead, or this one's is behind.
    PeerClockAhead { by_ms: u64 },
}

impl fmt::Display for ClockWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClockWarning::PeerClockAhead { by_ms } => {
                let hours = by_ms / (60 * 60 * 1000);
                let ahead = if hours < 48 {
                    format!("{hours} hours")
                } else {
                    format!("{} days", hours / 24)
                };
                write!(
                    f,
                    "a change from another device is dated {ahead} after this laptop's clock: \
                     check the date and time on both laptops"
                )
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    // A full counter carries into the next millisecond, so this happens only at the last
    // millisecond a u64 can count (the year 584 million): never with a clock that is bounded by
    // the wall clock (`MAX_CLOCK_AHEAD_MS`). It is kept as an error rather than a wrap, which
    // would issue a timestamp earlier than one already seen and silently lose edits.
    #[error(
        "the clock is exhausted at {wall_ms} ms since 1970: an operation from another device \
         carries a malformed timestamp; set aside the bundle it came from"
    )]
    CounterExhausted { wall_ms: u64 },
}

/// Issues this device's timestamps. It remembers the last one it issued or observed, and never
/// issues one that is not greater.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A clock for a device that has not issued or observed anything yet.
    pub const fn new() -> Clock {
        Clock { last: Hlc::ZERO }
    }

    /// A clock that carries on after `last`, the greatest timestamp this device has stored (its
    /// own or received), so a restart never issues a timestamp already used.
    pub const fn resume(last: Hlc) -> Clock {
        Clock { last }
    }

    /// The clock a vault opens with: it carries on after `latest_within`, the greatest stored
    /// timestamp not beyond [`ceiling`]`(now_ms)`. Stored timestamps beyond it (a vault that
    /// imported a forged or far-future stamp before received clocks were bounded, or whose own
    /// wall clock once read 2099) are left in the log but no longer drag the clock: see
    /// docs/security.md ("A clock from the far future") for what that means for last-writer-wins.
    pub fn resume_bounded(latest_within: Hlc, now_ms: u64) -> Clock {
        Clock {
            last: latest_within.min(ceiling(now_ms)),
        }
    }

    /// The last timestamp issued or observed.
    pub const fn last(&self) -> Hlc {
        self.last
    }

    /// Stamps a local event at wall time `now_ms`.
    ///
    /// The wall part is `max(now_ms, last.wall_ms)`: a clock that went back (set wrong, then
    /// fixed) keeps counting on from the later time instead of going back with it. A full
    /// counter carries into the next millisecond.
    pub fn tick(&mut self, now_ms: u64) -> Result<Hlc, ClockError> {
        let wall_ms = now_ms.max(self.last.wall_ms);
        let next = if wall_ms == self.last.wall_ms {
            after(Hlc::new(wall_ms, self.last.counter))?
        } else {
            Hlc::new(wall_ms, 0)
        };
        self.last = next;
        Ok(next)
    }

    /// Stamps a local event at the system's current time.
    pub fn tick_now(&mut self) -> Result<Hlc, ClockError> {
        self.tick(system_now_ms())
    }

    /// Moves the clock past `received`, a timestamp on an operation from another device, so
    /// that every later local event is stamped after it, within a bound.
    ///
    /// Skew policy: a received timestamp up to [`MAX_CLOCK_AHEAD_MS`] ahead of `now_ms` is
    /// followed, so that an edit made here afterwards is stamped after it and wins
    /// last-writer-wins; more than [`PEER_CLOCK_AHEAD_WARNING_MS`] ahead returns a
    /// [`ClockWarning`] for the interface to show. A timestamp beyond [`ceiling`]`(now_ms)`
    /// leaves the clock as it is (with the warning): no received reading can exhaust this clock
    /// or carry it days ahead. The importer refuses such bundles before they get here unless a
    /// person accepted them; merging stays correct either way, because last-writer-wins compares
    /// the stamps stored on the operations.
    ///
    /// On error the clock is unchanged.
    pub fn observe(
        &mut self,
        received: Hlc,
        now_ms: u64,
    ) -> Result<Option<ClockWarning>, ClockError> {
        let ahead_by_ms = received.wall_ms.saturating_sub(now_ms);
        let warning = (ahead_by_ms > PEER_CLOCK_AHEAD_WARNING_MS)
            .then_some(ClockWarning::PeerClockAhead { by_ms: ahead_by_ms });
        if received > ceiling(now_ms) {
            return Ok(warning);
        }
        let wall_ms = now_ms.max(self.last.wall_ms).max(received.wall_ms);
        // The standard HLC receive rule: count on from whichever timestamps share the new wall
        // time, so the result is greater than both the last one and the received one.
        let counter_base = match (wall_ms == self.last.wall_ms, wall_ms == received.wall_ms) {
            (true, true) => Some(self.last.counter.max(received.counter)),
            (true, false) => Some(self.last.counter),
            (false, true) => Some(received.counter),
            (false, false) => None,
        };
        self.last = match counter_base {
            Some(base) => after(Hlc::new(wall_ms, base))?,
            None => Hlc::new(wall_ms, 0),
        };
        Ok(warning)
    }

    /// [`Clock::observe`] at the system's current time.
    pub fn observe_now(&mut self, received: Hlc) -> Result<Option<ClockWarning>, ClockError> {
        self.observe(received, system_now_ms())
    }
}

/// The timestamp right after `hlc`: the next counter value, or the next millisecond when the
/// counter is full.
fn after(hlc: Hlc) -> Result<Hlc, ClockError> {
    match hlc.counter.checked_add(1) {
        Some(counter) => Ok(Hlc::new(hlc.wall_ms, counter)),
        None => hlc
            .wall_ms
            .checked_add(1)
            .map(|wall_ms| Hlc::new(wall_ms, 0))
            .ok_or(ClockError::CounterExhausted {
                wall_ms: hlc.wall_ms,
            }),
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::new()
    }
}

/// Milliseconds since the Unix epoch by the system clock. A clock set before 1970 reads as 0 and
/// one past the year 584 million as `u64::MAX`; the HLC stays increasing either way.
pub fn system_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
