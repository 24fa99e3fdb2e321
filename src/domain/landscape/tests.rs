//! Cross-cutting tests of the landscape.
