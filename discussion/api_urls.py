"""URLs of the discussion API, mounted at ``/api/discussion/`` (see :mod:`discussion.api`)."""

from django.urls import path

from discussion import api

app_name = "discussion-api"

urlpatterns = [
    path("lessons/<int:lesson_id>/posts/", api.ThreadPosts.as_view(), name="thread"),
    path("posts/<int:post_id>/like/", api.PostLike.as_view(), name="like"),
    path("posts/<int:post_id>/report/", api.PostReport.as_view(), name="report"),
]
