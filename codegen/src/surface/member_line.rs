//! A member as one line of JSON, losslessly:
//! `content: Option<String>; fn content_raw; limits ea1536; docs ef1cba`.

use super::model::Member;

impl From<Member> for String {
    fn from(m: Member) -> String {
        let ty = if m.optional {
            format!("Option<{}>", m.ty)
        } else {
            m.ty
        };
        let mut line = format!("{}: {ty}", m.rust);
        for method in &m.methods {
            line.push_str(&format!("; fn {method}"));
        }
        if !m.limits.is_empty() {
            line.push_str(&format!("; limits {}", m.limits));
        }
        line.push_str(&format!("; docs {}", m.docs));
        line
    }
}

impl TryFrom<String> for Member {
    type Error = String;
    fn try_from(line: String) -> Result<Member, String> {
        let mut parts = line.split("; ");
        let head = parts.next().unwrap_or_default();
        let (rust, ty) = head
            .split_once(": ")
            .ok_or_else(|| format!("`{line}` is not `name: type; …`"))?;
        let (ty, optional) = match ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
            Some(inner) => (inner, true),
            None => (ty, false),
        };
        let mut m = Member {
            rust: rust.to_string(),
            ty: ty.to_string(),
            optional,
            methods: Vec::new(),
            limits: String::new(),
            docs: String::new(),
        };
        for part in parts {
            match part.split_once(' ') {
                Some(("fn", name)) => m.methods.push(name.to_string()),
                Some(("limits", f)) => m.limits = f.to_string(),
                Some(("docs", f)) => m.docs = f.to_string(),
                _ => return Err(format!("`{part}` in `{line}` is not a member's part")),
            }
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_line_reads_back() {
        let m = Member {
            rust: "content".into(),
            ty: "Vec<Box<types::A>>".into(),
            optional: true,
            methods: vec!["content_raw".into()],
            limits: "0011aa".into(),
            docs: "ffeedd".into(),
        };
        let line = String::from(m.clone());
        assert_eq!(
            line,
            "content: Option<Vec<Box<types::A>>>; fn content_raw; limits 0011aa; docs ffeedd"
        );
        assert_eq!(Member::try_from(line), Ok(m));
    }
}
