//! Landscapes at scale.
