"""The organisations' pages, mounted at ``/pool/``."""

from django.urls import path

from pool import views

app_name = "pool"

urlpatterns = [
    path("", views.home, name="directory"),
    path("organisations/register/", views.register, name="register"),
    path("organisations/sign-in/", views.sign_in, name="sign-in"),
    path("organisations/sign-out/", views.sign_out, name="sign-out"),
    path("leaders/<uuid:public_id>/", views.profile, name="profile"),
    path("leaders/<uuid:public_id>/request/", views.request_form, name="request"),
    path("requests/", views.my_requests, name="requests"),
]
