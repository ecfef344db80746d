//! TAT's backend for Tencent's own agent (`tat_agent`, whose `src/network/` is the
//! protocol): machines register as managed instances with a registration code, keep a
//! WebSocket open (their presence), fetch the tasks the API gives them, run them for real
//! and report output and outcome. The agents act on the same state as the API.

mod calls;
pub mod hub;
mod port;
mod registering;
mod signature;
mod tasks;
mod websocket;

pub use port::{config_dat, AgentPort, MAX_CALL_BYTES};
pub use websocket::{MAX_MESSAGE_BYTES, MESSAGES_PER_SECOND, PING_EVERY};
