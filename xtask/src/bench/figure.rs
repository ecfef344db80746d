//! One measured figure, the `FIGURE {json}` lines the benches print, the table
//! `cargo xtask bench` shows and the JSON it writes (`target/bench/figures.json`).

use serde_json::{json, Value};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: String,
    /// The peer measured in the same run, and its value in the same unit.
    pub peer: Option<(String, f64)>,
}

impl Figure {
    pub fn new(name: &str, value: f64, unit: &str) -> Figure {
        Figure {
            name: name.to_string(),
            value,
            unit: unit.to_string(),
            peer: None,
        }
    }

    pub fn against(mut self, peer: &str, value: Option<f64>) -> Figure {
        self.peer = value.map(|v| (peer.to_string(), v));
        self
    }

    /// Ours divided by the peer's: below 1 for a time is faster, above 1 for a rate.
    pub fn ratio(&self) -> Option<f64> {
        self.peer
            .as_ref()
            .filter(|(_, p)| *p > 0.0)
            .map(|(_, p)| self.value / p)
    }

    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "peer": self.peer.as_ref().map(|(n, _)| n),
            "peer_value": self.peer.as_ref().map(|(_, v)| v),
            "ratio": self.ratio(),
        })
    }
}

/// The figures a bench printed as `FIGURE {json}` lines (see `tests/src/bench_figures.rs`).
pub fn figures_in(output: &str) -> Vec<Figure> {
    output
        .lines()
        .filter_map(|l| l.strip_prefix("FIGURE "))
        .filter_map(|j| serde_json::from_str::<Value>(j).ok())
        .filter_map(|v| {
            let figure = Figure::new(
                v["name"].as_str()?,
                v["value"].as_f64()?,
                v["unit"].as_str()?,
            );
            Some(match (v["peer"].as_str(), v["peer_value"].as_f64()) {
                (Some(peer), value) => figure.against(peer, value),
                _ => figure,
            })
        })
        .collect()
}

/// The output without its `FIGURE` lines: what the bench says to a reader.
pub fn prose_of(output: &str) -> String {
    output
        .lines()
        .filter(|l| !l.starts_with("FIGURE ") && !l.trim_start().starts_with("Running"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// One row per figure: name, value, peer, peer's value, ratio.
pub fn table(figures: &[Figure]) -> String {
    let width = figures
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(4);
    let mut out = format!(
        "{:<width$}  {:>12}  {:<34} {:>12}  {:>7}\n",
        "figure", "ours", "peer", "peer's", "ratio"
    );
    for f in figures {
        let (peer, peer_value) = match &f.peer {
            Some((name, value)) => (name.as_str(), shown(*value, &f.unit)),
            None => ("", String::new()),
        };
        let ratio = f.ratio().map_or(String::new(), |r| format!("{r:.2}×"));
        out.push_str(&format!(
            "{:<width$}  {:>12}  {peer:<34} {peer_value:>12}  {ratio:>7}\n",
            f.name,
            shown(f.value, &f.unit)
        ));
    }
    out
}

fn shown(value: f64, unit: &str) -> String {
    if value >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.2} {unit}")
    }
}

/// The figures as a Markdown table for the README, headed by the run's date.
pub fn markdown(date: &str, figures: &[Figure]) -> String {
    let mut out = format!("Measured {date} by `cargo xtask bench` (one run; ratio = ours / peer's).\n\n| figure | ours | peer in the same run | ratio |\n|---|---|---|---|\n");
    for f in figures {
        let peer = f.peer.as_ref().map_or(String::new(), |(name, value)| {
            format!("{name}: {}", shown(*value, &f.unit))
        });
        let ratio = f.ratio().map_or(String::new(), |r| format!("{r:.2}×"));
        out.push_str(&format!(
            "| {} | {} | {peer} | {ratio} |\n",
            f.name,
            shown(f.value, &f.unit)
        ));
    }
    out
}

/// Writes `{"date", "figures": [...]}` to `path`.
pub fn write_json(path: &Path, date: &str, figures: &[Figure]) -> Result<(), String> {
    let doc = json!({
        "date": date,
        "figures": figures.iter().map(Figure::to_json).collect::<Vec<_>>(),
    });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_lines_round_trip_with_their_peers() {
        let output = "== a table\nFIGURE {\"name\":\"a\",\"value\":2.0,\"unit\":\"ms\",\"peer\":\"b\",\"peer_value\":4.0,\"ratio\":0.5}\nFIGURE {\"name\":\"c\",\"value\":3.0,\"unit\":\"s\",\"peer\":null,\"peer_value\":null,\"ratio\":null}\nFIGURE not json\n";
        let figures = figures_in(output);
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].ratio(), Some(0.5));
        assert_eq!(figures[1].peer, None);
        assert_eq!(prose_of(output), "== a table\n");
        assert!(table(&figures).contains("0.50×"), "{}", table(&figures));
    }
}
