"""Claim names, scopes, media types and role URIs used by LTI 1.3 and LTI Advantage.

Everything here is a plain string constant so that tests can refer to claims without
repeating long URIs (``claims.RESOURCE_LINK`` instead of the full purl.imsglobal.org URI).
"""

from __future__ import annotations

LTI_VERSION = "1.3.0"

# --- Message types -------------------------------------------------------------------------
MSG_RESOURCE_LINK = "LtiResourceLinkRequest"
MSG_DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"
MSG_DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse"

# --- Core LTI 1.3 claims -------------------------------------------------------------------
_LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = _LTI + "message_type"
VERSION = _LTI + "version"
DEPLOYMENT_ID = _LTI + "deployment_id"
TARGET_LINK_URI = _LTI + "target_link_uri"
RESOURCE_LINK = _LTI + "resource_link"
ROLES = _LTI + "roles"
ROLE_SCOPE_MENTOR = _LTI + "role_scope_mentor"
CONTEXT = _LTI + "context"
TOOL_PLATFORM = _LTI + "tool_platform"
LAUNCH_PRESENTATION = _LTI + "launch_presentation"
CUSTOM = _LTI + "custom"
LIS = _LTI + "lis"
EXT = _LTI + "ext"
LTI1P1 = _LTI + "lti1p1"
LTI11_LEGACY_USER_ID = _LTI + "lti11_legacy_user_id"

# --- LTI Advantage service claims ----------------------------------------------------------
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"

# --- Deep Linking claims -------------------------------------------------------------------
_DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
DL_SETTINGS = _DL + "deep_linking_settings"
DL_CONTENT_ITEMS = _DL + "content_items"
DL_DATA = _DL + "data"
DL_MSG = _DL + "msg"
DL_ERRORMSG = _DL + "errormsg"
DL_LOG = _DL + "log"
DL_ERRORLOG = _DL + "errorlog"

# --- Vendor claims that real platforms add -------------------------------------------------
CANVAS_PLACEMENT = "https://www.instructure.com/placement"

# --- OAuth2 scopes -------------------------------------------------------------------------
SCOPE_AGS_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
SCOPE_AGS_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
SCOPE_AGS_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
SCOPE_AGS_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
SCOPE_GROUPS = "https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly"
SCOPE_TOOL_SETTINGS = "https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting"
SCOPE_REGISTRATION = "https://purl.imsglobal.org/spec/lti-reg/scope/registration"

AGS_SCOPES: frozenset[str] = frozenset(
    {SCOPE_AGS_LINEITEM, SCOPE_AGS_LINEITEM_READONLY, SCOPE_AGS_RESULT_READONLY, SCOPE_AGS_SCORE}
)
ALL_SERVICE_SCOPES: frozenset[str] = AGS_SCOPES | {SCOPE_NRPS}

# --- Media types ---------------------------------------------------------------------------
MEDIA_LINEITEM = "application/vnd.ims.lis.v2.lineitem+json"
MEDIA_LINEITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json"
MEDIA_SCORE = "application/vnd.ims.lis.v1.score+json"
MEDIA_RESULT_CONTAINER = "application/vnd.ims.lis.v2.resultcontainer+json"
MEDIA_MEMBERSHIP_CONTAINER = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"

# --- OAuth2 / registration constants -------------------------------------------------------
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"

# --- LIS vocabulary ------------------------------------------------------------------------
_MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
ROLE_LEARNER = _MEMBERSHIP + "Learner"
ROLE_INSTRUCTOR = _MEMBERSHIP + "Instructor"
ROLE_CONTENT_DEVELOPER = _MEMBERSHIP + "ContentDeveloper"
ROLE_MENTOR = _MEMBERSHIP + "Mentor"
ROLE_CONTEXT_ADMIN = _MEMBERSHIP + "Administrator"
ROLE_TEACHING_ASSISTANT = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
)
ROLE_INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"
ROLE_INSTITUTION_STUDENT = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"
ROLE_SYSTEM_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"

CONTEXT_TYPE_COURSE_OFFERING = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"

ACTIVITY_PROGRESS_VALUES: frozenset[str] = frozenset(
    {"Initialized", "Started", "InProgress", "Submitted", "Completed"}
)
GRADING_PROGRESS_VALUES: frozenset[str] = frozenset(
    {"FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"}
)
