"""python -m bench: measure everything in one run and write bench/RESULTS.md.

    python -m bench                      # what make bench runs (about 25 minutes on 2 cores)
    python -m bench --only weight,memory --output /tmp/partial.md

Parts: memory (3), weight (2), throughput (1, and 4 when Redis can run), profile (6),
lighthouse (7), e2e (5), class (8, with Redis). A partial run writes only to an --output of its own, never to
RESULTS.md.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

from bench import (classroom, grading, lighthouse, load, memory, profiling, report, suite,
                   throughput, weight)
from bench.screens import plan

PARTS = ("memory", "weight", "throughput", "profile", "lighthouse", "e2e", "class")
RESULTS = Path(__file__).with_name("RESULTS.md")
PROFILE = Path(__file__).with_name("profile.txt")


def progress(message):
    print(message, file=sys.stderr, flush=True)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run, of: {', '.join(PARTS)}")
    parser.add_argument("--seconds", type=int, default=1, help="length of one load turn")
    parser.add_argument("--rounds", type=int, default=3, help="turns per screen")
    parser.add_argument("--connections", type=int, default=4,
                        help="concurrent keep-alive connections of the load generator")
    parser.add_argument("--output", type=Path, help="where to write (default bench/RESULTS.md, "
                        "for a run of every part)")
    args = parser.parse_args(argv)
    args.only = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = set(args.only) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if args.output is None and set(args.only) != set(PARTS):
        parser.error("a partial run needs --output (RESULTS.md is for a full run)")
    return args


def main(argv=None):
    args = parse(argv)
    from e2e.live_server import LiveServer
    from webapp import create_app

    started = time.monotonic()
    secret_key = secrets.token_hex(16)
    app = create_app({"SECRET_KEY": secret_key, "ACCOUNT_STORE_URL": ""})
    screens, missed = plan(app)
    found = report.Results(screens=screens, missed=missed, parts=args.only,
                           settings=vars(args) | {"generator": load.generator()},
                           load_before=os.getloadavg())
    log_dir = Path(os.environ.get("TMPDIR", "/tmp"))

    def timed(part, title):
        progress(title)
        found.timings[part] = time.monotonic()

    def done(part):
        found.timings[part] = time.monotonic() - found.timings[part]

    with LiveServer(app=app) as live:
        if "memory" in args.only:
            timed("memory", "3. memory per idle session (tracemalloc)")
            found.memory = [memory.measure(scenario) for scenario in ("fresh", "busy")]
            done("memory")
        if "weight" in args.only:
            timed("weight", "2. weight of every page (Chromium, cold cache, then again)")
            found.weight = weight.measure(screens, live.url, secret_key, progress)
            done("weight")
        if "throughput" in args.only:
            timed("throughput", f"1 and 4. throughput of every screen under gunicorn "
                                f"({load.generator()})")
            found.throughput, found.redis_missing = throughput.measure(
                screens, secret_key, args.seconds, args.rounds, args.connections, log_dir,
                progress)
            done("throughput")
        if "profile" in args.only:
            timed("profile", "6. CPU time of every screen in process; profiles of the slowest")
            found.costs = profiling.screen_costs(app, live.url, [s for s in screens if s.html],
                                                 secret_key)
            for name in report.slowest(found):
                path, _, client = found.costs[name]
                found.profiles.append(profiling.profile(name, path, client))
            found.profile_file = (PROFILE if args.output is None
                                  else args.output.with_suffix(".profile.txt"))
            found.profile_file.write_text("\n\n".join(p.tree for p in found.profiles),
                                          encoding="utf-8")
            done("profile")
        if "lighthouse" in args.only:
            timed("lighthouse", "7. Lighthouse (mobile) on every page")
            found.lighthouse = lighthouse.measure(screens, live.url, secret_key, progress)
            done("lighthouse")
    if "class" in args.only:
        timed("class", f"8. a class of {classroom.TRAINEES} on make serve and Redis")
        found.classes = classroom.measure(secret_key, log_dir, progress)
        done("class")
    if "e2e" in args.only:
        timed("e2e", "5. the e2e suite on two workers")
        found.suite = suite.measure()
        done("e2e")
    found.seconds = time.monotonic() - started
    found.load_after = os.getloadavg()
    output = args.output or RESULTS
    kept = grading.kept_section(output)  # measured on its own (python -m bench.grading)
    output.write_text(report.render(found) + kept, encoding="utf-8")
    progress(f"wrote {output} in {found.seconds / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
