"""Service pages of the low-threshold directory and what they are made of."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.http_cache import MINUTE, SEARCH_PAGE, public_page
from wagtail_ikut.core.panels import page_tabs
from wagtail_ikut.core.rate_limit import limit_page
from wagtail_ikut.services.forms import ServicePageForm
from wagtail_ikut.services.panels import VerificationWarningPanel

#: The low-threshold flags, in the order the public sees them; each is a BooleanField.
LOW_THRESHOLD_FLAGS = (
    "walk_in",
    "anonymous",
    "no_id_required",
    "no_referral_required",
    "free_of_charge",
    "interpreter_available",
    "phone_24_7",
)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    ENDED = "ended", _("Ended")


class ServicePageMixin(models.Model):
    """The fields and behaviour of a service listing, for any page class."""

    provider = models.ForeignKey(
        "wagtail_ikut.Organisation",
        verbose_name=_("provider"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation that gives the service."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "One or two short sentences in plain language: what help, for whom. "
            "Shown in search results."
        ),
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "link", "ol", "ul"])
    categories = ParentalManyToManyField(
        "wagtail_ikut.ServiceCategory", verbose_name=_("categories"), blank=True, related_name="+"
    )
    target_groups = ParentalManyToManyField(
        "wagtail_ikut.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    nationwide = models.BooleanField(
        _("nationwide"),
        default=False,
        help_text=_("Available to people anywhere in Finland, e.g. a national help line."),
    )
    municipalities = ParentalManyToManyField(
        "wagtail_ikut.Municipality",
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="+",
    )
    languages = ParentalManyToManyField(
        "wagtail_ikut.Language", verbose_name=_("languages"), blank=True, related_name="+"
    )
    language_note = models.CharField(
        _("note on languages"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Other languages with an interpreter on request.”"),
    )

    walk_in = models.BooleanField(_("walk in without an appointment"), default=False)
    anonymous = models.BooleanField(_("can be used anonymously"), default=False)
    no_id_required = models.BooleanField(_("no ID or residence permit needed"), default=False)
    no_referral_required = models.BooleanField(_("no referral needed"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    interpreter_available = models.BooleanField(_("interpreter available"), default=False)
    phone_24_7 = models.BooleanField(_("phone line open 24/7"), default=False)

    eligibility = RichTextField(
        _("who can get help"),
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text=_("Who the service is for and any conditions, in plain language."),
    )
    how_to_get_help = RichTextField(
        _("how to get help"),
        blank=True,
        features=["bold", "link", "ol", "ul"],
        help_text=_("The first step a person takes: call, walk in, ask for a referral…"),
    )
    cost = models.CharField(
        _("cost"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty when the service is free of charge."),
    )
    required_documents = models.TextField(
        _("documents to bring"),
        blank=True,
        help_text=_("One document per line. Leave empty when none are needed."),
    )
    status = models.CharField(
        _("status"), max_length=32, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    status_note = models.CharField(
        _("note on the status"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Closed for renovation until 1 March; call the help line instead.”"),
    )
    open_24_7 = models.BooleanField(
        _("open 24/7"), default=False, help_text=_("The service's premises never close.")
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_(
            "Finnish public holidays, Christmas Eve and Midsummer Eve close the service "
            "unless an exception says otherwise."
        ),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked these details with the provider."),
    )
    verified_by = models.CharField(
        _("verified by"),
        max_length=255,
        blank=True,
        help_text=_("A role, not a person's name, e.g. “Helsinki anti-trafficking coordinator”."),
    )
    ptv_id = models.CharField(
        _("PTV identifier"),
        max_length=36,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The service's id in Suomi.fi PTV, set by ikut_import_ptv."),
    )
    hsds_id = models.CharField(
        _("HSDS identifier"),
        max_length=36,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "The service's id in the Open Referral HSDS data it came from, set by "
            "ikut_import_hsds; the HSDS export and API give it instead of one of their own."
        ),
    )

    search_fields = [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("status"),
    ]

    #: The ids a service has in the sources it is imported from. A copy is another service, so
    #: a re-import must not find it by them; a translation keeps them (signals.py).
    source_id_fields = ["ptv_id", "hsds_id"]
    exclude_fields_in_copy = source_id_fields
    base_form_class = ServicePageForm
    #: The editor's panels by tab; the service's Content panels follow the base page's.
    service_panels = [
        FieldPanel("summary"),
        FieldPanel("provider"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_note")], heading=_("Status")),
        FieldPanel("how_to_get_help"),
        FieldPanel("description"),
        FieldPanel("eligibility"),
        FieldPanel("cost"),
        FieldPanel("required_documents"),
    ]
    audience_panels = [
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("nationwide"),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("language_note"),
        MultiFieldPanel(
            [FieldPanel(name) for name in LOW_THRESHOLD_FLAGS], heading=_("Easy to reach")
        ),
    ]
    contact_panels = [
        InlinePanel("locations", heading=_("Locations")),
        InlinePanel("contact_channels", heading=_("Contact channels")),
    ]
    hours_panels = [
        FieldPanel("open_24_7"),
        FieldPanel("closed_on_public_holidays"),
        InlinePanel("opening_hours", heading=_("Weekly opening hours")),
        InlinePanel("hours_exceptions", heading=_("Exceptions")),
    ]
    verification_panels = [
        VerificationWarningPanel(),
        FieldPanel("last_verified"),
        FieldPanel("verified_by"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a service page built on the page class ``base``."""
        return page_tabs(
            base,
            cls.service_panels,
            (_("Who and what"), cls.audience_panels),
            (_("Where and contact"), cls.contact_panels),
            (_("Opening hours"), cls.hours_panels),
            (_("Verification"), cls.verification_panels),
        )

    @property
    def flags(self):
        """Return the low-threshold flags that are on, as (name, label) pairs."""
        return [
            (name, self._meta.get_field(name).verbose_name)
            for name in LOW_THRESHOLD_FLAGS
            if getattr(self, name)
        ]

    @property
    def required_document_list(self):
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    @property
    def is_ended(self):
        return self.status == ServiceStatus.ENDED

    @property
    def is_temporarily_closed(self):
        return self.status == ServiceStatus.TEMPORARILY_CLOSED

    #: What the public sees of an ended service: that it has ended, and where to look instead.
    ended_template = "wagtail_ikut/service_page_ended.html"

    def get_template(self, request, *args, **kwargs):
        if self.is_ended:
            return self.ended_template
        return super().get_template(request, *args, **kwargs)

    @public_page(MINUTE)
    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # 410 Gone tells search engines and link checkers to drop the address; people who
        # follow an old link still learn that the service has ended and where to look.
        if self.is_ended and not getattr(request, "is_preview", False):
            response.status_code = 410
        return response

    def get_sitemap_urls(self, request=None):
        return [] if self.is_ended else super().get_sitemap_urls(request)

    def verification_is_overdue(self, today=None):
        """Tell whether ``last_verified`` is missing or older than the configured age."""
        if self.last_verified is None:
            return True
        today = today or timezone.localdate()
        age = datetime.timedelta(days=ikut_settings.VERIFICATION_MAX_AGE_DAYS)
        return self.last_verified < today - age

    @classmethod
    def overdue_for_review(cls, today):
        """Return the live, not ended listings whose details need checking on ``today``."""
        age = datetime.timedelta(days=ikut_settings.VERIFICATION_MAX_AGE_DAYS)
        return (
            cls.objects.live()
            .exclude(status=ServiceStatus.ENDED)
            .filter(models.Q(last_verified__isnull=True) | models.Q(last_verified__lt=today - age))
        )

    def review_due_on(self):
        """Return the day the details were due for a check, or None if never checked."""
        if self.last_verified is None:
            return None
        return self.last_verified + datetime.timedelta(days=ikut_settings.VERIFICATION_MAX_AGE_DAYS)

    def review_owner(self):
        return self.verified_by or (self.provider.name if self.provider else "")

    def review_municipalities(self):
        return list(self.municipalities.all())

    def clean(self):
        super().clean()
        if self.free_of_charge and self.cost:
            raise ValidationError(
                {"cost": _("A service marked free of charge cannot also have a cost.")}
            )


class ServicePage(ServicePageMixin, Page):
    """A service in the directory."""

    parent_page_types = ["wagtail_ikut.ServiceDirectoryPage"]
    subpage_types = []
    template = "wagtail_ikut/service_page.html"
    search_fields = Page.search_fields + ServicePageMixin.search_fields
    edit_handler = ServicePageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")


class ServiceDirectoryPageMixin(RoutablePageMixin, models.Model):
    """The fields of a directory page that lists and searches the services below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])
    results_per_page = models.PositiveSmallIntegerField(
        _("results per page"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(50)],
    )

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a service directory built on the page class ``base``."""
        return page_tabs(base, [FieldPanel("intro"), FieldPanel("results_per_page")])

    @limit_page
    @public_page(MINUTE, SEARCH_PAGE)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from wagtail_ikut.services.search.directory import DirectorySearch

        context = super().get_context(request, *args, **kwargs)
        search = DirectorySearch(self, request.GET, self.locale.language_code)
        context["results"] = search.run(request.GET.get("page"), self.results_per_page)
        search.log_query()
        return context

    @path("suggest/", name="suggest")
    def suggest(self, request):
        """Answer as-you-type suggestions of service titles, as JSON."""
        from wagtail_ikut.services.search.suggestions import suggestions

        return JsonResponse({"suggestions": suggestions(self, request, request.GET.get("q"))})


class ServiceDirectoryPage(ServiceDirectoryPageMixin, Page):
    """A searchable directory of the services below it; a site may have several."""

    # A directory shared by several organisations lists the services of its sections: a
    # directory each, so that each organisation's editors can be given their own
    # (ikut_setup_editors).
    subpage_types = ["wagtail_ikut.ServicePage", "wagtail_ikut.ServiceDirectoryPage"]
    template = "wagtail_ikut/service_directory_page.html"
    edit_handler = ServiceDirectoryPageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("service directory")
        verbose_name_plural = _("service directories")
