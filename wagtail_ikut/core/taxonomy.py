"""Translatable vocabularies that services, courses and guidance are described with."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Term(TranslatableMixin, index.Indexed, models.Model):
    """A named, translatable entry in a vocabulary, identified across locales by its slug."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_(
            "Short identifier used in search filters and addresses, the same in every "
            "language: lower-case letters a–z, digits and hyphens, e.g. “housing”."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    #: Fields wagtail-localize sends to translators; the slug stays the same in every locale.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


def unique_per_locale(model_name, field):
    """Return a constraint keeping ``field`` unique within one locale."""
    return models.UniqueConstraint(
        fields=[field, "locale"], name=f"wagtail_ikut_{model_name}_{field}_per_locale"
    )


class ServiceCategory(Term):
    """What kind of help a service gives, e.g. housing, legal advice or health care."""

    class Meta(Term.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        constraints = [unique_per_locale("servicecategory", "slug")]


class TargetGroup(Term):
    """Whom a service or course is for, e.g. victims of labour exploitation."""

    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [unique_per_locale("targetgroup", "slug")]


class CourseTheme(Term):
    """A subject a course teaches, e.g. workers' rights or job seeking."""

    class Meta(Term.Meta):
        verbose_name = _("course theme")
        verbose_name_plural = _("course themes")
        constraints = [unique_per_locale("coursetheme", "slug")]


class Municipality(TranslatableMixin, index.Indexed, models.Model):
    """A Finnish municipality, identified by its official three-digit code."""

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        validators=[
            RegexValidator(r"^\d{3}$", _("Enter the official three-digit code, e.g. 091."))
        ],
        help_text=_(
            "The official municipality code from Statistics Finland, e.g. 091 for Helsinki."
        ),
    )

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [unique_per_locale("municipality", "code")]

    def __str__(self):
        return self.name


class Language(TranslatableMixin, index.Indexed, models.Model):
    """A language a service is offered in or a course is taught in."""

    code = models.CharField(
        _("language code"),
        max_length=3,
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}$",
                _("Enter an ISO 639 code in lower case, e.g. “fi” or “sme”."),
            )
        ],
        help_text=_("The ISO 639-1 code (two letters) or ISO 639-3 code (three letters)."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The language's name in this locale.")
    )
    native_name = models.CharField(
        _("native name"),
        max_length=100,
        blank=True,
        help_text=_(
            "The language's name in the language itself, e.g. “русский”, so that a "
            "speaker can recognise it whatever the page language is."
        ),
    )

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("native_name", overridable=False),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("native_name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]
        constraints = [unique_per_locale("language", "code")]

    def __str__(self):
        return self.name
