//! What a command "prints" on an emulated instance: `echo` lines, `hostname`, and
//! `exit N`; anything else runs silently with success. Enough for clients to see
//! their own content and parameters come back.

use base64::Engine;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    /// At most [`MAX_OUTPUT_BYTES`].
    pub output: String,
    pub exit_code: i64,
    /// Bytes of output cut past [`MAX_OUTPUT_BYTES`] (the task's `Dropped`).
    pub dropped: u64,
}

/// The Data Types page: `Output` (Base64) is at most 24 KB, so the output it encodes is at
/// most three quarters of that; `Dropped` counts the rest.
pub const MAX_OUTPUT_BYTES: usize = 24 * 1024 / 4 * 3;
/// A script after parameter substitution is cut here: a small parameter used many times
/// must not grow into hundreds of megabytes.
pub const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// Replaces `{{name}}` with the parameter's value (custom parameters), in one pass, up to
/// [`MAX_SCRIPT_BYTES`].
pub fn substitute(script: &str, parameters: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut out = String::new();
    let mut rest = script;
    while out.len() < MAX_SCRIPT_BYTES {
        let Some(open) = rest.find("{{") else {
            out.push_str(rest);
            break;
        };
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let name_and_rest = &after[2..];
        match name_and_rest
            .find("}}")
            .map(|close| (&name_and_rest[..close], &name_and_rest[close + 2..]))
        {
            Some((name, tail)) if parameters.contains_key(name) => {
                let v = &parameters[name];
                match v.as_str() {
                    Some(text) => out.push_str(text),
                    None => out.push_str(&v.to_string()),
                }
                rest = tail;
            }
            _ => {
                out.push_str("{{");
                rest = name_and_rest;
            }
        }
    }
    if out.len() > MAX_SCRIPT_BYTES {
        let mut cut = MAX_SCRIPT_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

/// Output kept up to [`MAX_OUTPUT_BYTES`], the rest counted.
struct CappedOutput {
    text: String,
    dropped: u64,
}

impl CappedOutput {
    fn push(&mut self, s: &str) {
        let room = MAX_OUTPUT_BYTES - self.text.len();
        if s.len() <= room {
            self.text.push_str(s);
            return;
        }
        let mut cut = room;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.push_str(&s[..cut]);
        self.dropped += (s.len() - cut) as u64;
    }
}

pub fn run(script: &str, instance_id: &str) -> Outcome {
    let mut output = CappedOutput {
        text: String::new(),
        dropped: 0,
    };
    // `a && b` and `a; b` run one after the other, as lines do.
    let steps = script
        .lines()
        .flat_map(|l| l.split("&&"))
        .flat_map(|l| l.split(';'));
    for line in steps.map(str::trim) {
        if let Some(rest) = line
            .strip_prefix("echo ")
            .or_else(|| (line == "echo").then_some(""))
        {
            output.push(unquote(rest.trim()));
            output.push("\n");
        } else if line == "hostname" {
            output.push(instance_id);
            output.push("\n");
        } else if let Some(code) = line.strip_prefix("exit ") {
            return Outcome {
                output: output.text,
                exit_code: code.trim().parse().unwrap_or(1),
                dropped: output.dropped,
            };
        }
    }
    Outcome {
        output: output.text,
        exit_code: 0,
        dropped: output.dropped,
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

pub fn decode_base64(text: &str) -> Option<String> {
    String::from_utf8(decode_base64_bytes(text)?).ok()
}

pub fn decode_base64_bytes(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
}

pub fn encode_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_hostname_exit() {
        let o = run("echo 'hello world'\nhostname\nexit 3\necho never", "ins-1");
        assert_eq!(
            o,
            Outcome {
                output: "hello world\nins-1\n".into(),
                exit_code: 3,
                dropped: 0
            }
        );
        let params = serde_json::json!({"name": "tat"});
        assert_eq!(
            substitute("echo {{name}}", params.as_object().unwrap()),
            "echo tat"
        );
        assert_eq!(
            run("echo a && echo b; hostname", "ins-2").output,
            "a\nb\nins-2\n"
        );
        assert_eq!(
            decode_base64(&encode_base64("ls -l")).as_deref(),
            Some("ls -l")
        );
        assert_eq!(decode_base64("%%%"), None);
    }

    #[test]
    fn substitution_is_one_pass_and_bounded() {
        let params = serde_json::json!({"a": "{{b}}", "b": "x", "n": 5});
        let params = params.as_object().unwrap();
        assert_eq!(
            substitute("{{a}} {{b}} {{n}} {{zz}} {{", params),
            "{{b}} x 5 {{zz}} {{"
        );
        let big = serde_json::json!({"p": "y".repeat(10_000)});
        let script = "echo {{p}}\n".repeat(9_000);
        let out = substitute(&script, big.as_object().unwrap());
        assert!(out.len() <= MAX_SCRIPT_BYTES, "{}", out.len());
    }

    #[test]
    fn output_is_capped_and_the_rest_counted() {
        let line = "z".repeat(1000);
        let script = format!("echo {line}\n").repeat(30);
        let o = run(&script, "ins-1");
        assert_eq!(o.output.len(), MAX_OUTPUT_BYTES);
        assert_eq!(o.dropped, (30 * 1001 - MAX_OUTPUT_BYTES) as u64);
        assert!(encode_base64(&o.output).len() <= 24 * 1024);
    }
}
