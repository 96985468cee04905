"""Pinned JSON-LD processing for credentials: bundled contexts only, never the network.

Credentials name their vocabularies by URL in ``@context``. Fetching those URLs when a
credential is verified would let whoever controls (or intercepts) the URL change what a signed
credential means, and would leak who is verifying what. So this module serves the JSON-LD
contexts that Open Badges and the Comprehensive Learner Record use from copies bundled in
``badges/contexts/`` and refuses every other context with :class:`UnknownContextError`.

:func:`canonicalize` turns a JSON-LD document into RDF Dataset Canonicalization (RDFC-1.0,
the algorithm pyld calls ``URDNA2015``) N-Quads. Each document is expanded once; the RDF
dataset is built from that expansion and canonicalised, without pyld expanding it again.

Processed contexts are cached once per process (see :class:`_CachingProcessor`): every
credential names the same few bundled contexts, and re-processing them (several hundred term
definitions, most of them in type-scoped contexts that pyld never reuses across documents) was
four fifths of the cost of verifying a credential. pyld 3.3 has no ``safe`` option, so the
equivalent checks are done here (``safe=True``, the default): any property that the contexts do
not define, and any ``@id``/``@type`` that is not an absolute IRI, would silently vanish from
the canonical form (and so from what a signature covers); such documents are refused with
:class:`UnsafeDocumentError` instead.

Nothing here imports Django: the functions take and return plain values.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NoReturn

from pyld import jsonld as pyld_jsonld
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.documentloader.base import RemoteDocument
from pyld.identifier_issuer import IdentifierIssuer

__all__ = [
    "BUNDLED_CONTEXTS",
    "CLR_CONTEXT_URL",
    "CONTEXTS_DIR",
    "CREDENTIALS_V2_URL",
    "OB2_CONTEXT_URL",
    "OB3_CONTEXT_URL",
    "OB3_EXTENSIONS_URL",
    "InvalidJsonLdError",
    "LinkedDataError",
    "UnknownContextError",
    "UnsafeDocumentError",
    "bundled_context",
    "canonicalize",
    "clear_context_caches",
    "is_absolute_iri",
    "load_document",
]

CONTEXTS_DIR: Final[Path] = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2_URL: Final = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT_URL: Final = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB3_EXTENSIONS_URL: Final = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
OB2_CONTEXT_URL: Final = "https://w3id.org/openbadges/v2"
#: Comprehensive Learner Record 2.0 (see docs/clr.md for where the bundled copy came from).
CLR_CONTEXT_URL: Final = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

#: Every context URL this module will serve, mapped to its file in :data:`CONTEXTS_DIR`.
#: ``https://openbadgespec.org/v2/context.json`` is where the Open Badges 2.0 w3id URL
#: redirects to; some 2.0 assertions name it directly.
BUNDLED_CONTEXTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        CREDENTIALS_V2_URL: "credentials-v2.json",
        OB3_CONTEXT_URL: "context-3.0.3.json",
        OB3_EXTENSIONS_URL: "extensions.json",
        CLR_CONTEXT_URL: "clr-context-2.0.1.json",
        OB2_CONTEXT_URL: "openbadges-v2.json",
        "https://openbadgespec.org/v2/context.json": "openbadges-v2.json",
    }
)

# An absolute IRI as pyld judges it when it builds RDF (scheme, colon, no whitespace), or a
# blank node label. Anything else is dropped by pyld's toRdf step without a word.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*$")
_BLANK_NODE = re.compile(r"^_:\S+$")

# pyld's cache of resolved contexts, keyed by URL (bundled contexts only: load_document refuses
# every other URL, and a refused URL is never cached) or by the canonical JSON of a scoped
# context inside one of them (documents with inline contexts are refused before pyld runs). So
# it holds a small fixed set. It is ours rather than pyld's process-wide cache so that another
# pyld user in the same process, with another loader, cannot affect our results.
_RESOLVED_CONTEXTS: dict[str, Any] = {}

# Processed (active) contexts, see _CachingProcessor. Bounded: cleared when it grows past this,
# which a fixed set of bundled contexts never makes it do.
_PROCESSED_CONTEXTS: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}
_PROCESSED_CONTEXTS_LIMIT: Final = 2048

# pyld freezes every processed context it caches (a frozendict); only those are immutable
# enough to share between documents.
_FROZEN_CONTEXT: Final[type] = type(pyld_jsonld.freeze({}))


class LinkedDataError(Exception):
    """A JSON-LD document could not be processed safely by this module."""


class UnknownContextError(LinkedDataError):
    """A document names a context that is not bundled (or embeds an inline context)."""

    def __init__(self, url: str | None, message: str | None = None) -> None:
        self.url = url
        if message is None:
            message = (
                f"unknown JSON-LD context {url!r}: only the bundled contexts "
                f"({', '.join(sorted(BUNDLED_CONTEXTS))}) are accepted"
            )
        super().__init__(message)


class UnsafeDocumentError(LinkedDataError):
    """Part of a document would be silently dropped by JSON-LD processing."""


class InvalidJsonLdError(LinkedDataError):
    """The document is not valid JSON-LD (pyld rejected it)."""


# What pyld raises for documents it cannot process: its own error (which wraps errors from the
# loader and from our dropped-property handler) and, for some malformed shapes, plain Python
# errors from inside its algorithms.
_PYLD_FAILURES: Final = (
    pyld_jsonld.JsonLdError,
    LinkedDataError,
    TypeError,
    ValueError,
    LookupError,
    AttributeError,
)


@cache
def _read_bundled(filename: str) -> dict[str, Any]:
    with (CONTEXTS_DIR / filename).open(encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict):
        raise LinkedDataError(f"bundled context file {filename} is not a JSON object")
    return document


def bundled_context(url: str) -> dict[str, Any]:
    """Return a fresh copy of the bundled context document published at ``url``.

    Raises :class:`UnknownContextError` if ``url`` is not one of :data:`BUNDLED_CONTEXTS`.
    """
    filename = BUNDLED_CONTEXTS.get(url) if isinstance(url, str) else None
    if filename is None:
        raise UnknownContextError(url if isinstance(url, str) else repr(url))
    return copy.deepcopy(_read_bundled(filename))


def load_document(url: str, options: Mapping[str, Any] | None = None) -> RemoteDocument:
    """pyld document loader serving only :data:`BUNDLED_CONTEXTS`; never opens a connection.

    ``options`` is accepted because pyld passes its request options (headers and the like);
    they are ignored. Any URL that is not bundled raises :class:`UnknownContextError`.

    The ``static`` tag lets pyld keep the resolved context in :data:`_RESOLVED_CONTEXTS` for
    the life of the process: a bundled file never changes while the process runs.
    """
    document = bundled_context(url)
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
        "tag": "static",
    }


def clear_context_caches() -> None:
    """Forget every resolved and processed context (the next document loads them again).

    Nothing needs this in normal running: the cached contexts are built only from bundled
    files. Tests use it to see the loader being asked.
    """
    _RESOLVED_CONTEXTS.clear()
    _PROCESSED_CONTEXTS.clear()


def _context_key(local_context: Any) -> tuple[bool, Any]:
    """(by identity?, key) for a local context as pyld passes it to context processing.

    URLs and lists of URLs (a document's ``@context``) are keyed by value. Anything else (a
    scoped context object inside a processed bundled context) is keyed by identity: those
    objects live as long as the cached contexts that hold them and are never modified.
    """
    if isinstance(local_context, str):
        return False, local_context
    if isinstance(local_context, list) and all(isinstance(item, str) for item in local_context):
        return False, tuple(local_context)
    return True, id(local_context)


class _CachingProcessor(pyld_jsonld.JsonLdProcessor):
    """pyld's processor with processed contexts reused across documents.

    pyld caches a processed context per resolved context and *active context id*, but a
    type-scoped context (``propagate`` false, as every Open Badges type's context is) is
    applied to a fresh copy of the active context with a fresh id, so it is processed again for
    every node of every document. Here the result of processing ``local_ctx`` on top of an
    immutable (frozen) active context is kept, keyed by that active context's identity, the
    local context and the flags; the same inputs always give the same frozen result.

    Only inputs that can come from bundled contexts reach this cache: documents naming other
    contexts, or inline ones, are refused before pyld runs. Calls made while a context is being
    defined (``cycles`` given) and results that are not frozen are not cached.
    """

    def _process_context(
        self,
        active_ctx: Any,
        local_ctx: Any,
        options: Any,
        override_protected: bool = False,
        propagate: bool = True,
        validate_scoped: bool = True,
        cycles: Any = None,
    ) -> Any:
        if cycles is not None or not isinstance(active_ctx, _FROZEN_CONTEXT):
            return super()._process_context(
                active_ctx,
                local_ctx,
                options,
                override_protected,
                propagate,
                validate_scoped,
                cycles,
            )
        by_identity, local_key = _context_key(local_ctx)
        key = (
            id(active_ctx),
            by_identity,
            local_key,
            override_protected,
            propagate,
            validate_scoped,
        )
        cached = _PROCESSED_CONTEXTS.get(key)
        # The entry holds the active and local context objects themselves, so their ids cannot
        # be reused by other objects while it exists; the identity checks make that explicit.
        if (
            cached is not None
            and cached[0] is active_ctx
            and (not by_identity or cached[1] is local_ctx)
        ):
            return cached[2]
        processed = super()._process_context(
            active_ctx, local_ctx, options, override_protected, propagate, validate_scoped
        )
        if isinstance(processed, _FROZEN_CONTEXT):
            if len(_PROCESSED_CONTEXTS) >= _PROCESSED_CONTEXTS_LIMIT:
                _PROCESSED_CONTEXTS.clear()
            _PROCESSED_CONTEXTS[key] = (active_ctx, local_ctx, processed)
        return processed


def _check_contexts(value: Any) -> None:
    """Refuse unknown context URLs and inline context objects anywhere in ``value``.

    The walk is purely syntactic: an ``@context`` key inside a JSON literal (``@json``) is
    checked too. That is stricter than needed but never lets an unknown context through.
    """
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "@context":
                entries = item if isinstance(item, list) else [item]
                for entry in entries:
                    if isinstance(entry, str):
                        if entry not in BUNDLED_CONTEXTS:
                            raise UnknownContextError(entry)
                    else:
                        raise UnknownContextError(
                            None,
                            "inline or null @context entries are not accepted; a document "
                            "may only name bundled contexts by URL (got "
                            f"{type(entry).__name__})",
                        )
            else:
                _check_contexts(item)
    elif isinstance(value, list):
        for item in value:
            _check_contexts(item)


def is_absolute_iri(value: object) -> bool:
    """True if ``value`` is a string that JSON-LD-to-RDF keeps as an absolute IRI."""
    return isinstance(value, str) and bool(_ABSOLUTE_IRI.match(value))


def _is_node_reference(value: Any) -> bool:
    return isinstance(value, str) and bool(_ABSOLUTE_IRI.match(value) or _BLANK_NODE.match(value))


def _lost_iris(value: Any) -> Iterator[str]:
    """Describe every IRI in expanded JSON-LD that pyld's toRdf step would drop."""
    if isinstance(value, list):
        for item in value:
            yield from _lost_iris(item)
        return
    if not isinstance(value, Mapping):
        return
    if "@value" in value:
        datatype = value.get("@type")
        if datatype is not None and datatype != "@json" and not is_absolute_iri(datatype):
            yield f"datatype {datatype!r} of value {value['@value']!r} is not an absolute IRI"
        return
    for key, item in value.items():
        if key == "@id":
            if not _is_node_reference(item):
                yield f"@id {item!r} is not an absolute IRI"
        elif key == "@type":
            for type_ in item if isinstance(item, list) else [item]:
                if not _is_node_reference(type_):
                    yield f"@type {type_!r} is not an absolute IRI"
        elif key == "@reverse":
            for prop, objects in item.items():
                if not is_absolute_iri(prop):
                    yield f"reverse property {prop!r} is not an absolute IRI"
                yield from _lost_iris(objects)
        elif key in ("@list", "@set", "@graph", "@included"):
            yield from _lost_iris(item)
        elif key.startswith("@"):
            continue  # @index, @language, @direction: plain strings, nothing to lose
        else:
            if not is_absolute_iri(key):
                yield f"property {key!r} is not an absolute IRI"
            yield from _lost_iris(item)


def _raise_from_pyld(error: Exception) -> NoReturn:
    """Translate an exception raised inside pyld into this module's errors."""
    cause: BaseException | None = error
    innermost_pyld: BaseException = error
    while cause is not None:
        if isinstance(cause, LinkedDataError):
            raise cause
        if isinstance(cause, pyld_jsonld.JsonLdError):
            innermost_pyld = cause
        cause = cause.__cause__
    if isinstance(innermost_pyld, pyld_jsonld.JsonLdError):
        detail = innermost_pyld.args[0] if innermost_pyld.args else type(innermost_pyld).__name__
        code = getattr(innermost_pyld, "code", None)
        suffix = f" ({code})" if code else ""
        raise InvalidJsonLdError(f"not valid JSON-LD: {detail}{suffix}") from error
    raise InvalidJsonLdError(f"not valid JSON-LD: {type(error).__name__}: {error}") from error


def _processing_options() -> dict[str, Any]:
    return {
        # No base IRI. pyld 3.3 treats base "" (its default for in-memory documents) as
        # "http://example.org/base/" and would quietly turn "relative/x" into an absolute IRI
        # there; with None, relative references stay relative and the safe checks refuse them.
        "base": None,
        "processingMode": "json-ld-1.1",
        "documentLoader": load_document,
        "contextResolver": ContextResolver(_RESOLVED_CONTEXTS, load_document),
    }


def canonicalize(document: Mapping[str, Any], *, safe: bool = True) -> str:
    """Canonicalise a JSON-LD document to RDFC-1.0 (URDNA2015) N-Quads.

    The result is the canonical N-Quads text, one statement per line, each line ending with
    ``\\n`` (an empty string for a document that yields no statements).

    With ``safe`` on (the default), the document is refused with :class:`UnsafeDocumentError`
    if JSON-LD processing would drop part of it: a property no context defines, or an
    ``@id``/``@type``/datatype that is not an absolute IRI. Unknown or inline contexts raise
    :class:`UnknownContextError` whatever ``safe`` says; other JSON-LD errors raise
    :class:`InvalidJsonLdError`.
    """
    try:
        return _canonicalize(document, safe=safe)
    except RecursionError as error:
        raise InvalidJsonLdError("document is nested too deeply to process") from error


def _canonicalize(document: Mapping[str, Any], *, safe: bool) -> str:
    if not isinstance(document, Mapping):
        raise InvalidJsonLdError(
            f"a JSON-LD document must be a JSON object, not {type(document).__name__}"
        )
    _check_contexts(document)

    dropped: list[str] = []

    def on_property_dropped(expanded_property: str | None) -> None:
        dropped.append(expanded_property or "<keyword-like key>")

    processor = _CachingProcessor(on_property_dropped=on_property_dropped)
    options = _processing_options()
    try:
        # pyld deep-copies the document before expanding it: the caller's stays untouched.
        expanded = processor.expand(dict(document), options)
    except _PYLD_FAILURES as error:  # pyld wraps loader errors in its own; unwrap them
        _raise_from_pyld(error)

    if safe:
        if dropped:
            names = ", ".join(repr(name) for name in sorted(set(dropped)))
            raise UnsafeDocumentError(
                f"term(s) {names} are not defined by the document's contexts; they would be "
                "left out of the canonical form and so not covered by a signature"
            )
        lost = list(_lost_iris(expanded))
        if lost:
            raise UnsafeDocumentError(
                "; ".join(lost) + " - such statements would be left out of the canonical form "
                "and so not covered by a signature"
            )

    try:
        canonical = URDNA2015().main(
            _expanded_to_dataset(processor, expanded, options),
            {"algorithm": "URDNA2015", "format": "application/n-quads"},
        )
    except _PYLD_FAILURES as error:
        _raise_from_pyld(error)
    if not isinstance(canonical, str):
        raise InvalidJsonLdError("pyld did not return N-Quads text")
    return canonical


def _expanded_to_dataset(
    processor: pyld_jsonld.JsonLdProcessor, expanded: list[Any], options: Mapping[str, Any]
) -> dict[str, Any]:
    """The RDF dataset of already expanded JSON-LD: pyld's ``to_rdf`` without its expansion.

    ``normalize`` would expand its input again (expansion of expanded JSON-LD is the identity,
    so that is pure cost); the steps after it are pyld's own, in its order: a node map with
    ``_:b`` blank node labels, then each graph with an absolute IRI (or the default graph)
    turned into triples. Generalised RDF (blank node predicates) is not produced.
    """
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    rdf_options = {**options, "produceGeneralizedRdf": False}
    return {
        graph_name: processor._graph_to_rdf(graph, issuer, rdf_options)
        for graph_name, graph in sorted(node_map.items())
        if graph_name == "@default" or pyld_jsonld._is_absolute_iri(graph_name)
    }
