"""Glossary terms: snippets editors maintain once and the site links wherever they appear."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class GlossaryTerm(index.Indexed, models.Model):
    """A word or phrase from the programme with a plain-language definition.

    In lesson and step text, the first mention of a term (or one of its alternative forms) on a
    page links to its definition on the glossary page, when ``link_in_text`` is set.
    """

    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    definition = RichTextField(features=["bold", "italic", "link"])
    alternative_forms = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other spellings or forms, separated by commas (e.g. 'co-produced').",
    )
    link_in_text = models.BooleanField(
        default=True, help_text="Link the first mention of this term in lesson and step text."
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("alternative_forms"),
        FieldPanel("link_in_text"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.term)
        super().save(*args, **kwargs)

    @property
    def forms(self) -> list[str]:
        """The term and its alternative forms, longest first (so longer phrases win)."""
        forms = [self.term, *(f.strip() for f in self.alternative_forms.split(","))]
        return sorted({f for f in forms if f}, key=len, reverse=True)
