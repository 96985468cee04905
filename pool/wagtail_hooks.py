"""Wagtail admin: administrators approve or decline organisations' registrations.

Each decision goes through :func:`pool.organisations.decide`: recorded in the admin's audit
log (``pool.organisation.approve`` / ``decline`` / ``reopen``) and emailed to the
organisation. Organisations register themselves, so the admin cannot add or delete them.
"""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from pool.models import Organisation
from pool.organisations import LOG_ACTIONS, decide


class OrganisationPermissions(ModelPermissionPolicy):
    """Change (decide) with the usual model permission; never add, copy or delete here."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in ("add", "copy", "delete"):
            return False
        return bool(super().user_has_permission(user, action))


class DecideView(EditView):
    """Saving the form is the decision: audited and emailed by :func:`decide`."""

    success_message = "Decision on %(object)s saved; the organisation has been emailed."

    def save_instance(self) -> Organisation:
        organisation = Organisation.objects.get(pk=self.form.instance.pk)
        data = self.form.cleaned_data
        return decide(
            organisation, data["status"], data.get("decision_note", ""), self.request.user
        )


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_name = "pool-organisations"
    add_to_admin_menu = True
    menu_order = 930
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = DecideView
    list_display = ["name", "kind", "status", "contact_name", "email", "registered_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "contact_name", "email"]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("kind", read_only=True),
        FieldPanel("contact_name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("purpose", read_only=True),
        FieldPanel("registered_at", read_only=True),
        FieldPanel("status", heading="Decision"),
        FieldPanel("decision_note"),
    ]


register_permission_policy(Organisation, OrganisationPermissions(Organisation))
organisation_viewset = OrganisationViewSet("pool_organisations")


@hooks.register("register_admin_viewset")
def register_organisation_viewset() -> OrganisationViewSet:
    return organisation_viewset


@hooks.register("register_log_actions")
def register_pool_log_actions(actions: Any) -> None:
    for action, label in LOG_ACTIONS.values():
        actions.register_action(action, label, label)
