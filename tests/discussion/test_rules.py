"""The discussion's rules as plain functions: each rule, and a negative test for each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from discussion import moderation, services
from discussion.models import (
    BODY_MAX_LENGTH,
    LessonDiscussion,
    Like,
    ModerationAction,
    Post,
    Thread,
)
from discussion.services import DiscussionError, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(programme):
    return programme.lessons["first"]


def test_a_thread_per_lesson_per_course_unless_programme_wide(course, lesson):
    ana, ben = course("Ana", "c1"), course("Ben", "c2")
    own, other = (
        services.thread_for(lesson, ana.context_id),
        services.thread_for(lesson, ben.context_id),
    )
    assert own != other
    assert services.thread_for(lesson, ana.context_id) == own
    LessonDiscussion.objects.create(lesson=lesson, programme_wide=True)
    shared = services.thread_for(lesson, ana.context_id)
    assert shared == services.thread_for(lesson, ben.context_id)
    assert shared.programme_wide and services.may_see(ana, shared) and services.may_see(ben, shared)


def test_the_database_refuses_a_second_thread_for_one_lesson_and_course(course, lesson):
    ana = course("Ana")
    Thread.objects.create(lesson=lesson, context_id=ana.context_id)
    Thread.objects.create(lesson=lesson, context=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.create(lesson=lesson, context_id=ana.context_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.create(lesson=lesson, context=None)


def test_posting_replying_and_following(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    comment, created = services.create_post(ana, thread, "  Hello all  ")
    assert created and comment.body == "Hello all" and comment.root is None
    reply, _ = services.create_post(ben, thread, "Hi Ana", parent=comment)
    deeper, _ = services.create_post(ana, thread, "Hi Ben", parent=reply)
    assert reply.root == comment and deeper.root == comment and deeper.parent == reply
    assert thread.follows.filter(learner=ana.learner).exists()  # authors follow


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * (BODY_MAX_LENGTH + 1)])
def test_empty_or_oversized_posts_are_refused(course, lesson, body):
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    with pytest.raises(DiscussionError):
        services.create_post(ana, thread, body)
    assert not Post.objects.exists()


def test_a_post_of_exactly_the_limit_is_accepted(course, lesson):
    ana = course("Ana")
    post, _ = services.create_post(
        ana, services.thread_for(lesson, ana.context_id), "x" * BODY_MAX_LENGTH
    )
    assert len(post.body) == BODY_MAX_LENGTH


def test_another_course_cannot_post_reply_like_or_report_in_a_course_thread(course, lesson):
    ana, outsider = course("Ana", "c1"), course("Eve", "c2")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Ours")
    with pytest.raises(NotFound):
        services.create_post(outsider, thread, "Let me in")
    with pytest.raises(NotFound):
        services.post_in_reach(outsider, post.pk)
    with pytest.raises(NotFound):
        services.like(outsider, post)
    with pytest.raises(NotFound):
        services.report(outsider, post, "spam")
    with pytest.raises(NotFound):
        services.follow(outsider, thread)
    assert Post.objects.count() == 1 and not Like.objects.exists()


def test_a_reply_must_be_to_a_visible_post_of_the_same_thread(course, lesson, programme):
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    elsewhere = services.thread_for(programme.lessons["second"], ana.context_id)
    post, _ = services.create_post(ana, thread, "Here")
    with pytest.raises(NotFound):
        services.create_post(ben, elsewhere, "There", parent=post)
    moderation.hide(post, None, "Unkind")
    with pytest.raises(DiscussionError, match="removed"):
        services.create_post(ben, thread, "Reply", parent=post)


def test_a_form_sent_twice_makes_one_post(course, lesson):
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    first, created = services.create_post(ana, thread, "Once", submission_key="k1")
    again, created_again = services.create_post(ana, thread, "Once", submission_key="k1")
    assert created and not created_again and first == again
    assert Post.objects.count() == 1


def test_edit_and_delete_own_post_within_thirty_minutes(course, lesson):
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Frist")
    services.edit_post(ana, post, "First")
    post.refresh_from_db()
    assert post.body == "First" and post.edited_at is not None
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=29))
    post.refresh_from_db()
    services.delete_post(ana, post)
    post.refresh_from_db()
    assert post.is_deleted and post.body == ""


def test_after_thirty_one_minutes_a_post_can_no_longer_be_changed(course, lesson):
    ana = course("Ana")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Hello")
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(DiscussionError, match="30 minutes"):
        services.edit_post(ana, post, "Changed")
    with pytest.raises(DiscussionError, match="30 minutes"):
        services.delete_post(ana, post)
    post.refresh_from_db()
    assert post.body == "Hello" and not post.is_deleted


def test_nobody_changes_someone_elses_post(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Mine")
    with pytest.raises(DiscussionError, match="your own"):
        services.edit_post(ben, post, "Yours now")
    with pytest.raises(DiscussionError, match="your own"):
        services.delete_post(ben, post)
    post.refresh_from_db()
    assert post.body == "Mine"


def test_a_hidden_post_cannot_be_edited_deleted_or_liked(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Oops")
    moderation.hide(post, None, "Shares a phone number")
    post.refresh_from_db()
    with pytest.raises(DiscussionError, match="Shares a phone number"):
        services.edit_post(ana, post, "Fixed")
    with pytest.raises(DiscussionError):
        services.delete_post(ana, post)
    with pytest.raises(DiscussionError):
        services.like(ben, post)


def test_a_blocked_author_cannot_post_edit_or_like(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Hello")
    other, _ = services.create_post(ben, thread, "Hi")
    moderation.block(post, None, "Repeated abuse")
    for attempt in (
        lambda: services.create_post(ana, thread, "Again"),
        lambda: services.edit_post(ana, post, "Changed"),
        lambda: services.like(ana, other),
    ):
        with pytest.raises(DiscussionError, match="stopped you from posting"):
            attempt()
    assert Post.objects.count() == 2 and not Like.objects.exists()


def test_likes_are_once_per_person_and_never_ones_own(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Like me")
    assert services.like(ben, post) is True
    assert services.like(ben, post) is False
    assert post.likes.count() == 1
    with pytest.raises(DiscussionError, match="your own"):
        services.like(ana, post)
    assert services.unlike(ben, post) and not post.likes.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Like.objects.bulk_create([Like(post=post, learner=ben.learner)] * 2)


def test_display_names_are_chosen_and_never_an_email(course):
    ana = course("Ana Lopez")
    profile = services.profile_for(ana.learner)
    assert profile.shown_name == "Ana Lopez"
    assert services.change_display_name(ana.learner, "  Ana  L ").shown_name == "Ana L"
    with pytest.raises(DiscussionError):
        services.change_display_name(ana.learner, "ana@example.org")
    with pytest.raises(DiscussionError):
        services.change_display_name(ana.learner, "A" * 61)
    assert services.change_display_name(ana.learner, "").shown_name == "Ana Lopez"


def test_reports_are_one_open_per_person_and_need_a_reason(course, lesson):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Hmm")
    services.create_post(ben, post.thread, "Never reported")
    assert not moderation.queue().exists()
    with pytest.raises(DiscussionError):
        services.report(ben, post, "because")
    report, created = services.report(ben, post, "unkind", "It hurt.")
    again, created_again = services.report(ben, post, "unkind")
    assert created and not created_again and report == again
    assert list(moderation.queue()) == [post]


def test_moderation_actions_and_their_audit_trail(course, lesson, admin_user):
    ana, ben = course("Ana"), course("Ben")
    post, _ = services.create_post(ana, services.thread_for(lesson, ana.context_id), "Hmm")
    services.report(ben, post, "unsafe")
    with pytest.raises(DiscussionError, match="reason"):
        moderation.hide(post, admin_user, "  ")
    moderation.hide(post, admin_user, "Unsafe advice")
    assert not moderation.queue().exists()  # reports closed
    with pytest.raises(DiscussionError):
        moderation.hide(post, admin_user, "Again")
    moderation.restore(post, admin_user, "Reviewed with the author")
    moderation.block(post, admin_user, "Second warning")
    with pytest.raises(DiscussionError):
        moderation.block(post, admin_user, "Twice")
    moderation.unblock(post, admin_user, "Appeal accepted")
    services.report(ben, post, "other")
    moderation.dismiss(post, admin_user, "Nothing wrong")
    trail = [(a.kind, a.reason, a.moderator) for a in ModerationAction.objects.order_by("id")]
    assert trail == [
        ("hide", "Unsafe advice", admin_user),
        ("restore", "Reviewed with the author", admin_user),
        ("block", "Second warning", admin_user),
        ("unblock", "Appeal accepted", admin_user),
        ("dismiss", "Nothing wrong", admin_user),
    ]
    assert all(a.subject == ana.learner for a in ModerationAction.objects.all())


def test_news_replies_to_you_and_new_in_threads_you_follow(course, lesson, programme):
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    post, _ = services.create_post(ana, thread, "Question?")
    assert not services.news_for(ana)
    reply, _ = services.create_post(ben, thread, "Answer", parent=post)
    news = services.news_for(ana)
    assert news.replies == [reply] and news.followed == [(thread, 1)]
    services.mark_replies_seen(ana)
    services.mark_thread_seen(ana, thread)
    assert not services.news_for(ana)
    hidden, _ = services.create_post(ben, thread, "Rude", parent=post)
    moderation.hide(hidden, None, "Rude")
    assert not services.news_for(ana)  # hidden posts are no news


def test_paging_newest_and_oldest_first_and_the_page_of_a_post(course, lesson, settings):
    settings.DISCUSSION_POSTS_PER_TEN_MINUTES = 100
    ana = course("Ana")
    thread = services.thread_for(lesson, ana.context_id)
    posts = [
        services.create_post(ana, thread, f"Post {i}")[0] for i in range(services.PAGE_SIZE + 3)
    ]
    oldest = list(services.top_level_posts(thread, "oldest"))
    newest = list(services.top_level_posts(thread, "newest"))
    assert oldest == posts and newest == posts[::-1]
    assert services.page_of(posts[0]) == 1 and services.page_of(posts[-1]) == 2
    assert services.page_of(posts[0], "newest") == 2 and services.page_of(posts[-1], "newest") == 1
    reply, _ = services.create_post(ana, thread, "Reply", parent=posts[-1])
    assert services.page_of(reply) == 2


def test_posting_is_rate_limited_per_person(course, lesson, settings):
    settings.DISCUSSION_POSTS_PER_TEN_MINUTES = 3
    ana, ben = course("Ana"), course("Ben")
    thread = services.thread_for(lesson, ana.context_id)
    for number in range(3):
        services.create_post(ana, thread, f"Post {number}")
    with pytest.raises(DiscussionError, match="3 times in the last ten minutes"):
        services.create_post(ana, thread, "One too many")
    services.create_post(ben, thread, "Someone else may")  # per person
    Post.objects.filter(author=ana.learner).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    services.create_post(ana, thread, "Later is fine")
    assert Post.objects.filter(author=ana.learner).count() == 4


def test_news_can_be_limited_to_the_lessons_a_session_opens(course, lesson, programme):
    ana, ben = course("Ana"), course("Ben")
    here = services.thread_for(lesson, ana.context_id)
    there = services.thread_for(programme.lessons["second"], ana.context_id)
    mine_here, _ = services.create_post(ana, here, "Here?")
    mine_there, _ = services.create_post(ana, there, "There?")
    services.create_post(ben, here, "Yes", parent=mine_here)
    services.create_post(ben, there, "Yes", parent=mine_there)
    assert len(services.news_for(ana).replies) == 2
    only_here = services.news_for(ana, {lesson.pk})
    assert [r.thread for r in only_here.replies] == [here]
    assert only_here.followed == [(here, 1)]
