"""Verification API (Django REST framework), documented in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from badges.forms import MAX_IMAGE_BYTES
from badges.verify import Verdict, verify_credential


class VerifyRequestSerializer(serializers.Serializer):
    """Exactly one of ``credential``, ``url`` or ``image``; ``email`` is optional."""

    credential = serializers.JSONField(
        required=False, help_text="The credential as a JSON object (or JSON text)."
    )
    url = serializers.CharField(
        required=False, max_length=2000, help_text="A credential URL on this site."
    )
    image = serializers.FileField(
        required=False, help_text="A baked PNG or SVG badge image (multipart upload)."
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
        return attrs


class CheckSerializer(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["format", "proof", "status", "dates", "issuer", "recipient"]
    )
    label = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)
    detail = serializers.CharField()


class VerificationSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=[v.value for v in Verdict])
    verdict_text = serializers.CharField()
    valid = serializers.BooleanField()
    revocation_reason = serializers.CharField(allow_blank=True)
    recipient_match = serializers.BooleanField(allow_null=True)
    summary = serializers.DictField(child=serializers.CharField(allow_null=True))
    checks = CheckSerializer(many=True)


class VerifyView(APIView):
    """Verify an Open Badges 3.0 credential and report each verification step."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="badges_verify",
        summary="Verify a badge",
        description="Runs the Open Badges 3.0 verification steps (format and schema, proof, "
        "status, validity dates, issuer and key controller) and returns a verdict: valid, "
        "expired, not_yet_valid, revoked, tampered, unknown_issuer, invalid or "
        "wrong_recipient. The response is 200 whatever the verdict.",
        request={
            "application/json": VerifyRequestSerializer,
            "multipart/form-data": VerifyRequestSerializer,
        },
        responses={200: VerificationSerializer},
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
        if data.get("image") is not None:
            source: Any = data["image"].read()
        else:
            source = data.get("url") or data["credential"]
        report = verify_credential(source, email=data.get("email"))
        return Response(VerificationSerializer(report.as_dict()).data)
