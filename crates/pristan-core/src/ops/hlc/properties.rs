//! Properties of the clock that must hold for any times and any received timestamps.

use proptest::prelude::*;

use super::*;

/// Wall times that often collide and often go backwards (a small range), mixed with any value at
/// all, including the extremes.
fn now_ms() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => 1_000u64..1_010,
        1 => any::<u64>(),
        1 => Just(u64::MAX),
    ]
}

/// Received timestamps: mostly plausible, sometimes with a counter at or near the maximum so the
/// overflow path is exercised.
fn received_hlc() -> impl Strategy<Value = Hlc> {
    let counter = prop_oneof![
        3 => 0u32..5,
        1 => (u32::MAX - 2)..=u32::MAX,
    ];
    (now_ms(), counter).prop_map(|(wall_ms, counter)| Hlc::new(wall_ms, counter))
}

fn any_hlc() -> impl Strategy<Value = Hlc> {
    (any::<u64>(), any::<u32>()).prop_map(|(wall_ms, counter)| Hlc::new(wall_ms, counter))
}

#[derive(Debug, Clone)]
enum Event {
    Tick { now_ms: u64 },
    Observe { received: Hlc, now_ms: u64 },
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        now_ms().prop_map(|now_ms| Event::Tick { now_ms }),
        (received_hlc(), now_ms())
            .prop_map(|(received, now_ms)| Event::Observe { received, now_ms }),
    ]
}

proptest! {
    // (a) Whatever the wall clock does, each timestamp the clock issues or adopts is greater
    // than the one before; a refused step leaves the clock where it was.
    #[test]
    fn local_timestamps_strictly_increase(events in prop::collection::vec(event(), 1..60)) {
        let mut clock = Clock::new();
        for event in events {
            let before = clock.last();
            match event {
                Event::Tick { now_ms } => match clock.tick(now_ms) {
                    Ok(issued) => {
                        prop_assert!(issued > before, "tick at {} after {:?}", now_ms, before);
                        prop_assert_eq!(clock.last(), issued);
                    }
                    Err(_) => {
                        // Only the very last timestamp a u64 can hold may refuse.
                        prop_assert!(before == Hlc::new(u64::MAX, u32::MAX));
                        prop_assert_eq!(clock.last(), before);
                    }
                },
                Event::Observe { received, now_ms } => match clock.observe(received, now_ms) {
                    Ok(_) => {
                        if received <= ceiling(now_ms) {
                            prop_assert!(clock.last() > before);
                            prop_assert!(clock.last() > received);
                        } else {
                            // Beyond the bound, the clock does not move.
                            prop_assert_eq!(clock.last(), before);
                        }
                    }
                    Err(_) => {
                        prop_assert!(
                            before.wall_ms() == u64::MAX || received.wall_ms() == u64::MAX
                        );
                        prop_assert_eq!(clock.last(), before);
                    }
                },
            }
        }
    }

    // (b) Once an operation has been observed, the next local event is stamped after it.
    #[test]
    fn the_tick_after_an_observe_is_greater_than_the_received_timestamp(
        last in received_hlc(),
        received in received_hlc(),
        observed_at in now_ms(),
        ticked_at in now_ms(),
    ) {
        let mut clock = Clock::resume(last);
        if received <= ceiling(observed_at) && clock.observe(received, observed_at).is_ok() {
            if let Ok(issued) = clock.tick(ticked_at) {
                prop_assert!(issued > received);
                prop_assert!(issued > last);
            }
        }
    }

    // The warning fires exactly when the received wall time is beyond the threshold.
    #[test]
    fn the_peer_clock_warning_fires_only_past_the_threshold(
        received in received_hlc(),
        now_ms in now_ms(),
    ) {
        let mut clock = Clock::new();
        if let Ok(warning) = clock.observe(received, now_ms) {
            let ahead = received.wall_ms().saturating_sub(now_ms);
            let expected = (ahead > PEER_CLOCK_AHEAD_WARNING_MS)
                .then_some(ClockWarning::PeerClockAhead { by_ms: ahead });
            prop_assert_eq!(warning, expected);
        }
    }

    // (c) Comparing the texts gives the same answer as comparing the timestamps, and the text
    // parses back to the timestamp.
    #[test]
    fn text_form_preserves_order_and_round_trips(a in any_hlc(), b in any_hlc()) {
        let (text_a, text_b) = (a.to_string(), b.to_string());
        prop_assert_eq!(a.cmp(&b), text_a.cmp(&text_b));
        prop_assert_eq!(text_a.len(), TEXT_LEN);
        prop_assert_eq!(text_a.parse::<Hlc>(), Ok(a));
    }

    // Neighbours are where an encoding is most likely to go wrong, so test them on purpose.
    #[test]
    fn text_form_orders_neighbouring_timestamps(wall_ms in any::<u64>(), counter in any::<u32>()) {
        let stamp = Hlc::new(wall_ms, counter);
        for neighbour in [
            Hlc::new(wall_ms.saturating_add(1), 0),
            Hlc::new(wall_ms, counter.saturating_add(1)),
            Hlc::new(wall_ms.saturating_sub(1), u32::MAX),
        ] {
            prop_assert_eq!(stamp.cmp(&neighbour), stamp.to_string().cmp(&neighbour.to_string()));
        }
    }

    // Parsing never panics, and anything it accepts is in the one canonical form.
    #[test]
    fn parsing_accepts_only_the_canonical_form(
        text in prop_oneof!["[0-9a-fA-F+-]{16}-[0-9a-fA-F+-]{8}", "\\PC{0,30}"],
    ) {
        if let Ok(stamp) = text.parse::<Hlc>() {
            prop_assert_eq!(stamp.to_string(), text);
        }
    }
}
