"""Django's error views with the package's templates, which carry the quick exit: for a host
site's ``handler404`` and ``handler500``."""

from django.views import defaults


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="wagtail_ikut/404.html")


def server_error(request):
    return defaults.server_error(request, template_name="wagtail_ikut/500.html")
