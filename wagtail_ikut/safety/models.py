"""A page of advice on staying safe online, which the quick exit on every public page links to."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, Site

from wagtail_ikut.core.panels import page_tabs
from wagtail_ikut.core.versions import PublicContentVersion
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.safety.blocks import SafetyAdviceBlock


class SafetyPageMixin(models.Model):
    """The fields of a "staying safe online" page, for any page class."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])
    body = StreamField(
        [
            ("advice", SafetyAdviceBlock()),
            ("text", blocks.RichTextBlock(features=["h2", "h3", "bold", "link", "ol", "ul"])),
        ],
        default=[("advice", None)],
        verbose_name=_("body"),
        help_text=_(
            "The package's advice, and anything to add for this site, such as local help lines."
        ),
    )

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a safety page built on the page class ``base``."""
        return page_tabs(base, [FieldPanel("intro"), FieldPanel("body")])


class SafetyPage(SafetyPageMixin, Page):
    """Advice for visitors who may be watched: how to leave and leave no trace."""

    template = "wagtail_ikut/safety_page.html"
    subpage_types = []
    edit_handler = SafetyPageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("staying safe online page")
        verbose_name_plural = _("staying safe online pages")


def safety_page_for(request):
    """Return the public safety page of the request's site in the current language, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.get_translation_or_none(Locale.get_active()) or site.root_page
    pages = public_pages(SafetyPage.objects.descendant_of(root).filter(locale=root.locale_id))
    return pages.order_by("path").first()


def safety_page_url(request):
    """Return the address of the request's safety page, or "" where there is none.

    Every public page links to it: it is looked up once a process for each site and language
    until public content changes, not on every page.
    """
    site = Site.find_for_request(request)
    key = ("safety page url", site.pk if site else None, translation.get_language())

    def build():
        page = safety_page_for(request)
        return page.get_url(request) if page is not None else ""

    return PublicContentVersion.until_changed(PublicContentVersion.current(), key, build)
