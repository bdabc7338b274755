//! When the page should give its wasm memory back (issue 11: "wasm memory back near its start
//! after a large file is replaced"). A wasm instance's linear memory grows and never shrinks:
//! after a 4.8 MB price file it stays at its peak (about 42 MB) whatever replaces the file. The
//! only way to give it back is a new instance, rebuilt from the inputs the page keeps
//! (`www/main.js`, `renewIfLarge`). This module says when that is worth it; the page measures.

/// Bytes of wasm linear memory per byte of input text a fresh instance reaches while it reads
/// the page's inputs (the texts as UTF-8, the parsed rows, the series, the explainer and its
/// view). Measured in Chromium on the release build, from an empty instance's 1.1 MB: 4.8 MB of
/// daily bars (with the bundled files) took it to 41.8 MB, 0.5 MB to 5.9 MB (8.4 per byte); the
/// bundled files' 73 KB to 1.5 MB (about 5). Rounded up, so a renewal never promises more than
/// it gives.
pub const PEAK_BYTES_PER_INPUT_BYTE: f64 = 10.0;

/// A renewal is done only when the memory is more than this many times what a fresh instance
/// would need, and more than [`RENEW_FLOOR_BYTES`].
pub const RENEW_RATIO: f64 = 4.0;

/// Below this, memory is left alone (a renewal rebuilds every explainer of the page; not worth
/// it for a few megabytes).
pub const RENEW_FLOOR_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// What a fresh instance is expected to reach: its memory before any data (`empty_bytes`) plus
/// [`PEAK_BYTES_PER_INPUT_BYTE`] for each byte of the inputs it would read again (`input_bytes`:
/// the bundled files, the history, the files loaded and still in use).
pub fn fresh_instance_bytes(empty_bytes: f64, input_bytes: f64) -> f64 {
    empty_bytes.max(0.0) + PEAK_BYTES_PER_INPUT_BYTE * input_bytes.max(0.0)
}

/// True when an instance holding `memory_bytes` should be replaced by a fresh one: more than
/// [`RENEW_RATIO`] times [`fresh_instance_bytes`] and more than [`RENEW_FLOOR_BYTES`]. After a
/// large file is replaced by a small one (or the bundled one), the fresh instance needs little;
/// right after a large file is loaded, the fresh instance would need as much again, so nothing
/// is done.
pub fn should_renew(memory_bytes: f64, empty_bytes: f64, input_bytes: f64) -> bool {
    memory_bytes > RENEW_FLOOR_BYTES && memory_bytes > RENEW_RATIO * fresh_instance_bytes(empty_bytes, input_bytes)
}

/// The current instance's linear memory in bytes (64 KiB pages).
#[cfg(target_arch = "wasm32")]
pub fn linear_memory_bytes() -> f64 {
    core::arch::wasm32::memory_size::<0>() as f64 * 65536.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: f64 = 1024.0 * 1024.0;
    // The page's inputs with the bundled story: prices, figures, history.
    const BUNDLED: f64 = 24_484.0 + 7_876.0 + 40_584.0;

    #[test]
    fn a_large_file_replaced_by_the_bundled_one_renews() {
        // 41.8 MB after a 4.8 MB file, then the bundled prices loaded again (24 KB more input).
        assert!(should_renew(41.8 * MB, 1.1 * MB, BUNDLED + 24_484.0));
    }

    #[test]
    fn a_large_file_just_loaded_does_not_renew() {
        // A fresh instance would read the 4.8 MB again and reach as much.
        assert!(!should_renew(41.8 * MB, 1.1 * MB, BUNDLED + 4.8 * MB));
    }

    #[test]
    fn a_small_instance_never_renews() {
        assert!(!should_renew(1.5 * MB, 1.1 * MB, BUNDLED));
        assert!(!should_renew(7.9 * MB, 0.0, 0.0));
    }

    #[test]
    fn a_smaller_loaded_file_renews_when_it_is_small_enough() {
        // 0.5 MB of bars: a fresh instance would reach about 6 MB, a quarter of 41.8 is 10.4.
        assert!(should_renew(41.8 * MB, 1.1 * MB, BUNDLED + 0.5 * MB));
        // 1.5 MB: about 16 MB fresh; 41.8 is not four times that.
        assert!(!should_renew(41.8 * MB, 1.1 * MB, BUNDLED + 1.5 * MB));
    }

    #[test]
    fn nonsense_inputs_do_not_renew_by_accident() {
        assert!(!should_renew(f64::NAN, 1.1 * MB, BUNDLED));
        assert!(should_renew(41.8 * MB, -5.0, -5.0));
        assert!(!should_renew(41.8 * MB, f64::INFINITY, 0.0));
    }
}
