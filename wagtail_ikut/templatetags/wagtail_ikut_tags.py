import json

import swapper
from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.dates import format_date
from wagtail_ikut.core.navigation import breadcrumb_trail
from wagtail_ikut.core.visibility import chosen_pages, public_pages
from wagtail_ikut.courses.models import CourseIndexPage
from wagtail_ikut.courses.structured_data import course_json_ld as course_data
from wagtail_ikut.guidance.models import GuidanceIndexPage
from wagtail_ikut.guidance.structured_data import guidance_json_ld as guidance_data
from wagtail_ikut.safety import models as safety
from wagtail_ikut.services import hours
from wagtail_ikut.services.models import ServiceDirectoryPage
from wagtail_ikut.services.structured_data import service_json_ld as service_data
from wagtail_ikut.services.visibility import public_services

register = template.Library()

#: The package's sections a front page links to, in this order, with what each offers.
SECTIONS = [
    (ServiceDirectoryPage, _("search by what you need, where you are and your language")),
    (CourseIndexPage, _("their dates and places, and how to join")),
    (GuidanceIndexPage, _("for municipal staff, on helping victims step by step")),
]


@register.simple_tag
def quick_exit_url():
    """Return where the quick-exit control leads."""
    return ikut_settings.QUICK_EXIT_URL


@register.simple_tag(takes_context=True)
def safety_page_url(context):
    """Return the address of the site's "staying safe online" page in the current language,
    or "" where there is none or no request (the server error page may have no database)."""
    request = context.get("request")
    return safety.safety_page_url(request) if request is not None else ""


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
    return mark_safe(  # noqa: S308 - the only markup is ours, the data is escaped above  # nosec B308 B703
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


@register.filter(expects_localtime=True)
def public_date(value, kind="date"):
    """Write a date as the package's public pages do in the active language (core/dates.py)."""
    return "" if value in (None, "") else format_date(value, kind)


@register.inclusion_tag("wagtail_ikut/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Render the way back from ``page`` to its site's front page."""
    return {"request": context.get("request"), "page": page, "trail": breadcrumb_trail(page)}


@register.simple_tag
def public_sections(page):
    """Return the service directories, course indexes and guidance indexes below ``page``, in
    its language, that the public may read, each with what it offers."""
    return [
        (section, offers)
        for model, offers in SECTIONS
        for section in public_pages(
            model.objects.descendant_of(page).filter(locale_id=page.locale_id)
        ).order_by("path")
    ]
