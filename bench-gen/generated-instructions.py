#!/usr/bin/env python3
"""Instructions rustc executes on the `migrations!` crate, item kind by item kind.

    KEEP=1 bash bench-gen/build-cost.sh --migrations 300 --runs 1 --dir DIR
    python3 bench-gen/generated-instructions.py DIR

The ladder of generated-cost.py (its docstring says what each rung holds), counted in
instructions (valgrind's cachegrind, `--cache-sim=no`) instead of timed: timings on these
machines vary by 20% from run to run, an instruction count is the same every run, so a change
of a few percent shows.

Every rung is compiled by the rustc command cargo runs for `ours-sqlx` (from `cargo build -v`),
with the source file swapped, a fresh incremental directory, and RUSTC_BOOTSTRAP=1 (the expanded
text needs it); the linker runs as a child process and is not counted. The last line is the
crate as written, so its step over the top rung is the macro's own run and the expansion of its
output. Needs valgrind; about a minute per rung.
"""
import importlib.util
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("generated_cost",
                                              os.path.join(HERE, "generated-cost.py"))
generated_cost = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generated_cost)


def rustc_command(crate_dir, package, env):
    """The rustc arguments cargo uses for `package`'s own crate (not its build script)."""
    subprocess.run(["cargo", "clean", "-q", "-p", package], cwd=crate_dir, env=env, check=True)
    log = subprocess.run(["cargo", "build", "-v"], cwd=crate_dir, env=env, check=True,
                         text=True, capture_output=True).stderr
    crate_name = package.replace("-", "_")
    for line in log.splitlines():
        match = re.search(r"Running `(.*)`$", line.strip())
        if match and f"--crate-name {crate_name} " in match.group(1):
            args = shlex.split(match.group(1))
            return [a for a in args if not a.startswith(("--error-format", "--json"))]
    sys.exit(f"generated-instructions: no rustc command for {package} in `cargo build -v`")


def with_option(args, flag, value):
    """`args` with the value of `flag` (`-C incremental=...`, `--out-dir ...`) replaced."""
    out = list(args)
    for i, arg in enumerate(out[:-1]):
        if flag == "incremental" and arg == "-C" and out[i + 1].startswith("incremental="):
            out[i + 1] = f"incremental={value}"
        elif arg == flag:
            out[i + 1] = value
    return out


def instructions(args, source, crate_dir, env):
    with tempfile.TemporaryDirectory() as scratch:
        args = with_option(with_option(args, "incremental", scratch + "/inc"), "--out-dir", scratch)
        args = [source if a == "src/main.rs" else a for a in args] + ["-Awarnings"]
        run = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                              "--cachegrind-out-file=/dev/null"] + args,
                             cwd=crate_dir, env=env, text=True, capture_output=True)
    if run.returncode != 0:
        sys.exit(f"generated-instructions: rustc failed on {source}:\n{run.stderr[-3000:]}")
    return int(re.search(r"I\s+refs:\s+([\d,]+)", run.stderr).group(1).replace(",", ""))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    work = os.path.abspath(sys.argv[1])
    crate = "ours-sqlx"
    crate_dir = os.path.join(work, crate)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(work, "target"))
    args = rustc_command(crate_dir, f"bc-{crate}", env)
    rustc_env = dict(env, RUSTC_BOOTSTRAP="1", CARGO_MANIFEST_DIR=crate_dir,
                     CARGO_PKG_NAME=f"bc-{crate}")
    expand = [a for a in args if not a.startswith("--emit")] + ["-Zunpretty=expanded"]
    expanded = subprocess.run(expand, cwd=crate_dir, env=rustc_env, check=True, text=True,
                              capture_output=True).stdout
    ladder = generated_cost.ladder(generated_cost.stable(expanded))
    rows = []
    with tempfile.TemporaryDirectory() as sources:
        for rung, text in ladder.items():
            path = os.path.join(sources, f"{rung}.rs")
            with open(path, "w") as f:
                f.write(text)
            rows.append((f"L: {rung}", instructions(args, path, crate_dir, rustc_env)))
        macro_call = instructions(args, "src/main.rs", crate_dir, rustc_env)
        rows.append((f"{crate} (the macro)", macro_call))
    print(f"rustc instructions on {crate}'s crate, clean, incremental on, linker not counted")
    for i, (name, count) in enumerate(rows):
        step = f"  (+{(count - rows[i - 1][1]) / 1e9:.2f} G)" if i else ""
        print(f"{name:22} {count / 1e9:6.2f} G{step}")


if __name__ == "__main__":
    main()
