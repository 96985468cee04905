"""The leader's pool pages inside the LMS frame (``/lti/s/<token>/pool/...``)."""

from django.urls import path

from pool import framed_views

app_name = "pool-framed"

urlpatterns = [
    path("s/<str:token>/pool/", framed_views.home, name="home"),
    path("s/<str:token>/pool/profile/", framed_views.profile, name="profile"),
    path("s/<str:token>/pool/pause/", framed_views.pause, name="pause"),
    path("s/<str:token>/pool/resume/", framed_views.resume, name="resume"),
    path("s/<str:token>/pool/renew/", framed_views.renew, name="renew"),
    path("s/<str:token>/pool/leave/", framed_views.leave, name="leave"),
    path("s/<str:token>/pool/requests/<int:request_id>/", framed_views.answer, name="request"),
]
