"""Discussion pages inside the LMS frame, under the launch session's token (``/lti/s/<token>/``)."""

from django.urls import path

from discussion import views

app_name = "discussion"

urlpatterns = [
    path("s/<str:token>/discussion/<int:lesson_id>/", views.thread, name="thread"),
    path("s/<str:token>/discussion/<int:lesson_id>/follow/", views.follow, name="follow"),
    path("s/<str:token>/discussion/<int:lesson_id>/name/", views.name, name="name"),
    path("s/<str:token>/discussion/post/<int:post_id>/", views.post, name="post"),
    path("s/<str:token>/discussion/post/<int:post_id>/like/", views.like, name="like"),
    path("s/<str:token>/discussion/post/<int:post_id>/edit/", views.edit, name="edit"),
    path("s/<str:token>/discussion/post/<int:post_id>/pin/", views.pin, name="pin"),
    path("s/<str:token>/discussion/post/<int:post_id>/report/", views.report, name="report"),
]
