"""The pool's forms: a leader's profile with their choices, registration, requests, filters.

Each form lists its problems as (anchor, message) pairs for the error summary at the top of
the page, each anchor the id of the field's first input.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from pool.consent import FIELDS, LIST_FIELDS
from pool.models import OrganisationKind, Payment, Region, Way

MAX_TAGS = 12
MAX_TAG_LENGTH = 40
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class PoolForm(forms.Form):
    """A form whose errors can be listed in an error summary, linked to their fields."""

    def anchor(self, name: str) -> str:
        if name not in self.fields:
            return "form-top"
        widget = self.fields[name].widget
        suffix = "_0" if isinstance(widget, CHOICE_WIDGETS) else ""
        return f"id_{name}{suffix}"

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for name, errors in self.errors.items():
            for message in errors:
                links.append((self.anchor(name) if name != "__all__" else "form-top", str(message)))
        return links


def split_list(text: str) -> list[str]:
    """Comma-separated words as a list: trimmed, without repeats (case-insensitive)."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        word = " ".join(part.split())
        if word and word.lower() not in seen:
            seen[word.lower()] = word
    return list(seen.values())


class ListField(forms.CharField):
    """A comma-separated list of short words or phrases (tags, languages)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]  # a list, not text
        words = split_list(super().to_python(value) or "")
        if len(words) > MAX_TAGS:
            raise forms.ValidationError(f"Enter no more than {MAX_TAGS}, separated by commas.")
        if any(len(word) > MAX_TAG_LENGTH for word in words):
            raise forms.ValidationError(
                f"Keep each one under {MAX_TAG_LENGTH} characters, separated by commas."
            )
        return words

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class ProfileForm(PoolForm):
    """What a leader writes about themselves, and field by field whether organisations see it."""

    display_name = forms.CharField(
        label="Your name as organisations would see it",
        max_length=80,
        help_text="For example your first name, or first name and initial.",
        error_messages={"required": "Enter the name organisations would see."},
    )
    profile = forms.CharField(
        label="About you",
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences about what you bring. Up to 800 characters.",
    )
    lived_experience = ListField(
        label="Your lived experience",
        required=False,
        help_text="Separate with commas, for example: family carer, long COVID, wheelchair user.",
    )
    topics = ListField(
        label="Topics you can help with",
        required=False,
        help_text="Separate with commas, for example: interview panels, co-design, teaching.",
    )
    languages = ListField(
        label="Languages you speak",
        required=False,
        help_text="Separate with commas, for example: English, British Sign Language, Urdu.",
    )
    region = forms.ChoiceField(
        label="Your region",
        choices=[("", "Choose a region"), *Region.choices],
        required=False,
    )
    ways = forms.MultipleChoiceField(
        label="How you like to take part",
        choices=Way.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs = forms.CharField(
        label="Your access needs",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What organisations should arrange so you can take part.",
    )
    availability = forms.CharField(
        label="When you are available",
        max_length=300,
        required=False,
        help_text="For example: weekday afternoons, not school holidays.",
    )
    payment = forms.ChoiceField(
        label="Payment",
        choices=Payment.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    contact_email = forms.EmailField(
        label="Email for accepted requests (optional)",
        required=False,
        help_text="Given only to an organisation whose request you accept. Leave it empty to "
        "use the address your course has for you.",
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )
    shown = forms.MultipleChoiceField(
        label="Choose what organisations can see",
        choices=list(FIELDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Nothing you leave unticked is shown or searchable. Your accreditations are "
        "always shown: they are why you are in the pool.",
    )

    def profile_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data.get(name) or ([] if name in LIST_FIELDS else "") for name in FIELDS}
        values["contact_email"] = data.get("contact_email", "")
        return values


class RegistrationForm(PoolForm):
    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages={"required": "Enter your organisation's name."},
    )
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of organisation it is."},
    )
    contact_name = forms.CharField(
        label="Contact name",
        max_length=120,
        help_text="The person leaders will hear from.",
        error_messages={"required": "Enter the contact's name."},
    )
    email = forms.EmailField(
        label="Contact email address",
        help_text="You sign in with it. Leaders see it only when they accept a request.",
        error_messages={
            "required": "Enter the contact's email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    purpose = forms.CharField(
        label="Why do you want to involve peer leaders?",
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example the panels, projects or teaching you have in mind.",
        error_messages={"required": "Tell us why you want to involve peer leaders."},
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only numbers, and not a common password.",
        error_messages={"required": "Enter a password."},
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class RequestForm(PoolForm):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    what = forms.CharField(
        label="What would you like the leader to take part in?",
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe what you would like the leader to take part in."},
    )
    when = forms.CharField(
        label="When",
        max_length=300,
        help_text="Dates and times, or how flexible you are.",
        error_messages={"required": "Say when it takes place."},
    )
    where = forms.CharField(
        label="Where",
        max_length=300,
        help_text="An address, or “online” with the platform you use.",
        error_messages={"required": "Say where it takes place."},
    )
    paid = forms.TypedChoiceField(
        label="Is it paid?",
        choices=[("yes", "Yes, it is paid"), ("no", "No, it is unpaid")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it is paid."},
    )
    payment_details = forms.CharField(
        label="Payment and expenses (optional)",
        max_length=300,
        required=False,
        help_text="For example the rate, and which expenses you cover.",
    )
    access_arrangements = forms.CharField(
        label="Access arrangements",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example step-free access, BSL interpreters, breaks, captions.",
    )


class AnswerForm(PoolForm):
    decision = forms.ChoiceField(
        label="Your answer",
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you accept or decline."},
    )
    contact_email = forms.EmailField(
        label="Email the organisation can use (optional)",
        required=False,
        help_text="Only if you accept. Leave it empty to use your usual address.",
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )


class FilterForm(forms.Form):
    """The directory's filters (a GET form that works without JavaScript)."""

    tag = forms.ChoiceField(label="Lived experience or topic", required=False)
    language = forms.ChoiceField(label="Language", required=False)
    region = forms.ChoiceField(
        label="Region", choices=[("", "Any region"), *Region.choices], required=False
    )
    way = forms.ChoiceField(
        label="Way of taking part",
        choices=[("", "Online or in person"), *Way.choices],
        required=False,
    )
    accreditation = forms.ChoiceField(label="Accreditation", required=False)

    def __init__(
        self, data: Any, tags: list[str], languages: list[str], accreditations: list[str]
    ) -> None:
        super().__init__(data)
        self.fields["tag"].choices = [("", "Any"), *((t, t) for t in tags)]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", "Any"), *((x, x) for x in languages)]  # type: ignore[attr-defined]
        self.fields["accreditation"].choices = [  # type: ignore[attr-defined]
            ("", "Any accreditation"),
            *((a, a) for a in accreditations),
        ]
