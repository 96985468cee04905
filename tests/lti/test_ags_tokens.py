"""Service tokens: a JWT client assertion signed with the tool key, cached for its lifetime."""

from __future__ import annotations

import jwt
import pytest
from django.core.cache import cache

from hub.models import Learner
from lti_tool.models import LtiUser, Score, ToolKey
from lti_tool.services import ags, outbox, tokens
from tests.support.courses import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_client_assertion_is_signed_with_the_current_tool_key(lms):
    assertion = tokens.client_assertion(lms.registration)
    key = ToolKey.current()
    header = jwt.get_unverified_header(assertion)
    assert header["kid"] == key.kid and header["alg"] == "RS256"
    claims = jwt.decode(
        assertion, key.public_key_pem, algorithms=["RS256"], audience=lms.server.token_url
    )
    assert claims["iss"] == claims["sub"] == "hub-client"
    assert claims["exp"] - claims["iat"] <= 300 and claims["jti"]


def test_a_thousand_score_posts_cost_one_token_request(lms, programme):
    platform = lms.platform
    platform.ags.strict_score_users = False
    course = make_course(lms, programme.steps[0], [])
    item = course.item
    learners = Learner.objects.bulk_create(Learner() for _ in range(1000))
    users = LtiUser.objects.bulk_create(
        LtiUser(registration=lms.registration, sub=f"u{n}", learner=learner)
        for n, learner in enumerate(learners)
    )
    grade = outbox.Grade(5, 10, "InProgress", "Pending")
    for user in users:
        outbox.write_score(user, item, grade, "batch")
    before = platform.token_request_count

    assert outbox.deliver_due() == 1000

    assert len(course.received()) == 1000
    assert platform.token_request_count == before + 1
    assert Score.objects.filter(status="delivered").count() == 1000

    # Line item calls use their own scope set, whose token (from the set-up) is still cached.
    ags.refresh_line_item(item)
    assert platform.token_request_count == before + 1
    cache.clear()
    ags.refresh_line_item(item)
    ags.refresh_line_item(item)
    assert platform.token_request_count == before + 2


def test_token_is_renewed_shortly_before_it_expires(lms, monkeypatch):
    lms.platform.access_token_ttl = 30
    stored = {}
    real_set = cache.set

    def spy(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    first = tokens.access_token(lms.registration, ags.SCORE_SCOPES)
    assert tokens.access_token(lms.registration, ags.SCORE_SCOPES) == first
    assert list(stored.values()) == [27]  # 30 s lifetime, given up 3 s early
    assert lms.platform.token_request_count == 1
    tokens.forget(lms.registration, ags.SCORE_SCOPES)
    assert tokens.access_token(lms.registration, ags.SCORE_SCOPES) != first
    assert lms.platform.token_request_count == 2


def test_token_endpoint_trouble_is_reported_as_retryable_or_not(lms):
    from lti_tool.services.errors import PermanentServiceError, TransientServiceError

    lms.server.faults.fail_next("token", status=503)
    with pytest.raises(TransientServiceError):
        tokens.access_token(lms.registration, ags.SCORE_SCOPES)
    with pytest.raises(PermanentServiceError):  # a scope the platform never granted
        tokens.access_token(lms.registration, {"https://example.org/scope/unknown"})
    assert tokens.access_token(lms.registration, ags.SCORE_SCOPES)
