import json

import swapper
from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.visibility import chosen_pages, public_pages
from wagtail_ikut.courses.structured_data import course_json_ld as course_data
from wagtail_ikut.guidance.structured_data import guidance_json_ld as guidance_data
from wagtail_ikut.services import hours
from wagtail_ikut.services.structured_data import service_json_ld as service_data
from wagtail_ikut.services.visibility import public_services

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
    return json_ld(service_data(page, page.get_full_url(context.get("request"))))


@register.simple_tag(takes_context=True)
def guidance_json_ld(context, page):
    """Render a guidance page's schema.org data."""
    return json_ld(guidance_data(page, page.get_full_url(context.get("request"))))


@register.filter
def public_pages_among(pages):
    """Keep the pages of a page chooser's list that the public may read."""
    Page = swapper.load_model("wagtailcore", "Page")
    return chosen_pages(pages, public_pages(Page.objects))


@register.filter
def public_services_among(pages):
    """Keep the services of a page chooser's list that the public may find."""
    return chosen_pages(pages, public_services())


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
    return json_ld(course_data(page, url, timezone.localdate()))
