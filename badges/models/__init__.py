"""Models of the badges app: issuer, keys, achievements, credentials, status lists, awards."""

from .achievement import Achievement, AchievementType, AwardRule
from .award import BulkAward, BulkAwardResult
from .credential import Credential, RecipientType
from .issuer import Issuer, SigningKey, site_url
from .status import MINIMUM_LIST_LENGTH, REVOCATION, SUSPENSION, StatusList

__all__ = [
    "MINIMUM_LIST_LENGTH",
    "REVOCATION",
    "SUSPENSION",
    "Achievement",
    "AchievementType",
    "AwardRule",
    "BulkAward",
    "BulkAwardResult",
    "Credential",
    "Issuer",
    "RecipientType",
    "SigningKey",
    "StatusList",
    "site_url",
]
