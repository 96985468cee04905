"""``python -m demo_lms``: serve the demo LMS until interrupted."""

from __future__ import annotations

import argparse
import signal
import threading

from demo_lms.server import CLIENT_ID, DEPLOYMENT_ID, DemoLms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--tool", default="http://127.0.0.1:8000", help="the tool's base URL")
    args = parser.parse_args()
    lms = DemoLms(args.tool, port=args.port).start()
    print(
        f"Demo LMS course page: {lms.base_url}/  (client id {CLIENT_ID}, "
        f"deployment {DEPLOYMENT_ID})",
        flush=True,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        lms.stop()


if __name__ == "__main__":
    main()
