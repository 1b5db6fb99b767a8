"""Middleware a site may use in place of Django's."""

from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a "not found" from Wagtail's API v3 stays a 404.

    With ``i18n_patterns`` prefixing the default language and Wagtail's pages served below them,
    Django's middleware answers every 404 outside the prefixes with a redirect to the same path
    under ``/fi/``, where a page 404s in HTML: an API client would follow it and lose the JSON.
    """

    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        if response.status_code == 404 and match and "wagtailapi_v3" in match.namespaces:
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
