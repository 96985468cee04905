"""The pages shown inside the LMS frame after a launch.

``frame`` is what they share (the launch session from the URL, the learner, the sections
other apps add under a lesson); ``lessons`` the steps and lessons, ``cohort_views`` the
tutors' cohort, ``deep_linking_views`` the instructors' picker, ``my_badges`` the learner's
badges. The names below are the package's public face for apps that build on the frame (the
discussion): they import them from ``lti_tool.framed``.
"""

from lti_tool.framed.frame import (
    LESSON_PANELS,
    FramedLesson,
    FramedRequest,
    LessonPanel,
    framed,
    register_lesson_panel,
)

__all__ = [
    "LESSON_PANELS",
    "FramedLesson",
    "FramedRequest",
    "LessonPanel",
    "framed",
    "register_lesson_panel",
]
