//! Putting every unit on one clock. A worker's `timeOrigin + now()` may disagree a little with
//! the page's; a ping gives the page's send and receive times and the worker's reading in
//! between, and, as in NTP, the sample with the shortest round trip bounds the offset best.

/// One ping: page time sent, worker time read, page time received (ms).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ping {
    /// Page time when sent.
    pub sent: f64,
    /// Worker time when it answered.
    pub remote: f64,
    /// Page time when the answer arrived.
    pub received: f64,
}

/// How far the worker's clock is ahead of the page's (ms), from the ping with the shortest round
/// trip; subtract it from the worker's times. An offset no larger than the clocks' resolution
/// (or half the round trip) cannot be told from rounding, and is taken as 0: measured in
/// Chromium and Firefox, isolated workers agree with the page to within 0.01 ms, while an
/// unisolated page's coarse clock (0.1 to 1 ms) makes single readings look offset. 0 with no
/// pings.
pub fn offset(pings: &[Ping], resolution_ms: f64) -> f64 {
    let Some(best) = pings
        .iter()
        .min_by(|a, b| (a.received - a.sent).total_cmp(&(b.received - b.sent)))
    else {
        return 0.0;
    };
    let offset = best.remote - (best.sent + best.received) / 2.0;
    let uncertainty = resolution_ms.max((best.received - best.sent) / 2.0);
    if offset.abs() <= uncertainty {
        0.0
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_round_trip_wins() {
        let pings = [
            Ping {
                sent: 0.0,
                remote: 110.0,
                received: 20.0,
            },
            Ping {
                sent: 30.0,
                remote: 131.0,
                received: 32.0,
            },
        ];
        assert_eq!(offset(&pings, 0.005), 100.0);
        assert_eq!(offset(&[], 0.005), 0.0);
    }

    #[test]
    fn offsets_within_the_resolution_are_rounding() {
        let coarse = [Ping {
            sent: 10.0,
            remote: 11.0,
            received: 10.0,
        }];
        assert_eq!(
            offset(&coarse, 1.0),
            0.0,
            "a 1 ms clock cannot show a 1 ms offset"
        );
        assert_eq!(offset(&coarse, 0.1), 1.0);
    }
}
