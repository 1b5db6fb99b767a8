"""The service page's editor form."""

from wagtail_ikut.core.forms import TranslatedChoicesPageForm


class ServicePageForm(TranslatedChoicesPageForm):
    translatable_choices = (
        "provider",
        "categories",
        "target_groups",
        "municipalities",
        "languages",
    )
    translatable_child_choices = {"locations": ("municipality",)}
