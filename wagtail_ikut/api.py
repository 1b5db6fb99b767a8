"""The package's public JSON API: routers added to Wagtail's API v3 (django-ninja)."""


def register(api):
    """Add the package's routers to a django-ninja API (Wagtail's own, from ``ready()``)."""
    from wagtail_ikut.core import api as taxonomies
    from wagtail_ikut.courses import api as courses
    from wagtail_ikut.guidance import api as guidance
    from wagtail_ikut.services import api as services

    api.add_router("/services/", services.router)
    api.add_router("/courses/", courses.router)
    api.add_router("/guidance/", guidance.router)
    api.add_router("/categories/", taxonomies.categories)
    api.add_router("/municipalities/", taxonomies.municipalities)
    api.add_router("/languages/", taxonomies.languages)
    api.add_router("/organisations/", taxonomies.organisations)
