//! The core's one error type.

use std::fmt;

/// A problem with input data, located as precisely as the input allows.
///
/// `row` counts data rows from 1 (the header and `#` comment lines are not counted), so a
/// spreadsheet user finds the row by its position after the header. Messages are lowercase
/// sentences without a trailing period, as in jiff.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    /// Name of the file or URL the data came from, as the caller gave it.
    pub source_name: String,
    /// 1-based data row, when the problem belongs to a row.
    pub row: Option<usize>,
    /// Column name, when the problem belongs to a field.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl DataError {
    pub(crate) fn file(source_name: &str, message: impl Into<String>) -> Self {
        DataError { source_name: source_name.to_string(), row: None, field: None, message: message.into() }
    }

    pub(crate) fn at(source_name: &str, row: usize, field: &str, message: impl Into<String>) -> Self {
        DataError {
            source_name: source_name.to_string(),
            row: Some(row),
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    pub(crate) fn row(source_name: &str, row: usize, message: impl Into<String>) -> Self {
        DataError { source_name: source_name.to_string(), row: Some(row), field: None, message: message.into() }
    }
}

impl DataError {
    /// The same error without a row (for a field of the whole file).
    pub(crate) fn without_row(mut self) -> Self {
        self.row = None;
        self
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source_name)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}
