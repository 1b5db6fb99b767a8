"""A per-client rate limit for the package's API and the directory: fixed windows counted in
Django's cache, keyed by a keyed hash of the client's address, never by the address itself."""

import functools
import time

from django.core.cache import caches
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

from wagtail_ikut.conf import ikut_settings


def client_address(request):
    """Return the client's address: the trusted proxy's header if the site names one."""
    header = ikut_settings.CLIENT_ADDRESS_HEADER
    if header:
        # The nearest proxy writes the address it saw last; what comes before, anyone can write.
        address = request.headers.get(header, "").rsplit(",", 1)[-1].strip()
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")


def counter_key(scope, address, window):
    """Return the cache key counting ``address``'s requests to ``scope`` in ``window``."""
    # Keyed with SECRET_KEY: a plain hash of an IPv4 address is undone by trying all 2³² of them.
    digest = salted_hmac("wagtail_ikut.rate_limit", address, algorithm="sha256").hexdigest()
    return f"wagtail_ikut:rate_limit:{scope}:{window}:{digest}"


def seconds_to_wait(request, scope, limit):
    """Count the request; return the seconds until the window ends if it is over ``limit``."""
    if not limit:
        return None
    length = ikut_settings.RATE_LIMIT_WINDOW
    window, elapsed = divmod(int(time.time()), length)
    remaining = length - elapsed
    cache = caches[ikut_settings.RATE_LIMIT_CACHE]
    key = counter_key(scope, client_address(request), window)
    # The counter lives as long as its window, no longer. add() and incr() are atomic in
    # Redis and memcached, so concurrent requests are all counted.
    cache.add(key, 0, timeout=remaining)
    try:
        count = cache.incr(key)
    except ValueError:  # The window ended between the two.
        return None
    return remaining if count > limit else None


def limit_api(view):
    """Decorate an API view to answer ``429`` (problem+json) over ``API_RATE_LIMIT``."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        wait = seconds_to_wait(request, "api", ikut_settings.API_RATE_LIMIT)
        if wait is None:
            return view(request, *args, **kwargs)
        response = problem_response(
            status=429,
            detail=_("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": wait},
        )
        response["Retry-After"] = str(wait)
        return response

    return answer


def limit_page(serve):
    """Decorate a page's ``serve()`` to answer ``429`` over ``DIRECTORY_RATE_LIMIT``."""

    @functools.wraps(serve)
    def answer(page, request, *args, **kwargs):
        wait = seconds_to_wait(request, "directory", ikut_settings.DIRECTORY_RATE_LIMIT)
        if wait is None:
            return serve(page, request, *args, **kwargs)
        response = TemplateResponse(
            request, "wagtail_ikut/429.html", {"page": page, "seconds": wait}, status=429
        )
        response["Retry-After"] = str(wait)
        return response

    return answer
