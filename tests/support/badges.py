"""Badge helpers: complete a step as the hub does, and credentials no verifier may accept."""

from __future__ import annotations

import copy

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from badges.dataintegrity import add_proof
from badges.issuing import AwardResult, award_step_achievements
from badges.models import SigningKey
from hub.events import step_completed
from hub.models import Learner, StepCompletion, StepPage


def complete_step(learner: Learner, step: StepPage) -> list[AwardResult]:
    """Record a completion and send step_completed, as hub.progress does; returns what the
    badges receiver awarded (other apps listen to the same signal)."""
    completion, _ = StepCompletion.objects.get_or_create(
        learner=learner, step=step, defaults={"completed_at": timezone.now()}
    )
    responses = step_completed.send(
        sender=StepPage, learner=learner, step=step, completion=completion
    )
    return next(result for receiver, result in responses if receiver is award_step_achievements)


def unsigned(document: dict) -> dict:
    """A credential without its proof."""
    return {key: value for key, value in copy.deepcopy(document).items() if key != "proof"}


def resign(document: dict, private_key, verification_method: str) -> dict:
    """Sign a (changed) credential again with any key."""
    return add_proof(unsigned(document), private_key, verification_method, document["validFrom"])


UNKNOWN_CONTEXT = "https://contexts.example.net/not-bundled.jsonld"


def negative_variants(document: dict, issuer_key: SigningKey) -> dict[str, dict]:
    """Credentials that no verifier may accept, derived from a genuine one."""
    tampered = copy.deepcopy(document)
    tampered["credentialSubject"]["achievement"]["name"] = "Accredited Coach"
    wrong_key = resign(document, Ed25519PrivateKey.generate(), issuer_key.verification_method)
    not_controller = unsigned(document)
    not_controller["issuer"]["id"] = "https://impostor.example.net/issuers/plh"
    not_controller = add_proof(
        not_controller,
        issuer_key.private_key(),
        issuer_key.verification_method,
        document["validFrom"],
    )
    unknown_context = copy.deepcopy(document)
    unknown_context["@context"] = [*document["@context"], UNKNOWN_CONTEXT]
    return {
        "tampered": tampered,
        "wrong_key": wrong_key,
        "not_controller": not_controller,
        "unknown_context": unknown_context,
    }
