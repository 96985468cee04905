"""The discussion in the LMS frame, through the real OIDC launch into Step One's link.

Learners in one course post, reply, like, edit and report under a lesson; a learner in another
course reaches none of it; nobody's email or LMS identifier appears in any page.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from discussion.models import LessonDiscussion, Like, Post, Report
from lti_platform.models import Member
from lti_tool.roles import LEARNER, MENTOR
from tests.support.discussion import open_lesson, text

pytestmark = pytest.mark.django_db


def person(user_id: str, name: str, roles=(LEARNER,)) -> Member:
    return Member(
        user_id=user_id,
        roles=list(roles),
        name=name,
        given_name=name.split()[0],
        family_name=name.split()[-1],
        email=f"{name.split()[0].lower()}@example.edu",
    )


@pytest.fixture
def lesson(programme):
    return programme.lessons["first"]


def urls(token: str, lesson) -> dict[str, str]:
    return {
        "lesson": f"/lti/s/{token}/page/{lesson.pk}/",
        "thread": f"/lti/s/{token}/discussion/{lesson.pk}/",
    }


def post_comment(client, token, lesson, body: str, **extra):
    return client.post(urls(token, lesson)["thread"], {"body": body, "key": "", **extra})


def test_a_learner_comments_under_the_lesson_and_another_replies_and_likes(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    lesson_page = text(client.get(urls(ana, lesson)["lesson"]))
    assert '<h2 id="discussion-heading">Discussion</h2>' in lesson_page
    assert (
        '<label class="nhsuk-label" for="discussion-comment">Add a comment</label>' in lesson_page
    )
    assert "NHS 111" in lesson_page and "Samaritans" in lesson_page

    posted = post_comment(client, ana, lesson, "Stories helped me speak up.")
    assert posted.status_code == 302
    comment = Post.objects.get()
    assert posted["Location"] == f"/lti/s/{ana}/discussion/post/{comment.pk}/?notice=posted"
    shown = client.get(posted["Location"])
    assert (
        shown["Location"] == f"/lti/s/{ana}/discussion/{lesson.pk}/?notice=posted#post-{comment.pk}"
    )
    page = text(client.get(shown["Location"].split("#")[0]))
    assert "Your post is published." in page and "Stories helped me speak up." in page

    ben = open_lesson(client, lms, lesson, person("sub-b22", "Ben Ade"), [LEARNER])
    replied = post_comment(client, ben, lesson, "Same here.", parent=str(comment.pk))
    assert replied.status_code == 302
    reply = Post.objects.get(parent=comment)
    assert reply.author != comment.author and reply.root == comment
    liked = client.post(f"/lti/s/{ben}/discussion/post/{comment.pk}/like/")
    assert liked.status_code == 302 and Like.objects.filter(post=comment).count() == 1
    client.post(f"/lti/s/{ben}/discussion/post/{comment.pk}/like/")  # pressed again
    assert Like.objects.filter(post=comment).count() == 1

    # Ana, on her next visit, is told of the reply; then it is no longer new.
    again = text(client.get(urls(ana, lesson)["lesson"]))
    assert "New replies to you" in again and "Ben Ade replied in “Why stories matter”" in again
    assert "New replies to you" not in text(client.get(urls(ana, lesson)["lesson"]))
    thread = text(client.get(urls(ana, lesson)["thread"]))
    assert "1 like" in thread and "Same here." in thread


def test_no_email_or_lms_identifier_in_any_discussion_page(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Hello")
    ben = open_lesson(client, lms, lesson, person("sub-b22", "Ben Ade"), [LEARNER])
    comment = Post.objects.get()
    post_comment(client, ben, lesson, "Hi", parent=str(comment.pk))
    pages = [
        client.get(urls(ben, lesson)["lesson"]),
        client.get(urls(ben, lesson)["thread"]),
        client.get(f"/lti/s/{ben}/discussion/post/{comment.pk}/report/"),
        client.get(urls(ana, lesson)["thread"]),
    ]
    for response in pages:
        body = text(response)
        for secret in ("sub-a81", "sub-b22", "ana@example.edu", "ben@example.edu", "@example"):
            assert secret not in body, (secret, response.request["PATH_INFO"])
    assert "Ana Lopez" in text(pages[1])  # the LMS name is the default display name


def test_a_refused_post_keeps_its_text_says_why_and_moves_focus(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    long = "word " * 1200
    refused = post_comment(client, ana, lesson, long)
    assert refused.status_code == 400
    body = text(refused)
    assert 'role="alert" tabindex="-1" data-plh-focus' in body
    assert '<a href="#comment-body">Your post must be 5000 characters or fewer' in body
    assert 'aria-describedby="comment-body-hint comment-body-error"' in body
    assert long.strip() in body
    empty = post_comment(client, ana, lesson, "   ")
    assert empty.status_code == 400 and "Write something before you post." in text(empty)
    assert not Post.objects.exists()


def test_a_reply_refused_is_shown_open_with_its_text(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Hello")
    comment = Post.objects.get()
    refused = post_comment(client, ana, lesson, "x" * 5001, parent=str(comment.pk))
    assert refused.status_code == 400
    body = text(refused)
    assert f'<a href="#reply-{comment.pk}">' in body
    assert re.search(r"<details class=\"nhsuk-details\" open>", body)


def test_another_course_reaches_nothing_of_this_courses_thread(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Only for course one")
    comment = Post.objects.get()
    eve = open_lesson(
        client, lms, lesson, person("sub-e9", "Eve Stone"), [LEARNER], context_id="course-2"
    )
    assert "Only for course one" not in text(client.get(urls(eve, lesson)["thread"]))
    assert "Only for course one" not in text(client.get(urls(eve, lesson)["lesson"]))
    for path, data in (
        (f"/lti/s/{eve}/discussion/post/{comment.pk}/", None),
        (f"/lti/s/{eve}/discussion/post/{comment.pk}/like/", {}),
        (f"/lti/s/{eve}/discussion/post/{comment.pk}/report/", {"reason": "spam"}),
        (f"/lti/s/{eve}/discussion/post/{comment.pk}/edit/", {"body": "Mine now"}),
    ):
        response = client.get(path) if data is None else client.post(path, data)
        assert response.status_code == 404, path
    assert post_comment(client, eve, lesson, "Sneaky", parent=str(comment.pk)).status_code == 404
    assert not Like.objects.exists() and not Report.objects.exists()
    assert Post.objects.count() == 1


def test_a_programme_wide_discussion_is_shared_by_every_course(client, lms, lesson):
    LessonDiscussion.objects.create(lesson=lesson, programme_wide=True)
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Hello from course one")
    eve = open_lesson(
        client, lms, lesson, person("sub-e9", "Eve Stone"), [LEARNER], context_id="course-2"
    )
    page = text(client.get(urls(eve, lesson)["thread"]))
    assert "Hello from course one" in page and "Shared by everyone on the programme" in page


def test_a_lesson_outside_the_linked_step_has_no_discussion_here(client, lms, programme):
    ana = open_lesson(client, lms, programme.lessons["first"], person("sub-a81", "Ana"), [LEARNER])
    other = programme.lessons["third"]  # Step Two: not this link's step
    assert client.get(f"/lti/s/{ana}/discussion/{other.pk}/").status_code == 404
    assert post_comment(client, ana, other, "Hi").status_code == 404


def test_editing_and_deleting_own_post_in_the_frame_and_the_rules(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Frist")
    comment = Post.objects.get()
    edit_url = f"/lti/s/{ana}/discussion/post/{comment.pk}/edit/"
    form = text(client.get(edit_url))
    assert '<label class="nhsuk-label" for="edit-body">Your post</label>' in form
    assert client.post(edit_url, {"action": "save", "body": "First"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at

    ben = open_lesson(client, lms, lesson, person("sub-b22", "Ben Ade"), [LEARNER])
    other = f"/lti/s/{ben}/discussion/post/{comment.pk}/edit/"
    assert client.post(other, {"action": "delete"}).status_code == 400
    assert client.get(other).status_code == 400

    Post.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    late = client.post(edit_url, {"action": "save", "body": "Too late"})
    assert late.status_code == 400 and "Too late" in text(late)
    assert "only be changed for 30 minutes" in text(late)

    Post.objects.filter(pk=comment.pk).update(created_at=timezone.now())
    post_comment(client, ben, lesson, "Reply", parent=str(comment.pk))
    assert client.post(edit_url, {"action": "delete"}).status_code == 302
    page = text(client.get(urls(ben, lesson)["thread"]))
    assert "This post was deleted by its author." in page and "Reply" in page


def test_reporting_a_post_and_the_author_sees_why_it_was_hidden(client, lms, lesson, admin_user):
    from discussion import moderation

    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Come round to 12 Oak Road")
    comment = Post.objects.get()
    ben = open_lesson(client, lms, lesson, person("sub-b22", "Ben Ade"), [LEARNER])
    report_url = f"/lti/s/{ben}/discussion/post/{comment.pk}/report/"
    form = text(client.get(report_url))
    assert "<legend" in form and 'for="reason-0"' in form
    missing = client.post(report_url, {"details": "A phone number"})
    assert missing.status_code == 400 and "A phone number" in text(missing)
    done = client.post(report_url, {"reason": "private", "details": "A phone number"})
    assert done.status_code == 302 and done["Location"].endswith("?notice=reported")
    assert Report.objects.get().reason == "private"

    moderation.hide(comment, admin_user, "Phone numbers are kept private here")
    others = text(client.get(urls(ben, lesson)["thread"]))
    assert "This post was hidden by a moderator." in others and "Oak Road" not in others
    own = text(client.get(urls(ana, lesson)["thread"]))
    assert "Hidden by a moderator" in own
    assert "Phone numbers are kept private here" in own


def test_a_mentor_launch_labels_posts_and_an_admin_link_to_a_mentor_page(
    client, lms, lesson, programme
):
    from discussion.services import profile_for

    mia = open_lesson(client, lms, lesson, person("sub-m1", "Mia Chen", [MENTOR]), [MENTOR])
    post_comment(client, mia, lesson, "Hello, I am one of your mentors.")
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(client, ana, lesson, "Thanks!")
    page = text(client.get(urls(ana, lesson)["thread"]))
    assert page.count('<strong class="nhsuk-tag nhsuk-tag--blue">Mentor</strong>') == 1

    mentor_post = Post.objects.get(body__startswith="Hello")
    profile = profile_for(mentor_post.author)
    profile.mentor_page = programme.mentor
    profile.save()
    page = text(client.get(urls(ana, lesson)["thread"]))
    assert f'href="{programme.mentor.full_url}" target="_blank" rel="noopener">Mentor' in page


def test_body_text_is_inert_and_http_links_are_linked(client, lms, lesson):
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    post_comment(
        client,
        ana,
        lesson,
        '<script>alert(1)</script> javascript:alert(2) <a href="x">x</a> https://www.nhs.uk/',
    )
    body = client.get(urls(ana, lesson)["thread"]).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    assert 'href="javascript:' not in body and '<a href="x">' not in body
    assert '<a href="https://www.nhs.uk/" rel="nofollow">https://www.nhs.uk/</a>' in body


def test_following_changing_ones_name_and_paging(client, lms, lesson, settings):
    settings.DISCUSSION_POSTS_PER_TEN_MINUTES = 100
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    thread = urls(ana, lesson)["thread"]
    followed = client.post(f"{thread}follow/")
    assert followed["Location"] == f"{thread}?notice=followed"
    assert "Stop following this discussion" in text(client.get(thread))
    assert client.post(f"{thread}follow/", {"action": "unfollow"}).status_code == 302
    assert "Follow this discussion" in text(client.get(thread))

    bad = client.post(f"{thread}name/", {"display_name": "ana@example.org"})
    assert (
        bad.status_code == 400
        and 'aria-describedby="display-name-hint display-name-error"' in text(bad)
    )
    assert client.post(f"{thread}name/", {"display_name": "Ana L"}).status_code == 302
    for number in range(12):
        post_comment(client, ana, lesson, f"Comment number {number}")
    first = text(client.get(thread))
    assert "Comment number 0" in first and "Comment number 11" not in first
    assert "Page 2 of 2" in first and "Ana L" in first
    newest = text(client.get(f"{thread}?order=newest"))
    assert "Comment number 11" in newest and "Comment number 0" not in newest
    oldest_post = Post.objects.get(body="Comment number 0")
    link = client.get(f"/lti/s/{ana}/discussion/post/{oldest_post.pk}/?order=newest")
    assert link["Location"] == f"{thread}?order=newest&page=2#post-{oldest_post.pk}"


def test_a_locked_steps_discussion_is_closed_to_learners_but_not_to_mentors(client, lms, programme):
    locked = programme.lessons["third"]  # Step Two: for graduates of Step One
    ana = open_lesson(client, lms, locked, person("sub-a81", "Ana Lopez"), [LEARNER])
    assert "discussion-heading" not in text(client.get(urls(ana, locked)["lesson"]))
    refused = client.get(urls(ana, locked)["thread"])
    assert refused.status_code == 403 and "not open to you yet" in text(refused)
    assert post_comment(client, ana, locked, "Let me in").status_code == 403
    assert not Post.objects.exists()

    mia = open_lesson(client, lms, locked, person("sub-m1", "Mia Chen", [MENTOR]), [MENTOR])
    assert post_comment(client, mia, locked, "Welcome to Step Two.").status_code == 302
    comment = Post.objects.get()
    assert comment.as_mentor
    refused = client.post(f"/lti/s/{ana}/discussion/post/{comment.pk}/like/")
    assert refused.status_code == 403 and not Like.objects.exists()


def test_opening_a_lesson_writes_no_thread(client, lms, lesson):
    from discussion.models import Profile, Thread

    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    assert "discussion-heading" in text(client.get(urls(ana, lesson)["lesson"]))
    assert not Thread.objects.exists() and not Profile.objects.exists()


def test_a_rate_limited_post_keeps_its_text_and_says_why(client, lms, lesson, settings):
    settings.DISCUSSION_POSTS_PER_TEN_MINUTES = 1
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    assert post_comment(client, ana, lesson, "First").status_code == 302
    limited = post_comment(client, ana, lesson, "A second thought worth keeping")
    assert limited.status_code == 400
    body = text(limited)
    assert "most anyone can. Your text is kept below" in body
    assert ">A second thought worth keeping</textarea>" in body
    assert Post.objects.count() == 1


def test_i_need_support_alerts_the_moderators_at_once(
    client, lms, lesson, django_capture_on_commit_callbacks, mailoutbox
):
    from wagtail.models import Site

    from discussion import moderation
    from discussion.models import DiscussionSettings

    DiscussionSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"moderators_email": "moderators@example.org"},
    )
    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    with django_capture_on_commit_callbacks(execute=True):
        sent = post_comment(client, ana, lesson, "Today is really hard.", needs_support="1")
    post = Post.objects.get()
    assert post.needs_support and sent["Location"].endswith("?notice=support")
    [mail] = mailoutbox
    assert mail.to == ["moderators@example.org"]
    assert (
        "Why stories matter" in mail.body
        and f"/admin/discussion/moderation/{post.pk}/" in mail.body
    )
    assert "sub-a81" not in mail.body and "example.edu" not in mail.body
    assert list(moderation.queue()) == [post]
    moderation.dismiss(post, None, "Tutor has called Ana")
    assert not moderation.queue().exists()


def test_the_support_signposting_is_an_editable_setting(client, lms, lesson):
    from wagtail.models import Site

    from discussion.models import DiscussionSettings

    ana = open_lesson(client, lms, lesson, person("sub-a81", "Ana Lopez"), [LEARNER])
    assert "Samaritans on 116 123" in text(client.get(urls(ana, lesson)["thread"]))
    DiscussionSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"support_signposting": "Call the helpline on 0800 000 0000."},
    )
    assert "Call the helpline on 0800 000 0000." in text(client.get(urls(ana, lesson)["thread"]))
    assert "Call the helpline on 0800 000 0000." in text(client.get(urls(ana, lesson)["lesson"]))
