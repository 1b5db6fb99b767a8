"""Organisations that provide services, run courses or own guidance."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_ikut.core.fields import PhoneNumberField, WebAddressField


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A municipality, state authority, NGO, religious organisation or local network."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        # Since 2023 they, not the municipalities, run social and health services (Helsinki
        # alone still runs its own).
        WELLBEING_SERVICES_COUNTY = "wellbeing_services_county", _("Wellbeing services county")
        STATE_AUTHORITY = "state_authority", _("State authority")
        NGO = "ngo", _("Non-governmental organisation")
        RELIGIOUS = "religious", _("Religious organisation")
        LOCAL_NETWORK = "local_network", _("Local network")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the organisation does, in plain language, in two or three sentences."),
    )
    website = WebAddressField(_("website"), blank=True)
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("A shared email address of the organisation, never a person's own."),
    )
    phone = PhoneNumberField(
        _("phone"),
        blank=True,
        help_text=_(
            "The organisation's switchboard or help line, never a person's own number. "
            "Any common form is accepted, e.g. 09 310 1611 is stored as +35893101611."
        ),
    )
    ptv_id = models.CharField(
        _("PTV identifier"),
        max_length=36,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The organisation's id in Suomi.fi PTV, set by ikut_import_ptv."),
    )
    hsds_id = models.CharField(
        _("HSDS identifier"),
        max_length=36,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "The organisation's id in the Open Referral HSDS data it came from, set by "
            "ikut_import_hsds."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("E.g. the city a local anti-trafficking network belongs to."),
    )

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("parent", overridable=False),
        SynchronizedField("ptv_id", overridable=False),
        SynchronizedField("hsds_id", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.locale_id != self.locale_id:
            raise ValidationError(
                {"parent": _("Choose the parent organisation in the same language.")}
            )
        seen = set()
        ancestor = self.parent
        # The seen set stops the walk on a loop saved before this check existed.
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("An organisation cannot be its own parent or ancestor.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
