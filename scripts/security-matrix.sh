#!/usr/bin/env bash
# Runs exactly the tests named in the test matrix of docs/SECURITY.md, and fails if a named test
# does not exist (so the matrix cannot drift from the code).
#
#   scripts/security-matrix.sh            every test of the matrix that is not #[ignore]d
#   scripts/security-matrix.sh --full     also the ignored ones (memory dump under gdb, the long
#                                         crash run's small form, WebDriver tests under xvfb)
#   scripts/security-matrix.sh --check    only check that every named test exists (no build)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-}"
export MODE
exec python3 - <<'PY'
import os, re, subprocess, sys
from collections import defaultdict

mode = os.environ.get("MODE", "")
text = open("docs/SECURITY.md", encoding="utf-8").read()
section = text.split("## Test matrix", 1)[1]
rows = [l for l in section.splitlines() if l.startswith("| ") and not l.startswith("| Claim")]
refs, open_claims = [], []
for row in rows:
    cells = [c.strip() for c in row.strip("|").split("|")]
    found = re.findall(r"`([^`]+\.rs)::([a-z0-9_]+)`", cells[1])
    if not found:
        open_claims.append(cells[0])
    refs += found
if not refs:
    sys.exit("security-matrix: no tests found in the matrix of docs/SECURITY.md")

def target_of(path):
    """(package, cargo target args, module prefix of tests in this file)."""
    parts = path.split("/")
    if parts[0] == "crates":
        pkg, rest = parts[1], parts[2:]
    else:
        pkg, rest = "pristan-app", parts
    if rest[0] in ("src", "src-tauri"):
        mod = [p for p in rest[1:] if p not in ("lib.rs", "main.rs")]
        if rest[0] == "src-tauri":
            mod = mod[1:]
        mod = [m[:-3] if m.endswith(".rs") else m for m in mod]
        mod = [m for m in mod if m != "mod"]
        return pkg, ["--lib"], "::".join(mod)
    if rest[0] == "tests":
        if len(rest) == 2:
            return pkg, ["--test", rest[1][:-3]], ""
        sub = rest[1]
        base = os.path.join(*parts[: parts.index("tests") + 1])
        for f in sorted(os.listdir(base)):
            if f.endswith(".rs") and re.search(rf"^\s*mod {sub}\s*[;{{]", open(os.path.join(base, f)).read(), re.M):
                mod = [m[:-3] if m.endswith(".rs") else m for m in rest[1:]]
                mod = [m for m in mod if m != "mod"]
                return pkg, ["--test", f[:-3]], "::".join(mod)
        if os.path.exists(os.path.join(base, sub, "main.rs")):
            return pkg, ["--test", sub], "::".join(m[:-3] for m in rest[2:] if m != "main.rs")
    sys.exit(f"security-matrix: cannot tell how to run tests in {path}")

missing = []
groups = defaultdict(list)  # (pkg, target) -> [(path, fn, prefix)]
for path, fn in refs:
    if not os.path.isfile(path) or not re.search(rf"\bfn {fn}\s*\(", open(path, encoding="utf-8").read()):
        missing.append(f"{path}::{fn}")
        continue
    pkg, args, prefix = target_of(path)
    groups[(pkg, tuple(args))].append((path, fn, prefix))
if missing:
    sys.exit("security-matrix: the matrix names tests that do not exist:\n  " + "\n  ".join(missing))
if mode == "--check":
    print(f"security-matrix: all {len(refs)} tests named exist; {len(open_claims)} claims open")
    sys.exit(0)

env = dict(os.environ)
env.setdefault("CARGO_TARGET_DIR", os.path.abspath("target"))
failed, ran, skipped = [], 0, []
for (pkg, args), tests in groups.items():
    base = ["cargo", "test", "-q", "-p", pkg, *args, "--"]
    listing = subprocess.run(base + ["--list", "--format=terse"], capture_output=True, text=True, env=env)
    if listing.returncode != 0:
        sys.exit(f"security-matrix: could not build {pkg} {' '.join(args)}:\n{listing.stderr[-3000:]}")
    names = [l[: -len(": test")] for l in listing.stdout.splitlines() if l.endswith(": test")]
    ignored_listing = subprocess.run(base + ["--list", "--format=terse", "--ignored"], capture_output=True, text=True, env=env)
    ignored = {l[: -len(": test")] for l in ignored_listing.stdout.splitlines() if l.endswith(": test")}
    chosen = []
    for path, fn, prefix in tests:
        full = [n for n in names if n.split("::")[-1] == fn and n.startswith(prefix)]
        if len(full) != 1:
            sys.exit(f"security-matrix: {path}::{fn} matches {len(full)} tests of {pkg} {' '.join(args)}: {full}")
        if full[0] in ignored and mode != "--full":
            skipped.append(f"{path}::{fn}")
        else:
            chosen.append(full[0])
    if not chosen:
        continue
    run = ["cargo", "test", "-p", pkg, *args, "--", "--exact"]
    cmd = run + ["--include-ignored", *chosen] if mode == "--full" else run + chosen
    if mode == "--full" and "e2e" in args:
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"] + cmd + ["--test-threads=1"]
    print(f"== {pkg} {' '.join(args)}: {len(chosen)} test(s)", flush=True)
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    passed = set(re.findall(r"^test (\S+) \.\.\. ok$", result.stdout, re.M))
    for name in chosen:
        if name not in passed:
            failed.append(f"{pkg} {' '.join(args)} {name}")
    if result.returncode != 0:
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n")
    ran += len(chosen)

print(f"security-matrix: {len(refs)} tests named, {ran} run, {len(skipped)} skipped (ignored: run with --full), {len(open_claims)} claims open")
for s in skipped:
    print(f"  skipped: {s}")
for c in open_claims:
    print(f"  open: {c}")
if failed:
    print("FAILED:\n  " + "\n  ".join(failed))
    sys.exit(1)
PY
