"""The directory's search engine (OpenSearch 2/3, Elasticsearch 7): which, and whether it answers.

The engine is the site's own: the ``WAGTAILSEARCH_BACKENDS`` entry named by
``WAGTAIL_IKUT["SEARCH_BACKEND"]``. The package keeps its own index per language beside
Wagtail's, because modelsearch gives every field one analyser for all languages and has no
geo field; Finnish text is analysed as Finnish, Swedish as Swedish.
"""

import functools
import importlib
import logging
import time

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backend

from wagtail_ikut.conf import ikut_settings

logger = logging.getLogger(__name__)

#: Clients whose API this module speaks (``body=`` requests).
SUPPORTED_MODULES = (
    "modelsearch.backends.opensearch2",
    "modelsearch.backends.opensearch3",
    "modelsearch.backends.elasticsearch7",
)

#: The engine's built-in analyser for each language; others get the standard one.
ANALYZERS = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "ar": "arabic",
    "es": "spanish",
    "fa": "persian",
    "fr": "french",
    "de": "german",
    "ru": "russian",
    "th": "thai",
}

_down_until = 0.0  # monotonic time before which this process does not ask the engine again
known_aliases = set()  # index aliases this process has seen exist


class EngineUnavailable(Exception):
    """The engine did not answer in time, or answered with an error."""


@functools.cache
def engine():
    """Return the configured engine backend, or None when the directory searches the database."""
    backend = get_search_backend(ikut_settings.SEARCH_BACKEND)
    if not isinstance(backend, ElasticsearchBaseSearchBackend):
        return None
    if type(backend).__module__ not in SUPPORTED_MODULES:
        logger.warning(
            "The directory searches the database: %s is not one of the supported engines (%s).",
            type(backend).__module__,
            ", ".join(SUPPORTED_MODULES),
        )
        return None
    return backend


def forget_engine(*, setting, **kwargs):
    """Build the engine again when a test or a site changes the search settings."""
    global _down_until
    if setting in ("WAGTAIL_IKUT", "WAGTAILSEARCH_BACKENDS"):
        engine.cache_clear()
        known_aliases.clear()
        _down_until = 0.0


def _client_errors(backend):
    # opensearch-py and elasticsearch-py 7 both raise their own TransportError for every failed
    # request, connection errors and time-outs included.
    return importlib.import_module(type(backend.es).__module__.split(".")[0]).TransportError


def available():
    """Tell whether to ask the engine: not for a while after it last failed."""
    return time.monotonic() >= _down_until


def _rest_engine():
    """Ask the engine nothing for a while; a node that failed may come back empty, so check
    its indexes again then."""
    global _down_until
    _down_until = time.monotonic() + ikut_settings.SEARCH_RETRY_SECONDS
    known_aliases.clear()


def call_engine(backend, method, *args, **kwargs):
    """Call the client, turning its failures into EngineUnavailable and resting the engine."""
    try:
        return method(*args, **kwargs)
    except _client_errors(backend) as error:
        _rest_engine()
        # The kind of failure only: the engine's message may repeat the search, and so what a
        # visitor typed and where they are.
        logger.warning(
            "Search engine unavailable, using the database instead: %s (status %s)",
            type(error).__name__,
            error.status_code,
        )
        raise EngineUnavailable(str(error)) from error


def unavailable(reason):
    """Rest the engine as after a failure, log why, and return the EngineUnavailable to raise."""
    _rest_engine()
    logger.warning("Search engine unusable, using the database instead: %s", reason)
    return EngineUnavailable(reason)


def msearch_lines(bodies):
    """Return the lines of a request sending the searches ``bodies`` together."""
    return [line for body in bodies for line in ({}, body)]


def search_together(backend, index, bodies):
    """Send the searches ``bodies`` to ``index`` in one request; return their responses.

    The engine answers such a request with success whatever befell its searches: one that
    failed (a missing index, say) fails them all, as it would have on its own.
    """
    responses = call_engine(
        backend,
        backend.es.msearch,
        index=index,
        body=msearch_lines(bodies),
        request_timeout=ikut_settings.SEARCH_TIMEOUT,
    )["responses"]
    for response in responses:
        if "error" in response:
            # Its type only, as in call_engine(): the error's reason may repeat the search.
            raise unavailable(
                f"{index} answered a search with {response['error']['type']} "
                f"(status {response['status']})"
            )
    return responses


def alias_name(backend, language_code):
    # Index names are lower case; the site's prefix is taken as the site wrote it.
    return f"{backend.index_prefix}wagtail_ikut_services_{language_code.lower()}"


def helpers(backend):
    return importlib.import_module(type(backend.es).__module__.split(".")[0] + ".helpers")
