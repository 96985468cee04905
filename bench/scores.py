"""How fast and how cheaply scores reach a gradebook, and what an outage costs.

``python -m bench.scores [--learners N]`` builds a throw-away SQLite database, loads the demo
programme, starts the project's LTI platform peer on loopback and a course with one graded
step link and N learners (default 1,000). It prints:

- writing N scores to the outbox: time and database queries per score;
- delivering them over HTTP: time, scores per second, token requests, score POSTs;
- an outage: the platform answers 500 to the first half of the posts, then recovers. Sweeps
  run (with time moved past each backoff) until nothing is waiting; it prints the sweeps
  needed, the POSTs made and how many scores arrived once, twice or never.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='plh-bench-')}/bench.sqlite3"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=1000)
    args = parser.parse_args()
    count = args.learners

    import logging

    import django

    django.setup()
    logging.getLogger("lti_tool").setLevel(logging.ERROR)  # the outage's warnings, 1 per score
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from bench.support import add_course, register_with
    from hub.models import Learner, StepPage
    from lti_platform import PlatformServer
    from lti_tool.models import LtiUser, Score, ToolKey
    from lti_tool.services import outbox

    ToolKey.generate()
    step = StepPage.objects.order_by("step_number").first()
    # Deliveries run below, in sweeps, not as each score commits.
    outbox.enqueue_delivery = lambda *args, **kwargs: None

    with PlatformServer(flavour="generic") as server:
        platform = server.platform
        platform.ags.strict_score_users = False
        registration = register_with(server)

        def learners(prefix: str) -> list[LtiUser]:
            made = Learner.objects.bulk_create(Learner() for _ in range(count))
            return LtiUser.objects.bulk_create(
                LtiUser(registration=registration, sub=f"{prefix}{n}", learner=learner)
                for n, learner in enumerate(made)
            )

        # 1. Writing to the outbox.
        course = add_course(
            server, registration, step, context_id="bench-course", link_id="bench-link"
        )
        item = course.line_item
        users = learners("u")
        grade = outbox.Grade(5, 10, "InProgress", "Pending")
        queries = 0

        def counting(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counting):
            for user in users:
                outbox.write_score(user, item, grade, "bench")
        elapsed = time.perf_counter() - started
        print(
            f"write {count} scores to the outbox   {elapsed * 1000 / count:6.2f} ms/score"
            f"   {queries / count:5.1f} queries/score"
        )

        # 2. Delivering them.
        tokens_before = platform.token_request_count
        posts_before = server.request_count("ags.scores")
        started = time.perf_counter()
        delivered = outbox.deliver_due()
        elapsed = time.perf_counter() - started
        print(
            f"deliver {delivered} scores over HTTP      {elapsed:6.2f} s total"
            f"   {delivered / elapsed:7.1f} scores/s"
            f"   token requests {platform.token_request_count - tokens_before}"
            f"   score POSTs {server.request_count('ags.scores') - posts_before}"
        )

        # 3. An outage: half the posts fail with 500, then the platform recovers.
        outage = add_course(
            server, registration, step, context_id="outage-course", link_id="outage-link"
        )
        outage_item = outage.line_item
        outage_users = learners("o")
        for user in outage_users:
            outbox.write_score(user, outage_item, grade, "bench")
        server.faults.fail_next("ags.scores", times=count // 2, status=500)
        posts_before = server.request_count("ags.scores")
        sweeps = 0
        now = timezone.now()
        while Score.objects.filter(line_item=outage_item, status__in=Score.UNDELIVERED).exists():
            sweeps += 1
            now += outbox.LEASE + outbox.backoff(sweeps) * 2
            outbox.deliver_due(now=now)
            if sweeps > 50:
                sys.exit("scores still waiting after 50 sweeps")
        arrived = Counter(s.user_id for s in outage.received())
        once = sum(1 for n in arrived.values() if n == 1)
        twice = sum(1 for n in arrived.values() if n > 1)
        never = count - len(arrived)
        print(
            f"outage: first {count // 2} POSTs answered 500   sweeps {sweeps}"
            f"   POSTs {server.request_count('ags.scores') - posts_before}"
            f"   arrived once {once}, more than once {twice}, never {never}"
        )


if __name__ == "__main__":
    main()
