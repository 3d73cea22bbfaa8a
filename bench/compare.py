"""python -m bench.compare REV: the app's CPU time per screen at git revision REV and in this
working tree, measured in turns, written to bench/profile_fix.md (which RESULTS.md shows
under 6, the profile).

    python -m bench.compare 787fbbf            # what profile_fix.md was made with (issue 20)
    python -m bench.compare HEAD~3 --rounds 5 --output /tmp/fix.md

REV is checked out into a temporary git worktree. Each turn is a new process that imports
the app of one tree (its webapp/ and templates/; the bench's code is this tree's for both)
and measures every HTML screen in process, as section 6 does: Flask's test client, the
thread's CPU time, the median of batches. The turns alternate (before, after, before, ...),
and each screen's figure is its median turn, so a machine that slows down in the middle
moves both sides alike.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Not bench.servers' ROOT: importing it imports this tree's webapp, before ``measure`` can
# choose which tree's to import.
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path(__file__).with_name("profile_fix.md")


def measure(root):
    """{screen name: CPU ms per request} for the app whose code is in ``root``."""
    sys.path.insert(0, str(root))
    import webapp

    if not Path(webapp.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise RuntimeError(f"imported {webapp.__file__}, not the app in {root}")
    import secrets

    from bench import profiling
    from bench.screens import plan
    from e2e.live_server import LiveServer

    secret_key = secrets.token_hex(16)
    app = webapp.create_app({"SECRET_KEY": secret_key, "ACCOUNT_STORE_URL": ""})
    screens, _ = plan(app)
    with LiveServer(app=app) as live:
        costs = profiling.screen_costs(app, live.url, [s for s in screens if s.html],
                                       secret_key)
    return {name: ms for name, (_, ms, _) in costs.items()}


def _turn(root):
    done = subprocess.run([sys.executable, "-m", "bench.compare", "--measure", str(root)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        raise RuntimeError(f"measuring {root} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _commit(rev):
    return subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()


def render(rev, before, after):
    names = [name for name in after[0] if all(name in turn for turn in before + after)]
    new = [name for name in after[0] if name not in names and all(name in t for t in after)]
    b = {name: statistics.median(turn[name] for turn in before) for name in names}
    a = {name: statistics.median(turn[name] for turn in after) for name in names + new}
    median_before = statistics.median(b.values())
    median_after = statistics.median(a[name] for name in names)
    rows = [f"| `{name}` | {b[name]:.2f} | {a[name]:.2f} | {a[name] / b[name] - 1:+.0%} |"
            for name in names]
    rows += [f"| `{name}` | (not in {_commit(rev)}) | {a[name]:.2f} | |" for name in new]
    return "\n".join([
        "### Fixed after the profile: before and after",
        "",
        f"Written by `python -m bench.compare {rev}` ({len(before)} turns each, in "
        f"alternation); before is commit {_commit(rev)}, after is the tree this RESULTS.md "
        "was made from. Both trees' screens are seeded and measured by the same code "
        "(bench/screens.py), as section 6 measures them: no server, the app's own work. "
        "What changed (issue 20, the second round; the first, from 844ab2e: fields drawn as "
        "plain HTML, icons drawn once, URLs built once, the panel in rows made by Python), "
        "checked in the code; `python -m bench.same_html` draws every page of both trees "
        "(every scenario, both languages, care mode, a tour, a practice, knobs and faults, "
        "presenting, forms sent back with errors) and finds them alike:",
        "",
        "- **An account read lately built once** (`webapp/store/__init__.py`, "
        "`webapp/domain/serialize.py` `copied`): each request gets a copy that shares "
        "nothing that can change with the one kept, made by reading its fields at once "
        "(`attrgetter`) instead of parsing its JSON and dates again.",
        "- **Jinja's calls and output made cheaper** (`webapp/templating.py`): a call of a "
        "macro or a plain function skips Jinja's four `hasattr` a call; `{{ value }}` is "
        "printed as escaped text instead of a new `Markup` each; templates are kept in a "
        "plain dict instead of Jinja's locked LRU; a URL without arguments is found without "
        "sorting them, and the panel's choice links use the same built-once URLs.",
        "- **Answered from memory**: a template's `_()` of a text without variables, per "
        "catalogue (`webapp/i18n.py`); a session cookie seen lately, its signature not "
        "checked and its JSON not read again, its age still checked and its data copied "
        "(`webapp/security.py`).",
        "",
        "| screen | before, CPU ms | after, CPU ms | change |",
        "|---|---|---|---|",
        *rows,
        "",
        f"Median screen (those in both): {median_before:.2f} ms before, {median_after:.2f} ms "
        f"after ({median_after / median_before - 1:+.0%}).",
        "",
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.compare",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("rev", nargs="?", help="the revision before the fix")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each tree")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    if not args.rev:
        parser.error("name the revision before the fix")
    with tempfile.TemporaryDirectory(prefix="bench-before-") as directory:
        worktree = Path(directory) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.rev],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            before, after = [], []
            for number in range(args.rounds):
                print(f"turn {number + 1} of {args.rounds}", file=sys.stderr, flush=True)
                before.append(_turn(worktree))
                after.append(_turn(ROOT))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT,
                           check=False, capture_output=True)
    args.output.write_text(render(args.rev, before, after), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
