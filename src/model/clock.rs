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
/// trip; subtract it from the worker's times. 0 with no pings.
pub fn offset(pings: &[Ping]) -> f64 {
    pings
        .iter()
        .min_by(|a, b| (a.received - a.sent).total_cmp(&(b.received - b.sent)))
        .map_or(0.0, |p| p.remote - (p.sent + p.received) / 2.0)
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
        assert_eq!(offset(&pings), 100.0);
        assert_eq!(offset(&[]), 0.0);
    }
}
