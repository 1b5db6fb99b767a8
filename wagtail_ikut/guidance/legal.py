"""Reusable references to Finnish legislation, cited in the reader's language."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_ikut.core.fields import WebAddressField

#: A statute number in the Statute Book: the number within the year, a slash and the year.
STATUTE_NUMBER = re.compile(r"^(?P<number>[1-9]\d{0,4})/(?P<year>(?:18|19|20)\d\d)$")

#: Finlex's addresses for a statute; {language} is "fi" or "sv", the languages it publishes in.
FINLEX_CONSOLIDATED = "https://www.finlex.fi/{language}/lainsaadanto/{year}/{number}"
FINLEX_ORIGINAL = "https://www.finlex.fi/{language}/lainsaadanto/saadoskokoelma/{year}/{number}"
ELI_URI = "http://data.finlex.fi/eli/sd/{year}/{number}/alkup"


class LegalForce(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET = "not_yet", _("Not yet in force")
    ENDED = "ended", _("No longer in force")


class LegalReference(TranslatableMixin, index.Indexed, models.Model):
    """A statute, or a chapter, section or subsection of one, as Finlex publishes it."""

    title = models.CharField(
        _("statute title"),
        max_length=255,
        help_text=_(
            "The statute's title in this language, e.g. “Laki kotoutumisen edistämisestä”."
        ),
    )
    statute_number = models.CharField(
        _("statute number"),
        max_length=10,
        validators=[
            RegexValidator(
                STATUTE_NUMBER,
                _("Enter the statute number as number/year, e.g. 746/2011."),
            )
        ],
        help_text=_("The number in the Statute Book of Finland, e.g. 746/2011."),
    )
    chapter = models.CharField(
        _("chapter"), max_length=10, blank=True, help_text=_("E.g. “4” or “6 a”.")
    )
    section = models.CharField(
        _("section"), max_length=10, blank=True, help_text=_("The § number, e.g. “33”.")
    )
    subsection = models.CharField(
        _("subsection"), max_length=10, blank=True, help_text=_("The momentti, e.g. “2”.")
    )
    finlex_consolidated_url = WebAddressField(
        _("Finlex consolidated version"),
        blank=True,
        help_text=_("Leave empty to link to Finlex's address derived from the statute number."),
    )
    finlex_original_url = WebAddressField(
        _("Finlex original version"),
        blank=True,
        help_text=_("Leave empty to link to Finlex's address derived from the statute number."),
    )
    eli_uri = WebAddressField(
        _("ELI identifier"),
        blank=True,
        help_text=_("The European Legislation Identifier; leave empty to derive it."),
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day the provision is in force, once it is repealed or replaced."),
    )
    amended_by = models.TextField(
        _("amended by"),
        blank=True,
        help_text=_("Amending statutes, one per line, e.g. “507/2015”."),
    )

    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("statute_number", overridable=False),
        SynchronizedField("chapter", overridable=False),
        SynchronizedField("section", overridable=False),
        SynchronizedField("subsection", overridable=False),
        SynchronizedField("finlex_consolidated_url"),
        SynchronizedField("finlex_original_url"),
        SynchronizedField("eli_uri"),
        SynchronizedField("in_force_from", overridable=False),
        SynchronizedField("in_force_to", overridable=False),
        SynchronizedField("amended_by", overridable=False),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("statute_number"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("legal reference")
        verbose_name_plural = _("legal references")
        ordering = ["statute_number", "chapter", "section", "subsection"]

    def __str__(self):
        return self.citation()

    def clean(self):
        super().clean()
        if self.in_force_from and self.in_force_to and self.in_force_to < self.in_force_from:
            raise ValidationError(
                {"in_force_to": _("The last day in force cannot be before the first.")}
            )

    def citation(self):
        """Return the citation in Finnish citation form, in the active language's words."""
        parts = [
            gettext("%(title)s (%(number)s)") % {"title": self.title, "number": self.statute_number}
        ]
        if self.chapter:
            parts.append(gettext("Chapter %(number)s") % {"number": self.chapter})
        if self.section:
            parts.append(gettext("Section %(number)s") % {"number": self.section})
        if self.subsection:
            parts.append(gettext("Subsection %(number)s") % {"number": self.subsection})
        # Finnish and Swedish run the parts on with spaces; English separates them with commas.
        return pgettext("between the parts of a legal citation", ", ").join(parts)

    def citation_in(self, language_code):
        with translation.override(language_code):
            return self.citation()

    def statute_parts(self):
        match = STATUTE_NUMBER.match(self.statute_number)
        return match.groupdict() if match else None

    def derived_url(self, pattern):
        parts = self.statute_parts()
        if parts is None:
            return ""
        language = "sv" if self.locale.language_code == "sv" else "fi"
        return pattern.format(language=language, **parts)

    @property
    def consolidated_url(self):
        return self.finlex_consolidated_url or self.derived_url(FINLEX_CONSOLIDATED)

    @property
    def original_url(self):
        return self.finlex_original_url or self.derived_url(FINLEX_ORIGINAL)

    @property
    def eli(self):
        return self.eli_uri or self.derived_url(ELI_URI)

    def legal_force(self, today=None):
        """Return whether the provision is in force on ``today``, not yet, or no longer."""
        today = today or timezone.localdate()
        if self.in_force_from and today < self.in_force_from:
            return LegalForce.NOT_YET
        if self.in_force_to and today > self.in_force_to:
            return LegalForce.ENDED
        return LegalForce.IN_FORCE

    def get_legal_force_display(self):
        return LegalForce(self.legal_force()).label

    def is_in_force(self, today=None):
        return self.legal_force(today) == LegalForce.IN_FORCE
