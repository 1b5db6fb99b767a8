from django import template

from wagtail_ikut.conf import ikut_settings

register = template.Library()


@register.simple_tag
def quick_exit_url():
    """Return where the quick-exit control leads."""
    return ikut_settings.QUICK_EXIT_URL


@register.simple_tag
def page_translations(page):
    """Return the live versions of ``page`` in every language, the current one included."""
    return page.get_translations(inclusive=True).live().select_related("locale")
