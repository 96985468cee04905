"""A score-delivery worker that is killed (SIGKILL) just after the platform accepted a score.

Run as ``python -m tests.lti.worker_that_dies USER_ID LINE_ITEM_ID`` with ``DATABASE_URL``
pointing at the test database. It runs exactly what the ``deliver_scores`` task runs, and
the moment the platform has answered the POST, before the tool can record the delivery, the
process kills itself: no exception handler, ``finally`` or transaction cleanup runs.
"""

from __future__ import annotations

import os
import signal
import sys


def main(user_id: int, line_item_id: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from lti_tool.services import ags, outbox

    post_score = ags.post_score

    def post_then_die(score: object) -> None:
        post_score(score)
        os.kill(os.getpid(), signal.SIGKILL)

    ags.post_score = post_then_die
    outbox.deliver_stream(user_id, line_item_id)
    sys.exit("the platform was never reached")  # not reached when the kill happens


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
