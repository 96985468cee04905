"""Pathway pages: in the LMS frame under the launch session's token (``/lti/s/<token>/``),
and the referee's page on the public site (``/pathway/referee/``)."""

from django.urls import path

from pathway import views

app_name = "pathway"

urlpatterns = [
    path("lti/s/<str:token>/pathway/", views.home, name="home"),
    path("lti/s/<str:token>/pathway/<int:requirement_id>/apply/", views.start, name="start"),
    path("lti/s/<str:token>/pathway/<int:requirement_id>/renew/", views.renew, name="renew"),
    path("lti/s/<str:token>/pathway/a/<uuid:public_id>/", views.application, name="application"),
    path("pathway/referee/", views.referee, name="referee"),
    path("pathway/referee/thanks/", views.referee_thanks, name="referee-thanks"),
]
