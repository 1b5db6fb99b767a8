import json

import swapper
from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from wagtail_ikut import hours, structured_data, visibility
from wagtail_ikut.conf import ikut_settings

register = template.Library()


@register.simple_tag
def quick_exit_url():
    """Return where the quick-exit control leads."""
    return ikut_settings.QUICK_EXIT_URL


@register.simple_tag
def page_translations(page):
    """Return the live versions of ``page`` in every language, the current one included,
    with what a link to each needs: its URL path and language."""
    return (
        page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .only("url_path", "locale__language_code")
    )


@register.simple_tag
def json_ld(data):
    """Render ``data`` as a JSON-LD script element, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # "<" can close the script element early; JSON reads "\u003c" as the same character.
    return mark_safe(  # noqa: S308 - the only markup is ours, the data is escaped above
        '<script type="application/ld+json">' + text.replace("<", "\\u003c") + "</script>"
    )


@register.simple_tag(takes_context=True)
def service_json_ld(context, page):
    """Render a service page's schema.org data."""
    return json_ld(structured_data.service_json_ld(page, page.get_full_url(context.get("request"))))


@register.simple_tag(takes_context=True)
def guidance_json_ld(context, page):
    """Render a guidance page's schema.org data."""
    return json_ld(
        structured_data.guidance_json_ld(page, page.get_full_url(context.get("request")))
    )


@register.filter
def public_pages_among(pages):
    """Keep the pages of a page chooser's list that the public may read."""
    Page = swapper.load_model("wagtailcore", "Page")
    return visibility.chosen_pages(pages, visibility.public_pages(Page.objects))


@register.filter
def public_services_among(pages):
    """Keep the services of a page chooser's list that the public may find."""
    return visibility.chosen_pages(pages, visibility.public_services())


@register.simple_tag
def service_week(page):
    """Return the service's opening periods for the coming seven days."""
    return hours.week(page, timezone.localdate())


@register.simple_tag
def service_status(page):
    """Return whether the service is open now, and until when."""
    return hours.status_at(page, timezone.now())


@register.simple_tag(takes_context=True)
def course_json_ld(context, page):
    """Render a course page's schema.org data."""
    url = page.get_full_url(context.get("request"))
    return json_ld(structured_data.course_json_ld(page, url, timezone.localdate()))
