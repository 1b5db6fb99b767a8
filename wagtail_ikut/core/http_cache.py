"""HTTP caching of public answers: validators from the public content version, and 304s.

An answer's ETag is made of what it depends on: the package's version, the public content
version (core/versions.py), the period of the clock the answer reads ("open now", "in force
today"), the active language and the address with its query string. Django's
``get_conditional_response`` compares them with ``If-None-Match`` and ``If-Modified-Since`` before
the view runs, so a revalidation costs no rendering.

An ETag ends with the letters of its period and its surface (``-ma``: the clock's minute, the
API), so that :func:`not_modified`, run by ``wagtail_ikut.middleware.RevalidationMiddleware``
before Wagtail routes the request or Ninja reads its parameters, can recompute it from the request
alone and answer a current copy's revalidation with one small query.
"""

import contextlib
import contextvars
import dataclasses
import functools
import hashlib

import swapper
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_etags
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.signals import post_page_move

import wagtail_ikut
from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.rate_limit import seconds_to_wait
from wagtail_ikut.core.versions import PublicContentVersion, VersionToken

#: Answers that read the clock to the minute: whether a service is open now.
MINUTE = "minute"
#: Answers that read today's date: a course run's status, the guidance steps in force.
DAY = "day"
#: The letter of each period in an ETag.
PERIOD_CODES = {None: "n", MINUTE: "m", DAY: "d"}
PERIODS = {code: period for period, code in PERIOD_CODES.items()}


@dataclasses.dataclass(frozen=True)
class Surface:
    """Where a public answer is served, and so its Cache-Control, Vary and rate limit."""

    code: str
    cache_control: str  # the name of the setting
    vary: tuple = ()
    rate_scope: str | None = None
    rate_limit: str | None = None  # the name of the setting

    def is_private_to(self, request):
        # An editor's page has Wagtail's user bar: theirs alone. The API has no such thing.
        user = getattr(request, "user", None)
        return self is not API and user is not None and user.is_authenticated


API = Surface("a", "API_CACHE_CONTROL", ("Accept-Language",), "api", "API_RATE_LIMIT")
PAGE = Surface("p", "PAGE_CACHE_CONTROL")
#: The directory page, rate limited as its search is.
SEARCH_PAGE = Surface("s", "PAGE_CACHE_CONTROL", (), "directory", "DIRECTORY_RATE_LIMIT")
SURFACES = {surface.code: surface for surface in (API, PAGE, SEARCH_PAGE)}


def clock_period(changes_every, now=None):
    """Return when the clock's current minute or day began, or None for ``changes_every=None``."""
    if changes_every is None:
        return None
    now = timezone.localtime(now)
    if changes_every == DAY:
        now = now.replace(hour=0, minute=0)
    return now.replace(second=0, microsecond=0)


def validators(request, changes_every, surface, version=None):
    """Return the ETag and the Last-Modified time of the public answer to ``request``.

    ``version`` is the public content version's token and time, if already read.
    """
    token, changed_at = version or PublicContentVersion.read()
    period = clock_period(changes_every)
    parts = (
        wagtail_ikut.__version__,
        token,
        period,
        translation.get_language(),
        request.get_full_path(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    etag = f'"{digest}-{PERIOD_CODES[changes_every]}{surface.code}"'
    last_modified = max((moment for moment in (changed_at, period) if moment), default=None)
    return etag, last_modified


def with_validators(response, surface, etag, last_modified):
    """Mark a 200 or a 304 with its validators and its surface's Cache-Control and Vary."""
    response.headers.setdefault("ETag", etag)
    if last_modified is not None:
        response.headers.setdefault("Last-Modified", http_date(int(last_modified.timestamp())))
    cache_control = getattr(ikut_settings, surface.cache_control)
    if cache_control:
        response.headers.setdefault("Cache-Control", cache_control)
    patch_vary_headers(response, surface.vary)
    return response


def conditional(view, request, changes_every, surface):
    """Answer 304 if the client's copy is current, else run ``view``; mark a 200 or a 304."""
    if request.method not in ("GET", "HEAD"):
        return view(request)
    etag, last_modified = validators(request, changes_every, surface)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = view(request)
        # An error is not a representation to revalidate; and it has changed when it is fixed.
        if response.status_code != 200:
            return response
    return with_validators(response, surface, etag, last_modified)


def not_modified(request):
    """Return a 304 if ``request`` revalidates a current public answer, else None.

    Only the ETags this module makes are recomputed, from their last letters; anything else, an
    editor's request and a client over its rate limit go on to the view, which answers as usual.
    """
    if request.method not in ("GET", "HEAD"):
        return None
    given = parse_etags(request.headers.get("If-None-Match", ""))
    version = None
    for etag in given:
        codes = etag.strip('"').rpartition("-")[2]
        if codes[:1] not in PERIODS or codes[1:] not in SURFACES:
            continue
        changes_every, surface = PERIODS[codes[:1]], SURFACES[codes[1:]]
        if surface.is_private_to(request):
            return None
        version = version or PublicContentVersion.read()
        current, last_modified = validators(request, changes_every, surface, version)
        if etag != current:
            continue
        limit = getattr(ikut_settings, surface.rate_limit) if surface.rate_limit else 0
        if seconds_to_wait(request, surface.rate_scope, limit) is not None:
            return None
        return with_validators(HttpResponseNotModified(), surface, current, last_modified)
    return None


def public_api(changes_every=None):
    """Decorate an API view (a router's, ``mode="view"``) to revalidate and be cached."""

    def decorator(view):
        @functools.wraps(view)
        def answer(request, *args, **kwargs):
            response = conditional(
                lambda request: view(request, *args, **kwargs), request, changes_every, API
            )
            # Errors and labels are in the language the request asks for.
            patch_vary_headers(response, API.vary)
            return response

        return answer

    return decorator


def public_page(changes_every=None, surface=PAGE):
    """Decorate a page's ``serve()`` to revalidate and be cached, for visitors not logged in."""

    def decorator(serve):
        @functools.wraps(serve)
        def answer(page, request, *args, **kwargs):
            def render(request):
                return serve(page, request, *args, **kwargs)

            if surface.is_private_to(request):
                response = render(request)
                add_never_cache_headers(response)
                return response
            response = conditional(render, request, changes_every, surface)
            if getattr(response, "is_rendered", True):
                per_visitor(request, response)
            else:  # A template response: its template may yet ask for a CSRF token.
                response.add_post_render_callback(lambda response: per_visitor(request, response))
            return response

        return answer

    return decorator


def per_visitor(request, response):
    """Keep a response that sets a cookie or holds a CSRF token out of every shared cache."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        for header in ("ETag", "Last-Modified", "Cache-Control"):
            response.headers.pop(header, None)
        add_never_cache_headers(response)


#: Set inside content_changes_as_one(): whether the block has changed public content.
_changes = contextvars.ContextVar("wagtail_ikut_public_content_changes", default=None)


@contextlib.contextmanager
def content_changes_as_one():
    """Change the public content version once, as the block ends, for all the changes it
    makes, instead of at every save: an import saves thousands of objects in one transaction,
    which no one sees before it commits."""
    changes = []
    token = _changes.set(changes)
    try:
        yield
    finally:
        _changes.reset(token)
    if changes:
        PublicContentVersion.bump()


def public_content_changed(sender, **kwargs):
    """Change the public content version when a page, a restriction or a snippet changes."""
    from wagtail.snippets.models import get_snippet_models

    Page = swapper.load_model("wagtailcore", "Page")
    watched = (Page, PageViewRestriction, Site, Locale, VersionToken, *get_snippet_models())
    # Another version token is derived public data changing, such as the directory's index,
    # which an import writes after its transaction has committed the pages.
    if not issubclass(sender, watched) or sender is PublicContentVersion:
        return
    changes = _changes.get()
    if changes is None:
        PublicContentVersion.bump()
    else:
        changes.append(sender)


def register_signal_handlers():
    for signal in (post_save, post_delete, post_page_move):
        signal.connect(public_content_changed, dispatch_uid="wagtail_ikut_public_content_changed")
