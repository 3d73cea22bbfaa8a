"""make static: static/ minified under hashed names, compressed, into build/static/
(webapp/static_files.py says how the app serves them)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from webapp import static_files  # noqa: E402

if __name__ == "__main__":
    built = static_files.build()
    print(f"{len(built)} static files built into build/static", file=sys.stderr)
