//! Where a JSON document ends on a page: bracket depth outside strings, across lines.

/// Tracks `{}`/`[]` depth outside JSON strings, across lines.
#[derive(Default)]
pub(crate) struct BracketScanner {
    depth: i64,
    in_string: bool,
    escaped: bool,
    started: bool,
}

impl BracketScanner {
    pub(crate) fn feed(&mut self, line: &str) {
        for c in line.chars() {
            self.feed_char(c);
        }
        // A string never spans lines in these pages; recover instead of swallowing the page.
        self.in_string = false;
        self.escaped = false;
    }

    pub(crate) fn feed_char(&mut self, c: char) {
        if self.in_string {
            match (self.escaped, c) {
                (true, _) => self.escaped = false,
                (false, '\\') => self.escaped = true,
                (false, '"') => self.in_string = false,
                _ => {}
            }
            return;
        }
        match c {
            '"' => self.in_string = true,
            '{' | '[' => {
                self.depth += 1;
                self.started = true;
            }
            '}' | ']' => self.depth -= 1,
            _ => {}
        }
    }

    pub(crate) fn balanced(&self) -> bool {
        self.started && self.depth <= 0
    }
}
