//! Worked examples of the clock rules, each with the numbers written out.

use super::*;

const SECOND: u64 = 1000;
const DAY: u64 = 24 * 60 * 60 * SECOND;
/// 2025-01-01T00:00:00Z, so the numbers look like real wall times.
const T: u64 = 1_735_689_600_000;

fn hlc(wall_ms: u64, counter: u32) -> Hlc {
    Hlc::new(wall_ms, counter)
}

#[test]
fn ticks_within_one_millisecond_count_up_and_the_next_millisecond_resets_the_counter() {
    let mut clock = Clock::new();
    assert_eq!(clock.tick(T), Ok(hlc(T, 0)));
    assert_eq!(clock.tick(T), Ok(hlc(T, 1)));
    assert_eq!(clock.tick(T), Ok(hlc(T, 2)));
    assert_eq!(clock.tick(T + 1), Ok(hlc(T + 1, 0)));
    assert_eq!(clock.last(), hlc(T + 1, 0));
}

#[test]
fn a_wall_clock_set_back_three_days_keeps_counting_from_the_later_time() {
    // The laptop's clock was three days fast, then someone corrected it.
    let mut clock = Clock::new();
    assert_eq!(clock.tick(T + 3 * DAY), Ok(hlc(T + 3 * DAY, 0)));
    assert_eq!(clock.tick(T), Ok(hlc(T + 3 * DAY, 1)));
    assert_eq!(clock.tick(T + SECOND), Ok(hlc(T + 3 * DAY, 2)));
    // Once real time passes the fast reading, the clock follows real time again.
    assert_eq!(clock.tick(T + 3 * DAY + 5), Ok(hlc(T + 3 * DAY + 5, 0)));
}

#[test]
fn observing_an_operation_days_ahead_within_the_bound_adopts_it_and_warns() {
    let mut clock = Clock::resume(hlc(T, 2));
    let received = hlc(T + 6 * DAY, 5);
    assert_eq!(
        clock.observe(received, T + 1),
        Ok(Some(ClockWarning::PeerClockAhead { by_ms: 6 * DAY - 1 }))
    );
    assert_eq!(clock.last(), hlc(T + 6 * DAY, 6));
    // An edit made here afterwards is stamped after the future operation, so it wins.
    assert_eq!(clock.tick(T + 2), Ok(hlc(T + 6 * DAY, 7)));
}

#[test]
fn a_peer_clock_a_little_ahead_is_followed_without_a_warning() {
    // Clocks drift, and a wrong time zone setting can shift one by hours; neither is worth
    // alarming anyone about.
    let mut clock = Clock::resume(hlc(T, 0));
    assert_eq!(
        clock.observe(hlc(T + 14 * 60 * 60 * SECOND, 0), T),
        Ok(None)
    );
    assert_eq!(clock.last(), hlc(T + 14 * 60 * 60 * SECOND, 1));
}

#[test]
fn observing_an_operation_from_the_past_still_moves_the_clock_on() {
    let mut clock = Clock::resume(hlc(T, 3));
    assert_eq!(clock.observe(hlc(T - 1000, 9), T), Ok(None));
    assert_eq!(clock.last(), hlc(T, 4));

    // When the wall clock has moved past both, it is the wall clock that counts.
    assert_eq!(clock.observe(hlc(T - 1000, 9), T + 5), Ok(None));
    assert_eq!(clock.last(), hlc(T + 5, 0));
}

#[test]
fn observing_the_same_millisecond_counts_on_from_the_larger_counter() {
    let mut clock = Clock::resume(hlc(T, 3));
    assert_eq!(clock.observe(hlc(T, 7), T - 10), Ok(None));
    assert_eq!(clock.last(), hlc(T, 8));
}

#[test]
fn a_laptop_days_behind_still_stamps_its_later_edit_after_what_it_received() {
    // Laptop A's clock is three days slow. It receives B's edit, then edits the same field. The
    // edit made later must win last-writer-wins, whatever A's wall clock says.
    let (device_a, device_b) = (
        DeviceId::from_bytes([0xaa; 16]),
        DeviceId::from_bytes([0xbb; 16]),
    );
    let mut clock_b = Clock::new();
    let edit_b = OpStamp {
        hlc: clock_b.tick(T).expect("a fresh clock ticks"),
        device: device_b,
    };
    let mut clock_a = Clock::new();
    // Here it is A's own clock that is wrong; the warning cannot tell which, so it asks to check both.
    assert_eq!(
        clock_a.observe(edit_b.hlc, T - 3 * DAY),
        Ok(Some(ClockWarning::PeerClockAhead { by_ms: 3 * DAY }))
    );
    let edit_a = OpStamp {
        hlc: clock_a
            .tick(T - 3 * DAY)
            .expect("the counter is far from full"),
        device: device_a,
    };
    assert!(edit_a > edit_b);
}

#[test]
fn op_stamps_order_by_timestamp_then_device() {
    let (low, high) = (
        DeviceId::from_bytes([0x01; 16]),
        DeviceId::from_bytes([0xfe; 16]),
    );
    let stamp = |hlc, device| OpStamp { hlc, device };
    // Equal timestamps: the device id breaks the tie, the same way on every device.
    assert!(stamp(hlc(T, 0), low) < stamp(hlc(T, 0), high));
    // Different timestamps: the device id does not matter.
    assert!(stamp(hlc(T, 1), low) > stamp(hlc(T, 0), high));
}

#[test]
fn a_full_counter_carries_into_the_next_millisecond() {
    let full = hlc(T, u32::MAX);
    let mut clock = Clock::resume(full);
    assert_eq!(clock.tick(T), Ok(hlc(T + 1, 0)));

    let mut clock = Clock::resume(hlc(T, 0));
    let forged = hlc(T + 5, u32::MAX);
    assert_eq!(clock.observe(forged, T), Ok(None));
    assert_eq!(clock.last(), hlc(T + 6, 0));
    assert_eq!(clock.tick(T), Ok(hlc(T + 6, 1)));
}

#[test]
fn only_the_last_millisecond_a_u64_counts_is_exhausted_and_the_clock_stays_as_it_was() {
    let end = hlc(u64::MAX, u32::MAX);
    let mut clock = Clock::resume(end);
    assert_eq!(
        clock.tick(T),
        Err(ClockError::CounterExhausted { wall_ms: u64::MAX })
    );
    assert_eq!(clock.last(), end);
}

#[test]
fn a_forged_stamp_at_the_end_of_time_leaves_the_clock_as_it_was() {
    // The stamp of the attack: the greatest wall time, the counter one short of full.
    let forged: Hlc = "ffffffffffffffff-fffffffe".parse().unwrap();
    let mut clock = Clock::resume(hlc(T, 3));
    let warning = clock.observe(forged, T).unwrap();
    assert_eq!(
        warning,
        Some(ClockWarning::PeerClockAhead {
            by_ms: u64::MAX - T
        })
    );
    assert_eq!(clock.last(), hlc(T, 3));
    assert_eq!(clock.tick(T), Ok(hlc(T, 4)));
    // Just beyond the bound is beyond it too.
    let mut clock = Clock::resume(hlc(T, 3));
    assert!(clock
        .observe(hlc(T + MAX_CLOCK_AHEAD_MS + 1, 0), T)
        .unwrap()
        .is_some());
    assert_eq!(clock.last(), hlc(T, 3));
}

#[test]
fn a_stamp_within_the_bound_is_followed_exactly() {
    let mut clock = Clock::resume(hlc(T, 0));
    let received = hlc(T + MAX_CLOCK_AHEAD_MS, 7);
    assert!(clock.observe(received, T).unwrap().is_some());
    assert_eq!(clock.last(), hlc(T + MAX_CLOCK_AHEAD_MS, 8));
}

#[test]
fn a_poisoned_clock_resumes_within_the_bound() {
    let clock = Clock::resume_bounded(hlc(u64::MAX, u32::MAX - 1), T);
    assert_eq!(clock.last(), ceiling(T));
    let mut clock = Clock::resume_bounded(hlc(T - 5, 2), T);
    assert_eq!(clock.last(), hlc(T - 5, 2));
    assert_eq!(clock.tick(T), Ok(hlc(T, 0)));
}

#[test]
fn tick_now_issues_increasing_timestamps() {
    let mut clock = Clock::new();
    let first = clock.tick_now().expect("a fresh clock ticks");
    let second = clock.tick_now().expect("the counter is far from full");
    assert!(second > first);
}

#[test]
fn text_form_is_fixed_width_hex_and_round_trips() {
    let stamp = hlc(0x0000_0194_1f29_7c00, 0x1a);
    assert_eq!(stamp.to_string(), "000001941f297c00-0000001a");
    assert_eq!("000001941f297c00-0000001a".parse(), Ok(stamp));
    assert_eq!(Hlc::ZERO.to_string(), "0000000000000000-00000000");
    assert_eq!(
        hlc(u64::MAX, u32::MAX).to_string(),
        "ffffffffffffffff-ffffffff"
    );
    let json = serde_json::to_string(&stamp).expect("an hlc serialises");
    assert_eq!(json, "\"000001941f297c00-0000001a\"");
    assert_eq!(serde_json::from_str::<Hlc>(&json).ok(), Some(stamp));
}

#[test]
fn text_order_is_timestamp_order() {
    // The pairs where a careless encoding goes wrong: 9 against 10 ('9' < 'a' in ASCII), a full
    // counter against the next millisecond, and a wall time needing all 16 digits.
    let mut stamps = [
        hlc(10, 0),
        hlc(9, 0),
        hlc(2, 0),
        hlc(1, u32::MAX),
        hlc(u64::MAX, 0),
        hlc(0x10, 0),
        hlc(T, 1),
        hlc(T, 0),
    ];
    let mut texts: Vec<String> = stamps.iter().map(Hlc::to_string).collect();
    stamps.sort();
    texts.sort();
    let sorted_texts: Vec<String> = stamps.iter().map(Hlc::to_string).collect();
    assert_eq!(texts, sorted_texts);
}

#[test]
fn malformed_text_forms_are_refused() {
    let wrong_length = ["", "000001941f297c00-1a", "000001941f297c00-0000001a0"];
    for text in wrong_length {
        assert_eq!(
            text.parse::<Hlc>(),
            Err(HlcParseError::WrongLength {
                text: text.to_owned()
            }),
            "parsing {text:?}"
        );
    }
    let malformed = [
        "000001941F297C00-0000001A",
        "000001941f297c00_0000001a",
        "+00001941f297c00-0000001a",
        "000001941f297c0-00000001a",
        "00000194ü1f297c0-0000001a",
    ];
    for text in malformed {
        assert_eq!(
            text.parse::<Hlc>(),
            Err(HlcParseError::Malformed {
                text: text.to_owned()
            }),
            "parsing {text:?}"
        );
    }
    let message = "x".parse::<Hlc>().unwrap_err().to_string();
    assert_eq!(
        message,
        "invalid clock timestamp \"x\": expected 25 characters (16 hex digits, a dash, 8 hex digits)"
    );
}

#[test]
fn the_warning_says_how_far_ahead_and_what_to_do() {
    let warning = ClockWarning::PeerClockAhead { by_ms: 400 * DAY };
    assert_eq!(
        warning.to_string(),
        "a change from another device is dated 400 days after this laptop's clock: check the \
         date and time on both laptops"
    );
}
