"""Read Open Referral HSDS 3.0 JSON into the records the import writer takes: the reverse of
hsds.py, through its ids, vocabularies and status map.

Input is what ``ikut_export_hsds`` writes (one document in the HSDS page shape, or NDJSON, a
service a line) or any HSDS services in those shapes. Each service is checked against the HSDS
schema shipped in ``schema/``; the same id in several files or languages is one service in
several languages.
"""

import datetime
import functools
import html
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema_rs
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Municipality
from wagtail_ikut.interop import hsds
from wagtail_ikut.interop.records import (
    ImportFailed,
    OrganisationRecord,
    PageValues,
    RecordError,
    ServiceRecord,
    TermRecord,
    contact_row,
    json_error,
    outside_finland,
    read_text,
    rich_text,
    shorten,
    time_of_day,
)
from wagtail_ikut.services.details import OpeningHoursException
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage, ServiceStatus

SCHEMA = Path(__file__).with_name("schema") / "hsds-3.0-service.json"
#: HSDS statuses by name; "inactive" has no match of its own here.
STATUSES = {value: key for key, value in hsds.STATUS.items()} | {
    "inactive": ServiceStatus.TEMPORARILY_CLOSED
}
FLAG_TERMS = {hsds.LOW_THRESHOLD.term_id(flag): flag for flag in LOW_THRESHOLD_FLAGS}
#: The vocabularies a service's attributes name, by their taxonomy ids.
TERM_RELATIONS = {hsds.CATEGORIES.id: "categories", hsds.TARGET_GROUPS.id: "target_groups"}
#: A summary as our export writes it: the first paragraph, plain text.
SUMMARY = re.compile(r"\s*<p>([^<]*)</p>")


@functools.cache
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # jsonschema-rs rather than jsonschema: a hundred times faster, which is most of the time
    # a re-import of unchanged services takes.
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def in_languages(text):
    """Return ``text`` (translatable) in each of the site's languages."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(text))
    return found


def read_files(paths):
    """Return (where, object) of the HSDS services in the files ``paths``.

    Raise ImportFailed naming the file, and the line of NDJSON, for a file too large, not
    UTF-8 or not JSON.
    """
    found, errors = [], []
    for path in map(Path, paths):
        try:
            found += _objects(path.name, read_text(path))
        except (OSError, ValueError) as error:
            errors.append(RecordError(path.name, _("(file)"), str(error)))
    if errors:
        raise ImportFailed(errors)
    return found


def _objects(name, text):
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        # Extra data after a first value is NDJSON: one value a line.
        if error.msg != "Extra data":
            raise ValueError(json_error(error)) from error
        return [_line(name, number, line) for number, line in enumerate(text.splitlines(), 1)]
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    items = document if isinstance(document, list) else [document]
    return [(f"{name}[{position}]", item) for position, item in enumerate(items)]


def _line(name, number, line):
    try:
        return f"{name}:{number}", json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(
            _("Line %(line)s: %(error)s") % {"line": number, "error": json_error(error)}
        ) from error


def known_keys(page_class):
    """Return the translation keys of the site's services and organisations by the HSDS ids
    our export derives for them."""
    keys = {
        hsds.hsds_id("service", key): key
        for key in page_class.objects.values_list("translation_key", flat=True).distinct()
    }
    keys.update(
        (hsds.hsds_id("organization", key), key)
        for key in Organisation.objects.values_list("translation_key", flat=True).distinct()
    )
    return keys


class HsdsReader:
    """Turn HSDS services into organisation, service and term records, collecting every error.

    ``language`` is the language of every service, else each one's is that of its taxonomy
    terms (our export names it), else the site's default.
    """

    def __init__(self, objects, known, default_language, language=None):
        self.objects = objects
        self.known = known
        self.language = language
        self.default_language = default_language
        self.errors, self.notes = [], []
        self.services, self.organisations, self.terms = {}, {}, {}
        self.labels = {
            "appointment": in_languages(OpeningHoursException.Kind.BY_APPOINTMENT.label),
            "holidays": in_languages(
                ServicePage._meta.get_field("closed_on_public_holidays").help_text
            ),
            "nationwide": in_languages(
                capfirst(ServicePage._meta.get_field("nationwide").verbose_name)
            ),
            "confidential": in_languages(hsds.CONFIDENTIAL_LOCATION),
        }
        self.municipality_codes = dict(Municipality.objects.values_list("name", "code"))

    def error(self, record, field, message):
        self.errors.append(RecordError(record, field, message))

    def read(self):
        """Return (organisation, service, term records); raise ImportFailed on any error."""
        for where, item in self.objects:
            self.read_service(where, item)
        self.check_references()
        if self.errors:
            raise ImportFailed(self.errors)
        return list(self.organisations.values()), list(self.services.values()), self.term_list()

    def read_service(self, where, item):
        if not isinstance(item, dict):
            self.error(where, _("(object)"), _("Expected an HSDS service (a JSON object)."))
            return
        record = f"service {item['id']}" if isinstance(item.get("id"), str) else where
        problems = sorted(
            validator().iter_errors(item), key=lambda error: list(map(str, error.instance_path))
        )
        for problem in problems:
            field = ".".join(map(str, problem.instance_path)) or _("(object)")
            self.error(record, field, problem.message)
        if problems:
            return
        language = self.language or self.language_of(item)
        service = self.services.setdefault(
            item["id"],
            ServiceRecord(
                external_id=item["id"],
                organisation_id=item.get("organization_id", ""),
                languages={},
            ),
        )
        if language in service.languages:
            self.error(
                record,
                "id",
                _("The same id appears twice in “%(language)s”.") % {"language": language},
            )
            return
        if item.get("organization"):
            self.read_organisation(record, item["organization"], language)
        service.languages[language] = self.page_values(record, item, language)

    def language_of(self, item):
        for term in hsds_terms(item):
            if term.get("language"):
                return term["language"]
        return self.default_language

    def check_references(self):
        for service in self.services.values():
            organisation_id = service.organisation_id
            if not organisation_id:
                self.error(
                    f"service {service.external_id}",
                    "organization_id",
                    _("A service needs the organization that gives it."),
                )
            elif organisation_id not in self.organisations and not self.in_site(organisation_id):
                self.error(
                    f"service {service.external_id}",
                    "organization_id",
                    _("The organization %(id)s is neither in the file nor in the site.")
                    % {"id": organisation_id},
                )
        for organisation in self.organisations.values():
            parent = organisation.parent_id
            if parent and parent not in self.organisations and not self.in_site(parent):
                self.notes.append(
                    _("organization %(id)s: its parent %(parent)s is in neither; left out.")
                    % {"id": organisation.external_id, "parent": parent}
                )
                organisation.parent_id = ""

    def in_site(self, organisation_id):
        return (
            organisation_id in self.known
            or Organisation.objects.filter(hsds_id=organisation_id).exists()
        )

    def read_organisation(self, record, item, language):
        kinds = [
            attribute["taxonomy_term"].get("code")
            for attribute in item.get("attributes") or []
            if attribute.get("taxonomy_term", {}).get("taxonomy_id") == hsds.ORGANISATION_KINDS.id
        ]
        organisation = self.organisations.setdefault(
            item["id"],
            OrganisationRecord(
                external_id=item["id"],
                names={},
                kind=next((kind for kind in kinds if kind in Organisation.Kind.values), "ngo"),
                website=item.get("website", ""),
                email=item.get("email", ""),
                phone=next((phone["number"] for phone in item.get("phones") or []), ""),
                parent_id=item.get("parent_organization_id", ""),
            ),
        )
        organisation.names.setdefault(language, item["name"])
        organisation.descriptions.setdefault(language, item.get("description", ""))

    def add_term(self, relation, key, language, name, description=""):
        term = self.terms.setdefault((relation, key), TermRecord(relation, key, {}))
        term.names.setdefault(language, name)
        if description:
            term.descriptions.setdefault(language, description)

    def term_list(self):
        return list(self.terms.values())

    def page_values(self, record, item, language):
        summary, description = split_description(item.get("description", ""))
        if not summary:
            self.error(record, "description", _("A service needs a description."))
        flags = dict.fromkeys(LOW_THRESHOLD_FLAGS, False)
        relations = {"categories": [], "target_groups": [], "municipalities": [], "languages": []}
        for attribute in item.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            if attribute["taxonomy_term_id"] in FLAG_TERMS:
                flags[FLAG_TERMS[attribute["taxonomy_term_id"]]] = True
            elif term.get("taxonomy_id") in TERM_RELATIONS and term.get("code"):
                relation = TERM_RELATIONS[term["taxonomy_id"]]
                relations[relation].append(term["code"])
                self.add_term(
                    relation, term["code"], language, term["name"], term.get("description", "")
                )
        for entry in item.get("languages") or []:
            if entry.get("code"):
                relations["languages"].append(entry["code"])
                self.add_term(
                    "languages", entry["code"], language, entry.get("name") or entry["code"]
                )
        nationwide = self.areas(record, item, language, relations["municipalities"])
        costs = item.get("cost_options") or []
        free = flags["free_of_charge"] or any(cost.get("amount") == 0 for cost in costs)
        flags["free_of_charge"] = free
        weekly, exceptions, always_open, holidays = self.schedules(record, item)
        url = item.get("url", "")
        return PageValues(
            fields={
                "title": item["name"],
                "summary": summary,
                "description": description,
                "status": STATUSES.get(item["status"], ServiceStatus.ACTIVE),
                "status_note": item.get("alert", ""),
                "language_note": item.get("interpretation_services", ""),
                "how_to_get_help": item.get("application_process", ""),
                "eligibility": item.get("eligibility_description", ""),
                "cost": ""
                if free
                else item.get("fees_description")
                or next((cost["option"] for cost in costs if cost.get("option")), ""),
                "required_documents": "\n".join(
                    doc["document"]
                    for doc in item.get("required_documents") or []
                    if doc.get("document")
                ),
                "last_verified": _date(item.get("assured_date")),
                "nationwide": nationwide,
                "open_24_7": always_open,
                "closed_on_public_holidays": holidays,
                **flags,
            },
            relations=relations,
            children={
                "locations": self.locations(record, item, language),
                "contact_channels": contact_channels(item),
                "opening_hours": weekly,
                "hours_exceptions": exceptions,
            },
            # The last part of the service's address: the same address again after a round trip.
            slug=url.rstrip("/").rsplit("/", 1)[-1] if url else "",
        )

    def areas(self, record, item, language, codes):
        """Add the municipalities the service areas name to ``codes``; return whether the
        service is nationwide."""
        nationwide = False
        for position, area in enumerate(item.get("service_areas") or []):
            terms = [
                attribute.get("taxonomy_term") or {}
                for attribute in area.get("attributes") or []
                if (attribute.get("taxonomy_term") or {}).get("taxonomy_id")
                == hsds.MUNICIPALITIES.id
            ]
            for term in terms:
                codes.append(term["code"])
                self.add_term("municipalities", term["code"], language, term["name"])
            if terms:
                continue
            name = area.get("name", "")
            if name in self.labels["nationwide"]:
                nationwide = True
            elif self.municipality_code(name):
                codes.append(self.municipality_code(name))
            else:
                self.notes.append(
                    _(
                        "%(record)s: service_areas[%(position)s] “%(name)s” is not a "
                        "municipality; left out."
                    )
                    % {"record": record, "position": position, "name": name}
                )
        return nationwide

    def municipality_code(self, name):
        named = {
            term.names.get(language): key
            for (relation, key), term in self.terms.items()
            if relation == "municipalities"
            for language in term.names
        }
        return named.get(name) or self.municipality_codes.get(name)

    def schedules(self, record, item):
        """Return (weekly rows, exception rows, open 24/7, closed on public holidays)."""
        weekly, exceptions, always_open, holidays = [], [], False, None
        for position, schedule in enumerate(item.get("schedules") or []):
            field = f"schedules[{position}]"
            appointment = schedule.get("attending_type") in self.labels["appointment"]
            opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
            if schedule.get("valid_from"):
                exceptions.append(self.exception(record, field, schedule, appointment))
                continue
            holidays = holidays or schedule.get("notes") in self.labels["holidays"]
            if (schedule.get("byday"), opens, closes) == (hsds.EVERY_DAY, "00:00", "24:00"):
                always_open = True
                continue
            if not (opens and closes and schedule.get("byday")):
                self.notes.append(
                    _("%(record)s: %(field)s has no weekly days and times; left out.")
                    % {"record": record, "field": field}
                )
                continue
            for day in schedule["byday"].split(","):
                if day.strip() not in hsds.BYDAY:
                    self.error(record, f"{field}.byday", _("Unknown day “%(day)s”.") % {"day": day})
                    continue
                weekly.append(
                    {
                        "weekday": hsds.BYDAY.index(day.strip()),
                        "opens": time_of_day(opens),
                        "closes": time_of_day(closes),
                        "by_appointment": appointment,
                    }
                )
        # Without weekly hours, nothing says; the field's default stands.
        return weekly, exceptions, always_open, True if holidays is None else holidays

    def exception(self, record, field, schedule, appointment):
        start = _date(schedule["valid_from"])
        end = _date(schedule.get("valid_to")) or start
        opens = time_of_day(schedule.get("opens_at"))
        closes = time_of_day(schedule.get("closes_at"))
        if opens is None:
            kind = OpeningHoursException.Kind.CLOSED
        elif appointment:
            kind = OpeningHoursException.Kind.BY_APPOINTMENT
        else:
            kind = OpeningHoursException.Kind.SPECIAL_HOURS
        return {
            "start_date": start,
            "end_date": end,
            "kind": kind,
            "opens": opens,
            "closes": closes,
            "note": schedule.get("notes", "")[:255],
        }

    def locations(self, record, item, language):
        rows = []
        for position, link in enumerate(item.get("service_at_locations") or []):
            location = link.get("location") or {}
            if location.get("location_type") == "virtual":
                continue
            field = f"service_at_locations[{position}].location"
            addresses = [
                address
                for address in location.get("addresses") or []
                if address.get("address_type") != "postal"
            ]
            if (
                location.get("description") in self.labels["confidential"]
                and not addresses
                and location.get("latitude") is None
            ):
                rows.append(location_row(location.get("name", ""), confidential=True))
                continue
            address = addresses[0] if addresses else {}
            rows.append(
                location_row(
                    location.get("name", ""),
                    street_address=address.get("address_1", ""),
                    postcode=address.get("postal_code", ""),
                    municipality=self.municipality_code(address.get("city", "")),
                    latitude=self.coordinate(record, field, location, "latitude"),
                    longitude=self.coordinate(record, field, location, "longitude"),
                    accessibility="\n".join(
                        entry["description"]
                        for entry in location.get("accessibility") or []
                        if entry.get("description")
                    ),
                    directions=location.get("description", ""),
                )
            )
        return rows

    def coordinate(self, record, field, location, name):
        latitude, longitude = location.get("latitude"), location.get("longitude")
        if latitude is None or longitude is None:
            return None
        message = outside_finland(latitude, longitude)
        if message:
            if name == "latitude":
                self.error(record, f"{field}.latitude", message)
            return None
        return Decimal(f"{location[name]:.6f}")


def hsds_terms(item):
    """Return the taxonomy terms anywhere in ``item``."""
    found = []
    if isinstance(item, dict):
        for key, value in item.items():
            if key == "taxonomy_term" and isinstance(value, dict):
                found.append(value)
            else:
                found += hsds_terms(value)
    elif isinstance(item, list):
        for value in item:
            found += hsds_terms(value)
    return found


def split_description(text):
    """Return (summary, rich text description) of an HSDS description: our export's first
    paragraph is the summary; of another's, the start of its plain text."""
    match = SUMMARY.match(text)
    if match:
        return html.unescape(match[1]).strip(), text[match.end() :]
    rich = text if text.lstrip().startswith("<") else rich_text(text)
    return shorten(" ".join(html.unescape(strip_tags(text)).split())), rich


def location_row(name, confidential=False, **fields):
    return {
        "name": name[:255],
        "street_address": "",
        "postcode": "",
        "municipality": None,
        "latitude": None,
        "longitude": None,
        "accessibility": "",
        "directions": "",
        "confidential": confidential,
        **fields,
    }


def contact_channels(item):
    """Return the phones, emails and virtual locations as contact channel rows."""
    emails = [contact for contact in item.get("contacts") or [] if contact.get("email")]
    if not emails and item.get("email"):
        emails = [{"email": item["email"]}]
    online = [
        link["location"]
        for link in item.get("service_at_locations") or []
        if (link.get("location") or {}).get("location_type") == "virtual"
        and link["location"].get("url")
    ]
    return [
        *(
            contact_row("phone", phone.get("description", ""), phone=phone["number"])
            for phone in item.get("phones") or []
        ),
        *(
            contact_row("email", contact.get("name", ""), email=contact["email"])
            for contact in emails
        ),
        # HSDS has no kind of online channel; a chat says so in its name or address.
        *(
            contact_row(
                "chat" if "chat" in (place.get("name", "") + place["url"]).lower() else "web_form",
                place.get("name", ""),
                url=place["url"],
            )
            for place in online
        ),
    ]


def _date(value):
    try:
        return datetime.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        # Missing, or not a date: the row's check then names the field.
        return None
