"""RSA keys, JSON Web Key Sets and low-level JWS helpers for the test platform.

The platform signs with RS256 keys it generates itself and publishes their public halves as a
JWKS.  :class:`KeySet` supports rotation (new signing key, old key still published), staging a
key that is not yet published, and withdrawing keys, so a tool's "unknown ``kid`` -> refetch the
JWKS" logic can be exercised.  :class:`RemoteJwksCache` is the other direction: it fetches a
tool's JWKS over HTTP (always with a timeout) and caches it, refetching once when a ``kid`` is
not found.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from jwt.algorithms import RSAAlgorithm

__all__ = [
    "JwksError",
    "KeySet",
    "RemoteJwksCache",
    "RsaKey",
    "b64url_encode",
    "compose_jws",
    "find_jwk",
    "hs256_signer",
    "rs256_signer",
]


class JwksError(Exception):
    """A JWKS could not be fetched, parsed, or did not contain the wanted key."""


def b64url_encode(data: bytes) -> str:
    """Base64url-encode ``data`` without padding, as JOSE requires."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


Signer = Callable[[bytes], bytes]


def rs256_signer(private_key: rsa.RSAPrivateKey) -> Signer:
    """Return a function computing an RSASSA-PKCS1-v1_5 SHA-256 signature with ``private_key``."""

    def _sign(signing_input: bytes) -> bytes:
        return private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())

    return _sign


def hs256_signer(secret: bytes) -> Signer:
    """Return a function computing an HMAC-SHA256 signature with ``secret``."""

    def _sign(signing_input: bytes) -> bytes:
        return hmac.new(secret, signing_input, hashlib.sha256).digest()

    return _sign


def compose_jws(
    header: Mapping[str, Any], payload: Mapping[str, Any], signer: Signer | None
) -> str:
    """Build a compact JWS by hand.

    Hand-rolling (instead of ``jwt.encode``) lets hostile tokens carry any header at all, e.g. an
    ``alg`` that does not match the signature, a missing ``kid``, or ``alg: none`` with an empty
    signature.  ``signer=None`` produces an unsigned token (empty third segment).
    """
    encoded_header = b64url_encode(json.dumps(dict(header), separators=(",", ":")).encode())
    encoded_payload = b64url_encode(json.dumps(dict(payload), separators=(",", ":")).encode())
    signing_input = f"{encoded_header}.{encoded_payload}".encode("ascii")
    signature = b64url_encode(signer(signing_input)) if signer is not None else ""
    return f"{encoded_header}.{encoded_payload}.{signature}"


@dataclass(frozen=True)
class RsaKey:
    """An RSA key pair identified by a key id (``kid``)."""

    kid: str
    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls, kid: str | None = None, key_size: int = 2048) -> RsaKey:
        """Generate a fresh key pair; the ``kid`` defaults to a random, unique value."""
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
        return cls(kid=kid or f"kid-{secrets.token_hex(8)}", private_key=private_key)

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        """The public half of the pair."""
        return self.private_key.public_key()

    def private_pem(self) -> str:
        """PKCS#8 PEM of the private key (what pylti1p3 wants for a tool key)."""
        return self.private_key.private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        ).decode("ascii")

    def public_pem(self) -> str:
        """SubjectPublicKeyInfo PEM of the public key."""
        return self.public_key.public_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PublicFormat.SubjectPublicKeyInfo,
        ).decode("ascii")

    def public_jwk(self) -> dict[str, Any]:
        """The public key as a JWK with ``kid``, ``alg`` = RS256 and ``use`` = sig."""
        jwk = RSAAlgorithm.to_jwk(self.public_key, as_dict=True)
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return dict(jwk)

    def sign(self, payload: Mapping[str, Any], headers: Mapping[str, Any] | None = None) -> str:
        """Sign ``payload`` with RS256; ``headers`` are merged over ``{alg, typ, kid}``.

        A header value of ``None`` removes that header.
        """
        header: dict[str, Any] = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        for name, value in (headers or {}).items():
            if value is None:
                header.pop(name, None)
            else:
                header[name] = value
        return compose_jws(header, payload, rs256_signer(self.private_key))


class KeySet:
    """Thread-safe set of platform keys: one signing key plus the keys published in the JWKS.

    Keys can be known but unpublished ("staged"), which makes the platform sign with a ``kid``
    that the JWKS endpoint does not list until :meth:`publish` is called.
    """

    def __init__(self, signing_key: RsaKey | None = None, *, key_size: int = 2048) -> None:
        self._lock = threading.RLock()
        self._key_size = key_size
        first = signing_key or RsaKey.generate(key_size=key_size)
        self._known: dict[str, RsaKey] = {first.kid: first}
        self._published: list[str] = [first.kid]
        self._signing_kid = first.kid

    @property
    def signing_key(self) -> RsaKey:
        """The key that signs new platform JWTs."""
        with self._lock:
            return self._known[self._signing_kid]

    @property
    def published(self) -> list[RsaKey]:
        """Keys currently listed by the JWKS endpoint, oldest first."""
        with self._lock:
            return [self._known[kid] for kid in self._published]

    def get(self, kid: str) -> RsaKey | None:
        """Any key the platform knows (published or not) by ``kid``."""
        with self._lock:
            return self._known.get(kid)

    def jwks(self) -> dict[str, Any]:
        """The public JWKS document (``{"keys": [...]}``)."""
        with self._lock:
            return {"keys": [self._known[kid].public_jwk() for kid in self._published]}

    def add(self, key: RsaKey | None = None, *, publish: bool = True) -> RsaKey:
        """Register ``key`` (or a newly generated one) without changing the signing key."""
        key = key or RsaKey.generate(key_size=self._key_size)
        with self._lock:
            self._known[key.kid] = key
            if publish and key.kid not in self._published:
                self._published.append(key.kid)
        return key

    def rotate(
        self,
        key: RsaKey | None = None,
        *,
        publish_new: bool = True,
        keep_old_published: bool = True,
    ) -> RsaKey:
        """Switch signing to a new key.

        ``publish_new=False`` stages the key: tokens carry a ``kid`` the JWKS does not list until
        :meth:`publish` runs.  ``keep_old_published=False`` withdraws every previously published
        key, simulating an abrupt key replacement.
        """
        key = key or RsaKey.generate(key_size=self._key_size)
        with self._lock:
            self._known[key.kid] = key
            if not keep_old_published:
                self._published = []
            if publish_new and key.kid not in self._published:
                self._published.append(key.kid)
            self._signing_kid = key.kid
        return key

    def use_for_signing(self, kid: str) -> RsaKey:
        """Make an already known key the signing key again."""
        with self._lock:
            if kid not in self._known:
                raise KeyError(f"unknown kid {kid!r}")
            self._signing_kid = kid
            return self._known[kid]

    def publish(self, kid: str) -> None:
        """List a known key in the JWKS."""
        with self._lock:
            if kid not in self._known:
                raise KeyError(f"unknown kid {kid!r}")
            if kid not in self._published:
                self._published.append(kid)

    def unpublish(self, kid: str) -> None:
        """Remove a key from the JWKS (the platform still knows it and may still sign with it)."""
        with self._lock:
            if kid in self._published:
                self._published.remove(kid)

    def clear_published(self) -> None:
        """Serve an empty JWKS."""
        with self._lock:
            self._published = []


def find_jwk(jwks: Mapping[str, Any], kid: str | None) -> jwt.PyJWK | None:
    """Return the RS256 key of ``jwks`` whose ``kid`` matches.

    Without a ``kid`` the key is only chosen when the set holds exactly one RSA key, which is
    the rule most LTI libraries follow.
    """
    keys = jwks.get("keys")
    if not isinstance(keys, list):
        raise JwksError("JWKS has no 'keys' array")
    rsa_keys = [k for k in keys if isinstance(k, Mapping) and k.get("kty") == "RSA"]
    if kid is None:
        candidates = rsa_keys if len(rsa_keys) == 1 else []
    else:
        candidates = [k for k in rsa_keys if k.get("kid") == kid]
    if not candidates:
        return None
    data = dict(candidates[0])
    if data.get("alg") not in (None, "RS256"):
        raise JwksError(f"key {kid!r} is not an RS256 key")
    try:
        return jwt.PyJWK(data, algorithm="RS256")
    except jwt.PyJWTError as exc:  # malformed key material
        raise JwksError(f"key {kid!r} is malformed: {exc}") from exc


class RemoteJwksCache:
    """Fetches JWKS documents over HTTP and caches them per URL.

    A lookup for a ``kid`` missing from the cached document triggers exactly one refetch, the
    same behaviour expected of the tool.  Every fetch is counted in :attr:`fetch_counts`.
    """

    def __init__(
        self,
        *,
        timeout: float = 5.0,
        ttl: float = 300.0,
        clock: Callable[[], float] = time.time,
        session: requests.Session | None = None,
    ) -> None:
        self.timeout = timeout
        self.ttl = ttl
        self._clock = clock
        self._session = session
        self._lock = threading.RLock()
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}
        self.fetch_counts: dict[str, int] = {}

    def invalidate(self, url: str | None = None) -> None:
        """Forget one cached document, or all of them."""
        with self._lock:
            if url is None:
                self._cache.clear()
            else:
                self._cache.pop(url, None)

    def fetch(self, url: str) -> dict[str, Any]:
        """Fetch ``url`` now (bypassing the cache), store and return the document."""
        with self._lock:
            self.fetch_counts[url] = self.fetch_counts.get(url, 0) + 1
        try:
            getter = self._session.get if self._session is not None else requests.get
            response = getter(url, timeout=self.timeout, headers={"Accept": "application/json"})
        except requests.RequestException as exc:
            raise JwksError(f"could not fetch JWKS from {url}: {exc}") from exc
        if response.status_code != 200:
            raise JwksError(f"JWKS endpoint {url} answered HTTP {response.status_code}")
        try:
            document = response.json()
        except ValueError as exc:
            raise JwksError(f"JWKS endpoint {url} did not return JSON") from exc
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise JwksError(f"JWKS endpoint {url} returned no 'keys' array")
        with self._lock:
            self._cache[url] = (self._clock(), document)
        return document

    def get_key(self, url: str, kid: str | None) -> jwt.PyJWK:
        """Return the key for ``kid`` from the JWKS at ``url``, refetching once if needed."""
        with self._lock:
            cached = self._cache.get(url)
        fresh = False
        if cached is None or self._clock() - cached[0] > self.ttl:
            document = self.fetch(url)
            fresh = True
        else:
            document = cached[1]
        key = find_jwk(document, kid)
        if key is None and not fresh:
            key = find_jwk(self.fetch(url), kid)
        if key is None:
            raise JwksError(f"no RS256 key with kid {kid!r} at {url}")
        return key
