"""URLs of the pool's API, mounted at ``/api/pool/``."""

from django.urls import path

from pool.api import LeaderDetail, LeaderList, RequestList

app_name = "pool-api"

urlpatterns = [
    path("leaders/", LeaderList.as_view(), name="leaders"),
    path("leaders/<uuid:public_id>/", LeaderDetail.as_view(), name="leader"),
    path("requests/", RequestList.as_view(), name="requests"),
]
