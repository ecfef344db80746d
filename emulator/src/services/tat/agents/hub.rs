//! The agents connected now: one WebSocket link per managed instance (a new connection
//! replaces the old), what each announced in its handshake, when each was last heard
//! from, and when each went away. The API tells an agent to fetch its tasks through its
//! link (`kick`); the agent's presence is what DescribeAutomationAgentStatus reports.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};
use tokio::sync::mpsc;

/// Agent log lines kept (ReportAgentLog), oldest dropped first.
const KEPT_LOGS: usize = 1000;

/// What the emulator sends an agent over its WebSocket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outbound {
    /// `{"Type": "kick", …}`: fetch your tasks (DescribeTasks).
    Kick { task_id: String },
    /// Close the connection (the instance was deleted, or another connection replaced it).
    Close(String),
}

/// What an agent announced when it connected (its handshake headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    pub version: String,
    /// `Linux` or `Windows`.
    pub environment: String,
}

struct Link {
    connection: u64,
    sender: mpsc::Sender<Outbound>,
}

/// An agent's presence, as DescribeAutomationAgentStatus shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub online: bool,
    pub version: String,
    pub environment: String,
    pub last_seen: SystemTime,
}

/// One agent log line (ReportAgentLog).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentLog {
    pub instance_id: String,
    pub level: String,
    pub version: String,
    pub text: String,
    pub at: SystemTime,
}

#[derive(Default)]
struct Book {
    links: HashMap<String, Link>,
    /// Last heard from (a request, a message), and what it last announced.
    seen: HashMap<String, (SystemTime, Announced)>,
    /// When each instance's agent went away, on the emulator's clock (absent: connected,
    /// or never was).
    gone_since: HashMap<String, SystemTime>,
}

#[derive(Default)]
pub struct Hub {
    book: Mutex<Book>,
    connections: AtomicU64,
    logs: Mutex<VecDeque<AgentLog>>,
}

impl Hub {
    fn book(&self) -> std::sync::MutexGuard<'_, Book> {
        self.book
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Links `instance`'s new connection; an older one is told to close. Returns the
    /// connection's number, for [`Hub::unlink`].
    pub fn link(
        &self,
        instance: &str,
        sender: mpsc::Sender<Outbound>,
        announced: Announced,
        now: SystemTime,
    ) -> u64 {
        let connection = self.connections.fetch_add(1, Ordering::Relaxed) + 1;
        let mut book = self.book();
        book.seen.insert(instance.to_string(), (now, announced));
        book.gone_since.remove(instance);
        let link = Link { connection, sender };
        if let Some(old) = book.links.insert(instance.to_string(), link) {
            let _ = old
                .sender
                .try_send(Outbound::Close("replaced by a newer connection".into()));
        }
        connection
    }

    /// The connection `connection` of `instance` ended (a newer one may have replaced it).
    pub fn unlink(&self, instance: &str, connection: u64, now: SystemTime) {
        let mut book = self.book();
        if book
            .links
            .get(instance)
            .is_some_and(|l| l.connection == connection)
        {
            book.links.remove(instance);
            book.gone_since.insert(instance.to_string(), now);
        }
    }

    /// Tells the instance's agent to close, and forgets it (a deleted instance).
    pub fn disconnect(&self, instance: &str) {
        let mut book = self.book();
        if let Some(link) = book.links.remove(instance) {
            let _ = link
                .sender
                .try_send(Outbound::Close("the managed instance was deleted".into()));
        }
        book.seen.remove(instance);
        book.gone_since.remove(instance);
    }

    /// Whether the instance's agent is connected.
    pub fn is_online(&self, instance: &str) -> bool {
        self.book().links.contains_key(instance)
    }

    /// Tells the instance's agent to fetch its tasks; false when it is not connected (it
    /// fetches them when it connects) or its queue is full (it is fetching already).
    pub fn kick(&self, instance: &str, task_id: &str) -> bool {
        let book = self.book();
        let Some(link) = book.links.get(instance) else {
            return false;
        };
        link.sender
            .try_send(Outbound::Kick {
                task_id: task_id.to_string(),
            })
            .is_ok()
    }

    /// The instance's agent was heard from (any request or message).
    pub fn heard_from(&self, instance: &str, now: SystemTime) {
        if let Some((seen, _)) = self.book().seen.get_mut(instance) {
            *seen = now;
        }
    }

    /// How long the instance's agent has been away, if it was connected and is not now.
    pub fn offline_for(&self, instance: &str, now: SystemTime) -> Option<Duration> {
        let book = self.book();
        book.gone_since
            .get(instance)
            .map(|since| now.duration_since(*since).unwrap_or_default())
    }

    /// The agent's presence, if it ever connected.
    pub fn presence(&self, instance: &str) -> Option<Presence> {
        let book = self.book();
        let (last_seen, announced) = book.seen.get(instance)?.clone();
        let online = book.links.contains_key(instance);
        let Announced {
            version,
            environment,
        } = announced;
        Some(Presence {
            online,
            version,
            environment,
            last_seen,
        })
    }

    /// How many agents are connected.
    pub fn online_count(&self) -> usize {
        self.book().links.len()
    }

    /// Keeps an agent log line; past `KEPT_LOGS` lines, the oldest goes.
    pub fn log(&self, line: AgentLog) {
        let mut logs = self
            .logs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if logs.len() == KEPT_LOGS {
            logs.pop_front();
        }
        logs.push_back(line);
    }

    /// The agent log lines kept, oldest first.
    pub fn logs(&self) -> Vec<AgentLog> {
        let logs = self
            .logs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        logs.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn announced() -> Announced {
        Announced {
            version: "1.1.9".into(),
            environment: "Linux".into(),
        }
    }

    #[test]
    fn presence_follows_links_and_a_newer_connection_replaces_an_older() {
        let hub = Hub::default();
        assert!(hub.presence("rins-1").is_none() && !hub.is_online("rins-1"));
        let (first, mut first_rx) = mpsc::channel(4);
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let one = hub.link("rins-1", first, announced(), t0);
        assert!(hub.kick("rins-1", "invt-1"));
        assert_eq!(
            first_rx.try_recv().unwrap(),
            Outbound::Kick {
                task_id: "invt-1".into()
            }
        );
        let (second, _second_rx) = mpsc::channel(4);
        let two = hub.link("rins-1", second, announced(), t0);
        assert!(matches!(first_rx.try_recv().unwrap(), Outbound::Close(_)));
        hub.unlink("rins-1", one, t0);
        assert!(
            hub.is_online("rins-1"),
            "the old connection ending leaves the new one"
        );
        hub.unlink("rins-1", two, t0);
        let presence = hub.presence("rins-1").unwrap();
        assert!(!presence.online && presence.version == "1.1.9");
        let later = t0 + Duration::from_secs(40);
        assert_eq!(
            hub.offline_for("rins-1", later),
            Some(Duration::from_secs(40))
        );
        assert!(!hub.kick("rins-1", "invt-2"));
    }

    #[test]
    fn logs_keep_the_newest() {
        let hub = Hub::default();
        for i in 0..KEPT_LOGS + 5 {
            let at = SystemTime::now();
            let text = i.to_string();
            let (level, version) = ("ERROR".to_string(), String::new());
            hub.log(AgentLog {
                instance_id: "rins-1".into(),
                level,
                version,
                text,
                at,
            });
        }
        let logs = hub.logs();
        assert_eq!((logs.len(), logs[0].text.as_str()), (KEPT_LOGS, "5"));
    }
}
