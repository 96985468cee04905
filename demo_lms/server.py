"""The demo LMS: a course page with links, launch frames and a platform storage frame."""

from __future__ import annotations

import html
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

from lti_platform import Member, PlatformServer
from lti_platform import claims as c
from lti_platform.errors import PlatformError
from lti_platform.server import _Route
from lti_platform.services import ServiceRequest, ServiceResponse

CLIENT_ID = "demo-lms"
DEPLOYMENT_ID = "demo-deployment"
CONTEXT_ID = "demo-course"
COURSE_TITLE = "Peer leadership cohort (demo course)"

PEOPLE = {
    "learner": Member(
        user_id="demo-learner-sam",
        roles=[c.ROLE_LEARNER],
        name="Sam Taylor",
        given_name="Sam",
        family_name="Taylor",
        email="sam.taylor@example.org",
    ),
    # A learner who has finished the programme: the demo's graduate, who can apply for
    # accreditation and join the pool of peer leaders (recorded by `make setup`).
    "graduate": Member(
        user_id="demo-graduate-grace",
        roles=[c.ROLE_LEARNER],
        name="Grace Adeyemi",
        given_name="Grace",
        family_name="Adeyemi",
        email="grace.adeyemi@example.org",
    ),
    "instructor": Member(
        user_id="demo-instructor-ali",
        roles=[c.ROLE_INSTRUCTOR],
        name="Ali Khan",
        given_name="Ali",
        family_name="Khan",
        email="ali.khan@example.org",
    ),
    "mentor": Member(
        user_id="demo-mentor-priya",
        roles=[c.ROLE_MENTOR],
        name="Priya Sharma",
        given_name="Priya",
        family_name="Sharma",
        email="priya.sharma@example.org",
    ),
}


@dataclass
class CourseLink:
    """A Peer Leadership Hub link placed in the demo course (by Deep Linking)."""

    id: str
    title: str
    custom: dict[str, str]
    line_item: dict[str, Any] | None = None
    text: str = ""


@dataclass
class Course:
    links: list[CourseLink] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seeded: bool = False


class DemoLms(PlatformServer):
    """A platform server that also serves a small, accessible course page."""

    def __init__(self, tool_url: str, *, port: int = 8001, public_host: str = "localhost") -> None:
        super().__init__(port=port)
        self.public_host = public_host
        self.tool_url = tool_url.rstrip("/")
        self.course = Course()
        self._routes = [*self._course_routes(), *self._routes]

    @property
    def base_url(self) -> str:
        """Served on loopback, addressed as ``localhost``: another site than the tool's."""
        return f"http://{self.public_host}:{self.port}"

    def start(self) -> DemoLms:
        super().start()
        platform = self.platform
        platform.name = "Demo LMS"
        platform.register_tool(
            client_id=CLIENT_ID,
            login_initiation_url=f"{self.tool_url}/lti/login/",
            redirect_uris=[f"{self.tool_url}/lti/launch/"],
            target_link_uri=f"{self.tool_url}/lti/launch/",
            deep_link_url=f"{self.tool_url}/lti/launch/",
            deployment_ids=[DEPLOYMENT_ID],
            jwks_uri=f"{self.tool_url}/lti/jwks/",
        )
        platform.ensure_context(CONTEXT_ID, title=COURSE_TITLE, label="PLH-DEMO")
        platform.add_members(PEOPLE.values(), CONTEXT_ID)
        return self

    # --- routes ----------------------------------------------------------------------------
    def _course_routes(self) -> list[_Route]:
        def route(methods: tuple[str, ...], pattern: str, handler: Any) -> _Route:
            return _Route(methods, re.compile("^" + pattern + "$"), "course", handler)

        return [
            route(("GET",), "/", self._course_page),
            route(("GET",), "/course/open", self._open),
            route(("POST",), "/deep_link_return", self._deep_link_added),
        ]

    def _page(self, title: str, body: str, status: int = 200) -> ServiceResponse:
        page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – Demo LMS</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f4f4f4; }}
 header {{ background: #3d2a5c; color: #fff; padding: 12px 24px; }}
 header p {{ margin: 0; }}
 main {{ max-width: 1100px; margin: 0 auto; padding: 16px 24px; }}
 .note {{ background: #fff4cc; border-left: 6px solid #b88600; padding: 8px 12px; }}
 .card {{ background: #fff; border: 1px solid #ccc; padding: 12px 16px; margin: 12px 0; }}
 a {{ color: #2a1f66; }}
 a:focus, button:focus {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
 iframe {{ width: 100%; height: 75vh; border: 1px solid #888; background: #fff; }}
 table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 4px 8px; }}
</style></head>
<body><header><p><strong>Demo LMS</strong> · {html.escape(COURSE_TITLE)}</p></header>
<main>
<p class="note">This is a demonstration learning platform that ships with Peer Leadership Hub.
It is not a real LMS; it launches the tool with genuine LTI 1.3 messages.</p>
{body}
</main></body></html>"""
        return ServiceResponse(status, page, "text/html")

    def seed_links(self) -> None:
        """Start the course with a link to each step, read from the tool's content API."""
        with self.course.lock:
            if self.course.seeded:
                return
            try:
                response = requests.get(f"{self.tool_url}/api/content/steps/", timeout=5)
                response.raise_for_status()
                steps = response.json().get("results", [])
            except (requests.RequestException, ValueError):
                return  # the tool is not up yet: try again on the next visit
            for step in steps:
                self.course.links.append(
                    CourseLink(
                        id=f"step-{step['id']}",
                        title=f"Step {step['step_number']}: {step['title']}",
                        custom={"plh_page": str(step["id"])},
                        # Graded: the first launch creates its gradebook column.
                        line_item={"label": f"Step {step['step_number']}", "scoreMaximum": 100},
                        text=str(step.get("summary") or ""),
                    )
                )
            self.course.seeded = True

    def _course_page(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        self.seed_links()
        with self.course.lock:
            links = list(self.course.links)
        items = []
        for link in links:
            learner = "/course/open?" + urlencode({"link": link.id, "as": "learner"})
            teacher = "/course/open?" + urlencode({"link": link.id, "as": "instructor"})
            mentor = "/course/open?" + urlencode({"link": link.id, "as": "mentor"})
            graduate = "/course/open?" + urlencode({"link": link.id, "as": "graduate"})
            grade = " (graded)" if link.line_item else ""
            items.append(
                f'<li class="card"><strong>{html.escape(link.title)}</strong>{grade}<br>'
                f"{html.escape(link.text)}<br>"
                f'<a href="{html.escape(learner)}">Open as learner (Sam Taylor)</a> · '
                f'<a href="{html.escape(teacher)}">Open as instructor (Ali Khan)</a> · '
                f'<a href="{html.escape(mentor)}">Open as mentor (Priya Sharma)</a> · '
                f'<a href="{html.escape(graduate)}">Open as graduate (Grace Adeyemi)</a></li>'
            )
        listing = "<ul>" + "".join(items) + "</ul>" if items else "<p>No activities yet.</p>"
        add = "/course/open?" + urlencode({"deep_link": "1", "as": "instructor"})
        grades = self._gradebook_html()
        body = f"""<h1>{html.escape(COURSE_TITLE)}</h1>
<h2>Course activities</h2>
{listing}
<p><a href="{html.escape(add)}">Add Peer Leadership content (as instructor, Deep Linking)</a></p>
<h2>Gradebook</h2>
{grades}"""
        return self._page(COURSE_TITLE, body)

    def _gradebook_html(self) -> str:
        """The course gradebook: one row per person, one column per line item, each cell the
        latest score the platform applied (AGS: a score older than the applied one is ignored)."""
        ags = self.platform.ags
        with self.platform.lock:
            items = list(ags.line_items.get(CONTEXT_ID, {}).values())
            received = [s for s in ags.scores if s.context_id == CONTEXT_ID]
        if not items:
            return "<p>No graded activities yet.</p>"
        latest: dict[tuple[str, str], Any] = {}
        for score in received:
            if score.applied:
                latest[(score.user_id, score.line_item_id)] = score
        names = {person.user_id: person.name for person in PEOPLE.values()}
        users = [PEOPLE["learner"].user_id]
        users += sorted({user for user, _ in latest if user not in users})
        head = "".join(
            f"<th scope='col'>{html.escape(item.label)}<br>"
            f"<small>out of {item.score_maximum:g}</small></th>"
            for item in items
        )
        rows = []
        for user in users:
            cells = []
            for item in items:
                score = latest.get((user, item.id))
                if score is None:
                    cells.append("<td>No score</td>")
                    continue
                payload = score.payload
                given = payload.get("scoreGiven")
                if given is None:
                    value = "No score"
                else:
                    scaled = given / payload["scoreMaximum"] * item.score_maximum
                    value = f"{round(scaled, 1):g}"
                progress = payload.get("activityProgress", "")
                cells.append(f"<td>{html.escape(value)} ({html.escape(progress)})</td>")
            name = html.escape(names.get(user, user))
            rows.append(f"<tr><th scope='row'>{name}</th>{''.join(cells)}</tr>")
        return (
            f"<p>{len(received)} score message(s) received from Peer Leadership Hub.</p>"
            "<table><caption>Latest score for each person and graded activity</caption>"
            f"<tr><th scope='col'>Person</th>{head}</tr>{''.join(rows)}</table>"
            '<p><a href="/">Refresh the gradebook</a></p>'
        )

    def _open(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        """A page framing the tool, with the platform storage the tool can use instead of
        cookies (``lti.put_data`` / ``lti.get_data`` answered by this window)."""
        role = request.param("as") or "learner"
        person = PEOPLE.get(role)
        if person is None:
            return self._page("Not found", "<h1>Unknown person</h1>", 404)
        if request.param("deep_link"):
            pending = self.platform.prepare_launch(
                c.MSG_DEEP_LINKING_REQUEST,
                client_id=CLIENT_ID,
                user=person,
                roles=person.roles,
                context_id=CONTEXT_ID,
                lti_storage_target="_parent",
                deep_link_return_url=self.url("/deep_link_return"),
            )
            title = "Add Peer Leadership content"
        else:
            with self.course.lock:
                link = next((x for x in self.course.links if x.id == request.param("link")), None)
            if link is None:
                return self._page("Not found", "<h1>That activity no longer exists</h1>", 404)
            pending = self.platform.prepare_launch(
                c.MSG_RESOURCE_LINK,
                client_id=CLIENT_ID,
                user=person,
                roles=person.roles,
                context_id=CONTEXT_ID,
                resource_link_id=link.id,
                resource_link_title=link.title,
                custom=link.custom,
                lineitem=self._line_item_id(link),
                lti_storage_target="_parent",
            )
            title = link.title
        src = pending.login_url + "?" + urlencode(pending.login_params)
        tool_origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.tool_url))
        body = f"""<p><a href="/">Back to the course</a></p>
<h1>{html.escape(title)}</h1>
<iframe src="{html.escape(src)}" title="Peer Leadership Hub: {html.escape(title)}"
 allow="fullscreen"></iframe>
<script>
// Platform storage for the framed tool (1EdTech LTI platform storage), scoped to this page.
(function () {{
  var toolOrigin = {json.dumps(tool_origin)};
  var store = {{}};
  window.addEventListener("message", function (event) {{
    if (event.origin !== toolOrigin || !event.data || typeof event.data !== "object") return;
    var d = event.data, reply = {{message_id: d.message_id, key: d.key}};
    if (d.subject === "lti.capabilities") {{
      reply.subject = "lti.capabilities.response";
      reply.supported_messages = [{{subject: "lti.put_data"}}, {{subject: "lti.get_data"}}];
    }} else if (d.subject === "lti.put_data") {{
      store[d.key] = d.value; reply.subject = "lti.put_data.response"; reply.value = d.value;
    }} else if (d.subject === "lti.get_data") {{
      reply.subject = "lti.get_data.response"; reply.value = store[d.key];
    }} else {{ return; }}
    event.source.postMessage(reply, event.origin);
  }});
}})();
</script>"""
        return self._page(title, body)

    def _line_item_id(self, link: CourseLink) -> str | None:
        """The id of the link's gradebook column, created on its first launch."""
        if not link.line_item:
            return None
        maximum = link.line_item.get("scoreMaximum")
        item = self.platform.ags.ensure_resource_link_line_item(
            CONTEXT_ID,
            link.id,
            label=str(link.line_item.get("label") or link.title),
            score_maximum=float(maximum) if isinstance(maximum, int | float) else 100.0,
        )
        return item.id

    def _deep_link_added(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        from urllib.parse import parse_qs

        form = parse_qs(request.body.decode("utf-8", "replace"))
        token = (form.get("JWT") or [""])[0]
        try:
            items = self.platform.verify_deep_linking_response(token)
        except PlatformError as error:
            message = html.escape(str(error))
            return self._page("Not added", f"<h1>Nothing was added</h1><p>{message}</p>", 400)
        added = []
        with self.course.lock:
            for item in items:
                if item.get("type") != "ltiResourceLink":
                    continue
                link = CourseLink(
                    id="link-" + secrets.token_hex(4),
                    title=str(item.get("title") or "Peer Leadership activity"),
                    custom={str(k): str(v) for k, v in (item.get("custom") or {}).items()},
                    line_item=item.get("lineItem"),
                    text=str(item.get("text") or ""),
                )
                self.course.links.append(link)
                added.append(link.title)
        names = "".join(f"<li>{html.escape(t)}</li>" for t in added) or "<li>Nothing</li>"
        body = f"""<h1>Added to the course</h1><ul>{names}</ul>
<p><a href="/" target="_top">Back to the course</a></p>
<script>setTimeout(function () {{ window.top.location.href = "/"; }}, 1500);</script>"""
        return self._page("Added", body)
