//! Runner figures for BENCHMARKS.md: time to apply a history with this runner, with sqlx's
//! `Migrator`, and with one `psql -1 -f` of the concatenated files (the floor), and the latency
//! and round trips of the up-to-date startup check of the first two.
//!
//! ```text
//! cargo run --release -p schema-tests --example runner_bench -- --synthetic 300 [RUNS]
//! cargo run --release -p schema-tests --example runner_bench -- DIR [RUNS]
//! ```
//!
//! `--synthetic N` writes N migrations of about ten statements each (tables with keys,
//! foreign keys and defaults, added columns, indexes, defaults, comments, views) that
//! PostgreSQL runs as they are. `gen-history`'s histories are made to be analysed, not run:
//! their backfills insert rows that violate NOT NULL columns and some type changes keep a
//! default that cannot be cast, so PostgreSQL rejects them.
//!
//! Every run gets fresh databases on `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`),
//! named `schema_bench_<pid>_<n>` and dropped afterwards. Prints the median and the range of
//! `RUNS` runs (default 5). Round trips are counted by a pass-through TCP proxy in front of
//! the server: each burst the client writes before it reads again is one round trip.

use schema_core::runner::Migrator;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let usage = || -> ! {
        eprintln!("usage: runner_bench (--synthetic N | DIR) [RUNS]");
        std::process::exit(2);
    };
    let Some(first) = args.next() else { usage() };
    let synthetic_folder;
    let dir = if first == "--synthetic" {
        let Some(count) = args.next().and_then(|n| n.parse().ok()) else {
            usage()
        };
        synthetic_folder = tempfile::tempdir().expect("temporary folder");
        write_synthetic_history(synthetic_folder.path(), count);
        synthetic_folder.path().to_path_buf()
    } else {
        PathBuf::from(first)
    };
    let runs: usize = args
        .next()
        .map_or(5, |n| n.parse().expect("RUNS is a number"));
    let server = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned());
    let concatenated = concatenate(&dir);

    let ours = Migrator::from_dir(&dir).expect("the history loads");
    let theirs = sqlx::migrate::Migrator::new(dir.as_path())
        .await
        .expect("sqlx reads the history");
    println!(
        "{} migrations, {} bytes of SQL, {runs} runs each",
        ours.migrations().len(),
        concatenated.len()
    );

    let mut apply_ours = Vec::new();
    let mut apply_sqlx = Vec::new();
    let mut apply_psql = Vec::new();
    let mut check_ours = Vec::new();
    let mut check_sqlx = Vec::new();
    let mut trips_ours = 0;
    let mut trips_sqlx = 0;
    for run in 0..runs {
        let db = Scratch::create(&server, &format!("{run}_ours")).await;
        let started = Instant::now();
        ours.run(&db.url).await.expect("ours applies");
        apply_ours.push(started.elapsed());
        let proxy = Proxy::start(&db.url).await;
        let started = Instant::now();
        let report = ours.run(&proxy.url).await.expect("ours checks");
        check_ours.push(started.elapsed());
        assert!(report.applied.is_empty());
        trips_ours = proxy.round_trips();
        db.drop().await;

        let db = Scratch::create(&server, &format!("{run}_sqlx")).await;
        let started = Instant::now();
        let mut conn = PgConnection::connect(&db.url).await.expect("connects");
        theirs.run(&mut conn).await.expect("sqlx applies");
        conn.close().await.ok();
        apply_sqlx.push(started.elapsed());
        let proxy = Proxy::start(&db.url).await;
        let started = Instant::now();
        let mut conn = PgConnection::connect(&proxy.url).await.expect("connects");
        theirs.run(&mut conn).await.expect("sqlx checks");
        conn.close().await.ok();
        check_sqlx.push(started.elapsed());
        trips_sqlx = proxy.round_trips();
        db.drop().await;

        let db = Scratch::create(&server, &format!("{run}_psql")).await;
        let file = std::env::temp_dir().join(format!("schema_bench_{}.sql", std::process::id()));
        std::fs::write(&file, &concatenated).expect("concatenation written");
        let started = Instant::now();
        let status = std::process::Command::new("psql")
            .args(["-q", "-X", "-v", "ON_ERROR_STOP=1", "-1", "-f"])
            .arg(&file)
            .arg(&db.url)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("psql runs");
        apply_psql.push(started.elapsed());
        assert!(status.success(), "psql -1 -f failed");
        let _ = std::fs::remove_file(&file);
        db.drop().await;
    }
    println!("apply, ours:            {}", summary(&mut apply_ours));
    println!("apply, sqlx Migrator:   {}", summary(&mut apply_sqlx));
    println!("apply, psql -1 -f:      {}", summary(&mut apply_psql));
    println!(
        "up-to-date check, ours: {} ({trips_ours} round trips, connect included)",
        summary(&mut check_ours)
    );
    println!(
        "up-to-date check, sqlx: {} ({trips_sqlx} round trips, connect included)",
        summary(&mut check_sqlx)
    );
}

/// `count` migrations that PostgreSQL runs: every third creates a table (key, a foreign key
/// to the previous table, defaults, an index), the others change existing tables.
fn write_synthetic_history(dir: &Path, count: usize) {
    let mut tables = 0usize;
    for index in 1..=count {
        let mut sql = String::new();
        let name;
        if index % 3 == 1 || tables == 0 {
            tables += 1;
            let table = format!("table_{tables}");
            name = format!("create_{table}");
            let reference = if tables > 1 {
                format!(
                    ",\n    parent_id bigint REFERENCES table_{} (id)",
                    tables - 1
                )
            } else {
                String::new()
            };
            sql.push_str(&format!(
                "CREATE TABLE {table} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    \
                 name text NOT NULL,\n    status text NOT NULL DEFAULT 'new',\n    \
                 created_at timestamptz NOT NULL DEFAULT now(){reference}\n);\n\
                 CREATE INDEX {table}_created_at_idx ON {table} (created_at);\n\
                 CREATE UNIQUE INDEX {table}_name_key ON {table} (name);\n\
                 COMMENT ON TABLE {table} IS 'synthetic table {tables}';\n\
                 INSERT INTO {table} (name) VALUES ('first'), ('second');\n"
            ));
        } else {
            let table = format!("table_{}", 1 + (index * 7) % tables);
            name = format!("change_{table}_{index}");
            sql.push_str(&format!(
                "ALTER TABLE {table} ADD COLUMN note_{index} text;\n\
                 ALTER TABLE {table} ADD COLUMN amount_{index} numeric(12, 2) NOT NULL DEFAULT 0;\n\
                 UPDATE {table} SET note_{index} = name WHERE note_{index} IS NULL;\n\
                 ALTER TABLE {table} ALTER COLUMN note_{index} SET DEFAULT '';\n\
                 CREATE INDEX {table}_amount_{index}_idx ON {table} (amount_{index});\n\
                 COMMENT ON COLUMN {table}.note_{index} IS 'synthetic column';\n\
                 CREATE OR REPLACE VIEW {table}_recent_{index} AS SELECT id, name FROM {table} \
                 WHERE created_at > now() - interval '1 day';\n"
            ));
        }
        let file = dir.join(format!("{index:04}_{name}.sql"));
        std::fs::write(file, sql).expect("migration written");
    }
}

/// The up files in run order, joined: what one `psql -1 -f` runs. A `-- no-transaction`
/// migration cannot be part of it; the generator writes none.
fn concatenate(dir: &Path) -> String {
    let set = schema_core::source::load_dir(dir, None).expect("the folder reads");
    let mut text = String::new();
    for migration in &set.migrations {
        let up = &set.file(migration.up).text;
        assert!(
            !schema_core::transaction::text_runs_without_transaction(up),
            "{}: a no-transaction migration cannot run inside `psql -1`",
            set.file(migration.up).path
        );
        text.push_str(up);
        text.push_str("\n;\n");
    }
    text
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.1} ms (min {:.1}, max {:.1})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}

/// A database made for one measurement.
struct Scratch {
    server: String,
    name: String,
    url: String,
}

impl Scratch {
    async fn create(server: &str, suffix: &str) -> Scratch {
        let name = format!("schema_bench_{}_{suffix}", std::process::id());
        let mut conn = PgConnection::connect(server)
            .await
            .expect("server reachable");
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut conn)
            .await
            .expect("database created");
        conn.close().await.ok();
        Scratch {
            url: with_database(server, &name),
            server: server.to_owned(),
            name,
        }
    }

    async fn drop(self) {
        let mut conn = PgConnection::connect(&self.server)
            .await
            .expect("server reachable");
        sqlx::raw_sql(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.name
        )))
        .execute(&mut conn)
        .await
        .expect("database dropped");
        conn.close().await.ok();
    }
}

fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let authority = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}

/// A TCP pass-through to the server that counts the client's write bursts.
struct Proxy {
    url: String,
    bursts: Arc<AtomicU64>,
}

impl Proxy {
    async fn start(database_url: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
        let port = listener.local_addr().expect("proxy address").port();
        let upstream = upstream_address(database_url);
        let bursts = Arc::new(AtomicU64::new(0));
        let counter = bursts.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let server = TcpStream::connect(&upstream)
                    .await
                    .expect("server reachable");
                tokio::spawn(relay(client, server, counter.clone()));
            }
        });
        Proxy {
            url: database_url.replacen(
                &upstream_authority(database_url),
                &format!("127.0.0.1:{port}"),
                1,
            ),
            bursts,
        }
    }

    /// Client bursts, each followed by the server's answer: the round trips.
    fn round_trips(&self) -> u64 {
        self.bursts.load(Ordering::Relaxed)
    }
}

/// Copies both ways; a client write that follows server data (or opens the session) starts a
/// new round trip.
async fn relay(client: TcpStream, server: TcpStream, bursts: Arc<AtomicU64>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let answered = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let answered_by_server = answered.clone();
    let upstream = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = match client_read.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if answered.swap(false, Ordering::SeqCst) {
                bursts.fetch_add(1, Ordering::Relaxed);
            }
            if server_write.write_all(&buffer[..n]).await.is_err() {
                break;
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = match server_read.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            answered_by_server.store(true, Ordering::SeqCst);
            if client_write.write_all(&buffer[..n]).await.is_err() {
                break;
            }
        }
        let _ = client_write.shutdown().await;
    };
    tokio::join!(upstream, downstream);
}

/// `host:port` of the server in a `postgres://user@host:port/db` URL.
fn upstream_authority(url: &str) -> String {
    let rest = &url[url.find("://").map_or(0, |at| at + 3)..];
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority).to_owned()
}

fn upstream_address(url: &str) -> String {
    let authority = upstream_authority(url);
    if authority.contains(':') {
        authority
    } else {
        format!("{authority}:5432")
    }
}
