//! HTTP/1.1 for every port the emulator serves (the API, and a behaviour's own port such as
//! TAT's agent port): connections under the same limits ([`listener`]), bodies read within
//! a cap, a memory budget and a deadline ([`body`]), and plain answers ([`reply`]).

pub mod body;
pub mod listener;
pub mod reply;
