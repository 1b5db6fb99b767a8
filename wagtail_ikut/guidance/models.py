"""Guidance for municipal staff: step-by-step pages with legal references and a review cycle."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from wagtail_ikut.core.fields import MultipleChoiceField
from wagtail_ikut.core.http_cache import DAY, public_page
from wagtail_ikut.core.panels import page_tabs
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.guidance.blocks import StepListBlock, StepsToday
from wagtail_ikut.guidance.panels import ReviewWarningPanel


class Audience(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Municipal social workers")
    HEALTH_CARE = "health_care", _("Health care staff")
    NGO_STAFF = "ngo_staff", _("NGO staff")
    VICTIM = "victim", _("The victim themselves")


class GuidancePageMixin(models.Model):
    """The fields and behaviour of a step-by-step guidance page, for any page class."""

    summary = models.TextField(
        _("plain-language summary"),
        max_length=600,
        help_text=_("What this guidance helps with and for whom, in two or three plain sentences."),
    )
    audience = MultipleChoiceField(
        _("audience"), options=Audience.choices, help_text=_("Whom the guidance is written for.")
    )
    steps = StreamField(StepListBlock(), verbose_name=_("steps"))
    municipality = models.ForeignKey(
        "wagtail_ikut.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for guidance that applies in every municipality."),
    )
    owner_role = models.CharField(
        _("owner"),
        max_length=255,
        help_text=_(
            "The role responsible for keeping this guidance right, not a person's name, "
            "e.g. “Anti-trafficking coordinator, social services”."
        ),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    next_review = models.DateField(
        _("next review"), help_text=_("When the owner must check the guidance again.")
    )

    search_fields = [
        index.SearchField("summary"),
        index.SearchField("steps"),
        index.FilterField("next_review"),
    ]

    #: The editor's panels by tab; the guidance's Content panels follow the base page's.
    guidance_panels = [FieldPanel("summary"), FieldPanel("audience"), FieldPanel("steps")]
    review_panels = [
        ReviewWarningPanel(),
        FieldPanel("owner_role"),
        FieldPanel("municipality"),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review")], heading=_("Review")
        ),
        InlinePanel("change_notes", heading=_("Public change notes")),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "steps" in update_fields:
            self.sync_legal_references()
        super().save(*args, **kwargs)

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a guidance page built on the page class ``base``."""
        return page_tabs(base, cls.guidance_panels, (_("Review"), cls.review_panels))

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            raise ValidationError(
                {"next_review": _("The next review cannot be before the last review.")}
            )

    def cited_legal_references(self):
        """Return the legal references the steps cite, each once, in order of first citation."""
        seen = {}
        for step in StepsToday(self.steps).all:
            for reference in step["legal_references"]:
                if reference is not None:
                    seen.setdefault(reference.pk, reference)
        return list(seen.values())

    def sync_legal_references(self):
        # Snippet choosers in a StreamField do not protect what they point at; this relation
        # does, so a reference cannot be deleted while guidance cites it.
        link = self._meta.get_field("legal_reference_links").related_model
        self.legal_reference_links = [
            link(reference=reference) for reference in self.cited_legal_references()
        ]

    @classmethod
    def overdue_for_review(cls, today):
        """Return the live guidance whose next review is before ``today``."""
        return cls.objects.live().filter(next_review__lt=today)

    def review_due_on(self):
        return self.next_review

    def review_owner(self):
        return self.owner_role

    def review_municipalities(self):
        return [self.municipality] if self.municipality else []

    def review_is_overdue(self, today=None):
        return self.next_review < (today or timezone.localdate())

    def steps_today(self, today=None):
        return StepsToday(self.steps, today)

    @public_page(DAY)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    @property
    def audience_labels(self):
        labels = dict(Audience.choices)
        return [labels[key] for key in self.audience if key in labels]


class GuidancePage(GuidancePageMixin, Page):
    """Step-by-step guidance on applying the law, for municipal staff and those they help."""

    parent_page_types = ["wagtail_ikut.GuidanceIndexPage"]
    subpage_types = []
    template = "wagtail_ikut/guidance_page.html"
    search_fields = Page.search_fields + GuidancePageMixin.search_fields
    edit_handler = GuidancePageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")


class AbstractGuidanceChangeNote(Orderable):
    """A public note of what changed in the guidance, for any guidance page class."""

    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-date"]


class GuidanceChangeNote(AbstractGuidanceChangeNote):
    """A public note of what changed in the guidance, and when."""

    page = ParentalKey(
        "wagtail_ikut.GuidancePage", on_delete=models.CASCADE, related_name="change_notes"
    )


class AbstractGuidanceLegalReference(Orderable):
    """A legal reference cited in the guidance's steps, for any guidance page class."""

    reference = models.ForeignKey(
        "wagtail_ikut.LegalReference",
        verbose_name=_("legal reference"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("cited legal reference")
        verbose_name_plural = _("cited legal references")


class GuidanceLegalReference(AbstractGuidanceLegalReference):
    """A legal reference cited in a guidance page's steps, kept in step with them on save."""

    page = ParentalKey(
        "wagtail_ikut.GuidancePage", on_delete=models.CASCADE, related_name="legal_reference_links"
    )
    # The reverse name the migrations give it; a site's own class keeps "+", as two classes
    # cannot share the name.
    reference = models.ForeignKey(
        "wagtail_ikut.LegalReference",
        verbose_name=_("legal reference"),
        on_delete=models.PROTECT,
        related_name="guidance_links",
    )


class GuidanceIndexPageMixin(models.Model):
    """The fields of a page that lists the guidance below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])

    class Meta:
        abstract = True

    @classmethod
    def edit_handler_for(cls, base):
        """Return the editor's tabs of a guidance index built on the page class ``base``."""
        return page_tabs(base, [FieldPanel("intro")])

    @public_page(DAY)
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its children, whatever their class: subpage_types keeps them guidance pages.
        context["guidance_pages"] = public_pages(self.get_children()).order_by("title").specific()
        return context


class GuidanceIndexPage(GuidanceIndexPageMixin, Page):
    """A list of guidance pages."""

    subpage_types = ["wagtail_ikut.GuidancePage"]
    template = "wagtail_ikut/guidance_index_page.html"
    edit_handler = GuidanceIndexPageMixin.edit_handler_for(Page)

    class Meta:
        verbose_name = _("guidance index")
        verbose_name_plural = _("guidance indexes")
