"""LTI concepts as explicit models: keys, registrations, deployments, contexts and people."""

from .keys import ToolKey
from .launch_state import LaunchSession, LoginState
from .platform import Deployment, Registration, RegistrationToken
from .services import LineItem, RosterSync, Score
from .teaching import Context, LtiUser, Membership, ResourceLink

__all__ = [
    "Context",
    "Deployment",
    "LaunchSession",
    "LineItem",
    "LoginState",
    "LtiUser",
    "Membership",
    "Registration",
    "RegistrationToken",
    "ResourceLink",
    "RosterSync",
    "Score",
    "ToolKey",
]
