"""Cookies that work inside an LMS iframe: ``SameSite=None; Secure; Partitioned``.

Python 3.11's cookie library does not know the ``Partitioned`` attribute (CHIPS), which lets a
browser that blocks third-party cookies keep this one, scoped to the LMS page that frames the
tool. It is registered here once, as a flag attribute like ``Secure``.
"""

from __future__ import annotations

from http import cookies

from django.http import HttpResponse

# Private attributes of http.cookies.Morsel (see above), so the stubs do not list them.
if "partitioned" not in cookies.Morsel._reserved:  # type: ignore[attr-defined]
    cookies.Morsel._reserved["partitioned"] = "Partitioned"  # type: ignore[attr-defined]
    cookies.Morsel._flags.add("partitioned")  # type: ignore[attr-defined]


def set_framed_cookie(response: HttpResponse, name: str, value: str, max_age: int) -> None:
    """Set a cookie the tool can read back inside a third-party iframe."""
    response.set_cookie(
        name, value, max_age=max_age, path="/lti/", secure=True, httponly=True, samesite="None"
    )
    response.cookies[name]["partitioned"] = True
