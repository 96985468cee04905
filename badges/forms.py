"""Forms of the public verification page and the assessors' award page."""

from __future__ import annotations

from typing import Any

from django import forms

from badges.models import Achievement, AwardRule
from badges.verify import CredentialNotHere, UnreadableCredential, read_credential
from hub.models import Learner

MAX_IMAGE_BYTES = 5 * 1024 * 1024


class VerifyForm(forms.Form):
    """One of: a credential URL, an uploaded baked image (or JSON file: a badge or a learner
    record), or pasted JSON; and optionally an email to compare with the recipient (used once,
    never stored)."""

    #: Set when a URL was given and this site has no credential there.
    not_found = False

    url = forms.CharField(
        required=False,
        max_length=2000,
        label="Credential URL",
        help_text="The link to the badge, for example from a CV or a profile.",
    )
    image = forms.FileField(
        required=False,
        label="Badge image or file (PNG, SVG or JSON)",
        help_text="A badge image downloaded from the learner's backpack, or a badge or "
        "whole learner record saved as a JSON file.",
    )
    credential_json = forms.CharField(
        required=False,
        label="Credential JSON",
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    email = forms.EmailField(
        required=False,
        label="Check it was issued to (optional)",
        help_text="An email address to compare with the badge's hidden recipient. "
        "It is not stored.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        given = [name for name in ("url", "image", "credential_json") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give one of: a credential URL, a badge image or the credential JSON."
            )
        image = data.get("image")
        if image is not None and image.size > MAX_IMAGE_BYTES:
            self.add_error("image", "The image must be smaller than 5 MB.")
            return data
        field = given[0]
        source = data[field].read() if field == "image" else data[field]
        try:
            data["document"] = read_credential(source)
        except CredentialNotHere as error:
            # The page is then headed as what happened ("no badge at that address"), not
            # as a generic problem or as a verdict about an issuer no one looked at.
            self.not_found = True
            self.add_error(field, refusal_message(field, error))
        except UnreadableCredential as error:
            self.add_error(field, refusal_message(field, error))
        return data

    def document(self) -> dict[str, Any]:
        """The credential read from whichever input was given (after ``is_valid()``)."""
        return self.cleaned_data["document"]


def refusal_message(field: str, error: UnreadableCredential) -> str:
    """A sentence for a partner whose input held no credential we could read."""
    reason = str(error)
    if field in {"credential_json", "credential"}:
        reason = f"this is not a badge credential we can read: {reason}"
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


class AwardForm(forms.Form):
    """An assessor awards an accreditation to one or more learners."""

    achievement = forms.ModelChoiceField(
        queryset=Achievement.objects.filter(award_rule=AwardRule.ASSESSOR),
        label="Accreditation",
    )
    learners = forms.ModelMultipleChoiceField(
        queryset=Learner.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone selected receives the accreditation.",
    )
