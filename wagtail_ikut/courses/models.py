"""Course pages, e.g. a ten-week working-life course, and the course index that lists them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from wagtail_ikut.core.http_cache import DAY, public_page
from wagtail_ikut.core.panels import page_tabs
from wagtail_ikut.courses.details import CourseStatus, not_finished_q
from wagtail_ikut.courses.forms import CoursePageForm

#: How a person can get onto a course, in the order the public sees them; each a BooleanField.
ENROLMENT_ROUTES = ("referral_by_social_worker", "referral_by_assistance_system", "apply_directly")

RICH_TEXT = ["bold", "link", "ol", "ul"]


class CalendarFeedMixin(RoutablePageMixin):
    """Serve the upcoming instances of ``calendar_courses()`` at the sub-URL ``ical/``."""

    @public_page(DAY)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def calendar_courses(self):
        raise NotImplementedError

    @property
    def ical_url(self):
        return (self.url or "") + self.reverse_subpage("ical")

    @path("ical/", name="ical")
    def ical_feed(self, request):
        """Serve the courses' upcoming instances as an iCalendar feed."""
        from wagtail_ikut.courses.ical import calendar_response

        return calendar_response(request, self.title, self.calendar_courses())


class CourseFormat(models.TextChoices):
    GROUP = "group", _("Group activities")
    INDIVIDUAL = "individual", _("Individual guidance")
    BOTH = "both", _("Both")


class CoursePageMixin(CalendarFeedMixin, models.Model):
    """The fields and behaviour of a course, for any page class."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two short sentences in plain language: what the course is, for whom."),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT)
    organiser = models.ForeignKey(
        "wagtail_ikut.Organisation",
        verbose_name=_("organiser"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation that runs the course and answers questions about it."),
    )
    partners = ParentalManyToManyField(
        "wagtail_ikut.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="+",
        help_text=_("E.g. the NGOs and city services that run parts of the course."),
    )
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"), null=True, blank=True)
    hours_per_week_min = models.PositiveSmallIntegerField(
        _("hours a week, at least"), null=True, blank=True
    )
    hours_per_week_max = models.PositiveSmallIntegerField(
        _("hours a week, at most"),
        null=True,
        blank=True,
        help_text=_("The same as the least for a fixed workload."),
    )
    group_size_min = models.PositiveSmallIntegerField(_("smallest group"), null=True, blank=True)
    group_size_max = models.PositiveSmallIntegerField(_("largest group"), null=True, blank=True)
    initial_assessment = models.BooleanField(
        _("initial assessment"),
        default=False,
        help_text=_("The course starts with a comprehensive assessment of each participant."),
    )
    group_activities = models.BooleanField(_("group activities"), default=True)
    individual_guidance = models.BooleanField(_("individual guidance"), default=False)
    structure = RichTextField(
        _("how the course is built"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("The weeks in order, what happens in the group and in individual meetings."),
    )
    themes = ParentalManyToManyField(
        "wagtail_ikut.CourseTheme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    languages = ParentalManyToManyField(
        "wagtail_ikut.Language",
        verbose_name=_("languages of instruction"),
        blank=True,
        related_name="+",
    )
    interpretation_languages = ParentalManyToManyField(
        "wagtail_ikut.Language",
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
    )
    funder_name = models.CharField(
        _("funder"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “European Social Fund Plus (ESF+)”."),
    )
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Innovation and Skills in Finland 2021–2027”."),
    )
    funding_emblem = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("funder's emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("E.g. the EU emblem with “Co-funded by the European Union” as its alt text."),
    )
    eligibility = RichTextField(
        _("who can take part"), blank=True, features=RICH_TEXT, help_text=_("In plain language.")
    )
    referral_by_social_worker = models.BooleanField(
        _("by a referral from a social worker"), default=False
    )
    referral_by_assistance_system = models.BooleanField(
        _("by a referral from the Assistance System for Victims of Human Trafficking"),
        default=False,
    )
    apply_directly = models.BooleanField(_("by applying directly"), default=False)
    how_to_apply = RichTextField(
        _("how to apply or be referred"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("The first step a person takes, e.g. “Ask your social worker to refer you.”"),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Accessible premises, breaks, childcare, materials in plain language…"),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    cost = models.CharField(
        _("cost"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty when the course is free of charge."),
    )

    search_fields = [index.SearchField("summary"), index.SearchField("description")]

    base_form_class = CoursePageForm
    #: The editor's panels by tab; the course's Content panels follow the base page's.
    course_panels = [
        FieldPanel("summary"),
        FieldPanel("organiser"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("duration_weeks"),
                FieldRowPanel([FieldPanel("hours_per_week_min"), FieldPanel("hours_per_week_max")]),
                FieldRowPanel([FieldPanel("group_size_min"), FieldPanel("group_size_max")]),
                FieldPanel("initial_assessment"),
                FieldPanel("group_activities"),
                FieldPanel("individual_guidance"),
                FieldPanel("structure"),
            ],
            heading=_("Extent and structure"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("interpretation_languages", widget=forms.CheckboxSelectMultiple),
    ]
    enrolment_panels = [
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [FieldPanel(name) for name in ENROLMENT_ROUTES], heading=_("Ways onto the course")
        ),
        FieldPanel("how_to_apply"),
        FieldRowPanel([FieldPanel("free_of_charge"), FieldPanel("cost")]),
        FieldPanel("accessibility"),
        InlinePanel("contact_channels", heading=_("Contact channels")),
    ]
    instance_panels = [InlinePanel("instances", heading=_("Course instances"))]
    funding_panels = [
        FieldPanel("funder_name"),
        FieldPanel("funding_programme"),
        FieldPanel("funding_emblem"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a course page built on the page class ``base``."""
        return page_tabs(
            base,
            cls.course_panels,
            (_("Dates and places"), cls.instance_panels),
            (_("Enrolment and contact"), cls.enrolment_panels),
            (_("Funding"), cls.funding_panels),
        )

    @property
    def course_format(self):
        if self.group_activities and self.individual_guidance:
            return CourseFormat.BOTH
        return CourseFormat.INDIVIDUAL if self.individual_guidance else CourseFormat.GROUP

    @property
    def enrolment_routes(self):
        """Return the labels of the ways onto the course that are on."""
        return [
            self._meta.get_field(name).verbose_name
            for name in ENROLMENT_ROUTES
            if getattr(self, name)
        ]

    def upcoming_instances(self, today=None):
        """Return the instances that have not finished, cancelled ones included, by start."""
        today = today or timezone.localdate()
        return self.instances.filter(not_finished_q(today)).order_by("start_date")

    def instances_with_status(self, today=None):
        """Return (instance, status) pairs of the upcoming instances."""
        today = today or timezone.localdate()
        return [
            (instance, instance.status_on(today))
            for instance in self.upcoming_instances(today).select_related("municipality")
        ]

    def has_upcoming(self, today=None):
        return self.upcoming_instances(today).exclude(status=CourseStatus.CANCELLED).exists()

    def clean(self):
        super().clean()
        errors = {}
        if self.free_of_charge and self.cost:
            errors["cost"] = _("A course marked free of charge cannot also have a cost.")
        for low, high, message in (
            (
                "group_size_min",
                "group_size_max",
                _("The largest group cannot be smaller than the smallest."),
            ),
            (
                "hours_per_week_min",
                "hours_per_week_max",
                _("The most hours cannot be fewer than the least."),
            ),
        ):
            least, most = getattr(self, low), getattr(self, high)
            if least is not None and most is not None and most < least:
                errors[high] = message
        if not (self.group_activities or self.individual_guidance):
            errors["group_activities"] = _("Choose group activities, individual guidance or both.")
        if errors:
            raise ValidationError(errors)

    def calendar_courses(self):
        return [self]


class CoursePage(CoursePageMixin, Page):
    """A course, with its instances."""

    parent_page_types = ["wagtail_ikut.CourseIndexPage"]
    subpage_types = []
    template = "wagtail_ikut/course_page.html"
    search_fields = Page.search_fields + CoursePageMixin.search_fields
    edit_handler = CoursePageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class CourseIndexPageMixin(CalendarFeedMixin, models.Model):
    """The fields of a page that lists the courses below it, with filters."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a course index built on the page class ``base``."""
        return page_tabs(base, [FieldPanel("intro")])

    def get_context(self, request, *args, **kwargs):
        from wagtail_ikut.courses.listing import CourseListing, index_courses

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = CourseListing(index_courses(self), self.locale, request.GET).run()
        return context

    def calendar_courses(self):
        from wagtail_ikut.courses.listing import index_courses

        return index_courses(self)


class CourseIndexPage(CourseIndexPageMixin, Page):
    """A list of the courses below it, with filters and a calendar feed."""

    # An index shared by several organisations lists the courses of its sections: an index each,
    # so that each organisation's editors can be given their own (ikut_setup_editors).
    subpage_types = ["wagtail_ikut.CoursePage", "wagtail_ikut.CourseIndexPage"]
    template = "wagtail_ikut/course_index_page.html"
    edit_handler = CourseIndexPageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")
