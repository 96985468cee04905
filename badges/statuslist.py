"""Bitstring Status List (W3C): allocating indexes, encoding the list, building and signing the
status list credential that verifiers fetch.

The bitstring is GZIP-compressed and written as multibase base64url without padding (a ``u``
followed by the text). Bit 0 is the most significant bit of the first byte; a set bit means
the credential at that index is revoked (on a revocation list) or suspended (on a suspension
list: accreditations can be suspended and reinstated).
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from badges.dataintegrity import add_proof
from badges.dates import format_timestamp
from badges.jsonld import CREDENTIALS_V2_URL
from badges.models import REVOCATION, SUSPENSION, Credential, Issuer, StatusList
from badges.signing import active_key

__all__ = [
    "StatusListError",
    "allocate_index",
    "allocate_indexes",
    "bit_is_set",
    "decode_list",
    "encode_list",
    "set_indexes",
    "status_list_credential",
]


class StatusListError(ValueError):
    """An encoded status list could not be read."""


def encode_list(set_indexes: Iterable[int], length: int) -> str:
    """Encode a bitstring of ``length`` bits with ``set_indexes`` set."""
    bits = bytearray((length + 7) // 8)
    for index in set_indexes:
        if not 0 <= index < length:
            raise ValueError(f"index {index} is outside a list of {length} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode_list(encoded: object) -> bytes:
    """Decode an ``encodedList`` value into the raw bitstring bytes."""
    if not isinstance(encoded, str) or not encoded:
        raise StatusListError("encodedList must be a non-empty string")
    text = encoded[1:] if encoded.startswith("u") else encoded
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return gzip.decompress(compressed)
    except (ValueError, OSError, EOFError) as error:
        raise StatusListError(f"encodedList is not GZIP base64url data: {error}") from None


def bit_is_set(bits: bytes, index: int) -> bool:
    """Whether the bit at ``index`` is set; an index past the end is an error."""
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the status list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def allocate_index(issuer: Issuer) -> tuple[StatusList, int]:
    """Reserve the next free index on the issuer's current revocation list (a new list when
    the last one is full). Call inside the transaction that creates the credential."""
    return allocate_indexes(issuer, 1)[0]


def allocate_indexes(
    issuer: Issuer, count: int, purpose: str = REVOCATION
) -> list[tuple[StatusList, int]]:
    """Reserve ``count`` consecutive free indexes on the issuer's current list for ``purpose``,
    going on to a new list when it fills up: one UPDATE per list touched, not one per index.

    Call inside the transaction that creates the credentials: the current list's row stays
    locked until it ends (on databases with row locks), and an index is only ever handed out
    once because each block is taken by an UPDATE that checks the list still starts where it
    was read (it is read again if another transaction moved it first).
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    slots: list[tuple[StatusList, int]] = []
    with transaction.atomic(savepoint=False):
        while len(slots) < count:
            status_list = (
                StatusList.objects.select_for_update()
                .filter(issuer=issuer, purpose=purpose)
                .order_by("-created_at", "-pk")
                .first()
            )
            if status_list is None or status_list.is_full:
                status_list = StatusList.objects.create(issuer=issuer, purpose=purpose)
            start = status_list.next_index
            take = min(count - len(slots), status_list.length - start)
            updated = StatusList.objects.filter(pk=status_list.pk, next_index=start).update(
                next_index=F("next_index") + take
            )
            if updated:
                status_list.next_index = start + take
                slots.extend((status_list, index) for index in range(start, start + take))
    return slots


def set_indexes(status_list: StatusList) -> list[int]:
    """The indexes whose bit is set on ``status_list`` now: the revoked credentials of a
    revocation list, the suspended ones of a suspension list."""
    if status_list.purpose == SUSPENSION:
        return [
            index
            for index in Credential.objects.filter(
                suspension_list=status_list, suspended_at__isnull=False
            ).values_list("suspension_index", flat=True)
            if index is not None
        ]
    return list(
        Credential.objects.filter(status_list=status_list, revoked_at__isnull=False).values_list(
            "status_index", flat=True
        )
    )


def status_list_credential(status_list: StatusList, now: datetime | None = None) -> dict[str, Any]:
    """The signed BitstringStatusListCredential for ``status_list``, as of now."""
    revoked = set_indexes(status_list)
    issued = (now or timezone.now()).replace(microsecond=0)
    url = status_list.url()
    document = {
        "@context": [CREDENTIALS_V2_URL],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": status_list.issuer.profile_url(),
        "validFrom": format_timestamp(issued),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encode_list(revoked, status_list.length),
        },
    }
    key = active_key(status_list.issuer)
    return add_proof(document, key.private_key(), key.verification_method, issued)
