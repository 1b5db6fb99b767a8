"""Our services as Open Referral HSDS 3.0 objects: one function per HSDS object type.

The export command, the HSDS import and the HSDS API all read and write through here. The
values of fields (ids above all) come from hsds_fields.py, the vocabularies from
hsds_vocabularies.py, the opening hours from hsds_hours.py and the places from
hsds_locations.py; their names are importable from here too. A service keeps its HSDS id
across exports and in each of its translations; a service or organisation imported from HSDS
data keeps the id it came with (``hsds_id``), and so do its parts, whose ids derive from it.
"""

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.text import capfirst

from wagtail_ikut.core.contact import ContactChannelBase
from wagtail_ikut.interop.hsds_fields import (
    NAMESPACE,
    PROFILE,
    VERSION,
    compact,
    e164,
    hsds_id,
    organization_id,
    page,
    rich_text,
    service_id,
)
from wagtail_ikut.interop.hsds_hours import BYDAY, EVERY_DAY, exception_to_hsds, schedules
from wagtail_ikut.interop.hsds_locations import (
    CONFIDENTIAL_LOCATION,
    ONLINE_KINDS,
    location_to_hsds,
    service_at_locations,
    virtual_location_to_hsds,
)
from wagtail_ikut.interop.hsds_vocabularies import (
    CATEGORIES,
    LOW_THRESHOLD,
    MUNICIPALITIES,
    ORGANISATION_KINDS,
    TARGET_GROUPS,
    VOCABULARIES,
    Vocabulary,
    attribute_to_hsds,
    flag_label,
    low_threshold_terms,
    municipality_term,
    organisation_kind_term,
    taxonomy_terms,
    taxonomy_to_hsds,
    term_to_hsds,
    vocabulary_term,
)
from wagtail_ikut.services.details import ServiceLocation
from wagtail_ikut.services.models import ServicePage, ServiceStatus
from wagtail_ikut.services.visibility import public_services

__all__ = [
    "BYDAY",
    "CATEGORIES",
    "CONFIDENTIAL_LOCATION",
    "EVERY_DAY",
    "LOW_THRESHOLD",
    "MUNICIPALITIES",
    "NAMESPACE",
    "ONLINE_KINDS",
    "ORGANISATION_KINDS",
    "PROFILE",
    "STATUS",
    "TARGET_GROUPS",
    "VERSION",
    "VOCABULARIES",
    "Vocabulary",
    "attribute_to_hsds",
    "compact",
    "e164",
    "exception_to_hsds",
    "flag_label",
    "hsds_id",
    "location_to_hsds",
    "low_threshold_terms",
    "municipality_term",
    "organisation_kind_term",
    "organization_id",
    "organization_to_hsds",
    "page",
    "rich_text",
    "schedules",
    "service_at_locations",
    "service_id",
    "service_to_hsds",
    "services_for_export",
    "taxonomy_terms",
    "taxonomy_to_hsds",
    "term_to_hsds",
    "virtual_location_to_hsds",
    "vocabulary_term",
]

STATUS = {
    ServiceStatus.ACTIVE: "active",
    ServiceStatus.TEMPORARILY_CLOSED: "temporarily closed",
    ServiceStatus.ENDED: "defunct",
}


# Organisations.


def organization_to_hsds(organisation, language: str, full=True) -> dict:
    """Return an Organisation as an HSDS organization, in the active language: whole, or with
    its one-to-one fields only, as a list shows it."""
    oid = organization_id(organisation)
    obj = {
        "id": oid,
        "name": organisation.name,
        "description": organisation.description,
        **compact(
            {
                "email": organisation.email,
                "website": organisation.website,
                "parent_organization_id": (
                    organization_id(organisation.parent) if organisation.parent_id else None
                ),
            }
        ),
    }
    if full:
        kind = organisation_kind_term(organisation.kind, language)
        phones = []
        if organisation.phone:
            phones.append(
                {
                    "id": hsds_id("phone", oid),
                    "organization_id": oid,
                    "number": e164(organisation.phone),
                    "type": "voice",
                }
            )
        obj.update(
            compact(
                {
                    "phones": phones,
                    "attributes": [attribute_to_hsds(kind, oid, "organization")],
                }
            )
        )
    return obj


# Services and what they are made of.


#: What whole services read beyond the page, its provider and its contact channels.
FULL_SERVICE_PREFETCHES = (
    "categories",
    "target_groups",
    "languages",
    "municipalities",
    Prefetch("locations", ServiceLocation.objects.select_related("municipality")),
    "opening_hours",
    "hours_exceptions",
)


def services_for_export(locale, modified_after=None, full=True):
    """Return the services the public may find in ``locale``, with what service_to_hsds()
    reads of them, whole (``full``) or as a list shows them."""
    services = public_services().filter(locale=locale)
    if modified_after is not None:
        services = services.filter(last_published_at__gt=modified_after)
    return (
        services.select_related("provider__parent", "locale")
        .prefetch_related("contact_channels", *(FULL_SERVICE_PREFETCHES if full else ()))
        .order_by("path")
    )


def service_to_hsds(service, full=True) -> dict:
    """Return a service page as an HSDS service, in the active language: whole, or with its
    one-to-one fields only, as a list shows it."""
    sid = service_id(service)
    language = service.locale.language_code
    channels = list(service.contact_channels.all())
    emails = [channel for channel in channels if channel.kind == ContactChannelBase.Kind.EMAIL]
    provider = service.provider
    obj = {
        "id": sid,
        "name": service.title,
        "status": STATUS[service.status],
        **compact(
            {
                "organization_id": organization_id(provider) if provider else None,
                "description": description(service),
                "url": service.get_full_url(),
                "email": emails[0].email if emails else None,
                "interpretation_services": service.language_note,
                "application_process": rich_text(service.how_to_get_help),
                "fees_description": service.cost,
                "eligibility_description": rich_text(service.eligibility),
                "assured_date": service.last_verified and service.last_verified.isoformat(),
                "alert": service.status_note,
                "last_modified": (
                    service.last_published_at and service.last_published_at.isoformat()
                ),
                "organization": (
                    organization_to_hsds(provider, language, full) if provider else None
                ),
            }
        ),
    }
    if full:
        obj.update(
            compact(
                {
                    "phones": phones(service, sid, channels),
                    "contacts": contacts(sid, emails),
                    "schedules": schedules(service, sid),
                    "service_areas": service_areas(service, sid, language),
                    "service_at_locations": service_at_locations(service, sid, channels),
                    "languages": languages(service, sid),
                    "cost_options": cost_options(service, sid),
                    "required_documents": [
                        {
                            "id": hsds_id("required_document", sid, n),
                            "service_id": sid,
                            "document": doc,
                        }
                        for n, doc in enumerate(service.required_document_list)
                    ],
                    "attributes": service_attributes(service, sid, language),
                }
            )
        )
    return obj


def description(service):
    """Return the summary as the first paragraph, then the longer description."""
    return f"<p>{escape(service.summary)}</p>{rich_text(service.description)}"


def phones(service, sid, channels):
    # Numbered among the phones: an id survives an email channel added before it.
    phone_channels = [c for c in channels if c.kind == ContactChannelBase.Kind.PHONE]
    return [
        compact(
            {
                "id": hsds_id("phone", sid, n),
                "service_id": sid,
                "number": e164(channel.phone),
                "type": "voice",
                "description": channel.label,
            }
        )
        for n, channel in enumerate(phone_channels)
    ]


def contacts(sid, emails):
    return [
        compact(
            {
                "id": hsds_id("contact", sid, n),
                "service_id": sid,
                "name": channel.label,
                "email": channel.email,
            }
        )
        for n, channel in enumerate(emails)
    ]


def languages(service, sid):
    return [
        {
            "id": hsds_id("language", sid, language.code),
            "service_id": sid,
            "name": language.name,
            "code": language.code,
        }
        for language in service.languages.all()
    ]


def cost_options(service, sid):
    if service.free_of_charge:
        option = {"option": str(flag_label("free_of_charge")), "amount": 0}
    elif service.cost:
        option = {"option": service.cost}
    else:
        return []
    return [{"id": hsds_id("cost_option", sid), "service_id": sid, **option, "currency": "EUR"}]


def service_areas(service, sid, language):
    if service.nationwide:
        name = capfirst(ServicePage._meta.get_field("nationwide").verbose_name)
        return [{"id": hsds_id("service_area", sid, "FI"), "service_id": sid, "name": str(name)}]
    areas = []
    for municipality in service.municipalities.all():
        aid = hsds_id("service_area", sid, municipality.code)
        term = municipality_term(municipality, language)
        areas.append(
            {
                "id": aid,
                "service_id": sid,
                "name": municipality.name,
                "attributes": [attribute_to_hsds(term, aid, "service_area")],
            }
        )
    return areas


def service_attributes(service, sid, language):
    terms = [
        *(term for term in low_threshold_terms(language) if getattr(service, term["code"])),
        *(vocabulary_term(CATEGORIES, term, language) for term in service.categories.all()),
        *(vocabulary_term(TARGET_GROUPS, term, language) for term in service.target_groups.all()),
    ]
    return [attribute_to_hsds(term, sid, "service") for term in terms]
