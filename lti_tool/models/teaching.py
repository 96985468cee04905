"""Courses, links, people and roles, as the platform describes them in launches."""

from __future__ import annotations

from django.db import models

from lti_tool import roles


class Context(models.Model):
    """A course (or other context) in a platform deployment."""

    deployment = models.ForeignKey(
        "lti_tool.Deployment", on_delete=models.CASCADE, related_name="contexts"
    )
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    label = models.CharField(max_length=255, blank=True)
    memberships_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deployment", "context_id"], name="unique_context")
        ]

    def __str__(self) -> str:
        return self.title or self.label or self.context_id


class ResourceLink(models.Model):
    """A link placed in a course that shows one step or lesson of the programme."""

    deployment = models.ForeignKey(
        "lti_tool.Deployment", on_delete=models.CASCADE, related_name="resource_links"
    )
    context = models.ForeignKey(
        Context, null=True, blank=True, on_delete=models.CASCADE, related_name="resource_links"
    )
    resource_link_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    line_item_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "resource_link_id"], name="unique_resource_link"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.resource_link_id


class LtiUser(models.Model):
    """A platform user (``sub`` within a registration), mapped to one hub Learner.

    Name and email are kept only when the platform sends them: the name to show learners to
    their tutors and mentors, the email to address badges to the learner.
    """

    registration = models.ForeignKey(
        "lti_tool.Registration", on_delete=models.CASCADE, related_name="users"
    )
    sub = models.CharField(max_length=255)
    learner = models.OneToOneField("hub.Learner", on_delete=models.CASCADE, related_name="lti_user")
    name = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_launch_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "LMS user"
        constraints = [
            models.UniqueConstraint(fields=["registration", "sub"], name="unique_platform_user")
        ]

    def __str__(self) -> str:
        return self.name or f"User {self.sub[:12]}"


class Membership(models.Model):
    """A user's roles in a context, from launches and roster syncs."""

    class Status(models.TextChoices):
        ACTIVE = "Active", "Active"
        INACTIVE = "Inactive", "Inactive"

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="memberships")
    roles = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["context", "user"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.context}"

    @property
    def is_staff(self) -> bool:
        return roles.is_staff(self.roles)

    @property
    def is_mentor(self) -> bool:
        return roles.is_mentor(self.roles)
