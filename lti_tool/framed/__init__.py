"""The pages shown inside the LMS frame after a launch.

``frame`` is what they share (the launch session from the URL, the learner, and the hooks
through which other apps add sections under a lesson and in the cohort view, and links to the
navigation); ``lessons`` the steps and lessons, ``cohort_views`` the tutors' cohort,
``deep_linking_views`` the instructors' picker, ``my_badges`` the learner's badges. The names
below are the package's public face for apps that build on the frame (the discussion, the
pathway): they import them from ``lti_tool.framed``.
"""

from lti_tool.framed.frame import (
    COHORT_PANELS,
    FRAME_LINKS,
    LESSON_PANELS,
    CohortPanel,
    FramedLesson,
    FramedRequest,
    FrameLink,
    LessonPanel,
    frame_links,
    framed,
    register_cohort_panel,
    register_frame_link,
    register_lesson_panel,
)

__all__ = [
    "COHORT_PANELS",
    "FRAME_LINKS",
    "LESSON_PANELS",
    "CohortPanel",
    "FrameLink",
    "FramedLesson",
    "FramedRequest",
    "LessonPanel",
    "frame_links",
    "framed",
    "register_cohort_panel",
    "register_frame_link",
    "register_lesson_panel",
]
