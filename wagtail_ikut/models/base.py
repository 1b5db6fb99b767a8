"""The base page class the package's concrete pages extend."""

import swapper
from django.apps import apps


def get_base_page_model():
    """Return the site's base page model, ``WAGTAIL_PAGE_MODEL`` (Wagtail's ``Page`` by default).

    Called while models load, so the app that defines a custom base page must come before
    ``wagtail_ikut`` in ``INSTALLED_APPS``.
    """
    return apps.get_model(swapper.get_model_name("wagtailcore", "Page"), require_ready=False)
