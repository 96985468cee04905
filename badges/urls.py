"""Public URLs of the badges app: documents verifiers fetch, downloads and the verify page."""

from django.urls import path

from badges import views

app_name = "badges"

urlpatterns = [
    path("issuers/<slug:slug>", views.issuer, name="issuer"),
    path("issuers/<slug:slug>/ob2", views.ob2_issuer, name="ob2-issuer"),
    path("achievements/<uuid:public_id>", views.achievement, name="achievement"),
    path("achievements/<uuid:public_id>/ob2", views.ob2_badge_class, name="ob2-badgeclass"),
    path(
        "achievements/<uuid:public_id>/image.png",
        views.achievement_image,
        name="achievement-image",
    ),
    path(
        "achievements/<uuid:public_id>/image.svg",
        views.achievement_image_svg,
        name="achievement-image-svg",
    ),
    path("credentials/<uuid:public_id>", views.credential, name="credential"),
    path("credentials/<uuid:public_id>.json", views.credential_download, name="credential-json"),
    path("credentials/<uuid:public_id>.png", views.credential_png, name="credential-png"),
    path("credentials/<uuid:public_id>.svg", views.credential_svg, name="credential-svg"),
    path("assertions/<uuid:public_id>", views.ob2_assertion, name="ob2-assertion"),
    path("assertions/<uuid:public_id>.png", views.ob2_assertion_png, name="ob2-assertion-png"),
    path("assertions/<uuid:public_id>.svg", views.ob2_assertion_svg, name="ob2-assertion-svg"),
    path("status/<uuid:public_id>", views.status_list, name="status-list"),
    path("verify/", views.verify, name="verify"),
]
