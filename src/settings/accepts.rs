//! What text a setting accepts, and the typed accessors that read and write its field of
//! [`Settings`]. A row of the table (`spec`) carries one [`Accepts`], so that parsing,
//! formatting and the field a setting lives in are stated once, next to its name.

use super::names::Mode;
use super::values::Settings;
use crate::format::group_thousands;

/// What text a setting accepts, with the accessors of the field that holds it.
#[derive(Clone, Copy)]
pub enum Accepts {
    /// A whole number in an inclusive range.
    Whole {
        /// The smallest accepted value.
        min: u32,
        /// The largest accepted value.
        max: u32,
        /// Reads the field.
        get: fn(&Settings) -> u32,
        /// Writes the field (the value is in range).
        set: fn(&mut Settings, u32),
    },
    /// A decimal number in an inclusive range.
    Decimal {
        /// The smallest accepted value.
        min: f64,
        /// The largest accepted value.
        max: f64,
        /// Reads the field.
        get: fn(&Settings) -> f64,
        /// Writes the field (the value is in range).
        set: fn(&mut Settings, f64),
    },
    /// One of a named enum's names.
    OneOf {
        /// Every accepted name, in the order the form lists them.
        names: &'static [&'static str],
        /// The field's name.
        get: fn(&Settings) -> &'static str,
        /// Writes the field from a name; false (and nothing written) for an unknown one.
        set: fn(&mut Settings, &str) -> bool,
    },
    /// A comma-separated list of at least one mode, kept in order without repeats.
    Modes,
    /// `0` or `1`.
    Flag {
        /// Reads the field.
        get: fn(&Settings) -> bool,
        /// Writes the field.
        set: fn(&mut Settings, bool),
    },
}

impl std::fmt::Debug for Accepts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Accepts {
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
            Accepts::Modes => format!(
                "a comma-separated list of one or more of {}",
                Mode::NAMES.join(", ")
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
    pub fn format(&self, settings: &Settings) -> String {
        match *self {
            Accepts::Whole { get, .. } => get(settings).to_string(),
            Accepts::Decimal { get, .. } => format_decimal(get(settings)),
            Accepts::OneOf { get, .. } => get(settings).to_owned(),
            Accepts::Modes => settings
                .modes
                .iter()
                .map(|m| m.name())
                .collect::<Vec<_>>()
                .join(","),
            Accepts::Flag { get, .. } => u8::from(get(settings)).to_string(),
        }
    }

    /// Reads `text` (already trimmed) into the field. On error nothing is written and the
    /// problem is returned as the middle of a sentence ("\"abc\" is not a whole number").
    pub fn parse_into(&self, settings: &mut Settings, text: &str) -> Result<(), String> {
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
            Accepts::Modes => settings.modes = parse_modes(text)?,
            Accepts::Flag { set, .. } => match text {
                "0" => set(settings, false),
                "1" => set(settings, true),
                _ => return Err(format!("{} is neither 0 nor 1", quote(text))),
            },
        }
        Ok(())
    }
}

/// `text` in quotes, cut to 24 characters (so a notice never carries a long pasted value).
pub fn quote(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() > MAX {
        format!("\"{}…\"", text.chars().take(MAX).collect::<String>())
    } else {
        format!("\"{text}\"")
    }
}

fn parse_whole(text: &str, min: u32, max: u32) -> Result<u32, String> {
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

fn parse_modes(text: &str) -> Result<Vec<Mode>, String> {
    let mut modes = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mode = Mode::from_name(part).ok_or_else(|| format!("{} is not a mode", quote(part)))?;
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
