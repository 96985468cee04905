"""The discussion's pages on the hub (outside the frame), mounted at ``/discussion/``."""

from django.urls import path

from discussion import hub_views

app_name = "discussion_hub"

urlpatterns = [
    path("lesson/<int:lesson_id>/", hub_views.lesson_discussion, name="lesson"),
]
