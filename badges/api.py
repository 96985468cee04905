"""Verification API (Django REST framework), documented in the OpenAPI schema.

The API answers 200 with a report for anything it could read as a credential, whatever the
verdict, and 400 with a plain ``detail`` message for anything it could not: a body that is not
JSON, or is too large or too deeply nested; an image that is not a valid baked badge; JSON text
that is not a credential; a URL of another site.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from badges.forms import MAX_IMAGE_BYTES, refusal_message
from badges.untrusted import MAX_JSON_BYTES, UntrustedJSONError, parse_json_object
from badges.verify import UnreadableCredential, Verdict, read_credential
from badges.verify_record import RecordVerdict, RecordVerification, verify_submission


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser reads any size and recurses as deep as the body is nested; this one
    reads at most :data:`~badges.untrusted.MAX_JSON_BYTES` and refuses deep nesting before
    parsing, each with a plain 400."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Any = None
    ) -> dict[str, Any]:
        body = stream.read(MAX_JSON_BYTES + 1)
        if len(body) > MAX_JSON_BYTES:
            raise ParseError(
                f"The request body is larger than {MAX_JSON_BYTES // 1_000_000} MB, "
                "too large for a badge."
            )
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError("The request body is not UTF-8 text.") from None
        try:
            return parse_json_object(text)
        except UntrustedJSONError as error:
            raise ParseError(f"The request body cannot be read: {error}.") from None


@extend_schema_field(
    {"oneOf": [{"type": "object", "additionalProperties": True}, {"type": "string"}]}
)
class CredentialField(serializers.Field):
    """A credential as a JSON object, or as JSON text. DRF's JSONField would parse text with
    the unbounded standard parser; this field hands text to :func:`read_credential`, which
    parses it within the limits."""

    default_error_messages = {"invalid": "The credential must be a JSON object or JSON text."}

    def to_internal_value(self, data: Any) -> dict[str, Any] | str:
        if isinstance(data, dict | str):
            return data
        self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return value


class VerifyRequestSerializer(serializers.Serializer):
    """Exactly one of ``credential``, ``url`` or ``image``; ``email`` is optional."""

    credential = CredentialField(
        required=False,
        help_text="The credential as a JSON object (or JSON text): an Open Badges 3.0 "
        "credential or a CLR 2.0 learner record.",
    )
    url = serializers.CharField(
        required=False, max_length=2000, help_text="A credential URL on this site."
    )
    image = serializers.FileField(
        required=False,
        help_text="A baked PNG or SVG badge image, or a badge or learner record as a JSON "
        "file (multipart upload).",
    )
    email = serializers.EmailField(
        required=False,
        help_text="Compared with the credential's salted recipient hash; never stored.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [name for name in ("credential", "url", "image") if attrs.get(name)]
        if len(given) != 1:
            raise serializers.ValidationError("Give exactly one of credential, url or image.")
        image = attrs.get("image")
        if image is not None and image.size > MAX_IMAGE_BYTES:
            raise serializers.ValidationError({"image": "The image must be under 5 MB."})
        field = given[0]
        source = image.read() if image is not None else attrs[field]
        try:
            attrs["document"] = read_credential(source)
        except UnreadableCredential as error:
            raise serializers.ValidationError({field: refusal_message(field, error)}) from None
        return attrs


class CheckSerializer(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["format", "proof", "status", "dates", "issuer", "recipient"]
    )
    # A field named "label" shadows Field.label in DRF's stubs; it is the check's own label.
    label = serializers.CharField()  # type: ignore[assignment]
    passed = serializers.BooleanField(allow_null=True)
    detail = serializers.CharField()


class VerificationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["credential"],
        default="credential",
        help_text="``credential``: the report of one badge (Open Badges 3.0 credential).",
    )
    verdict = serializers.ChoiceField(choices=[v.value for v in Verdict])
    verdict_text = serializers.CharField()
    valid = serializers.BooleanField()
    revocation_reason = serializers.CharField(allow_blank=True)
    recipient_match = serializers.BooleanField(allow_null=True)
    summary = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="The badge's fields, only when the issuer's signature is genuine (the "
        "badge may still be revoked or expired); empty otherwise.",
    )
    unverified_claims = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="What a credential whose signature could not be verified says about "
        "itself: claims, not facts. Empty when the signature is genuine.",
    )
    checks = CheckSerializer(many=True)


class RecordCheckSerializer(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["format", "proof", "dates", "issuer", "contents", "recipient"],
        help_text="``contents`` sums up the badges' own verdicts; the others check the "
        "record itself.",
    )
    # A field named "label" shadows Field.label in DRF's stubs; it is the check's own label.
    label = serializers.CharField()  # type: ignore[assignment]
    passed = serializers.BooleanField(allow_null=True)
    detail = serializers.CharField()


class RecordVerificationSerializer(serializers.Serializer):
    """The report of a whole learner record (a CLR 2.0 ``ClrCredential``)."""

    kind = serializers.ChoiceField(
        choices=["clr"],
        help_text="``clr``: the report of a learner record and of every badge inside it.",
    )
    verdict = serializers.ChoiceField(
        choices=[v.value for v in RecordVerdict],
        help_text="``valid`` only when the record and every badge in it are valid; "
        "``not_all_current`` for a genuine record holding a badge that is revoked, suspended "
        "or expired; ``tampered`` when the record or a badge inside it was changed.",
    )
    verdict_text = serializers.CharField()
    valid = serializers.BooleanField()
    recipient_match = serializers.BooleanField(
        allow_null=True, help_text="Whether the email given matches the record's recipient."
    )
    summary = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="The record's own fields (record_name, issuer_name, valid_from, "
        "credential_count, ...), only when the record's signature is genuine; empty otherwise.",
    )
    unverified_claims = serializers.DictField(
        child=serializers.CharField(allow_null=True),
        help_text="What a record whose signature could not be verified says about itself: "
        "claims, not facts.",
    )
    checks = RecordCheckSerializer(many=True)
    credentials = VerificationSerializer(
        many=True,
        help_text="Each badge inside the record, verified on its own (signature, status, "
        "dates, issuer), in the record's order.",
    )


class VerifyRefusalSerializer(serializers.Serializer):
    """The body of every 400 answer of the verification API."""

    detail = serializers.CharField(help_text="What was wrong with the request, in plain words.")
    # "errors" is also Serializer.errors; here it documents the refusal body's field.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The same problems by request field (``non_field_errors`` for the request "
        "as a whole); empty when the body itself could not be read.",
    )


def _first_message(errors: Any) -> str:
    if isinstance(errors, dict):
        return next((_first_message(value) for value in errors.values()), "")
    if isinstance(errors, list):
        return next((_first_message(value) for value in errors), "")
    return str(errors)


def refusal_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with every 400 reshaped to ``{"detail": ..., "errors": {...}}`` so a
    client always finds one plain message in the same place. Django's own refusal of an
    oversized form body is answered in the same shape instead of as an HTML page."""
    if isinstance(exc, RequestDataTooBig):
        detail = "The request is too large: send a credential under 1 MB or an image under 5 MB."
        return Response({"detail": detail, "errors": {}}, status=400)
    response = exception_handler(exc, context)
    if response is not None and response.status_code == 400:
        data = response.data
        if isinstance(data, dict) and set(data) == {"detail"}:
            response.data = {"detail": str(data["detail"]), "errors": {}}
        else:
            errors = data if isinstance(data, dict) else {"non_field_errors": data}
            response.data = {"detail": _first_message(errors), "errors": errors}
    return response


_REFUSAL_EXAMPLES = [
    OpenApiExample(
        "An image that is not a valid baked badge",
        value={
            "detail": "This image is not a valid baked badge: the compressed text in the "
            "image is damaged.",
            "errors": {
                "image": [
                    "This image is not a valid baked badge: the compressed text in the image "
                    "is damaged."
                ]
            },
        },
        response_only=True,
        status_codes=["400"],
    ),
    OpenApiExample(
        "A body nested too deeply",
        value={
            "detail": "The request body cannot be read: the JSON is nested more than 64 "
            "levels deep, too deep for a badge.",
            "errors": {},
        },
        response_only=True,
        status_codes=["400"],
    ),
]


_RECORD_EXAMPLES = [
    OpenApiExample(
        "A learner record holding a revoked badge (shortened)",
        value={
            "kind": "clr",
            "verdict": "not_all_current",
            "verdict_text": "Genuine record, but not every badge in it counts today: 1 badge "
            "revoked.",
            "valid": False,
            "recipient_match": None,
            "summary": {
                "record_name": "Record of achievement from Peer Leadership Hub",
                "issuer_name": "Peer Leadership Hub",
                "valid_from": "2026-11-29T16:30:39Z",
                "credential_count": "2",
            },
            "unverified_claims": {},
            "checks": [
                {
                    "key": "contents",
                    "label": "Badges in the record",
                    "passed": False,
                    "detail": "1 of 2 badges are valid; 1 revoked.",
                }
            ],
            "credentials": [
                {"kind": "credential", "verdict": "valid", "valid": True},
                {
                    "kind": "credential",
                    "verdict": "revoked",
                    "valid": False,
                    "revocation_reason": "Awarded in error",
                },
            ],
        },
        response_only=True,
        status_codes=["200"],
    ),
]

_REPORT = PolymorphicProxySerializer(
    component_name="VerificationReport",
    serializers={"credential": VerificationSerializer, "clr": RecordVerificationSerializer},
    resource_type_field_name="kind",
)


def report_data(report: Any) -> dict[str, Any]:
    """The API's answer for a report of either kind."""
    if isinstance(report, RecordVerification):
        return dict(RecordVerificationSerializer(report.as_dict()).data)
    return dict(VerificationSerializer({"kind": "credential", **report.as_dict()}).data)


class VerifyView(APIView):
    """Verify an Open Badges 3.0 credential, or a whole learner record (CLR 2.0), and report
    each verification step."""

    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]

    def get_exception_handler(self) -> Any:
        return refusal_handler

    @extend_schema(
        operation_id="badges_verify",
        summary="Verify a badge or a learner record",
        description="Runs the Open Badges 3.0 verification steps (format and schema, proof, "
        "status, validity dates, issuer and key controller) and returns a verdict: valid, "
        "expired, not_yet_valid, revoked, tampered, unknown_issuer, invalid or "
        "wrong_recipient (``kind``: ``credential``). A Comprehensive Learner Record 2.0 "
        "``ClrCredential`` (a learner's whole record, given as ``credential`` or uploaded as a "
        "JSON file in ``image``) gets a report of ``kind`` ``clr``: the record's own checks "
        "(format, its signature, which covers every badge inside, its dates, its issuer) and "
        "each badge inside verified on its own, with an overall verdict that is valid only "
        "when all of them are. A record may hold at most 50 badges. The response is 200 "
        "whatever the verdict. A request that holds no "
        "credential we can read is answered 400 with a plain message: a body that is not "
        "JSON, larger than 1 MB or nested more than 64 levels deep; an image that is not a "
        "valid baked badge (truncated or damaged text chunks, text inflating past 1 MB, text "
        "that is not UTF-8); JSON text that is not a credential object; a URL that is not a "
        "credential of this site.",
        request={
            "application/json": VerifyRequestSerializer,
            "multipart/form-data": VerifyRequestSerializer,
        },
        responses={
            200: OpenApiResponse(
                _REPORT,
                description="The report: of one badge (``kind``: ``credential``) or of a "
                "learner record and every badge inside it (``kind``: ``clr``).",
                examples=_RECORD_EXAMPLES,
            ),
            400: OpenApiResponse(
                VerifyRefusalSerializer,
                description="The request holds no credential that can be read; nothing was "
                "verified and nothing was stored.",
                examples=_REFUSAL_EXAMPLES,
            ),
        },
        examples=[
            OpenApiExample(
                "By URL",
                value={"url": "https://hub.example.org/badges/credentials/…"},
                request_only=True,
            )
        ],
        tags=["badges"],
    )
    def post(self, request: Request) -> Response:
        serializer = VerifyRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = verify_submission(data["document"], email=data.get("email"))
        return Response(report_data(report))
