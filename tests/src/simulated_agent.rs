//! An agent written here, speaking the protocol of Tencent's `tat_agent` (its
//! `src/network/`) to the emulator's agents' port: it registers with an RSA key, signs its
//! calls as the agent does, keeps a WebSocket, and runs the tasks it fetches with a
//! stand-in for a shell (the output is the script itself). Tests use it where the real
//! agent cannot be steered (forged signatures, floods, fifty agents at once).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use futures_util::StreamExt;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha1::{Digest, Sha1};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub type AgentSocket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// One RSA key for every simulated agent of a test run: 1,024 bits, the least the
/// emulator verifies, so many simulated calls stay cheap (the real agent's 2,048-bit keys
/// are verified in the tests that run it).
pub struct AgentKey {
    private: RsaPrivateKey,
    pub public_pem: String,
}

pub fn agent_key() -> &'static AgentKey {
    static KEY: OnceLock<AgentKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let private = RsaPrivateKey::new(&mut rand::thread_rng(), 1024).expect("an RSA key");
        let public_pem = private
            .to_public_key()
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .expect("a PEM public key");
        AgentKey {
            private,
            public_pem,
        }
    })
}

/// A simulated agent on the emulator's agents' port.
pub struct SimulatedAgent {
    pub invoke_url: String,
    pub ws_url: String,
    pub machine_id: String,
    pub instance_id: Option<String>,
    http: reqwest::Client,
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl SimulatedAgent {
    pub fn new(port: SocketAddr, machine_id: &str) -> Self {
        SimulatedAgent {
            invoke_url: format!("http://{port}/agent/invoke"),
            ws_url: format!("ws://{port}/agent/ws"),
            machine_id: machine_id.to_string(),
            instance_id: None,
            http: reqwest::Client::new(),
        }
    }

    /// The signed headers of one call, made at `timestamp` with `random_key`.
    pub fn signed_headers_at(&self, timestamp: u64, random_key: &str) -> Vec<(String, String)> {
        let instance = self.instance_id.clone().unwrap_or_default();
        let data = format!("{}{instance}{random_key}{timestamp}", self.machine_id);
        let digest = Sha1::digest(data.as_bytes());
        let signature = agent_key()
            .private
            .sign(Pkcs1v15Sign::new::<Sha1>(), &digest)
            .expect("signed");
        vec![
            ("MachineId".into(), self.machine_id.clone()),
            ("InstanceId".into(), instance),
            ("RandomKey".into(), random_key.to_string()),
            ("Timestamp".into(), timestamp.to_string()),
            ("Signature".into(), BASE64.encode(signature)),
            ("Tat-Version".into(), "1.1.9-simulated".into()),
            ("Tat-KernelName".into(), "Linux".into()),
        ]
    }

    /// The headers of a call now: signed once registered, else only the machine's id.
    pub fn headers(&self) -> Vec<(String, String)> {
        match self.instance_id {
            Some(_) => {
                self.signed_headers_at(now_secs(), &format!("{:032x}", rand::random::<u128>()))
            }
            None => vec![("MachineId".into(), self.machine_id.clone())],
        }
    }

    /// A call with these headers and body: the `Response` object.
    pub async fn send(&self, headers: &[(String, String)], body: Vec<u8>) -> Value {
        let mut request = self.http.post(&self.invoke_url).body(body);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request.send().await.expect("the agents' port answers");
        let text = response.text().await.expect("a body");
        let envelope: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
        envelope["Response"].clone()
    }

    /// `Action` with `params`, signed as the agent signs: the `Response` object.
    pub async fn call(&self, action: &str, mut params: Value) -> Value {
        params["Action"] = json!(action);
        self.send(&self.headers(), params.to_string().into_bytes())
            .await
    }

    /// Registers with a code; the instance id, or the error's code.
    pub async fn register(&mut self, code_id: &str, value: &str) -> Result<String, String> {
        let params = json!({
            "MachineId": self.machine_id, "ActiveCode": code_id, "ActiveValue": value,
            "PublicKey": agent_key().public_pem, "Hostname": "simulated-host",
            "LocalIp": "127.0.0.1", "SystemName": "Linux",
        });
        let answer = self.call("RegisterInstance", params).await;
        match answer["InstanceId"].as_str() {
            Some(id) => {
                self.instance_id = Some(id.to_string());
                Ok(id.to_string())
            }
            None => Err(answer["Error"]["Code"].as_str().unwrap_or("?").to_string()),
        }
    }

    /// Opens the agent's WebSocket with these headers.
    pub async fn connect_with(
        &self,
        headers: &[(String, String)],
    ) -> Result<AgentSocket, tokio_tungstenite::tungstenite::Error> {
        let mut request = self.ws_url.as_str().into_client_request()?;
        for (name, value) in headers {
            let name =
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("a header name");
            request
                .headers_mut()
                .insert(name, value.parse().expect("a header value"));
        }
        tokio_tungstenite::connect_async(request)
            .await
            .map(|(socket, _)| socket)
    }

    /// Opens the agent's WebSocket, signed.
    pub async fn connect(&self) -> AgentSocket {
        self.connect_with(&self.headers())
            .await
            .expect("the WebSocket opens")
    }

    /// Fetches its tasks and runs each: started, its script uploaded as output in two
    /// chunks (the second first), finished with SUCCESS. Returns how many it ran.
    pub async fn run_fetched_tasks(&self) -> usize {
        let tasks = self.call("DescribeTasks", json!({})).await;
        let normal = tasks["InvocationNormalTaskSet"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for task in &normal {
            let id = task["InvocationTaskId"].as_str().unwrap_or_default();
            let script = BASE64
                .decode(task["Command"].as_str().unwrap_or_default())
                .unwrap_or_default();
            self.call(
                "ReportTaskStart",
                json!({ "InvocationTaskId": id, "TimeStamp": now_secs() }),
            )
            .await;
            let half = script.len() / 2;
            for (index, part) in [(1, &script[half..]), (0, &script[..half])] {
                let chunk = json!({ "InvocationTaskId": id, "Index": index, "Output": BASE64.encode(part), "Dropped": 0 });
                self.call("UploadTaskLog", chunk).await;
            }
            let finish = json!({
                "InvocationTaskId": id, "TimeStamp": now_secs(), "Result": "SUCCESS",
                "ErrorInfo": "", "ExitCode": 0, "FinalLogIndex": 1, "OutputUrl": "",
                "OutputUploadCOSErrorInfo": "",
            });
            self.call("ReportTaskFinish", finish).await;
        }
        normal.len()
    }

    /// Serves its WebSocket as the agent does: each kick, it fetches and runs its tasks.
    /// Returns when the socket closes.
    pub async fn serve(&self, mut socket: AgentSocket) -> usize {
        let mut ran = 0;
        while let Some(Ok(message)) = socket.next().await {
            if let Message::Text(text) = message {
                let kick: Value = serde_json::from_str(text.as_str()).unwrap_or_default();
                if kick["Type"] == "kick" {
                    ran += self.run_fetched_tasks().await;
                }
            }
        }
        ran
    }
}
