"""python -m webapp --host H --port P"""

import argparse
import os

from webapp import create_app


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m webapp", description="Serve Weilidai Mock.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    # The app knows where it listens: on every interface, a class's join link carries the
    # machine's network address (webapp/network.py).
    create_app({"HOST": args.host}).run(host=args.host, port=args.port, debug=False,
                                        threaded=True)


if __name__ == "__main__":
    main()
