"""Middleware for the host site: a locale middleware in place of Django's, privacy headers, early
revalidation."""

from django.middleware import locale
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

from wagtail_ikut.core import http_cache

#: The URL namespaces of the JSON APIs, whose clients must get their "not found" as it is.
JSON_APIS = {"wagtailapi_v3", "wagtail_ikut_hsds"}


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a "not found" from Wagtail's API v3 or the HSDS API stays a 404.

    With ``i18n_patterns`` prefixing the default language and Wagtail's pages served below them,
    Django's middleware answers every 404 outside the prefixes with a redirect to the same path
    under ``/fi/``, where a page 404s in HTML: an API client would follow it and lose the JSON.
    """

    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        if response.status_code == 404 and match and JSON_APIS.intersection(match.namespaces):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


#: Everything a public page needs comes from the site itself: its scripts and style sheets are
#: files under ``STATIC_URL`` (no inline script, ``<style>`` or ``style`` attribute; a JSON-LD
#: ``<script type="application/ld+json">`` is data, not run, and ``script-src`` leaves it be).
#: ``data:`` images only for what a style sheet embeds. No page may be framed by another site.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: The directory's "use my location" asks for the position, on the site's own pages only; no
#: other powerful feature is used, by the site or anything it might frame. ``interest-cohort``
#: and ``browsing-topics``: the visit is not to feed the browser's advertising interests.
PERMISSIONS_POLICY = ", ".join(
    (
        "geolocation=(self)",
        "camera=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "hid=()",
        "midi=()",
        "display-capture=()",
        "accelerometer=()",
        "gyroscope=()",
        "magnetometer=()",
        "interest-cohort=()",
        "browsing-topics=()",
    )
)

#: The headers :class:`PrivacyHeadersMiddleware` adds, each only if the response has none.
PRIVACY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": PERMISSIONS_POLICY,
    # A link followed from a page tells the next site nothing: not even that the visitor came
    # from a page about human trafficking.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class PrivacyHeadersMiddleware(MiddlewareMixin):
    """Add :data:`PRIVACY_HEADERS` to every response outside the Wagtail admin.

    Put it just after Django's ``SecurityMiddleware`` (which sets a ``Referrer-Policy`` of its
    own when none is set, so it has to see this one's first) and before the others, so that it
    covers their answers too: redirects, "not found", the API's errors.

    The admin is told apart by its address: whatever is under the prefix of
    ``reverse("wagtailadmin_home")``. Not by ``request.resolver_match``: there is none for a 404
    or for an answer a middleware gives before the URL is resolved (the admin's redirect to its
    login form, for one), and the admin's views have no one namespace to look for. The admin
    needs inline scripts and styles, so it is left as Wagtail sets it up.
    """

    def process_response(self, request, response):
        if not self._is_admin(request):
            for header, value in PRIVACY_HEADERS.items():
                response.headers.setdefault(header, value)
        return response

    @staticmethod
    def _is_admin(request):
        try:
            prefix = reverse("wagtailadmin_home")
        except NoReverseMatch:  # A site without the admin.
            return False
        return request.path.startswith(prefix)


class RevalidationMiddleware:
    """Answer a revalidation of a current public page or API answer with 304 straight away.

    Without it the page's or the route's own check answers the same 304, after Wagtail has found
    the page (a query a level of the path) or Ninja has read the parameters. Place it after
    ``AuthenticationMiddleware`` (an editor's pages are never cached) and ``LocaleMiddleware``
    (an answer's ETag includes its language).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return http_cache.not_modified(request) or self.get_response(request)
