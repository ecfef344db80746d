//! One agent's WebSocket (`/agent/ws`), after its signed handshake: the agent is Online
//! while it lasts. The emulator sends `kick`s (fetch your tasks) and pings (an agent that
//! stops answering is closed by the idle timeout); what the agent sends is read within a
//! size and a rate, and otherwise ignored (the emulator offers no remote terminal).

use super::hub::{Announced, Outbound};
use crate::services::tat::shared::Shared;
use crate::store::table::iso;
use futures_util::{SinkExt, StreamExt};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// How often the emulator pings an agent (well within the idle timeout).
pub const PING_EVERY: Duration = Duration::from_secs(5);
/// The largest message or frame read from an agent.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Messages an agent may send per second, beyond a burst of as many; a flood closes it.
pub const MESSAGES_PER_SECOND: u32 = 50;
/// Outbound messages queued per agent; past that, kicks are dropped (it is fetching).
const QUEUE: usize = 64;

/// What a session needs besides the connection.
pub struct Session {
    pub shared: Arc<Shared>,
    pub instance: String,
    pub announced: Announced,
    pub shutdown: watch::Receiver<bool>,
}

/// The limits every agent WebSocket is read within.
pub fn config() -> WebSocketConfig {
    let mut config = WebSocketConfig::default();
    config.max_message_size = Some(MAX_MESSAGE_BYTES);
    config.max_frame_size = Some(MAX_MESSAGE_BYTES);
    config
}

/// Serves the agent over its upgraded connection until either side closes.
pub async fn serve(upgraded: hyper::upgrade::Upgraded, session: Session) {
    let io = TokioIo::new(upgraded);
    let ws = WebSocketStream::from_raw_socket(io, Role::Server, Some(config())).await;
    let (sender, outbound) = mpsc::channel(QUEUE);
    let Session {
        shared,
        instance,
        announced,
        shutdown,
    } = session;
    let connection = shared.hub.link(&instance, sender, announced, shared.now());
    set_status(&shared, &instance, "Online");
    tracing::info!(target: "tencentcloud_emulator::agents", instance, "agent connected");
    if has_waiting_tasks(&shared, &instance) {
        shared.hub.kick(&instance, "");
    }
    exchange(ws, outbound, &shared, &instance, shutdown).await;
    shared.hub.unlink(&instance, connection, shared.now());
    if !shared.hub.is_online(&instance) {
        set_status(&shared, &instance, "Offline");
    }
    tracing::info!(target: "tencentcloud_emulator::agents", instance, "agent disconnected");
}

/// The managed instance's `Status` (DescribeRegisterInstances).
fn set_status(shared: &Shared, instance: &str, status: &str) {
    let mut world = shared.lock();
    let now = world.now;
    let Some((_, s)) = world.of_instance(instance) else {
        return;
    };
    if let Some(record) = s.register_instances.get_mut(instance) {
        record["Status"] = json!(status);
        record["UpdatedTime"] = json!(iso(now));
    }
    if let Err(e) = shared.save(&mut world) {
        tracing::error!(target: "tencentcloud_emulator::state", "{e}");
    }
}

/// Whether tasks wait for the instance's agent (it is told to fetch them at once).
fn has_waiting_tasks(shared: &Shared, instance: &str) -> bool {
    let mut world = shared.lock();
    let Some((_, s)) = world.of_instance(instance) else {
        return false;
    };
    let waiting = s.tasks.newest_first().any(|t| {
        t["InstanceId"].as_str() == Some(instance)
            && matches!(
                t["TaskStatus"].as_str(),
                Some("PENDING" | "DELIVERING" | "CANCELLING")
            )
    });
    waiting
}

async fn exchange(
    ws: WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>,
    mut outbound: mpsc::Receiver<Outbound>,
    shared: &Shared,
    instance: &str,
    mut shutdown: watch::Receiver<bool>,
) {
    let (mut sink, mut stream) = ws.split();
    let limiter = flood_limit();
    let mut ping = tokio::time::interval(PING_EVERY);
    let mut seq = 0u64;
    let close = |reason: &str, code| {
        Message::Close(Some(CloseFrame {
            code,
            reason: reason.to_string().into(),
        }))
    };
    loop {
        tokio::select! {
            message = outbound.recv() => match message {
                Some(Outbound::Kick { task_id }) => {
                    seq += 1;
                    let kick = json!({ "Type": "kick", "Seq": seq, "Data": { "InvocationTaskID": task_id } });
                    if sink.send(Message::Text(kick.to_string().into())).await.is_err() {
                        break;
                    }
                }
                Some(Outbound::Close(reason)) => {
                    let _ = sink.send(close(&reason, CloseCode::Policy)).await;
                    break;
                }
                None => break,
            },
            _ = ping.tick() => {
                if sink.send(Message::Ping(Vec::new().into())).await.is_err() {
                    break;
                }
            }
            received = stream.next() => {
                let Some(Ok(message)) = received else { break };
                shared.hub.heard_from(instance, shared.now());
                if limiter.check().is_err() {
                    let _ = sink.send(close("too many messages", CloseCode::Policy)).await;
                    break;
                }
                if matches!(message, Message::Close(_)) {
                    break;
                }
            }
            _ = shutdown.changed() => {
                let _ = sink.send(close("the emulator stopped", CloseCode::Away)).await;
                break;
            }
        }
    }
}

fn flood_limit() -> DefaultDirectRateLimiter {
    let rate = NonZeroU32::new(MESSAGES_PER_SECOND).unwrap_or(NonZeroU32::MIN);
    RateLimiter::direct(Quota::per_second(rate).allow_burst(rate))
}
