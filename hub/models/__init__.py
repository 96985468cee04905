"""Models of the content hub: programme pages, glossary snippets and the learning domain."""

from .learning import (
    KnowledgeCheckAnswer,
    Learner,
    LessonProgress,
    ProgressStatus,
    Reflection,
    StepCompletion,
)
from .media import AccessibleMedia
from .pages import (
    GlossaryPage,
    LessonPage,
    MentorIndexPage,
    MentorPage,
    ProgrammePage,
    StepPage,
)
from .snippets import GlossaryTerm

__all__ = [
    "AccessibleMedia",
    "GlossaryPage",
    "GlossaryTerm",
    "KnowledgeCheckAnswer",
    "Learner",
    "LessonPage",
    "LessonProgress",
    "MentorIndexPage",
    "MentorPage",
    "ProgrammePage",
    "ProgressStatus",
    "Reflection",
    "StepCompletion",
    "StepPage",
]
