"""How fast badges are verified and issued, each figure beside its goal.

``python -m bench.badges [--iterations N] [--rounds R] [--credentials N] [--database-url URL]``

1. Verifying one Open Badges 3.0 credential: the 1EdTech test vector
   (``tests/badges/vectors/tv_signed.json``) verified by ``badges.dataintegrity.verify_proof``
   and, in the same run, by Digital Bazaar's JavaScript verifier (``@digitalbazaar/vc`` with
   the ``eddsa-rdfc-2022`` cryptosuite, ``tests/badges/js/time-verify.mjs``) with the same
   contexts and key. Each side verifies a fresh copy of the credential ``--iterations`` times
   per round after a warm-up; the figure is the best round's mean (the least disturbed by other
   work on the machine), and the ratio ours ÷ theirs is compared with the 0.7 goal.
2. Issuing: ``--credentials`` (default 1,000) learners awarded one assessor-awarded achievement
   with ``badges.issuing.award_many`` (signing, status indexes, exactly-once checks, rows) in a
   throw-away database: SQLite in a temporary folder by default, or a ``bench_<name>``
   database created beside the one ``--database-url`` names (e.g. PostgreSQL) and dropped
   afterwards. The rate is compared with the 300 per second goal (first bar 100). For scale, a
   sample of learners is then awarded one after another with ``badges.issuing.award``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VECTOR = ROOT / "tests" / "badges" / "vectors" / "tv_signed.json"
JS_DIR = ROOT / "tests" / "badges" / "js"
VERIFY_GOAL = 0.7
ISSUE_GOAL = 300.0
ISSUE_FIRST_BAR = 100.0
MULTIKEY_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


def _best_round_ms(work: Callable[[], object], iterations: int, rounds: int) -> list[float]:
    for _ in range(min(20, iterations)):
        work()
    means = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(iterations):
            work()
        means.append((time.perf_counter() - started) * 1000 / iterations)
    return means


def bench_verify(iterations: int, rounds: int) -> None:
    from badges.dataintegrity import PublicKeyInfo, multibase_to_public_key, verify_proof
    from badges.jsonld import BUNDLED_CONTEXTS, bundled_context

    text = VECTOR.read_text(encoding="utf-8")
    credential = json.loads(text)
    method = credential["proof"]["verificationMethod"]
    controller, multikey = method.split("#", 1)
    key = PublicKeyInfo(multibase_to_public_key(multikey), controller)

    def verify_ours() -> None:
        # A fresh parse each time, as a verifier receiving the credential would have.
        result = verify_proof(json.loads(text), {method: key}.get)
        if not result.verified:
            sys.exit(f"our verifier refused the test vector: {result.reason}")

    ours = _best_round_ms(verify_ours, iterations, rounds)

    documents: dict[str, Any] = {url: bundled_context(url) for url in BUNDLED_CONTEXTS}
    documents[controller] = {
        "@context": MULTIKEY_CONTEXTS,
        "id": controller,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": multikey,
            }
        ],
        "assertionMethod": [method],
    }
    payload = {
        "documents": documents,
        "credential": credential,
        "iterations": iterations,
        "rounds": rounds,
        "warmup": min(20, iterations),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(payload, handle)
    try:
        completed = subprocess.run(  # noqa: S603 - our own script and a temporary file
            ["node", str(JS_DIR / "time-verify.mjs"), handle.name],  # noqa: S607 - node on PATH
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        Path(handle.name).unlink(missing_ok=True)
    if completed.returncode != 0:
        sys.exit(
            "the JavaScript verifier did not run (needs Node.js and `npm ci` in "
            f"{JS_DIR}):\n{completed.stderr}"
        )
    theirs = json.loads(completed.stdout)
    if not theirs["verified"]:
        sys.exit(f"the JavaScript verifier refused the test vector: {theirs['errors']}")

    ours_ms, theirs_ms = min(ours), min(theirs["round_ms"])
    ratio = ours_ms / theirs_ms
    print(f"verify the OB 3.0 test vector ({rounds} rounds of {iterations}, best round's mean)")
    print(f"  ours (badges.dataintegrity.verify_proof)   {ours_ms:7.2f} ms")
    print(f"  Digital Bazaar (@digitalbazaar/vc, Node)   {theirs_ms:7.2f} ms")
    print(
        f"  ratio ours/theirs {ratio:.2f}x   goal <= {VERIFY_GOAL}x   "
        f"{'MET' if ratio <= VERIFY_GOAL else 'NOT MET'}"
    )


def bench_issue(count: int, sample: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from badges import issuing
    from badges.dataintegrity import verify_proof
    from badges.models import Achievement, AchievementType, AwardRule, Credential, Issuer
    from badges.signing import resolve_key
    from hub.models import Learner

    issuer = Issuer.objects.create(
        slug="bench", name="Bench", url="https://hub.example.org/", email="b@hub.example.org"
    )
    achievement = Achievement.objects.create(
        issuer=issuer,
        name="Accredited Peer Mentor",
        description="Accredited to mentor peers in the programme.",
        criteria_narrative="Observed mentoring sessions and a reflective portfolio.",
        achievement_type=AchievementType.LICENSE,
        award_rule=AwardRule.ASSESSOR,
        validity_days=365,
    )
    learners = Learner.objects.bulk_create(
        Learner(display_name=f"Learner {n}") for n in range(count + sample)
    )
    cohort, one_by_one = learners[:count], learners[count:]
    award_many = getattr(issuing, "award_many", None)

    print(f"issue {count} OB 3.0 credentials on {connection.vendor}")
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        if award_many is not None:
            award_many(cohort, achievement)
            how = "award_many, in batches"
        else:  # the code before batches existed
            for learner in cohort:
                issuing.award(learner, achievement)
            how = "award, one after another"
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    issued = Credential.objects.filter(achievement=achievement).count()
    if issued != count:
        sys.exit(f"{issued} credentials recorded for {count} learners")
    rate = count / elapsed
    verdict = "MET" if rate >= ISSUE_GOAL else ("first bar met" if rate >= ISSUE_FIRST_BAR else "")
    print(
        f"  {how}: {elapsed:6.2f} s   {rate:7.1f} credentials/s   "
        f"{len(queries.captured_queries) / count:5.2f} queries each   "
        f"goal >= {ISSUE_GOAL:.0f}/s   {verdict or 'NOT MET'}"
    )
    # Wall time includes waiting for the database and for other work on the machine; this
    # process's own CPU time shows how much of it was ours.
    print(
        f"  this process's CPU time: {cpu:6.2f} s ({count / cpu:7.1f} credentials per CPU second)"
    )

    if sample:
        started = time.perf_counter()
        for learner in one_by_one:
            issuing.award(learner, achievement)
        elapsed = time.perf_counter() - started
        print(f"  award, one learner at a time ({sample} learners): {sample / elapsed:7.1f}/s")

    spot = Credential.objects.filter(achievement=achievement).order_by("?")[:3]
    for credential in spot:
        result = verify_proof(credential.document, resolve_key)
        if not result.verified:
            sys.exit(f"an issued credential does not verify: {result.reason}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=200, help="verifications per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--credentials", type=int, default=1000, help="credentials to issue")
    parser.add_argument(
        "--one-by-one", type=int, default=100, help="learners then awarded one at a time"
    )
    parser.add_argument(
        "--database-url", help="server to issue on (a bench_ database is made there)"
    )
    parser.add_argument("--skip-verify", action="store_true")
    parser.add_argument("--skip-issue", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        folder = tempfile.mkdtemp(prefix="plh-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"

    import django

    django.setup()

    if not args.skip_verify:
        bench_verify(args.iterations, args.rounds)
    if args.skip_issue:
        return

    from django.core.management import call_command
    from django.db import connection

    if args.database_url:
        # A database of its own beside the named one, made and dropped here.
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            bench_issue(args.credentials, args.one_by_one)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    else:
        call_command("migrate", verbosity=0)
        bench_issue(args.credentials, args.one_by_one)


if __name__ == "__main__":
    main()
