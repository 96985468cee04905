"""The add-user and edit-user forms say what each group is for.

Without this the form lists bare group names, and nothing tells an administrator that an
editor belongs in "Editors" and an approver in "Programme lead". Wired in through
``hub.apps.EditorialUsersConfig``, which replaces ``wagtail.users`` in ``INSTALLED_APPS``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Group
from wagtail.users.views.users import UserViewSet

from hub.editorial import EDITORS, PROGRAMME_LEAD, group_purpose

GROUPS_HELP = (
    f"Most people need one group: “{EDITORS}” to write and submit pages, "
    f"“{PROGRAMME_LEAD}” to approve and publish them. Leave “Administrator” unticked "
    "unless the person runs the whole site."
)


def group_label(group: Group) -> str:
    purpose = group_purpose(group.name)
    return f"{group.name}: {purpose}" if purpose else group.name


def with_group_purposes(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """A subclass of ``form_class`` whose group choices carry their purpose."""

    # A class made from a class given at run time: mypy cannot check a dynamic base.
    class FormWithGroupPurposes(form_class):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            field = self.fields.get("groups")
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.queryset = Group.objects.order_by("name")
                # Django reads this attribute per field: a plain function is its documented use.
                field.label_from_instance = group_label  # type: ignore[method-assign,assignment]
                field.help_text = GROUPS_HELP

    FormWithGroupPurposes.__name__ = form_class.__name__
    return FormWithGroupPurposes


class EditorialUserViewSet(UserViewSet):
    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return with_group_purposes(super().get_form_class(for_update))
