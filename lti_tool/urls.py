"""The tool's URLs. The first five are stable: platforms store them."""

from django.urls import path

from lti_tool import framed, framed_badges, registration_views, views

app_name = "lti"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("jwks/", views.jwks, name="jwks"),
    path("register/", registration_views.register, name="register"),
    path("config.json", views.config_json, name="config"),
    path("s/<str:token>/", framed.resume, name="resume"),
    path("s/<str:token>/page/<int:page_id>/", framed.page, name="page"),
    path("s/<str:token>/deep-link/", framed.deep_link, name="deep_link"),
    path("s/<str:token>/cohort/", framed.cohort, name="cohort"),
    path("s/<str:token>/badges/", framed_badges.my_badges, name="my_badges"),
    path("s/<str:token>/badges/record.json", framed_badges.my_record, name="my_record"),
    path("s/<str:token>/cohort.csv", framed.cohort_csv, name="cohort_csv"),
]
