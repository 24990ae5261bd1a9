//! Number formatting shared by messages and views: thousands separators and durations. The
//! bottom layer with `settings`: it touches nothing, so every layer may use it.

/// `5000000` as `5,000,000`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A duration in milliseconds with a precision that suits its size: `0.042 ms`, `12.3 ms`,
/// `1,234 ms`.
pub fn millis(ms: f64) -> String {
    if !ms.is_finite() {
        return "–".to_owned();
    }
    let abs = ms.abs();
    if abs >= 1000.0 {
        let sign = if ms < 0.0 { "-" } else { "" };
        format!("{sign}{} ms", group_thousands(abs.round() as u64))
    } else if abs >= 100.0 {
        format!("{ms:.0} ms")
    } else if abs >= 10.0 {
        format!("{ms:.1} ms")
    } else if abs >= 1.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.3} ms")
    }
}

/// A duration as people say it, for estimates: `0.300 ms`… `950 ms`, `12.5 s`, `4 min`,
/// `3.5 hours`, `9 days`.
pub fn rough_duration(ms: f64) -> String {
    const MINUTE: f64 = 60_000.0;
    const HOUR: f64 = 60.0 * MINUTE;
    const DAY: f64 = 24.0 * HOUR;
    if !ms.is_finite() {
        "–".to_owned()
    } else if ms < 1000.0 {
        millis(ms)
    } else if ms < MINUTE {
        format!("{:.1} s", ms / 1000.0)
    } else if ms < HOUR {
        format!("{:.0} min", ms / MINUTE)
    } else if ms < DAY {
        let hours = ms / HOUR;
        if hours < 10.0 {
            format!("{hours:.1} hours")
        } else {
            format!("{hours:.0} hours")
        }
    } else {
        let days = (ms / DAY).round();
        if days == 1.0 {
            "1 day".to_owned()
        } else {
            format!("{} days", group_thousands(days as u64))
        }
    }
}

/// A byte count as `512 B`, `12.5 KB`, `3.2 MB` (powers of 1000, as browsers report sizes).
pub fn bytes(count: u64) -> String {
    let n = count as f64;
    if n < 1000.0 {
        format!("{count} B")
    } else if n < 1e6 {
        format!("{:.1} KB", n / 1e3)
    } else {
        format!("{:.1} MB", n / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(100_000_000), "100,000,000");
    }

    #[test]
    fn durations_and_sizes() {
        assert_eq!(millis(0.0421), "0.042 ms");
        assert_eq!(millis(12.34), "12.3 ms");
        assert_eq!(millis(1234.4), "1,234 ms");
        assert_eq!(millis(f64::NAN), "–");
        assert_eq!(rough_duration(950.0), "950 ms");
        assert_eq!(rough_duration(12_500.0), "12.5 s");
        assert_eq!(rough_duration(170_000.0), "3 min");
        assert_eq!(rough_duration(3.5 * 3_600_000.0), "3.5 hours");
        assert_eq!(rough_duration(753_617_000.0), "9 days", "not 753617 s");
        assert_eq!(rough_duration(86_400_000.0), "1 day");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(12_500), "12.5 KB");
    }
}
