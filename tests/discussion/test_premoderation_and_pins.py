"""Pre-moderation, the word and pattern list, and pinned posts: each rule and its refusals.

Through the domain functions (``discussion.services``, ``discussion.moderation``) with real
rows; the framed pages and the API are tested in their own modules.
"""

from __future__ import annotations

import pytest
from wagtail.models import Site

from discussion import moderation, screening, services
from discussion.mentoring import unanswered_posts
from discussion.models import (
    DiscussionSettings,
    LessonDiscussion,
    ModerationAction,
    Post,
    Profile,
)
from discussion.services import DiscussionError, NotAllowed, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(programme):
    return programme.lessons["first"]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw-mod-123")
    user.groups.add(moderation.ensure_moderators_group())
    return user


def premoderate(lesson) -> None:
    LessonDiscussion.objects.update_or_create(lesson=lesson, defaults={"premoderated": True})


def rules(**fields) -> DiscussionSettings:
    site = Site.objects.get(is_default_site=True)
    found, _ = DiscussionSettings.objects.update_or_create(site=site, defaults=fields)
    return found


# --- Pre-moderation ----------------------------------------------------------------------------
def test_a_post_in_a_premoderated_lesson_waits_and_only_its_author_sees_it(course, lesson):
    premoderate(lesson)
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    services.follow(ben, thread)
    post, _ = services.create_post(ana, thread, "My first thought")

    assert post.is_held and post.held_because == Post.HoldReason.LESSON
    assert list(services.top_level_posts(thread, viewer=ana.learner)) == [post]
    assert list(services.top_level_posts(thread, viewer=ben.learner)) == []
    with pytest.raises(NotFound):
        services.post_in_reach(ben, post.pk)
    assert services.post_in_reach(ana, post.pk) == post
    assert not services.news_for(ben)  # not new for anyone else
    assert not unanswered_posts(ana.context_id).exists()  # nor waiting for an answer
    assert post in moderation.queue()


def test_nobody_replies_to_or_likes_a_waiting_post(course, lesson):
    premoderate(lesson)
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Waiting")
    with pytest.raises(DiscussionError, match="waiting for a moderator"):
        services.create_post(ben, thread, "A reply", parent=post)
    with pytest.raises(DiscussionError, match="waiting for a moderator"):
        services.like(ben, post)
    assert Post.objects.count() == 1 and not post.likes.exists()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Text me on 07700 900123 any time", Post.HoldReason.PHONE),
        ("Ring +44 (0)20 7946 0958 after six", Post.HoldReason.PHONE),
        ("Write to sam.taylor+pl@example.org", Post.HoldReason.EMAIL),
        ("Call the Samaritans on 116 123, or 999 in an emergency", ""),
        ("I was in hospital from 2019 to 2021", ""),
        ("See https://www.nhs.uk/ for more", ""),  # links are not held unless switched on
    ],
)
def test_contact_details_are_held_by_default(course, lesson, body, reason):
    ana = course("Ana")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), body)
    assert post.held_because == reason and post.is_held == bool(reason)


def test_links_and_the_editors_words_are_held_when_switched_on(course, lesson):
    rules(hold_links=True, held_words="Secret club\nmiracle cure\n")
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    held = {
        text: services.create_post(ana, thread, text)[0].held_because
        for text in (
            "Have a look at www.example.org",
            "Join our SECRET   club tonight",
            "It is a miracle cure!",
            "A secretive clubhouse",  # not the whole phrase
        )
    }
    assert held == {
        "Have a look at www.example.org": Post.HoldReason.LINK,
        "Join our SECRET   club tonight": Post.HoldReason.WORD,
        "It is a miracle cure!": Post.HoldReason.WORD,
        "A secretive clubhouse": "",
    }


def test_kinds_switched_off_hold_nothing(course, lesson):
    rules(hold_phone_numbers=False, hold_email_addresses=False)
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Call 07700 900123 or ana@example.org")
    assert not post.is_held


def test_the_explanation_names_the_kind_never_the_pattern_or_word(course, lesson):
    rules(held_words="pineapple")
    for reason in Post.HoldReason.values:
        explanation = screening.explain(reason)
        assert explanation and "\\" not in explanation and "pineapple" not in explanation
    assert "phone number" in screening.explain(Post.HoldReason.PHONE)
    assert "email address" in screening.explain(Post.HoldReason.EMAIL)


def test_an_edit_that_adds_contact_details_goes_back_to_the_moderator(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Hello all")
    services.edit_post(ana, post, "Hello all, email me at ana@example.org")
    post.refresh_from_db()
    assert post.is_held and post.held_because == Post.HoldReason.EMAIL
    assert list(services.top_level_posts(thread, viewer=ben.learner)) == []


def test_a_moderator_approves_a_waiting_post_once_with_an_audit_entry(course, lesson, moderator):
    premoderate(lesson)
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Please publish me")
    moderation.approve(post, moderator)
    post.refresh_from_db()
    assert post.is_visible and list(services.top_level_posts(thread, viewer=ben.learner)) == [post]
    assert post not in moderation.queue()
    with pytest.raises(DiscussionError, match="already published"):
        moderation.approve(post, moderator)
    with pytest.raises(DiscussionError, match="already published"):
        moderation.reject(post, moderator, "Too late")
    audit = ModerationAction.objects.get()
    assert (audit.kind, audit.moderator) == ("approve", moderator)
    assert audit.reason == "Published after review."


def test_a_refused_post_is_never_shown_to_others_and_its_author_sees_why(course, lesson, moderator):
    premoderate(lesson)
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Not kind")
    with pytest.raises(DiscussionError, match="Give a reason"):
        moderation.reject(post, moderator, "  ")
    post.refresh_from_db()
    assert post.is_held and not post.is_hidden and not ModerationAction.objects.exists()

    moderation.reject(post, moderator, "Please keep it kind")
    post.refresh_from_db()
    assert post.is_rejected and post.hidden_reason == "Please keep it kind"
    assert list(services.top_level_posts(thread, viewer=ben.learner)) == []  # not even a marker
    assert list(services.top_level_posts(thread, viewer=ana.learner)) == [post]
    with pytest.raises(DiscussionError, match="already been refused"):
        moderation.approve(post, moderator)
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == ["reject"]


def test_a_deleted_waiting_post_cannot_be_approved(course, lesson, moderator):
    premoderate(lesson)
    ana = course("Ana")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Oops")
    services.delete_post(ana, post)
    with pytest.raises(DiscussionError, match="deleted"):
        moderation.approve(post, moderator)
    assert not ModerationAction.objects.exists()


# --- Pinning -----------------------------------------------------------------------------------
def test_a_mentor_pins_a_comment_and_it_comes_first_in_either_order(course, lesson):
    mia, ana = course("Mia", mentor=True), course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    first, _ = services.create_post(ana, thread, "First")
    intro, _ = services.create_post(mia, thread, "I am Mia, a mentor")
    last, _ = services.create_post(ana, thread, "Last")

    services.pin(mia, intro)
    intro.refresh_from_db()
    assert intro.is_pinned and intro.pinned_by == mia.learner
    assert list(services.top_level_posts(thread, "oldest")) == [intro, first, last]
    assert list(services.top_level_posts(thread, "newest")) == [intro, last, first]
    assert services.page_of(intro, "newest") == 1

    services.unpin(mia, intro)
    assert list(services.top_level_posts(thread, "oldest")) == [first, intro, last]
    with pytest.raises(DiscussionError, match="not pinned"):
        services.unpin(mia, intro)


def test_a_person_linked_to_a_mentor_page_pins_too(course, lesson, programme):
    tom, ana = course("Tom"), course("Ana")
    Profile.objects.create(learner=tom.learner, mentor_page=programme.mentor)
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Hi")
    assert services.pin(tom, post).is_pinned


def test_a_learner_cannot_pin(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Pin me")
    with pytest.raises(NotAllowed, match="Only mentors can pin"):
        services.pin(ben, post)
    with pytest.raises(NotAllowed):
        services.pin(ana, post)  # not even their own
    post.refresh_from_db()
    assert not post.is_pinned


def test_a_mentor_of_another_course_cannot_pin_in_a_course_thread(course, lesson):
    ana, other_mentor = course("Ana", "c1"), course("Max", "c2", mentor=True)
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Ours")
    with pytest.raises(NotFound):
        services.pin(other_mentor, post)
    post.refresh_from_db()
    assert not post.is_pinned


def test_at_most_three_pinned_posts_per_thread(course, lesson):
    mia, ana = course("Mia", mentor=True), course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    posts = [services.create_post(ana, thread, f"Post {i}")[0] for i in range(4)]
    for post in posts[:3]:
        services.pin(mia, post)
    with pytest.raises(DiscussionError, match=r"at most 3 pinned posts\. Unpin one"):
        services.pin(mia, posts[3])
    assert thread.posts.filter(pinned_at__isnull=False).count() == 3
    with pytest.raises(DiscussionError, match="already pinned"):
        services.pin(mia, posts[0])


def test_replies_and_removed_or_waiting_posts_are_not_pinned(course, lesson, moderator):
    mia, ana = course("Mia", mentor=True), course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    comment, _ = services.create_post(ana, thread, "A comment")
    reply, _ = services.create_post(mia, thread, "A reply", parent=comment)
    with pytest.raises(DiscussionError, match="Only comments"):
        services.pin(mia, reply)
    held, _ = services.create_post(ana, thread, "Mail ana@example.org")
    with pytest.raises(DiscussionError, match="published post"):
        services.pin(mia, held)
    moderation.hide(comment, moderator, "Unkind")
    with pytest.raises(DiscussionError, match="published post"):
        services.pin(mia, comment)
    assert not Post.objects.filter(pinned_at__isnull=False).exists()


def test_hiding_a_pinned_post_unpins_it(course, lesson, moderator):
    mia, ana = course("Mia", mentor=True), course("Ana")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Pinned")
    services.pin(mia, post)
    moderation.hide(post, moderator, "Shares private details")
    post.refresh_from_db()
    assert not post.is_pinned


def test_a_moderator_pins_and_unpins_with_audit_entries(course, lesson, moderator):
    ana = course("Ana")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Useful")
    moderation.pin(post, moderator)
    post.refresh_from_db()
    assert post.is_pinned and post.pinned_by is None
    moderation.unpin(post, moderator, "Out of date")
    assert list(ModerationAction.objects.order_by("id").values_list("kind", "reason")) == [
        ("pin", "Pinned to the top of the thread."),
        ("unpin", "Out of date"),
    ]
