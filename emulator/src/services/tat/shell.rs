//! What a command "prints" on an emulated instance: `echo` lines, `hostname`, and
//! `exit N`; anything else runs silently with success. Enough for clients to see
//! their own content and parameters come back.

use base64::Engine;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub output: String,
    pub exit_code: i64,
}

/// Replaces `{{name}}` with the parameter's value (custom parameters).
pub fn substitute(script: &str, parameters: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut out = script.to_string();
    for (k, v) in parameters {
        let value = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        out = out.replace(&format!("{{{{{k}}}}}"), &value);
    }
    out
}

pub fn run(script: &str, instance_id: &str) -> Outcome {
    let mut output = String::new();
    // `a && b` and `a; b` run one after the other, as lines do.
    let steps = script.lines().flat_map(|l| l.split("&&")).flat_map(|l| l.split(';'));
    for line in steps.map(str::trim) {
        if let Some(rest) = line.strip_prefix("echo ").or_else(|| (line == "echo").then_some("")) {
            output.push_str(unquote(rest.trim()));
            output.push('\n');
        } else if line == "hostname" {
            output.push_str(instance_id);
            output.push('\n');
        } else if let Some(code) = line.strip_prefix("exit ") {
            return Outcome { output, exit_code: code.trim().parse().unwrap_or(1) };
        }
    }
    Outcome { output, exit_code: 0 }
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
    let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).ok()?;
    String::from_utf8(bytes).ok()
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
        assert_eq!(o, Outcome { output: "hello world\nins-1\n".into(), exit_code: 3 });
        let params = serde_json::json!({"name": "tat"});
        assert_eq!(substitute("echo {{name}}", params.as_object().unwrap()), "echo tat");
        assert_eq!(run("echo a && echo b; hostname", "ins-2").output, "a\nb\nins-2\n");
        assert_eq!(decode_base64(&encode_base64("ls -l")).as_deref(), Some("ls -l"));
        assert_eq!(decode_base64("%%%"), None);
    }
}
