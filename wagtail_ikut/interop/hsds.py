"""Our services as Open Referral HSDS 3.0 objects: one function per HSDS object type.

The export command, the HSDS import and the HSDS API all read and write through here. Ids are
uuid5 over one namespace and what identifies a thing in every language: a page's or a
snippet's ``translation_key``, a vocabulary term's slug or code, a child row's position among
its page's rows. So a service keeps its HSDS id across exports and in each of its translations.
A service or organisation imported from HSDS data keeps the id it came with (``hsds_id``), and
so do its parts, whose ids derive from it.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from wagtail_ikut.core.contact import ContactChannelBase
from wagtail_ikut.core.fields import PhoneNumberField
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.services.details import OpeningHoursException, ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage, ServiceStatus
from wagtail_ikut.services.visibility import public_services

#: The namespace of every HSDS id the package makes; never change it, or every id changes.
NAMESPACE = uuid.UUID("7d1e9f0a-3c55-5b1e-9a6f-2f1d4c8b6e10")

#: The HSDS version and profile the objects follow, as the API's ``GET /`` says them.
VERSION = "3.0"
PROFILE = "https://openreferral.org/specification/3.0"

STATUS = {
    ServiceStatus.ACTIVE: "active",
    ServiceStatus.TEMPORARILY_CLOSED: "temporarily closed",
    ServiceStatus.ENDED: "defunct",
}

#: RFC 5545 day codes by our weekday numbers (0 is Monday).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVERY_DAY = ",".join(BYDAY)

#: The contact channels given as virtual locations; HSDS does not tell a chat from a web form.
ONLINE_KINDS = (ContactChannelBase.Kind.CHAT, ContactChannelBase.Kind.WEB_FORM)

CONFIDENTIAL_LOCATION = _(
    "The address is confidential: contact the service first to arrange a meeting."
)

_phone_field = PhoneNumberField()


def page(contents: list, total_items: int | None = None, page_number=1, size=None) -> dict:
    """Return ``contents`` in the HSDS API's page shape; all of them on one page by default."""
    total_items = len(contents) if total_items is None else total_items
    size = size or max(total_items, 1)
    total_pages = max(-(-total_items // size), 1)
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": size,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def hsds_id(*parts) -> str:
    """Return the stable HSDS id (a uuid5) named by ``parts``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def compact(obj: dict) -> dict:
    """Drop the keys without a value: HSDS types allow no null."""
    return {key: value for key, value in obj.items() if value not in (None, "", [])}


def e164(number: str) -> str:
    """Return a phone number in E.164 form, or a short number (116 006) as its digits."""
    try:
        return _phone_field.to_python(number)
    except ValidationError:
        # A number saved before validation existed: better passed on as written than lost.
        return number


def rich_text(value: str) -> str:
    return expand_db_html(value) if value else ""


# Vocabularies: each is an HSDS taxonomy, its terms identified by a code the same in every
# language.


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


# Organisations.


def organization_id(organisation) -> str:
    return organisation.hsds_id or hsds_id("organization", organisation.translation_key)


def organization_to_hsds(organisation, language: str) -> dict:
    """Return an Organisation as an HSDS organization, in the active language."""
    oid = organization_id(organisation)
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
    return {
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
                "phones": phones,
                "attributes": [
                    attribute_to_hsds(
                        organisation_kind_term(organisation.kind, language), oid, "organization"
                    )
                ],
            }
        ),
    }


# Services and what they are made of.


def service_id(service) -> str:
    return service.hsds_id or hsds_id("service", service.translation_key)


def services_for_export(locale, modified_after=None):
    """Return the services the public may find in ``locale``, with what the export reads."""
    services = public_services().filter(locale=locale)
    if modified_after is not None:
        services = services.filter(last_published_at__gt=modified_after)
    return (
        services.select_related("provider__parent", "locale")
        .prefetch_related(
            "categories",
            "target_groups",
            "languages",
            "municipalities",
            Prefetch("locations", ServiceLocation.objects.select_related("municipality")),
            "opening_hours",
            "hours_exceptions",
            "contact_channels",
        )
        .order_by("path")
    )


def service_to_hsds(service) -> dict:
    """Return a service page as a full HSDS service, in the active language."""
    sid = service_id(service)
    language = service.locale.language_code
    channels = list(service.contact_channels.all())
    emails = [channel for channel in channels if channel.kind == ContactChannelBase.Kind.EMAIL]
    return {
        "id": sid,
        "name": service.title,
        "status": STATUS[service.status],
        **compact(
            {
                "organization_id": organization_id(service.provider) if service.provider else None,
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
                    organization_to_hsds(service.provider, language) if service.provider else None
                ),
                "phones": phones(service, sid, channels),
                "contacts": contacts(sid, emails),
                "schedules": schedules(service, sid),
                "service_areas": service_areas(service, sid, language),
                "service_at_locations": service_at_locations(service, sid, channels),
                "languages": languages(service, sid),
                "cost_options": cost_options(service, sid),
                "required_documents": [
                    {"id": hsds_id("required_document", sid, n), "service_id": sid, "document": doc}
                    for n, doc in enumerate(service.required_document_list)
                ],
                "attributes": service_attributes(service, sid, language),
            }
        ),
    }


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


# Opening hours: RFC 5545 recurrence fields, in Helsinki wall-clock time.


def hhmm(time):
    return time.strftime("%H:%M")


def attending(by_appointment):
    return str(OpeningHoursException.Kind.BY_APPOINTMENT.label) if by_appointment else None


def schedules(service, sid) -> list[dict]:
    """Return the weekly hours, grouped by times, then each exception, as HSDS schedules."""
    notes = (
        ServicePage._meta.get_field("closed_on_public_holidays").help_text
        if service.closed_on_public_holidays
        else ""
    )
    if service.open_24_7:
        weekly = [("00:00", "24:00", False, EVERY_DAY, str(flag_label("open_24_7")))]
    else:
        groups = {}
        for hours in service.opening_hours.all():
            key = (hhmm(hours.opens), hhmm(hours.closes), hours.by_appointment)
            groups.setdefault(key, set()).add(hours.weekday)
        weekly = [
            (*key, ",".join(BYDAY[day] for day in sorted(days)), "") for key, days in groups.items()
        ]
    found = [
        compact(
            {
                "id": hsds_id("schedule", sid, opens, closes, by_appointment, byday),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": byday,
                "opens_at": opens,
                "closes_at": closes,
                "description": text,
                "attending_type": attending(by_appointment),
                "notes": str(notes),
            }
        )
        for opens, closes, by_appointment, byday, text in weekly
    ]
    for n, exception in enumerate(service.hours_exceptions.all()):
        found.append(exception_to_hsds(exception, hsds_id("schedule", sid, "exception", n), sid))
    return found


def exception_to_hsds(exception, schedule_id, sid) -> dict:
    """Return a date range with other hours as a schedule valid on those days only; a closed
    range has no opening times."""
    closed = exception.kind == OpeningHoursException.Kind.CLOSED
    return compact(
        {
            "id": schedule_id,
            "service_id": sid,
            "valid_from": exception.start_date.isoformat(),
            "valid_to": exception.end_date.isoformat(),
            "dtstart": exception.start_date.isoformat(),
            "until": exception.end_date.isoformat(),
            "freq": None if closed else "WEEKLY",
            "wkst": None if closed else "MO",
            "byday": None if closed else EVERY_DAY,
            "opens_at": None if closed else hhmm(exception.opens),
            "closes_at": None if closed else hhmm(exception.closes),
            "description": str(exception.get_kind_display()),
            "attending_type": attending(
                exception.kind == OpeningHoursException.Kind.BY_APPOINTMENT
            ),
            "notes": exception.note,
        }
    )


# Locations: the service's places, and its chat and web form as virtual locations.


def service_at_locations(service, sid, channels) -> list[dict]:
    """Return the service's places and online channels as HSDS service_at_location objects,
    each with its location inside."""
    locations = [
        location_to_hsds(place, hsds_id("location", sid, n), service)
        for n, place in enumerate(service.locations.all())
    ]
    online = [channel for channel in channels if channel.kind in ONLINE_KINDS]
    locations += [
        virtual_location_to_hsds(channel, hsds_id("location", sid, "online", n), service)
        for n, channel in enumerate(online)
    ]
    return [
        {
            "id": hsds_id("service_at_location", sid, location["id"]),
            "service_id": sid,
            "location_id": location["id"],
            "location": location,
        }
        for location in locations
    ]


def location_to_hsds(place, location_id, service) -> dict:
    """Return a place as an HSDS physical location; a confidential one says only its name and
    to contact the service first, never where it is."""
    common = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id(service.provider) if service.provider else None,
        "name": place.name,
    }
    if place.confidential:
        return compact({**common, "description": str(CONFIDENTIAL_LOCATION)})
    addresses = []
    if place.street_address:
        addresses.append(
            {
                "id": hsds_id("address", location_id),
                "location_id": location_id,
                "address_1": place.street_address,
                "city": place.municipality.name if place.municipality else "",
                # Finland has no states or provinces; HSDS requires the field.
                "state_province": "",
                "postal_code": place.postcode,
                "country": "FI",
                "address_type": "physical",
            }
        )
    return compact(
        {
            **common,
            "description": place.directions,
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
            "addresses": addresses,
            "accessibility": [
                {
                    "id": hsds_id("accessibility", location_id),
                    "location_id": location_id,
                    "description": place.accessibility,
                }
            ]
            if place.accessibility
            else [],
        }
    )


def virtual_location_to_hsds(channel, location_id, service) -> dict:
    """Return a chat or web form as an HSDS virtual location at its address."""
    return compact(
        {
            "id": location_id,
            "location_type": "virtual",
            "url": channel.url,
            "organization_id": organization_id(service.provider) if service.provider else None,
            "name": channel.label or str(channel.get_kind_display()),
        }
    )
