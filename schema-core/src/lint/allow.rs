//! `-- schema:allow(code, other-code)`: silences lints for the statement the comment stands
//! before, or for the whole file when the comment is followed by a blank line at the top of
//! the file.

use std::collections::BTreeSet;

const MARKER: &str = "schema:allow(";

#[derive(Debug, Clone, Default)]
pub(crate) struct Allowed {
    file: BTreeSet<String>,
    statement: BTreeSet<String>,
}

impl Allowed {
    /// Reads the comments before the first statement of a file (`leading`): allow comments
    /// followed by a blank line apply to the file, the others to that first statement.
    pub(crate) fn for_file(leading: &str) -> Allowed {
        let mut allowed = Allowed::default();
        let lines: Vec<&str> = leading.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let codes = codes_in(line);
            if codes.is_empty() {
                continue;
            }
            let more_comments = lines[index + 1..]
                .iter()
                .take_while(|l| l.trim().starts_with("--"))
                .count();
            let next = lines.get(index + 1 + more_comments);
            if next.is_some_and(|l| l.trim().is_empty()) {
                allowed.file.extend(codes);
            }
        }
        allowed
    }

    /// The codes allowed for one statement: file-wide ones plus those in its own comments.
    pub(crate) fn for_statement(&self, leading: &str, statement: &str) -> Allowed {
        let mut statement_codes: BTreeSet<String> = leading.lines().flat_map(codes_in).collect();
        statement_codes.extend(statement.lines().flat_map(codes_in));
        Allowed {
            file: self.file.clone(),
            statement: statement_codes,
        }
    }

    pub(crate) fn allows(&self, code: &str) -> bool {
        self.file.contains(code) || self.statement.contains(code) || self.file.contains("all")
    }
}

fn codes_in(line: &str) -> Vec<String> {
    let Some(comment) = line.find("--").map(|at| &line[at + 2..]) else {
        return Vec::new();
    };
    let Some(start) = comment.find(MARKER) else {
        return Vec::new();
    };
    let rest = &comment[start + MARKER.len()..];
    let Some(end) = rest.find(')') else {
        return Vec::new();
    };
    rest[..end]
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_and_file_comments_are_told_apart() {
        let file = Allowed::for_file("-- schema:allow(serial)\n\n-- schema:allow(drop-table)\n");
        assert!(file.allows("serial"));
        assert!(!file.allows("drop-table"));
        let statement = file.for_statement(
            "-- schema:allow(drop-table, rename-column)\n",
            "DROP TABLE x",
        );
        assert!(
            statement.allows("drop-table")
                && statement.allows("rename-column")
                && statement.allows("serial")
        );
        assert!(!statement.allows("drop-column"));
    }
}
