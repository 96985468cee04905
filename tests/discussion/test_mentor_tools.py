"""Held posts and pins in the frame, the cohort view's discussion section, the mentor page's
activity and the staff's hub view: through real launches and real pages.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from discussion import moderation, services
from discussion.models import LessonDiscussion, ModerationAction, Post
from hub.editorial import EDITORS
from hub.models import Learner
from lti_tool.roles import INSTRUCTOR, LEARNER, MENTOR
from tests.support.discussion import member, open_lesson, text

pytestmark = pytest.mark.django_db

SECRETS = ("sub-a81", "sub-b22", "sub-m1", "@example.edu")


@pytest.fixture
def lesson(programme):
    return programme.lessons["first"]


def thread_url(token: str, lesson) -> str:
    return f"/lti/s/{token}/discussion/{lesson.pk}/"


def say(client, token, lesson, body: str, **extra):
    return client.post(thread_url(token, lesson), {"body": body, "key": "", **extra})


def ana(client, lms, lesson, course="course-1"):
    return open_lesson(
        client, lms, lesson, member("sub-a81", "Ana Lopez", [LEARNER]), [LEARNER], course
    )


def ben(client, lms, lesson, course="course-1"):
    return open_lesson(
        client, lms, lesson, member("sub-b22", "Ben Ade", [LEARNER]), [LEARNER], course
    )


def mia(client, lms, lesson, course="course-1"):
    return open_lesson(
        client, lms, lesson, member("sub-m1", "Mia Chen", [MENTOR]), [MENTOR], course
    )


@pytest.fixture
def moderator(django_user_model):
    call_command("setup_discussion", stdout=io.StringIO())
    user = django_user_model.objects.create_user("mod", password="pw")
    user.groups.add(Group.objects.get(name="Discussion moderators"))
    return user


# --- Held posts in the frame -------------------------------------------------------------------
def test_a_held_post_is_marked_for_its_author_hidden_from_others_and_published_by_a_moderator(
    client, lms, lesson, moderator
):
    LessonDiscussion.objects.create(lesson=lesson, premoderated=True)
    token = ana(client, lms, lesson)
    posted = say(client, token, lesson, "My first thoughts on stories")
    assert posted.status_code == 302 and posted["Location"].endswith("?notice=held")
    post = Post.objects.get()
    mine = text(client.get(client.get(posted["Location"])["Location"].split("#")[0]))
    assert "Your post is waiting for a moderator" in mine
    assert "Waiting for a moderator" in mine and "My first thoughts on stories" in mine
    assert "A moderator reads every post in this lesson" in mine

    other = ben(client, lms, lesson)
    for page in (thread_url(other, lesson), f"/lti/s/{other}/page/{lesson.pk}/"):
        shown = text(client.get(page))
        assert "My first thoughts" not in shown and "Ana Lopez" not in shown
    assert client.get(f"/lti/s/{other}/discussion/post/{post.pk}/").status_code == 404
    assert client.get(f"/lti/s/{other}/discussion/post/{post.pk}/report/").status_code == 404
    assert client.post(f"/lti/s/{other}/discussion/post/{post.pk}/like/").status_code == 404

    client.force_login(moderator)
    dashboard = text(client.get("/admin/"))
    assert "0 other post(s) reported; 1 post(s) wait for review" in dashboard
    queue = text(client.get("/admin/discussion/moderation/"))
    assert "My first thoughts on stories" in queue and "Waiting for review" in queue
    review = f"/admin/discussion/moderation/{post.pk}/"
    assert client.post(review, {"action": "approve", "reason": ""}).status_code == 302
    assert ModerationAction.objects.get().kind == "approve"
    client.logout()
    assert "My first thoughts on stories" in text(client.get(thread_url(other, lesson)))


def test_the_author_of_a_post_with_contact_details_is_told_the_kind_not_the_pattern(
    client, lms, lesson
):
    token = ana(client, lms, lesson)
    posted = say(client, token, lesson, "Email me: ana.l@example.org", needs_support="1")
    assert posted["Location"].endswith("?notice=held-support")
    page = text(client.get(thread_url(token, lesson)))
    assert "It seems to contain an email address." in page
    assert "[\\w" not in page and "re.compile" not in page


def test_a_learner_cannot_approve_and_a_non_moderator_is_refused(
    client, django_user_model, lesson, course
):
    actor = course("Ana")
    post, _ = services.create_post(
        actor, services.thread_for(lesson, actor.context_id), "Ring 07700 900123"
    )
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.post(f"/admin/discussion/moderation/{post.pk}/", {"action": "approve"})
    assert refused.status_code in (302, 403)
    post.refresh_from_db()
    assert post.is_held and not ModerationAction.objects.exists()


# --- Pins in the frame -------------------------------------------------------------------------
def test_a_mentor_pins_a_post_and_everyone_sees_it_first_with_its_label(client, lms, lesson):
    learner = ana(client, lms, lesson)
    say(client, learner, lesson, "An early question")
    mentor = mia(client, lms, lesson)
    say(client, mentor, lesson, "I am Mia, one of your mentors")
    intro = Post.objects.get(body__startswith="I am Mia")
    page = text(client.get(thread_url(mentor, lesson)))
    assert "Pin to the top" in page

    pinned = client.post(f"/lti/s/{mentor}/discussion/post/{intro.pk}/pin/")
    assert pinned.status_code == 302 and pinned["Location"].endswith("?notice=pinned")
    for order in ("oldest", "newest"):
        page = text(client.get(thread_url(learner, lesson) + f"?order={order}"))
        assert page.index("I am Mia") < page.index("An early question")
        assert "Pinned by a mentor" in page and "Pin to the top" not in page
    assert "Pinned by a mentor" in text(client.get(f"/lti/s/{learner}/page/{lesson.pk}/"))


def test_a_learner_cannot_pin_in_the_frame(client, lms, lesson):
    learner = ana(client, lms, lesson)
    say(client, learner, lesson, "Pin me please")
    post = Post.objects.get()
    refused = client.post(f"/lti/s/{learner}/discussion/post/{post.pk}/pin/")
    assert refused.status_code == 403 and "Only mentors can pin posts." in text(refused)
    post.refresh_from_db()
    assert not post.is_pinned


def test_a_mentor_of_another_course_cannot_pin_in_a_course_thread(client, lms, lesson):
    learner = ana(client, lms, lesson, "course-1")
    say(client, learner, lesson, "Course one only")
    post = Post.objects.get()
    stranger = mia(client, lms, lesson, "course-2")
    assert client.post(f"/lti/s/{stranger}/discussion/post/{post.pk}/pin/").status_code == 404
    post.refresh_from_db()
    assert not post.is_pinned


# --- The cohort view ---------------------------------------------------------------------------
def _tutor(client, lms, lesson, course="course-1"):
    token = open_lesson(
        client, lms, lesson, member("sub-t1", "Tess Grant", [INSTRUCTOR]), [INSTRUCTOR], course
    )
    return token


def test_the_cohort_view_lists_unanswered_learner_comments_and_support_requests(
    client, lms, lesson, programme
):
    second = programme.lessons["second"]
    learner = ana(client, lms, lesson)
    say(client, learner, lesson, "Nobody has answered me")
    say(client, learner, lesson, "I am struggling this week", needs_support="1")
    say(client, learner, lesson, "My number is 07700 900123")  # held: waits for nobody
    other = ben(client, lms, second)
    say(client, other, second, "A question on the second lesson")
    answered = Post.objects.get(body="A question on the second lesson")
    mentor = mia(client, lms, second)
    say(client, mentor, second, "Here is an answer", parent=str(answered.pk))
    stranger = ana(client, lms, lesson, "course-2")
    say(client, stranger, lesson, "Another course's question")

    tutor = _tutor(client, lms, lesson)
    page = text(client.get(f"/lti/s/{tutor}/cohort/")).split('id="cohort-discussion-heading"')[1]
    assert "Comments waiting for an answer" in page
    assert "“Why stories matter”</a>: 2 comments waiting" in page
    assert "Telling it your way" not in page.split("Posts asking for support")[0]
    assert "Posts asking for support" in page and "I am struggling this week" in page
    assert "07700" not in page and "Another course" not in page
    for secret in SECRETS:
        assert secret not in page

    # A mentor of the course sees it too; a learner has no cohort view at all.
    assert "Comments waiting for an answer" in text(client.get(f"/lti/s/{mentor}/cohort/"))
    assert client.get(f"/lti/s/{learner}/cohort/").status_code == 403


def test_the_cohort_view_says_when_nothing_waits(client, lms, lesson):
    tutor = _tutor(client, lms, lesson)
    page = text(client.get(f"/lti/s/{tutor}/cohort/"))
    assert "Every learner's comment has an answer." in page
    assert "No post in this course is asking for support." in page


# --- The mentor page ---------------------------------------------------------------------------
def test_a_mentor_page_lists_lessons_and_recent_programme_wide_replies(
    client, lms, lesson, programme, moderator
):
    second = programme.lessons["second"]
    LessonDiscussion.objects.create(lesson=lesson, programme_wide=True)
    learner = ana(client, lms, lesson)
    say(client, learner, lesson, "A question for the mentors")
    say(client, learner, second, "A course question")
    mentor = mia(client, lms, lesson)
    profile = services.profile_for(Learner.objects.get(display_name="Mia Chen"))
    profile.mentor_page = programme.mentor
    profile.save()
    question = Post.objects.get(body="A question for the mentors")
    say(client, mentor, lesson, "A public answer from Mia", parent=str(question.pk))
    say(client, mentor, lesson, "A removed answer", parent=str(question.pk))
    moderation.hide(Post.objects.get(body="A removed answer"), moderator, "Off topic")
    course_question = Post.objects.get(body="A course question")
    mentor_two = mia(client, lms, second)
    say(client, mentor_two, second, "A course-only answer", parent=str(course_question.pk))

    page = text(client.get(programme.mentor.url))
    assert f"{programme.mentor.title} in the discussions" in page
    assert "Why stories matter" in page and "Telling it your way" in page  # both lessons
    assert "A public answer from Mia" in page and "Replying to Ana Lopez" in page
    assert "A removed answer" not in page and "A course-only answer" not in page
    for secret in SECRETS:
        assert secret not in page


def test_a_mentor_page_without_discussion_activity_shows_no_section(client, programme):
    page = text(client.get(programme.mentor.url))
    assert page.count("in the discussions") == 0


# --- The staff's hub view ----------------------------------------------------------------------
def test_staff_read_every_courses_discussion_on_the_hub(client, lms, lesson, moderator):
    say(client, ana(client, lms, lesson, "course-1"), lesson, "Course one comment")
    say(client, ana(client, lms, lesson, "course-2"), lesson, "Course two comment")
    say(client, ben(client, lms, lesson, "course-2"), lesson, "Call 07700 900123")
    url = f"/discussion/lesson/{lesson.pk}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")

    client.force_login(moderator)
    page = text(client.get(url))
    assert "Course one comment" in page and "Course two comment" in page
    assert page.count('<h2 id="thread-') == 2  # grouped by course
    assert "Waiting for a moderator" in page and "Call 07700 900123" in page
    held = Post.objects.get(body="Call 07700 900123")
    assert f"/admin/discussion/moderation/{held.pk}/" in page
    for secret in SECRETS:
        assert secret not in page


def test_editors_read_without_held_text_and_moderation_links(
    client, django_user_model, lms, lesson
):
    call_command("setup_editorial", stdout=io.StringIO())
    say(client, ana(client, lms, lesson), lesson, "Call 07700 900123")
    say(client, ben(client, lms, lesson), lesson, "A published comment")
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    page = text(client.get(f"/discussion/lesson/{lesson.pk}/"))
    assert "A published comment" in page and "Waiting for a moderator" in page
    assert "07700" not in page and "/admin/discussion/moderation/" not in page


def test_a_user_without_admin_access_is_sent_to_sign_in(client, django_user_model, lesson):
    user = django_user_model.objects.create_user("someone", password="pw")
    client.force_login(user)
    answer = client.get(f"/discussion/lesson/{lesson.pk}/")
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


def test_a_lessons_admin_page_links_to_its_discussions(admin_client, lesson, programme):
    edit = text(admin_client.get(f"/admin/pages/{lesson.pk}/edit/"))
    assert f'href="/discussion/lesson/{lesson.pk}/"' in edit and "Read its discussions" in edit
    step = text(admin_client.get(f"/admin/pages/{programme.steps[0].pk}/edit/"))
    assert "Read its discussions" not in step
