//! Lossless, tolerant C front end.
