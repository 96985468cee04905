"""What the Wagtail page editor would POST for a page, built from the page itself.

The preview views (the editor's preview panel, the "Preview" button) take the edit form's
submission, not a saved page, so testing them needs the same form data the browser sends.
Building it from the page's own values keeps the tests honest about every field and block.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page


def block_data(block: blocks.Block, value: Any, prefix: str) -> dict[str, Any]:
    """Flatten one block's value into the keys the block's form widget reads back."""
    if isinstance(block, blocks.StreamBlock):
        data: dict[str, Any] = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            data.update(
                {
                    f"{item}-type": child.block_type,
                    f"{item}-id": child.id or "",
                    f"{item}-deleted": "",
                    f"{item}-order": str(index),
                }
            )
            data.update(block_data(child.block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        bound = value.bound_blocks
        data = {f"{prefix}-count": str(len(bound))}
        for index, child in enumerate(bound):
            item = f"{prefix}-{index}"
            data.update(
                {f"{item}-id": child.id or "", f"{item}-deleted": "", f"{item}-order": str(index)}
            )
            data.update(block_data(block.child_block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_data(child_block, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.ChooserBlock):
        return {prefix: str(value.pk) if value is not None else ""}
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(block, blocks.FieldBlock):
        form_value = block.value_for_form(value) if value is not None else ""
        return {prefix: block.field.widget.format_value(form_value) or ""}
    raise TypeError(f"No form data rule for {type(block).__name__}")


def edit_form_data(page: Page, user: Any, parent: Page | None = None) -> dict[str, Any]:
    """The POST body of the page's edit form, holding the page's current values."""
    form_class = page.get_edit_handler().get_form_class()
    parent = parent or page.get_parent()
    form = form_class(instance=page, parent_page=parent.specific, for_user=user)
    data: dict[str, Any] = {}
    for name, bound in form.fields.items():
        model_field = _model_field(page, name)
        value = form[name].value()
        if isinstance(model_field, StreamField):
            data.update(block_data(model_field.stream_block, getattr(page, name), name))
        elif isinstance(bound.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        elif value is None:
            data[name] = ""
        else:
            data[name] = bound.widget.format_value(value) or ""
    for prefix, formset in form.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        del formset
    return data


def _model_field(page: Page, name: str) -> models.Field | None:
    try:
        return page._meta.get_field(name)
    except Exception:
        return None
