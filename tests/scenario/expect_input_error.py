#!/usr/bin/python3
"""Runs `werkstroom validate FIXTURE` and checks it fails as bad input: exit code 2 and one error line on stderr
that contains every text given on the fixture's `# expect: ...` lines.

usage: expect_input_error.py WERKSTROOM_BIN FIXTURE.toml
"""
import subprocess
import sys


def main():
    binary, fixture = sys.argv[1], sys.argv[2]
    with open(fixture, encoding="utf-8") as f:
        expected = [line.split("# expect:", 1)[1].strip() for line in f if line.startswith("# expect:")]
    if not expected:
        print(f"{fixture}: no '# expect:' line", file=sys.stderr)
        return 1
    run = subprocess.run([binary, "validate", fixture], capture_output=True, text=True)
    problems = []
    if run.returncode != 2:
        problems.append(f"exit code {run.returncode}, expected 2")
    lines = run.stderr.strip().splitlines()
    if len(lines) != 1 or not lines[0].startswith("werkstroom: error: "):
        problems.append(f"expected one line 'werkstroom: error: ...' on stderr, got {len(lines)} lines")
    problems += [f"stderr lacks: {text}" for text in expected if text not in run.stderr]
    if problems:
        print("\n".join(problems) + "\nstderr was:\n" + run.stderr, file=sys.stderr)
        return 1
    print(run.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
