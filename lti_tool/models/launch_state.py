"""What a launch must remember: the OIDC login state and the framed session it opens.

Both used to live in the cache, where they could be culled or evicted under load (a cohort
launching at once, or anyone posting to the public login URL). They are rows now: nothing is
lost until it expires, every web process and the task worker see the same rows, and
consuming a login is one conditional ``UPDATE``, atomic on every database the project
supports. Expired rows are purged by a periodic task (:func:`lti_tool.launch.state.purge_expired`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone

from lti_tool import roles as role_vocabulary


def digest(value: str) -> str:
    """SHA-256 hex digest: how secrets handed to browsers are stored."""
    return hashlib.sha256(value.encode()).hexdigest()


class LoginState(models.Model):
    """One OIDC login between its initiation and the launch it allows (RFC 6749 ``state``).

    The row is created when a platform starts a login and marked used (``used_at``) by the one
    launch that presents its ``state`` and ``nonce``; a used row stays until it expires so that
    a replay is recognised as a replay. ``client_address`` lets the login view bound how many
    unfinished logins one address may hold.
    """

    state = models.CharField(max_length=64, unique=True)
    nonce = models.CharField(max_length=64)
    issuer = models.CharField(max_length=255)
    client_id = models.CharField(max_length=255)
    target_link_uri = models.CharField(max_length=2000)
    storage_target = models.CharField(
        max_length=200, blank=True, help_text="The platform's lti_storage_target, if offered."
    )
    browser_secret_hash = models.CharField(
        max_length=64, blank=True, help_text="Hash of the secret kept in platform storage."
    )
    client_address = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["client_address", "expires_at"], name="login_state_by_address")
        ]

    def __str__(self) -> str:
        return f"Login to {self.issuer} ({'used' if self.used_at else 'pending'})"

    def browser_secret_matches(self, secret: str) -> bool:
        """True if ``secret`` is the one the browser stored in the platform's storage."""
        if not self.browser_secret_hash or not secret:
            return False
        return secrets.compare_digest(self.browser_secret_hash, digest(secret))


class LaunchSession(models.Model):
    """The session a successful launch opens for the pages shown inside the LMS frame.

    Inside an iframe the browser may refuse every cookie, so framed pages carry an unguessable
    token in their URL. Only the token's hash is stored: the database never holds a usable
    credential. ``token`` is set on the instance when it is created or loaded by token.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    message_type = models.CharField(max_length=40)
    registration = models.ForeignKey(
        "lti_tool.Registration", on_delete=models.CASCADE, related_name="+"
    )
    deployment = models.ForeignKey(
        "lti_tool.Deployment", on_delete=models.CASCADE, related_name="+"
    )
    lti_user = models.ForeignKey("lti_tool.LtiUser", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey("hub.Learner", on_delete=models.CASCADE, related_name="+")
    roles = models.JSONField(default=list)
    context = models.ForeignKey(
        "lti_tool.Context", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    resource_link = models.ForeignKey(
        "lti_tool.ResourceLink", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    return_url = models.CharField(max_length=2000, blank=True)
    deep_linking_settings = models.JSONField(default=dict, blank=True)
    ags = models.JSONField(default=dict, blank=True)
    nrps = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    TTL = 8 * 60 * 60
    # Use moves the expiry forward, but at most once in this long: one write per quarter of an
    # hour, not one per page view.
    RENEW_AFTER = 15 * 60
    MAX_TOKEN_LENGTH = 100

    token: str = ""

    def __str__(self) -> str:
        return f"{self.message_type} session of {self.lti_user_id}"

    @classmethod
    def load(cls, token: str) -> LaunchSession | None:
        """The live session a framed URL's token names, its expiry moved on; else ``None``."""
        if not token or len(token) > cls.MAX_TOKEN_LENGTH or "\x00" in token:
            return None
        now = timezone.now()
        # The link and its page come in the same query: every framed page starts from them.
        session = (
            cls.objects.select_related("resource_link__page")
            .filter(token_hash=digest(token), expires_at__gt=now)
            .first()
        )
        if session is None:
            return None
        renewed = now + timedelta(seconds=cls.TTL)
        if renewed - session.expires_at >= timedelta(seconds=cls.RENEW_AFTER):
            cls.objects.filter(pk=session.pk).update(expires_at=renewed)
            session.expires_at = renewed
        session.token = token
        return session

    @property
    def is_staff(self) -> bool:
        return role_vocabulary.is_staff(self.roles)

    @property
    def is_mentor(self) -> bool:
        return role_vocabulary.is_mentor(self.roles)

    @property
    def role_label(self) -> str:
        return role_vocabulary.describe(self.roles)
