#!/usr/bin/env python3
"""Where a clean build of the `migrations!` crate goes, item kind by item kind.

    KEEP=1 bash bench-gen/build-cost.sh --migrations 300 --runs 1 --dir DIR
    python3 bench-gen/generated-cost.py DIR [RUNS]

Takes the `ours-sqlx` crate that build-cost.sh left in DIR, expands it (`-Zunpretty=expanded`), and
writes a ladder of crates that each hold one more kind of generated item than the one before:

    L0 migrator   `MIGRATOR` only (no `tables`, no `enums`)
    L1 structs    + the enums, the `Row` structs and each table's `NAME` and `COLUMNS`
    L2 consts     + one constant per column
    L3 from_row   + `tables::__decode`, the `__decode::Table` and `FromRow` impls: everything the macro
                  generates with the `sqlx` feature (`row-traits` would add the derives)

Then it times RUNS interleaved clean builds of each (`cargo clean -p` then `cargo build`, as
build-cost.sh does) next to bare, sqlx's and ours-sqlx, and prints medians of user+system CPU.
The step between two rungs is what that kind of item costs rustc; `ours-sqlx` minus L3 is the
macro's own run (analysis and tokens) and the expansion of its output.

The expanded text needs a few nightly-only items (derive internals), so the ladder crates are
built with RUSTC_BOOTSTRAP=1 through a RUSTC_WRAPPER that sets it for them alone; the wrapper
is used for every crate so that all share one set of dependency builds.
"""
import os
import re
import statistics
import subprocess
import sys
import time

LADDER = ["migrator", "structs", "consts", "from_row"]


def block_end(text, start):
    """Index just past the brace block that opens at the first `{` at or after `start`."""
    i = text.index("{", start)
    depth = 0
    while True:
        c = text[i]
        if c == '"':  # skip string literals: the embedded SQL holds braces
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def remove_blocks(text, pattern, attribute=None):
    """`text` without each item that `pattern` starts (and its `attribute` line just before)."""
    out, pos, count = [], 0, 0
    for match in re.finditer(pattern, text):
        if match.start() < pos:
            continue
        start = match.start()
        if attribute:
            before = text.rfind(attribute, 0, start)
            if before != -1 and text[before:start].strip() == attribute:
                start = before
        out.append(text[pos:start])
        pos = block_end(text, match.start())
        count += 1
    out.append(text[pos:])
    if count == 0:
        sys.exit(f"generated-cost: no `{pattern}` in the expansion; has the generated code changed?")
    return "".join(out)


def stable(expanded):
    """The expansion made buildable: no prelude injection, `alloc` paths through `std`, the
    derives' inert attributes gone, and the features their internals use."""
    lines = [
        line
        for line in expanded.split("\n")
        if not re.match(r"\s*(#!\[feature\(prelude_import\)\]|#\[prelude_import\]|#\[coverage\(off\)\]|#\[sqlx\()", line)
    ]
    text = "\n".join(lines).replace("extern crate std;\nuse std::prelude::rust_2024::*;\n", "", 1)
    text = text.replace("::alloc::__export::must_use(", "(").replace("::alloc::fmt::format(", "::std::fmt::format(")
    main = text.index("\nfn main() {")
    return (
        "#![allow(internal_features)]\n"
        "#![feature(core_intrinsics, derive_eq_internals, fmt_helpers_for_derive, structural_match, trivial_clone)]\n"
        + text[:main]
        + '\nfn main() { println!("{}", db::MIGRATOR.migrations.len()); }\n'
    )


def ladder(full):
    from_row = full
    consts = remove_blocks(from_row, r"impl<'r, R: ::sqlx::Row> ::sqlx::FromRow<'r, R> for Row", "#[automatically_derived]")
    consts = remove_blocks(consts, r"impl (?:super::)+__decode::Table for Row")
    consts = remove_blocks(consts, r"pub mod __decode \{")
    column_constant = r'\n\s*(#\[doc = "[^"\n]*"\]\n\s*)?pub const (?!NAME\b|COLUMNS\b)[A-Za-z0-9_]+: &str = "[^"\n]*";'
    structs = re.sub(column_constant, "", consts)
    migrator = remove_blocks(structs, r"\n    pub mod tables \{")
    migrator = remove_blocks(migrator, r"\n    pub mod enums \{")
    return dict(zip(LADDER, [migrator, structs, consts, from_row]))


def run(args, cwd, env=None, capture=False):
    return subprocess.run(args, cwd=cwd, env=env, check=True, text=True,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)


def clean_build_cpu(crate_dir, package, env):
    run(["cargo", "clean", "-q", "-p", package], crate_dir, env)
    before = os.times()
    run(["cargo", "build", "-q"], crate_dir, env)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    work = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    ours = os.path.join(work, "ours-sqlx")
    wrapper = os.path.join(work, "bootstrap-ladder.sh")
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\nrustc=$1; shift\ncase " $* " in *" --crate-name bc_l"*) export RUSTC_BOOTSTRAP=1 ;; esac\nexec "$rustc" "$@"\n')
    os.chmod(wrapper, 0o755)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(work, "target"), RUSTC_WRAPPER=wrapper)

    expanded = run(["cargo", "rustc", "-q", "--", "-Zunpretty=expanded"], ours,
                   dict(env, RUSTC_BOOTSTRAP="1"), capture=True).stdout
    crates = ["bare", "theirs", "ours-sqlx"]
    for rung, text in ladder(stable(expanded)).items():
        name = f"l-{rung.replace('_', '-')}"
        crate = os.path.join(work, name)
        os.makedirs(os.path.join(crate, "src"), exist_ok=True)
        with open(os.path.join(ours, "Cargo.toml")) as f:
            manifest = f.read().replace('name = "bc-ours-sqlx"', f'name = "bc-{name}"')
        manifest = re.sub(r"\[build-dependencies\]\n[^\n]*\n", "", manifest)
        with open(os.path.join(crate, "Cargo.toml"), "w") as f:
            f.write(manifest)
        with open(os.path.join(crate, "src", "main.rs"), "w") as f:
            f.write(text)
        with open(os.path.join(crate, "build.rs"), "w") as f:
            f.write('fn main() { println!("cargo:rerun-if-changed=migrations"); }\n')
        run(["cp", os.path.join(ours, "Cargo.lock"), crate], work)
        if not os.path.exists(os.path.join(crate, "migrations")):
            os.symlink("../migrations", os.path.join(crate, "migrations"))
        crates.append(name)

    print("building dependencies through the wrapper once ...", file=sys.stderr)
    for crate in crates:
        run(["cargo", "build", "-q"], os.path.join(work, crate), env)
    samples = {crate: [] for crate in crates}
    for _ in range(runs):
        for crate in crates:
            samples[crate].append(clean_build_cpu(os.path.join(work, crate), f"bc-{crate}", env))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"clean build of the crate alone, CPU seconds, median of {runs} (load average {load})")
    medians = {crate: statistics.median(samples[crate]) for crate in crates}
    rungs = [crate for crate in crates if crate.startswith("l-")]
    for crate in crates:
        step = ""
        if crate in rungs[1:]:
            below = rungs[rungs.index(crate) - 1]
            step = f"  (+{medians[crate] - medians[below]:.2f})"
        print(f"{crate:12} {medians[crate]:6.2f}{step}   [{' '.join(f'{s:.2f}' for s in samples[crate])}]")

if __name__ == "__main__":
    main()
