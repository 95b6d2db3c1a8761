//! Type names as PostgreSQL's `format_type` spells them, from the type text a migration wrote.
//!
//! Works on text (sqlparser's rendering of its `DataType`, or raw tokens from the fallback), so
//! that one function serves every path and an upgrade of sqlparser's type enum cannot drift it.

/// A column type after normalisation, plus what a `serial` pseudo-type implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    pub name: String,
    /// `serial`, `bigserial`, `smallserial`: NOT NULL with a `nextval` default of an owned sequence.
    pub serial: bool,
}

/// Normalises a type as written (`VARCHAR(255)`, `int4[]`, `TIMESTAMP(3) WITH TIME ZONE`,
/// `"MyEnum"`, `public.mood`) to `format_type` spelling.
pub fn normalize(written: &str) -> ColumnType {
    let mut text = written.trim().to_string();
    let mut dimensions = 0;
    loop {
        let trimmed = text.trim_end();
        if let Some(rest) = trimmed.strip_suffix(']')
            && let Some(open) = rest.rfind('[')
        {
            text = rest[..open].to_string();
            dimensions += 1;
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.ends_with(" array") {
            text = trimmed[..trimmed.len() - 6].to_string();
            dimensions += 1;
            continue;
        }
        text = trimmed.to_string();
        break;
    }
    let (base, serial) = normalize_scalar(&text);
    ColumnType {
        name: format!("{base}{}", "[]".repeat(dimensions.min(1))),
        serial,
    }
}

fn normalize_scalar(text: &str) -> (String, bool) {
    // Split `name(mods) rest` where rest may be `with time zone` / `without time zone`.
    let (head, modifiers, tail) = split_modifiers(text);
    let words: Vec<String> = head.split_whitespace().map(fold_word).collect();
    let tail_words: Vec<String> = tail
        .split_whitespace()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let key = words.join(" ");
    let with_tz = tail_words.join(" ") == "with time zone" || key.ends_with(" with time zone");
    let key = key
        .trim_end_matches(" with time zone")
        .trim_end_matches(" without time zone")
        .to_string();
    let mods = modifiers.map(|m| {
        m.split(',')
            .map(|p| p.trim().to_string())
            .collect::<Vec<_>>()
    });
    let first_mod = mods.as_ref().and_then(|m| m.first().cloned());
    let with_mods = |name: &str| match &mods {
        Some(parts) => format!("{name}({})", parts.join(",")),
        None => name.to_string(),
    };
    let name = match key.as_str() {
        "int" | "integer" | "int4" | "mediumint" => "integer".into(),
        "smallint" | "int2" | "tinyint" => "smallint".into(),
        "bigint" | "int8" => "bigint".into(),
        "serial" | "serial4" => return ("integer".into(), true),
        "bigserial" | "serial8" => return ("bigint".into(), true),
        "smallserial" | "serial2" => return ("smallint".into(), true),
        "real" | "float4" => "real".into(),
        "double precision" | "float8" | "double" => "double precision".into(),
        "float" => match first_mod.and_then(|m| m.parse::<u32>().ok()) {
            Some(p) if p <= 24 => "real".into(),
            _ => "double precision".into(),
        },
        "numeric" | "decimal" | "dec" => match &mods {
            Some(parts) if parts.len() == 1 => format!("numeric({},0)", parts[0]),
            _ => with_mods("numeric"),
        },
        "varchar" | "character varying" | "char varying" | "nvarchar" => {
            with_mods("character varying")
        }
        "char" | "character" | "bpchar" | "nchar" => {
            if key == "bpchar" && mods.is_none() {
                "bpchar".into()
            } else {
                format!("character({})", first_mod.unwrap_or_else(|| "1".into()))
            }
        }
        "text" | "string" | "clob" => "text".into(),
        "bool" | "boolean" => "boolean".into(),
        "bytea" | "blob" => "bytea".into(),
        "timestamp" | "datetime" => zoned("timestamp", first_mod, with_tz),
        "timestamptz" => zoned("timestamp", first_mod, true),
        "time" => zoned("time", first_mod, with_tz),
        "timetz" => zoned("time", first_mod, true),
        "interval" => with_mods("interval"),
        "bit" => format!("bit({})", first_mod.unwrap_or_else(|| "1".into())),
        "varbit" | "bit varying" => with_mods("bit varying"),
        _ => with_mods(&key),
    };
    (name, false)
}

fn zoned(base: &str, precision: Option<String>, with_tz: bool) -> String {
    let precision = precision.map(|p| format!("({p})")).unwrap_or_default();
    let zone = if with_tz { "with" } else { "without" };
    format!("{base}{precision} {zone} time zone")
}

/// `name(mods) tail` → (`name`, `Some("mods")`, `tail`); `timestamp(3) with time zone` works.
fn split_modifiers(text: &str) -> (&str, Option<&str>, &str) {
    match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if close > open => (
            text[..open].trim(),
            Some(text[open + 1..close].trim()),
            text[close + 1..].trim(),
        ),
        _ => (text, None, ""),
    }
}

/// Unquoted words fold to lower case; `"Quoted"` keeps its case; `pg_catalog.` is dropped.
fn fold_word(word: &str) -> String {
    let word = word.strip_prefix("pg_catalog.").unwrap_or(word);
    if word.contains('"') {
        word.split('.')
            .map(|part| part.trim_matches('"').to_string())
            .collect::<Vec<_>>()
            .join(".")
    } else {
        word.to_ascii_lowercase()
    }
}

/// Type names that can hold a value of `other` without a cast, for foreign key checks:
/// PostgreSQL only needs the types to be comparable, and `varchar(n)` compares with `text`.
pub fn compatible(a: &str, b: &str) -> bool {
    let family = |t: &str| -> String {
        // `timestamp(3) with time zone` → `timestamp with time zone`; `numeric(10,2)` → `numeric`.
        let base = match (t.find('('), t.find(')')) {
            (Some(open), Some(close)) if close > open => {
                format!("{}{}", &t[..open], &t[close + 1..])
            }
            _ => t.to_string(),
        };
        match base.as_str() {
            "character varying" | "text" | "character" | "bpchar" | "citext" => "string".into(),
            "integer" | "smallint" | "bigint" | "numeric" | "real" | "double precision" => {
                "number".into()
            }
            "timestamp without time zone" | "timestamp with time zone" | "date" => {
                "datetime".into()
            }
            _ => t.to_string(),
        }
    };
    a == b || family(a) == family(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(written: &str) -> String {
        normalize(written).name
    }

    #[test]
    fn common_spellings_become_format_type_names() {
        assert_eq!(name("INT"), "integer");
        assert_eq!(name("int4"), "integer");
        assert_eq!(name("VARCHAR(255)"), "character varying(255)");
        assert_eq!(name("CHARACTER VARYING"), "character varying");
        assert_eq!(name("TIMESTAMP"), "timestamp without time zone");
        assert_eq!(name("TIMESTAMPTZ"), "timestamp with time zone");
        assert_eq!(
            name("TIMESTAMP(3) WITH TIME ZONE"),
            "timestamp(3) with time zone"
        );
        assert_eq!(name("NUMERIC(10, 2)"), "numeric(10,2)");
        assert_eq!(name("DECIMAL(10)"), "numeric(10,0)");
        assert_eq!(name("CHAR(2)"), "character(2)");
        assert_eq!(name("DOUBLE PRECISION"), "double precision");
        assert_eq!(name("FLOAT"), "double precision");
        assert_eq!(name("BOOL"), "boolean");
    }

    #[test]
    fn arrays_and_user_types_keep_their_shape() {
        assert_eq!(name("TEXT[]"), "text[]");
        assert_eq!(name("VARCHAR(10)[][]"), "character varying(10)[]");
        assert_eq!(name("INTEGER ARRAY"), "integer[]");
        assert_eq!(name("\"MyEnum\""), "MyEnum");
        assert_eq!(name("Mood"), "mood");
    }

    #[test]
    fn serial_types_are_integers_with_a_sequence() {
        assert_eq!(
            normalize("SERIAL"),
            ColumnType {
                name: "integer".into(),
                serial: true
            }
        );
        assert_eq!(
            normalize("bigserial"),
            ColumnType {
                name: "bigint".into(),
                serial: true
            }
        );
    }
}
