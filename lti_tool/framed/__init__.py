"""The pages shown inside the LMS frame after a launch.

``frame`` is what they share (the launch session from the URL, the learner, the sections
other apps add under a lesson and to the cohort view); ``lessons`` the steps and lessons,
``cohort_views`` the tutors' cohort, ``deep_linking_views`` the instructors' picker,
``my_badges`` the learner's badges. The names below are the package's public face for apps
that build on the frame (the discussion): they import them from ``lti_tool.framed``.
"""

from lti_tool.framed.frame import (
    COHORT_PANELS,
    LESSON_PANELS,
    CohortPanel,
    FramedLesson,
    FramedRequest,
    LessonPanel,
    framed,
    register_cohort_panel,
    register_lesson_panel,
)

__all__ = [
    "COHORT_PANELS",
    "LESSON_PANELS",
    "CohortPanel",
    "FramedLesson",
    "FramedRequest",
    "LessonPanel",
    "framed",
    "register_cohort_panel",
    "register_lesson_panel",
]
