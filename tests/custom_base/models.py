"""A site's own base page and its own classes of the package's page types, as the how-to on a
site's own base page tells a site to write them."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from wagtail_ikut.courses.details import AbstractCourseContact, AbstractCourseInstance
from wagtail_ikut.courses.models import CourseIndexPageMixin, CoursePageMixin
from wagtail_ikut.guidance.models import (
    AbstractGuidanceChangeNote,
    AbstractGuidanceLegalReference,
    GuidanceIndexPageMixin,
    GuidancePageMixin,
)
from wagtail_ikut.services.details import (
    AbstractContactChannel,
    AbstractOpeningHours,
    AbstractOpeningHoursException,
    AbstractServiceLocation,
)
from wagtail_ikut.services.models import ServiceDirectoryPageMixin, ServicePageMixin


class SiteBasePage(Page):
    """The site's base page: every page of the site has a strapline."""

    strapline = models.CharField(max_length=255, blank=True)

    is_creatable = False
    content_panels = [*Page.content_panels, FieldPanel("strapline")]


class SiteServiceDirectoryPage(ServiceDirectoryPageMixin, SiteBasePage):
    subpage_types = ["custom_base.SiteServicePage"]
    template = "wagtail_ikut/service_directory_page.html"
    edit_handler = ServiceDirectoryPageMixin.edit_handler_for(SiteBasePage)


class SiteServicePage(ServicePageMixin, SiteBasePage):
    parent_page_types = ["custom_base.SiteServiceDirectoryPage"]
    subpage_types = []
    template = "wagtail_ikut/service_page.html"
    search_fields = SiteBasePage.search_fields + ServicePageMixin.search_fields
    edit_handler = ServicePageMixin.edit_handler_for(SiteBasePage)


class SiteServiceLocation(AbstractServiceLocation):
    page = ParentalKey(SiteServicePage, on_delete=models.CASCADE, related_name="locations")


class SiteOpeningHours(AbstractOpeningHours):
    page = ParentalKey(SiteServicePage, on_delete=models.CASCADE, related_name="opening_hours")


class SiteOpeningHoursException(AbstractOpeningHoursException):
    page = ParentalKey(SiteServicePage, on_delete=models.CASCADE, related_name="hours_exceptions")


class SiteContactChannel(AbstractContactChannel):
    page = ParentalKey(SiteServicePage, on_delete=models.CASCADE, related_name="contact_channels")


class SiteCourseIndexPage(CourseIndexPageMixin, SiteBasePage):
    subpage_types = ["custom_base.SiteCoursePage"]
    template = "wagtail_ikut/course_index_page.html"
    edit_handler = CourseIndexPageMixin.edit_handler_for(SiteBasePage)


class SiteCoursePage(CoursePageMixin, SiteBasePage):
    parent_page_types = ["custom_base.SiteCourseIndexPage"]
    subpage_types = []
    template = "wagtail_ikut/course_page.html"
    search_fields = SiteBasePage.search_fields + CoursePageMixin.search_fields
    edit_handler = CoursePageMixin.edit_handler_for(SiteBasePage)


class SiteCourseInstance(AbstractCourseInstance):
    page = ParentalKey(SiteCoursePage, on_delete=models.CASCADE, related_name="instances")


class SiteCourseContact(AbstractCourseContact):
    page = ParentalKey(SiteCoursePage, on_delete=models.CASCADE, related_name="contact_channels")


class SiteGuidanceIndexPage(GuidanceIndexPageMixin, SiteBasePage):
    subpage_types = ["custom_base.SiteGuidancePage"]
    template = "wagtail_ikut/guidance_index_page.html"
    edit_handler = GuidanceIndexPageMixin.edit_handler_for(SiteBasePage)


class SiteGuidancePage(GuidancePageMixin, SiteBasePage):
    parent_page_types = ["custom_base.SiteGuidanceIndexPage"]
    subpage_types = []
    template = "wagtail_ikut/guidance_page.html"
    search_fields = SiteBasePage.search_fields + GuidancePageMixin.search_fields
    edit_handler = GuidancePageMixin.edit_handler_for(SiteBasePage)


class SiteGuidanceChangeNote(AbstractGuidanceChangeNote):
    page = ParentalKey(SiteGuidancePage, on_delete=models.CASCADE, related_name="change_notes")


class SiteGuidanceLegalReference(AbstractGuidanceLegalReference):
    page = ParentalKey(
        SiteGuidancePage, on_delete=models.CASCADE, related_name="legal_reference_links"
    )
