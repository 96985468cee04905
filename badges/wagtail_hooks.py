"""Wagtail admin: issuers, achievements, keys and credentials as snippets; the assessors'
award pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from badges import admin_views
from badges.issuing import revoke
from badges.models import Achievement, BulkAward, Credential, Issuer, SigningKey


class _NoAddPolicy(ModelPermissionPolicy):
    """Records made by the app itself (credentials, keys, awards): never added by hand."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class CredentialRevocationForm(WagtailAdminModelForm):
    """The only change an administrator makes to a credential: revoking it, with a reason."""

    revoke = forms.BooleanField(
        required=False,
        label="Revoke this credential",
        help_text="Verifiers will see it as revoked, with the reason below. This cannot be undone.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("revoke") and not (data.get("revocation_reason") or "").strip():
            self.add_error("revocation_reason", "Give the reason for revoking.")
        return data

    def save(self, commit: bool = True) -> Credential:
        credential = super().save(commit=False)
        if self.cleaned_data.get("revoke") or credential.revoked_at:
            return revoke(credential, self.cleaned_data["revocation_reason"])
        if commit:
            credential.save(update_fields=["revocation_reason"])
        return credential


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "site"
    list_display = ["name", "url", "email"]


class AchievementViewSet(SnippetViewSet):
    model = Achievement
    icon = "pick"
    list_display = ["name", "achievement_type", "award_rule", "step"]
    list_filter = ["achievement_type", "award_rule"]


class SigningKeyViewSet(SnippetViewSet):
    model = SigningKey
    icon = "key"
    list_display = ["issuer", "public_key_multibase", "created_at", "retired_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["issuer", "public_key_multibase", "created_at", "retired_at"]
    edit_handler = ObjectList([])


class CredentialViewSet(SnippetViewSet):
    model = Credential
    icon = "tick-inverse"
    list_display = ["achievement", "learner", "issued_at", "valid_until", "revoked_at"]
    list_filter = ["achievement"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "public_id",
        "achievement",
        "learner",
        "recipient_type",
        "issued_at",
        "valid_until",
        "status_index",
        "revoked_at",
        "revocation_reason",
    ]
    edit_handler = ObjectList(
        [FieldPanel("revoke"), FieldPanel("revocation_reason")],
        base_form_class=CredentialRevocationForm,
    )


class BulkAwardViewSet(SnippetViewSet):
    model = BulkAward
    icon = "group"
    list_display = ["achievement", "status", "done", "total", "created_at"]
    inspect_view_enabled = True
    edit_handler = ObjectList([])


class BadgesViewSetGroup(SnippetViewSetGroup):
    items = (
        IssuerViewSet,
        AchievementViewSet,
        CredentialViewSet,
        SigningKeyViewSet,
        BulkAwardViewSet,
    )
    menu_icon = "pick"
    menu_label = "Badges"
    menu_name = "badges"


for _model in (Credential, SigningKey, BulkAward):
    register_permission_policy(_model, _NoAddPolicy(_model))
register_snippet(BadgesViewSetGroup)

_admin_urls = (
    [
        path("award/", admin_views.award, name="award"),
        path("award/<int:pk>/", admin_views.bulk_award, name="bulk-award"),
    ],
    "badges_admin",
)


@hooks.register("register_admin_urls")
def register_award_urls() -> list[Any]:
    return [path("badges/", include(_admin_urls))]


class AssessorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return admin_views.is_assessor(request.user)


@hooks.register("register_admin_menu_item")
def register_award_menu_item() -> MenuItem:
    return AssessorMenuItem(
        "Award accreditations", reverse("badges_admin:award"), icon_name="pick", order=910
    )
