//! An order-independent checksum: every item of a result (a prime, a pixel, a chain's digest)
//! is mixed into 64 bits and added, so the total does not depend on how the work was split
//! into tasks, nor on which unit finished first.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The wrapping sum of mixed items. Equal inputs give equal checksums in every mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Checksum(pub u64);

impl Checksum {
    /// Adds one item of the result.
    #[inline]
    pub fn add_item(&mut self, item: u64) {
        self.0 = self.0.wrapping_add(mix(item));
    }

    /// Folds another partial checksum into this one (commutative and associative).
    #[must_use]
    pub fn combine(self, other: Checksum) -> Checksum {
        Checksum(self.0.wrapping_add(other.0))
    }
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The SplitMix64 finalizer: spreads nearby items (consecutive primes) over all 64 bits, so
/// that a sum of mixed items detects a missing or duplicated item.
#[inline]
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_does_not_matter() {
        let mut a = Checksum::default();
        let mut b = Checksum::default();
        for i in 0..100 {
            a.add_item(i);
            b.add_item(99 - i);
        }
        assert_eq!(a, b);
        assert_ne!(a, Checksum::default());
    }

    #[test]
    fn a_missing_item_changes_the_sum() {
        let mut a = Checksum::default();
        let mut b = Checksum::default();
        for i in 0..100 {
            a.add_item(i);
            if i != 50 {
                b.add_item(i);
            }
        }
        assert_ne!(a, b);
        assert_eq!(format!("{}", Checksum(255)), "00000000000000ff");
    }
}
