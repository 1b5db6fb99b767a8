"""The package's vocabularies as HSDS taxonomies, their terms, and the attributes that link
objects to terms.

Each vocabulary's terms are identified by a code the same in every language: a flag's name, a
category's or target group's slug, an organisation kind, a municipality's official code.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.interop.hsds_fields import compact, hsds_id
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage


@dataclass(frozen=True)
class Vocabulary:
    """A vocabulary published as an HSDS taxonomy."""

    key: str
    name: str
    description: str
    uri: str = ""

    @property
    def id(self):
        return hsds_id("taxonomy", self.key)

    def term_id(self, code):
        return hsds_id("taxonomy_term", self.key, code)


LOW_THRESHOLD = Vocabulary(
    "low-threshold",
    _("Low-threshold access"),
    _("How easy a service is to reach: without an appointment, an ID, a referral or a fee."),
)
CATEGORIES = Vocabulary(
    "service-category", _("Service categories"), _("What kind of help a service gives.")
)
TARGET_GROUPS = Vocabulary("target-group", _("Target groups"), _("Whom a service is for."))
ORGANISATION_KINDS = Vocabulary(
    "organisation-kind", _("Organisation types"), _("What kind of organisation gives a service.")
)
MUNICIPALITIES = Vocabulary(
    "municipality",
    _("Finnish municipalities"),
    _("The municipalities of Finland by their official codes from Statistics Finland."),
    "https://stat.fi/en/luokitukset/kunta/",
)
VOCABULARIES = (LOW_THRESHOLD, CATEGORIES, TARGET_GROUPS, ORGANISATION_KINDS, MUNICIPALITIES)


def taxonomy_to_hsds(vocabulary: Vocabulary) -> dict:
    """Return a vocabulary as an HSDS taxonomy, in the active language."""
    return compact(
        {
            "id": vocabulary.id,
            "name": str(vocabulary.name),
            "description": str(vocabulary.description),
            "uri": vocabulary.uri,
        }
    )


def term_to_hsds(vocabulary, code, name, language, description="") -> dict:
    """Return one term of ``vocabulary`` as an HSDS taxonomy_term, its taxonomy inside."""
    return {
        "id": vocabulary.term_id(code),
        "code": code,
        "name": str(name),
        "description": str(description),
        "taxonomy_id": vocabulary.id,
        "taxonomy_detail": taxonomy_to_hsds(vocabulary),
        "language": language,
    }


def flag_label(flag):
    return capfirst(ServicePage._meta.get_field(flag).verbose_name)


def low_threshold_terms(language: str) -> list[dict]:
    """Return the seven low-threshold flags as HSDS taxonomy terms, named in the active
    language (``language`` is its code)."""
    return [
        term_to_hsds(LOW_THRESHOLD, flag, flag_label(flag), language)
        for flag in LOW_THRESHOLD_FLAGS
    ]


def attribute_to_hsds(term: dict, link_id: str, link_entity: str) -> dict:
    """Return the HSDS attribute linking the object ``link_id`` of ``link_entity`` to ``term``."""
    return {
        "id": hsds_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_entity": link_entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def vocabulary_term(vocabulary, term, language):
    """Return a ServiceCategory or TargetGroup as a term of ``vocabulary``."""
    return term_to_hsds(vocabulary, term.slug, term.name, language, term.description)


def municipality_term(municipality, language):
    return term_to_hsds(MUNICIPALITIES, municipality.code, municipality.name, language)


def organisation_kind_term(kind, language):
    return term_to_hsds(
        ORGANISATION_KINDS, kind, Organisation.Kind(kind).label if kind else "", language
    )


def taxonomy_terms(locale) -> list[dict]:
    """Return every term of the package's vocabularies in ``locale``, in its language."""
    language = locale.language_code
    return [
        *low_threshold_terms(language),
        *(
            vocabulary_term(CATEGORIES, t, language)
            for t in ServiceCategory.objects.filter(locale=locale)
        ),
        *(
            vocabulary_term(TARGET_GROUPS, t, language)
            for t in TargetGroup.objects.filter(locale=locale)
        ),
        *(organisation_kind_term(kind, language) for kind in Organisation.Kind.values),
        *(municipality_term(m, language) for m in Municipality.objects.filter(locale=locale)),
    ]
