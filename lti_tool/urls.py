"""The tool's URLs. The first five are stable: platforms store them."""

from django.urls import path

from lti_tool.framed import cohort_views, deep_linking_views, lessons, my_badges
from lti_tool.launch import views as launch_views
from lti_tool.registration import views as registration_views

app_name = "lti"

urlpatterns = [
    path("login/", launch_views.login, name="login"),
    path("launch/", launch_views.launch, name="launch"),
    path("jwks/", launch_views.jwks, name="jwks"),
    path("register/", registration_views.register, name="register"),
    path("config.json", registration_views.config_json, name="config"),
    path("s/<str:token>/", lessons.resume, name="resume"),
    path("s/<str:token>/page/<int:page_id>/", lessons.page, name="page"),
    path("s/<str:token>/deep-link/", deep_linking_views.deep_link, name="deep_link"),
    path("s/<str:token>/cohort/", cohort_views.cohort, name="cohort"),
    path("s/<str:token>/badges/", my_badges.my_badges, name="my_badges"),
    path("s/<str:token>/badges/record.json", my_badges.my_record, name="my_record"),
    path("s/<str:token>/cohort.csv", cohort_views.cohort_csv, name="cohort_csv"),
]
