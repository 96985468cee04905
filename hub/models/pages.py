"""Page models: Programme > Step > Lesson, the mentor directory and the glossary page.

Which page may live under which is declared here (``parent_page_types`` / ``subpage_types``),
so editors cannot build a tree the site does not understand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import LessonStreamBlock, prefetch_renditions
from hub.editor_guide import guide_panel

RICH_TEXT = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]
#: The rendition of each photo in the mentor directory (``hub/mentor_index_page.html``).
MENTOR_CARD_PHOTO_FILTER = "fill-160x160"


class HubPageForm(WagtailAdminPageForm):
    """The edit form of every programme page: errors stated where the editor is looking.

    Wagtail reports a slug that a sibling already uses on the slug field, which sits on the
    Promote tab; an editor writing on the Content tab sees only "could not be saved". The
    clash is repeated at the top of the form, naming the page that holds the address, so
    the editor knows whether to rename this page or carry on with the other one.
    """

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "slug" in self.errors and self.parent_page is not None:
            self.explain_slug_clash(cleaned.get("slug") or self.data.get("slug", ""))
        return cleaned

    def explain_slug_clash(self, slug: str) -> None:
        holder = Page.objects.child_of(self.parent_page).filter(slug=slug)
        if self.instance.pk:
            holder = holder.exclude(pk=self.instance.pk)
        page = holder.first()
        if page is None:
            return
        state = "published" if page.live else "a draft that was never published"
        self.add_error(
            None,
            f"The web address “{slug}” is already used by “{page.title}” ({state}) in "
            f"“{self.parent_page.title}”. Change this page's slug on the Promote tab, or "
            f"carry on with “{page.title}” instead.",
        )


LESSON_CHANGES_HELP = (
    "<p><strong>Changing a published lesson.</strong> Learners who have completed it keep "
    "it completed, whatever you change. Learners who have not finished must meet the rule "
    "as you publish it: a question or reflection prompt you add must be answered; one you "
    "remove no longer counts, and learners who now meet the rule have the lesson completed "
    "when you publish. Their earlier answers and reflections are kept.</p>"
    "<p>A lesson learners have started cannot be deleted: unpublish it instead.</p>"
)
STEP_CHANGES_HELP = (
    "<p><strong>Changing a published step.</strong> Learners who completed the step keep it "
    "(and any badge for it). A lesson you add is needed by learners still working through "
    "the step. When you unpublish a lesson, learners who had finished every other lesson "
    "complete the step.</p>"
)


#: Adds to a page's template context what the page model does not know: the learner's
#: progress (``hub.progress``) or the request's navigation (``hub.context_processors``).
#: Called as ``extend(page, request, context, options)``, ``options`` being the keyword
#: arguments given to ``get_context``.
ContextExtension = Callable[[Any, HttpRequest, dict[str, Any], dict[str, Any]], None]
_CONTEXT_EXTENSIONS: dict[type[Page], list[ContextExtension]] = {}


def extend_context(page_type: type[Page], extension: ContextExtension) -> None:
    """Register ``extension`` for ``page_type`` (once), from an ``AppConfig.ready()``: the
    page models stay beneath the rules and views that read them, with no import back."""
    extensions = _CONTEXT_EXTENSIONS.setdefault(page_type, [])
    if extension not in extensions:
        extensions.append(extension)


def _extended(
    page: Page, request: HttpRequest, context: dict[str, Any], options: dict[str, Any]
) -> dict[str, Any]:
    for extension in _CONTEXT_EXTENSIONS.get(type(page), []):
        extension(page, request, context, options)
    return context


def live_mentors(page: StepPage | LessonPage) -> Any:
    """The page's published mentors, by name, whether ``page`` is live or a preview.

    A page rebuilt from a revision (preview, "View draft", a revision in workflow) holds its
    many-to-many relations in modelcluster's in-memory ``FakeQuerySet``, which has no Wagtail
    ``live()`` method. Filtering on the ``live`` field works on both kinds of query set.
    """
    return page.mentors.filter(live=True).order_by("title")


class ProgrammePage(Page):
    """The programme: the home of the site and the parent of its steps."""

    introduction = RichTextField(features=RICH_TEXT, help_text="What the programme is.")
    who_can_join = RichTextField(features=RICH_TEXT)
    what_is_a_peer_leader = RichTextField(features=RICH_TEXT)
    co_production = RichTextField(
        features=RICH_TEXT, help_text="How the programme was made with people who use it."
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["hub.StepPage", "hub.MentorIndexPage", "hub.GlossaryPage"]
    max_count = 1
    base_form_class = HubPageForm

    content_panels = [
        guide_panel("programme"),
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("who_can_join"),
        FieldPanel("what_is_a_peer_leader"),
        FieldPanel("co_production"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("who_can_join"),
        index.SearchField("what_is_a_peer_leader"),
        index.SearchField("co_production"),
    ]

    class Meta:
        verbose_name = "programme"

    def steps(self) -> models.QuerySet[StepPage]:
        return StepPage.objects.child_of(self).live().order_by("step_number", "path")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = _extended(self, request, super().get_context(request, *args, **kwargs), kwargs)
        # Unless the request's navigation has looked them up already (hub.context_processors):
        if "steps" not in context:
            context["steps"] = self.steps()
        if "mentor_index" not in context:
            context["mentor_index"] = MentorIndexPage.objects.child_of(self).live().first()
        return context


class StepPageForm(HubPageForm):
    """Checks rules that need the parent page, which the model does not know before saving."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("step_number")
        parent = self.parent_page
        if number is not None and parent is not None:
            clash = StepPage.objects.child_of(parent).filter(step_number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("step_number", f"Another step here already has number {number}.")
        return cleaned


class StepPage(Page):
    """One of the programme's steps (a course): an ordered set of lessons."""

    class Eligibility(models.TextChoices):
        OPEN = "open", "Anyone who meets the prerequisites"
        GRADUATES = "graduates", "Graduates only (every earlier step completed)"

    step_number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    summary = models.TextField(max_length=500)
    who_it_is_for = RichTextField(features=RICH_TEXT)
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=250, label="Outcome"))],
        blank=True,
        help_text="What a learner can do after this step, one outcome per item.",
    )
    estimated_hours = models.DecimalField(max_digits=4, decimal_places=1)
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text="Steps a learner must complete before starting this one.",
    )
    eligibility = models.CharField(
        max_length=20, choices=Eligibility.choices, default=Eligibility.OPEN
    )
    mentors = ParentalManyToManyField("hub.MentorPage", blank=True, related_name="steps")

    parent_page_types = ["hub.ProgrammePage"]
    subpage_types = ["hub.LessonPage"]
    base_form_class = StepPageForm

    content_panels = [
        guide_panel("step"),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("step_number"), FieldPanel("estimated_hours")]),
        FieldPanel("summary"),
        FieldPanel("who_it_is_for"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [FieldPanel("prerequisites"), FieldPanel("eligibility")], heading="Who can start"
        ),
        FieldPanel("mentors"),
        HelpPanel(
            "Lessons are the pages under this step, in the order shown in the page explorer."
        ),
        HelpPanel(STEP_CHANGES_HELP),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("who_it_is_for"),
        index.SearchField("learning_outcomes"),
        index.FilterField("step_number"),
    ]

    class Meta:
        verbose_name = "step"

    @property
    def step_label(self) -> str:
        words = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]
        return f"Step {words[self.step_number - 1]}" if 1 <= self.step_number <= 9 else "Step"

    def lessons(self) -> models.QuerySet[LessonPage]:
        """The step's live lessons, in the editor's order."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    def clean(self) -> None:
        super().clean()
        if self.pk and self.pk in {p.pk for p in self.prerequisites.all()}:
            raise ValidationError({"prerequisites": "A step cannot be its own prerequisite."})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The step, its lessons, prerequisites and mentors; the learner's progress and access
        are added by ``hub.progress.add_step_context``."""
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = list(self.lessons())
        context["prerequisites"] = list(self.prerequisites.all())
        context["mentors"] = live_mentors(self)
        return _extended(self, request, context, kwargs)


class LessonPage(Page):
    """A lesson: accessible content blocks, with an explicit rule for when it is complete."""

    summary = models.TextField(max_length=500)
    body = StreamField(LessonStreamBlock())
    estimated_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    complete_on_reaching_end = models.BooleanField(
        default=True, help_text="The learner has reached the end of the lesson."
    )
    requires_knowledge_checks = models.BooleanField(
        default=False, help_text="Every knowledge-check question has been answered."
    )
    requires_reflections = models.BooleanField(
        default=False, help_text="Every reflection prompt has a saved reflection."
    )
    mentors = ParentalManyToManyField("hub.MentorPage", blank=True, related_name="lessons")

    parent_page_types = ["hub.StepPage"]
    subpage_types: list[str] = []
    base_form_class = HubPageForm

    content_panels = [
        guide_panel("lesson"),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("complete_on_reaching_end"),
                FieldPanel("requires_knowledge_checks"),
                FieldPanel("requires_reflections"),
                HelpPanel(LESSON_CHANGES_HELP),
            ],
            heading="The lesson is complete when",
        ),
        FieldPanel("mentors"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "lesson"

    # --- Completion rule ---------------------------------------------------------------------
    @property
    def completion_rule(self) -> list[str]:
        """The criteria that together make this lesson complete, as stable names."""
        rule = []
        if self.complete_on_reaching_end:
            rule.append("reached_end")
        if self.requires_knowledge_checks:
            rule.append("knowledge_checks_answered")
        if self.requires_reflections:
            rule.append("reflections_saved")
        return rule

    def iter_questions(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Yield ``(question_id, check_block_id, question_value)`` for every question."""
        for child in self.body:
            if child.block_type == "knowledge_check":
                for item in child.value["questions"].bound_blocks:
                    yield item.id, child.id, item.value

    def question_ids(self) -> set[str]:
        return {question_id for question_id, _, _ in self.iter_questions()}

    def reflection_prompt_ids(self) -> set[str]:
        return {child.id for child in self.body if child.block_type == "reflection_prompt"}

    def clean(self) -> None:
        super().clean()
        if not self.completion_rule:
            raise ValidationError(
                {"complete_on_reaching_end": "Choose at least one way to complete the lesson."}
            )
        if self.requires_knowledge_checks and not self.question_ids():
            raise ValidationError(
                {"requires_knowledge_checks": "This lesson has no knowledge check to answer."}
            )
        if self.requires_reflections and not self.reflection_prompt_ids():
            raise ValidationError(
                {"requires_reflections": "This lesson has no reflection prompt to answer."}
            )

    # --- Navigation --------------------------------------------------------------------------
    @cached_property
    def step(self) -> StepPage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def siblings_in_order(self) -> list[LessonPage]:
        return list(LessonPage.objects.sibling_of(self, inclusive=True).live().order_by("path"))

    def previous_and_next(
        self, lessons: list[LessonPage] | None = None
    ) -> tuple[LessonPage | None, LessonPage | None]:
        """The lessons before and after this one among ``lessons`` (default: its siblings)."""
        lessons = self.siblings_in_order() if lessons is None else lessons
        ids = [lesson.pk for lesson in lessons]
        if self.pk not in ids:
            return None, None
        i = ids.index(self.pk)
        return (lessons[i - 1] if i > 0 else None, lessons[i + 1] if i + 1 < len(lessons) else None)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The lesson, its place in the step and its mentors; the learner's access and state
        are added by ``hub.progress.add_lesson_context`` (a POST is answered by the
        ``before_serve_page`` hook in ``hub.wagtail_hooks``)."""
        context = super().get_context(request, *args, **kwargs)
        step_lessons = self.siblings_in_order()
        previous_lesson, next_lesson = self.previous_and_next(step_lessons)
        context.update(
            step=self.step,
            step_lessons=step_lessons,  # the step's live lessons in order, this one included
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
            previous_url=previous_lesson.get_url(request) if previous_lesson else "",
            next_url=next_lesson.get_url(request) if next_lesson else "",
            mentors=live_mentors(self),
            feedback=kwargs.get("feedback", {}),
        )
        return _extended(self, request, context, kwargs)


class MentorIndexPage(Page):
    """The mentor directory."""

    introduction = RichTextField(features=RICH_TEXT, blank=True)

    parent_page_types = ["hub.ProgrammePage"]
    subpage_types = ["hub.MentorPage"]
    max_count_per_parent = 1
    base_form_class = HubPageForm

    content_panels = [guide_panel("mentor_index"), *Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = "mentor directory"

    def mentors(self) -> models.QuerySet[MentorPage]:
        return MentorPage.objects.child_of(self).live().order_by("title")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        mentors = list(self.mentors().select_related("photo"))
        prefetch_renditions((mentor.photo for mentor in mentors), MENTOR_CARD_PHOTO_FILTER)
        context["mentors"] = mentors
        return context


class MentorPage(Page):
    """A mentor: a graduate of the programme who supports learners."""

    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt_text = models.CharField(
        max_length=250, blank=True, help_text="Describe the photo for people who cannot see it."
    )
    short_biography = models.TextField(max_length=600)
    lived_experience = RichTextField(
        features=RICH_TEXT,
        blank=True,
        help_text="Only what the mentor has chosen to share, in their own words.",
    )
    graduation_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the mentor completed the programme.",
    )
    areas_of_support = StreamField(
        [("area", blocks.CharBlock(max_length=100, label="Area"))], blank=True
    )
    languages = StreamField(
        [("language", blocks.CharBlock(max_length=60, label="Language"))], blank=True
    )

    parent_page_types = ["hub.MentorIndexPage"]
    subpage_types: list[str] = []
    base_form_class = HubPageForm

    content_panels = [
        guide_panel("mentor"),
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading="Photo"),
        FieldPanel("short_biography"),
        FieldPanel("lived_experience"),
        FieldPanel("graduation_year"),
        FieldPanel("areas_of_support"),
        FieldPanel("languages"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_biography"),
        index.SearchField("lived_experience"),
        index.SearchField("areas_of_support"),
        index.SearchField("languages"),
    ]

    class Meta:
        verbose_name = "mentor"

    def clean(self) -> None:
        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError({"photo_alt_text": "Describe the photo (alternative text)."})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if self.pk is None:
            # A new mentor being previewed: nothing can link to a page that does not exist yet.
            context["mentor_steps"] = StepPage.objects.none()
            context["mentor_lessons"] = LessonPage.objects.none()
        else:
            context["mentor_steps"] = self.steps.live().order_by("step_number")
            context["mentor_lessons"] = self.lessons.live().order_by("path")
        return _extended(self, request, context, kwargs)


class GlossaryPage(Page):
    """Lists every glossary term with its definition, each with its own anchor."""

    introduction = RichTextField(features=RICH_TEXT, blank=True)

    parent_page_types = ["hub.ProgrammePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    base_form_class = HubPageForm

    content_panels = [guide_panel("glossary"), *Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from hub.models.snippets import GlossaryTerm

        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.all()
        return context
