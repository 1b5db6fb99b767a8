"""CORS for the package's API routes through django-cors-headers, from ``CORS_ALLOWED_ORIGINS``.

django-cors-headers answers the preflight requests and writes the headers; the package only
tells it, through its ``check_request_enabled`` signal, which requests may be read by which
origins, so that the site's own ``CORS_*`` settings stay the site's for its other URLs.
"""

from django.urls import Resolver404, resolve

from wagtail_ikut.conf import ikut_settings


def is_package_api(path):
    """Tell whether ``path`` is one of the package's routes on Wagtail's API v3."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return "wagtailapi_v3" in match.namespaces and (match.url_name or "").startswith("ikut_")


def allow_listed_origins(sender, request, **kwargs):
    """Let an origin of ``CORS_ALLOWED_ORIGINS`` read the package's API routes."""
    origin = request.headers.get("Origin")
    return origin in ikut_settings.CORS_ALLOWED_ORIGINS and is_package_api(request.path_info)


def register_signal_handlers():
    from corsheaders.signals import check_request_enabled

    check_request_enabled.connect(allow_listed_origins, dispatch_uid="wagtail_ikut_cors")
