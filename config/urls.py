"""URL configuration: the API, the admin, search, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import views as hub_views
from hub.api import router as content_router
from lti_tool.launch import views as lti_views
from operations import views as operations_views

urlpatterns = [
    path("healthz", operations_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("lti/", include("lti_tool.urls")),
    path("lti/", include("discussion.urls")),
    path("", include("pathway.urls")),
    path("lti/", include("pool.framed_urls")),
    path(".well-known/jwks.json", lti_views.jwks, name="well-known-jwks"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", hub_views.search, name="search"),
    path("api/content/", include(content_router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("badges/", include("badges.urls")),
    path("api/badges/", include("badges.api_urls")),
    path("api/discussion/", include("discussion.api_urls")),
    path("discussion/", include("discussion.hub_urls")),
    path("pool/", include("pool.urls")),
    path("api/pool/", include("pool.api_urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images and documents, served by Django for local use and the demo. In production
    # (SERVE_MEDIA off) a web server or object storage serves MEDIA_URL instead.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [path("", include(wagtail_urls))]

# Error pages in the site's style: public, or compact inside an LMS frame (under /lti/).
handler400 = operations_views.bad_request
handler403 = operations_views.permission_denied
handler404 = operations_views.page_not_found
handler500 = operations_views.server_error
