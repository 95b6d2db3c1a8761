#!/usr/bin/env bash
# Build cost of `schema_macros::migrations!` against `sqlx::migrate!` on the same history.
#
#   bash bench-gen/build-cost.sh [--migrations N | --tables N] [--runs R] [--dir DIR]
#
# Writes three crates outside the workspace (each its own `[workspace]`, path dependencies on
# this checkout, this checkout's Cargo.lock, one shared target dir), builds their dependencies
# once, then times, R times interleaved, a clean build of each crate alone (`cargo clean -p`
# then `cargo build`) and, for the three macro crates, the rebuild after appending a comment to the
# middle migration. Prints medians of user+system CPU and of wall time. Set KEEP=1 to keep DIR.
#
#   bare    the same dependencies, no macro (the floor)
#   theirs  `static MIGRATOR: Migrator = sqlx::migrate!("./migrations");`
#   ours    `mod db { schema_macros::migrations!("migrations"); }`, default features
#   ours-sqlx  the same with the `sqlx` feature (a `FromRow` impl per table)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kind=--migrations
size=300
runs=3
dir=
while [ $# -gt 0 ]; do
    case "$1" in
        --migrations | --tables) kind=$1 size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        *) echo "usage: $0 [--migrations N | --tables N] [--runs R] [--dir DIR]" >&2; exit 2 ;;
    esac
done
dir=${dir:-$(mktemp -d /tmp/build-cost.XXXXXX)}
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$dir"' EXIT
export CARGO_TARGET_DIR=$dir/target

rm -rf "$dir/migrations"
cargo run -q --release --manifest-path "$root/Cargo.toml" -p bench-gen --bin gen-history -- \
    "$kind" "$size" --seed 1 --out "$dir/migrations" >&2

write_crate() { # name, dependencies, main.rs, build.rs
    mkdir -p "$dir/$1/src"
    cat >"$dir/$1/Cargo.toml" <<EOF
[package]
name = "bc-$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
sqlx = { version = "0.9", default-features = false, features = ["runtime-tokio", "postgres", "migrate", "macros", "derive"] }
schema-core = { path = "$root/schema-core" }
$2

# As sqlx recommends for its macros: run proc macros built with optimisations.
[profile.dev.build-override]
opt-level = 3
EOF
    printf '%s\n' "$3" >"$dir/$1/src/main.rs"
    printf '%s\n' "$4" >"$dir/$1/build.rs"
    cp "$root/Cargo.lock" "$dir/$1/Cargo.lock"
    ln -sfn ../migrations "$dir/$1/migrations"
}

write_crate bare "" 'fn main() {}' 'fn main() {}'
write_crate theirs "" \
    'static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
fn main() { println!("{}", MIGRATOR.iter().count()); }' \
    'fn main() { println!("cargo:rerun-if-changed=migrations"); }'
ours_main='mod db { schema_macros::migrations!("migrations"); }
fn main() { println!("{}", db::MIGRATOR.migrations.len()); }'
ours_build='fn main() { schema_core::build::watch("migrations"); }'
write_crate ours "schema-macros = { path = \"$root/schema-macros\" }
[build-dependencies]
schema-core = { path = \"$root/schema-core\" }" "$ours_main" "$ours_build"
write_crate ours-sqlx "schema-macros = { path = \"$root/schema-macros\", features = [\"sqlx\"] }
[build-dependencies]
schema-core = { path = \"$root/schema-core\" }" "$ours_main" "$ours_build"

for crate in bare theirs ours ours-sqlx; do
    (cd "$dir/$crate" && cargo build -q 2>&1 | tail -5)
done

# user+system CPU and wall seconds of one `cargo build` of the crate in $1.
timed_build() {
    local out
    out=$( { cd "$dir/$1" && /usr/bin/time -f "%U %S %e" cargo build -q 2>&1 >/dev/null; } | tail -1)
    awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' <<<"$out"
}

middle=$(ls "$dir/migrations" | sort | sed -n "$(( $(ls "$dir/migrations" | wc -l) / 2 ))p")
declare -A samples
for run in $(seq "$runs"); do
    for crate in bare theirs ours ours-sqlx; do
        (cd "$dir/$crate" && cargo clean -q -p "bc-$crate")
        samples[clean-$crate]+="$(timed_build "$crate")"$'\n'
    done
    echo "-- run $run: comment appended to $middle" >>"$dir/migrations/$middle"
    for crate in theirs ours ours-sqlx; do
        samples[rebuild-$crate]+="$(timed_build "$crate")"$'\n'
    done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%s %s, %s runs, load average %s\n' "$kind" "$size" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %10s %10s\n' "" "CPU s" "wall s"
for key in clean-bare clean-theirs clean-ours clean-ours-sqlx rebuild-theirs rebuild-ours rebuild-ours-sqlx; do
    cpu=$(printf '%s' "${samples[$key]}" | cut -d' ' -f1 | median)
    wall=$(printf '%s' "${samples[$key]}" | cut -d' ' -f2 | median)
    printf '%-16s %10s %10s\n' "$key" "$cpu" "$wall"
done
