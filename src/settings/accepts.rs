//! What text a setting accepts, and the typed accessors that read and write its field of
//! [`Settings`]. A row of the table (`spec`) carries one [`Accepts`], so that parsing,
//! formatting and the field a setting lives in are stated once, next to its name. Another
//! lab's settings (the Python lab's `PySettings`) use the same parsers and sentences through
//! an `Accepts` over their own struct.

use super::names::Mode;
use super::values::Settings;
use crate::format::group_thousands;

/// What text a setting accepts, with the accessors of the field that holds it in `S` (the main
/// settings unless another lab names its own).
pub enum Accepts<S = Settings> {
    /// A whole number in an inclusive range.
    Whole {
        /// The smallest accepted value.
        min: u32,
        /// The largest accepted value.
        max: u32,
        /// Reads the field.
        get: fn(&S) -> u32,
        /// Writes the field (the value is in range).
        set: fn(&mut S, u32),
    },
    /// A decimal number in an inclusive range.
    Decimal {
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
        /// Reads the field.
        get: fn(&S) -> f64,
        /// Writes the field (the value is in range).
        set: fn(&mut S, f64),
    },
    /// One of a named enum's names.
    OneOf {
        /// Every accepted name, in the order the form lists them.
        names: &'static [&'static str],
        /// The field's name.
        get: fn(&S) -> &'static str,
        /// Writes the field from a name; false (and nothing written) for an unknown one.
        set: fn(&mut S, &str) -> bool,
    },
    /// A comma-separated list of at least one mode, kept in order without repeats.
    Modes {
        /// Every mode's name.
        names: &'static [&'static str],
        /// The modes' names, in the field's order.
        get: fn(&S) -> Vec<&'static str>,
        /// Writes the field from names (each one of `names`, at least one, no repeats).
        set: fn(&mut S, &[&'static str]),
    },
    /// `0` or `1`.
    Flag {
        /// Reads the field.
        get: fn(&S) -> bool,
        /// Writes the field.
        set: fn(&mut S, bool),
    },
}

// By hand: the accessors are copied whatever `S` is.
impl<S> Clone for Accepts<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Accepts<S> {}

impl<S> std::fmt::Debug for Accepts<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl<S> Accepts<S> {
    /// What is accepted, as the end of a sentence: "a whole number from 1 to 64".
    pub fn describe(&self) -> String {
        match *self {
            Accepts::Whole { min, max, .. } => format!(
                "a whole number from {} to {}",
                group_thousands(min.into()),
                group_thousands(max.into())
            ),
            Accepts::Decimal { min, max, .. } => format!("a number from {min} to {max}"),
            Accepts::OneOf { names, .. } => format!("one of {}", names.join(", ")),
            Accepts::Modes { names, .. } => format!(
                "a comma-separated list of one or more of {}",
                names.join(", ")
            ),
            Accepts::Flag { .. } => "0 or 1".to_owned(),
        }
    }

    /// The names a choice offers (none for the other kinds).
    pub fn choices(&self) -> &'static [&'static str] {
        match *self {
            Accepts::OneOf { names, .. } => names,
            _ => &[],
        }
    }

    /// The field's value as text, as the form and the URL show it.
    pub fn format(&self, settings: &S) -> String {
        match *self {
            Accepts::Whole { get, .. } => get(settings).to_string(),
            Accepts::Decimal { get, .. } => format_decimal(get(settings)),
            Accepts::OneOf { get, .. } => get(settings).to_owned(),
            Accepts::Modes { get, .. } => get(settings).join(","),
            Accepts::Flag { get, .. } => u8::from(get(settings)).to_string(),
        }
    }

    /// Reads `text` (already trimmed) into the field. On error nothing is written and the
    /// problem is returned as the middle of a sentence ("\"abc\" is not a whole number").
    pub fn parse_into(&self, settings: &mut S, text: &str) -> Result<(), String> {
        match *self {
            Accepts::Whole { min, max, set, .. } => set(settings, parse_whole(text, min, max)?),
            Accepts::Decimal { min, max, set, .. } => {
                set(settings, parse_decimal(text, min, max)?);
            }
            Accepts::OneOf { set, .. } => {
                if !set(settings, text) {
                    return Err(format!("{} is not a choice", quote(text)));
                }
            }
            Accepts::Modes { names, set, .. } => set(settings, &parse_modes(names, text)?),
            Accepts::Flag { set, .. } => match text {
                "0" => set(settings, false),
                "1" => set(settings, true),
                _ => return Err(format!("{} is neither 0 nor 1", quote(text))),
            },
        }
        Ok(())
    }

    /// Reads `text` into the field named `name`; on error nothing is written and the whole
    /// sentence is returned, naming the setting and what it accepts ("tasks: \"0\" is too
    /// small; it takes a whole number from 1 to 1,000."). Every lab's form and links word a
    /// wrong value so.
    pub fn set_named(&self, name: &str, settings: &mut S, text: &str) -> Result<(), String> {
        self.parse_into(settings, text.trim())
            .map_err(|problem| format!("{name}: {problem}; it takes {}.", self.describe()))
    }
}

/// The main settings' modes as [`Accepts::Modes`] reads and writes them.
pub const MODES: Accepts = Accepts::Modes {
    names: Mode::NAMES,
    get: |s| s.modes.iter().map(|m| m.name()).collect(),
    set: |s, names| s.modes = names.iter().filter_map(|n| Mode::from_name(n)).collect(),
};

/// `text` in quotes, cut to 24 characters (so a notice never carries a long pasted value).
pub fn quote(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() > MAX {
        format!("\"{}…\"", text.chars().take(MAX).collect::<String>())
    } else {
        format!("\"{text}\"")
    }
}

/// `text` as a whole number from `min` to `max`, or why it is not one ("\"0\" is too small").
///
/// # Errors
/// Why `text` is not such a number.
pub fn parse_whole(text: &str, min: u32, max: u32) -> Result<u32, String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        let negative = text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit());
        let what = if negative {
            "is negative"
        } else {
            "is not a whole number"
        };
        return Err(format!("{} {what}", quote(text)));
    }
    match text.parse::<u64>() {
        Ok(value) if value < u64::from(min) => Err(format!("{} is too small", quote(text))),
        Ok(value) if value <= u64::from(max) => {
            Ok(u32::try_from(value).expect("a value within a u32 range fits in u32"))
        }
        _ => Err(format!("{} is too large", quote(text))),
    }
}

fn parse_decimal(text: &str, min: f64, max: f64) -> Result<f64, String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    match text.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => {
            if value < min {
                Err(format!("{} is too small", quote(text)))
            } else if value > max {
                Err(format!("{} is too large", quote(text)))
            } else {
                Ok(value)
            }
        }
        _ => Err(format!("{} is not a number", quote(text))),
    }
}

fn parse_modes(names: &'static [&'static str], text: &str) -> Result<Vec<&'static str>, String> {
    let mut modes = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mode = names
            .iter()
            .copied()
            .find(|n| *n == part)
            .ok_or_else(|| format!("{} is not a mode", quote(part)))?;
        if !modes.contains(&mode) {
            modes.push(mode);
        }
    }
    if modes.is_empty() {
        return Err("no mode is chosen".to_owned());
    }
    Ok(modes)
}

fn format_decimal(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
