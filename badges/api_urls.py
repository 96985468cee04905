"""URLs of the badges API, mounted at ``/api/badges/``."""

from django.urls import path

from badges.api import VerifyView

app_name = "badges-api"

urlpatterns = [path("verify/", VerifyView.as_view(), name="verify")]
