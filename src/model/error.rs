//! The core's one error type.

use std::fmt;

/// A problem with input data, located as precisely as the input allows.
///
/// In text (CSV) input, `line` counts the lines of the file from 1, the header and `#` comment
/// lines included, as an editor shows them ("line N"). In JSON, `row` counts the entries of the
/// array from 1 ("row N"). Messages are lowercase sentences without a trailing period, as in
/// jiff. Every value echoed from the data is cut to [`ECHO_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    /// Name of the file or URL the data came from, as the caller gave it.
    pub source_name: String,
    /// 1-based entry of a JSON array, when the problem belongs to one.
    pub row: Option<usize>,
    /// 1-based line of a text file (header and comments counted), when the problem belongs to one.
    pub line: Option<usize>,
    /// Column name, when the problem belongs to a field.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl DataError {
    pub(crate) fn file(source_name: &str, message: impl Into<String>) -> Self {
        DataError { source_name: source_name.to_string(), row: None, line: None, field: None, message: message.into() }
    }

    pub(crate) fn at(source_name: &str, row: usize, field: &str, message: impl Into<String>) -> Self {
        DataError { source_name: source_name.to_string(), row: Some(row), line: None, field: Some(field.to_string()), message: message.into() }
    }

    pub(crate) fn row(source_name: &str, row: usize, message: impl Into<String>) -> Self {
        DataError { source_name: source_name.to_string(), row: Some(row), line: None, field: None, message: message.into() }
    }
}

impl DataError {
    /// The same error without a row (for a field of the whole file).
    pub(crate) fn without_row(mut self) -> Self {
        self.row = None;
        self
    }

    /// The same error located at a line of a text file instead of a row.
    pub(crate) fn on_line(mut self, line: usize) -> Self {
        self.row = None;
        self.line = Some(line);
        self
    }

    /// An error at `line` (1-based, of the whole file) and `field` of a text file.
    pub(crate) fn at_line(source_name: &str, line: usize, field: &str, message: impl Into<String>) -> Self {
        DataError::at(source_name, 0, field, message).on_line(line)
    }

    /// An error at `line` of a text file.
    pub(crate) fn line(source_name: &str, line: usize, message: impl Into<String>) -> Self {
        DataError::row(source_name, 0, message).on_line(line)
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source_name)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        } else if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}

/// Longest value echoed back in a message, in characters.
pub const ECHO_MAX_CHARS: usize = 80;

/// Longest text field taken from data (a `source` note), in characters.
pub const TEXT_MAX_CHARS: usize = 300;

/// `text` cut to `max` characters, with "…" when it was longer.
pub fn cap(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}

/// A value from the data as a message echoes it: at most [`ECHO_MAX_CHARS`] characters.
pub fn echo(text: &str) -> String {
    cap(text, ECHO_MAX_CHARS)
}

/// A source name as messages show it: credentials in a URL removed (`https://user:pass@host/x`
/// → `https://host/x`), control characters dropped, at most [`TEXT_MAX_CHARS`] characters.
pub fn clean_source_name(name: &str) -> String {
    let mut name: String = name.chars().filter(|c| !c.is_control()).collect();
    if let Some(scheme_end) = name.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = name[rest_start..].find(['/', '?', '#']).map_or(name.len(), |i| rest_start + i);
        if let Some(at) = name[rest_start..authority_end].rfind('@') {
            name.replace_range(rest_start..rest_start + at + 1, "");
        }
    }
    cap(&name, TEXT_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_and_lengths_are_cut() {
        assert_eq!(clean_source_name("https://user:pass@host.example/x.csv"), "https://host.example/x.csv");
        assert_eq!(clean_source_name("https://tok@h/p?q=a@b"), "https://h/p?q=a@b");
        assert_eq!(clean_source_name("prices.csv"), "prices.csv");
        assert_eq!(echo(&"x".repeat(81)), format!("{}…", "x".repeat(80)));
        assert_eq!(echo(&"é".repeat(80)), "é".repeat(80));
    }
}
