"""Read Suomi.fi PTV Open API (v11) JSON into the records the import writer takes.

PTV answers services, service channels and organisations separately; a site saves the answers
(``/api/v11/Service/list/organization``, ``/api/v11/ServiceChannel/list/organization``,
``/api/v11/Organization/{id}``…) as JSON files, and this module joins them up again.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils.html import escape
from django.utils.translation import gettext as _
from pyproj import Transformer

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality
from wagtail_ikut.interop.records import (
    ImportFailed,
    OrganisationRecord,
    PageValues,
    RecordError,
    ServiceRecord,
    contact_row,
    json_error,
    outside_finland,
    read_text,
    rich_text,
    shorten,
    time_of_day,
)

LANGUAGES = ("fi", "sv", "en")
#: PTV's weekday names, Monday first as in ``Weekday``.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHIPPED_MAPPING = Path(__file__).with_name("ptv_mapping.json")
#: PTV's coordinates are in the Finnish national grid; the directory's in WGS 84 degrees.
_TM35FIN_TO_WGS84 = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def load_mapping():
    """Return the site's PTV mapping: the file ``PTV_MAPPING`` names, or the shipped one."""
    path = Path(ikut_settings.PTV_MAPPING or SHIPPED_MAPPING)
    return json.loads(path.read_text(encoding="utf-8"))


def read_files(path):
    """Return the PTV objects in the JSON file ``path``, or in the ``*.json`` files of a folder.

    Raise ImportFailed naming the file for a file too large, not UTF-8 or not JSON.
    """
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    objects, errors = [], []
    for file in files:
        try:
            objects += _items(_read_json(file))
        except ValueError as error:
            errors.append(RecordError(file.name, _("(file)"), str(error)))
    if not files:
        errors.append(RecordError(str(path), _("(file)"), _("No JSON files here.")))
    if errors:
        raise ImportFailed(errors)
    return objects


def _read_json(file):
    text = read_text(file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(json_error(error)) from error


def _items(document):
    # A paged answer holds its objects in itemList; a list answer is a list; one object alone.
    if isinstance(document, dict) and "itemList" in document:
        document = document["itemList"]
    items = document if isinstance(document, list) else [document]
    if not all(isinstance(item, dict) for item in items):
        raise ValueError(_("Expected PTV objects (JSON objects) or a paged list of them."))
    return items


class PtvReader:
    """Turn PTV objects into organisation and service records, collecting every error."""

    def __init__(self, objects, mapping=None):
        self.mapping = mapping or load_mapping()
        self.errors = []
        self.notes = []
        self.services, self.channels, self.organisations = {}, {}, {}
        for item in objects:
            self._sort(item)
        self.municipality_codes = set(Municipality.objects.values_list("code", flat=True))
        self.language_codes = set(Language.objects.values_list("code", flat=True))

    def _sort(self, item):
        if "serviceChannelType" in item:
            kind, found = "channel", self.channels
        elif "organizationType" in item or "organizationNames" in item:
            kind, found = "organisation", self.organisations
        elif "serviceNames" in item:
            kind, found = "service", self.services
        else:
            self.error(_("(unknown)"), "", _("Not a PTV service, service channel or organisation."))
            return
        identifier = item.get("id")
        if not isinstance(identifier, str) or not identifier:
            self.error(kind, "id", _("Missing."))
        elif identifier in found:
            self.error(f"{kind} {identifier}", "id", _("The same id appears twice."))
        # PTV's own drafts and deletions are not the service the public may see.
        elif item.get("publishingStatus", "Published") == "Published":
            found[identifier] = item

    def error(self, record, field, message):
        # A channel is read once for each language of each service that links it.
        error = RecordError(record, field, message)
        if error not in self.errors:
            self.errors.append(error)

    def read(self):
        """Return (organisation records, service records); raise ImportFailed on any error."""
        services = [self.service(key, item) for key, item in self.services.items()]
        services = [record for record in services if record]
        wanted = {record.organisation_id for record in services}
        known = set(Organisation.objects.filter(ptv_id__in=wanted).values_list("ptv_id", flat=True))
        for record in services:
            if (
                record.organisation_id not in self.organisations
                and record.organisation_id not in known
            ):
                self.error(
                    f"service {record.external_id}",
                    "organizations",
                    _("The organisation %(id)s is neither in the files nor in the site.")
                    % {"id": record.organisation_id},
                )
        organisations = [
            self.organisation(key, item)
            for key, item in self.organisations.items()
            if key in wanted
        ]
        if self.errors:
            raise ImportFailed(self.errors)
        return organisations, services

    def organisation(self, key, item):
        names = _texts(item.get("organizationNames"), "Name")
        if not names:
            self.error(f"organisation {key}", "organizationNames", _("No name in any language."))
        kinds = self.mapping.get("organisation_types", {})
        return OrganisationRecord(
            external_id=key,
            names=names,
            kind=kinds.get(item.get("organizationType"), "ngo"),
            website=next((page["url"] for page in item.get("webPages") or []), ""),
        )

    def service(self, key, item):
        record = f"service {key}"
        names = _texts(item.get("serviceNames"), "Name")
        if not (names.get("fi") or names.get("sv")):
            self.error(record, "serviceNames", _("The service has no Finnish or Swedish name."))
            return None
        organisation_id = _responsible(item)
        if not organisation_id:
            self.error(record, "organizations", _("No responsible organisation."))
            return None
        descriptions = item.get("serviceDescriptions")
        channels = [self.channel(record, link) for link in item.get("serviceChannels") or []]
        channels = [channel for channel in channels if channel]
        common = self.common_values(record, item, channels)
        return ServiceRecord(
            external_id=key,
            organisation_id=organisation_id,
            languages={
                code: self.page_values(record, code, name, item, descriptions, channels, common)
                for code, name in names.items()
                if code in LANGUAGES
            },
        )

    def channel(self, record, link):
        channel_id = (link.get("serviceChannel") or {}).get("id")
        channel = self.channels.get(channel_id)
        if channel is None:
            self.error(
                record,
                "serviceChannels",
                _("The service channel %(id)s is not in the files.") % {"id": channel_id},
            )
            return None
        # Hours given on the connection are this service's own, before the channel's.
        return {**channel, "serviceHours": link.get("serviceHours") or channel.get("serviceHours")}

    def common_values(self, record, item, channels):
        """Return what is the same in every language: areas, vocabularies, hours."""
        nationwide = item.get("areaType") in ("Nationwide", "NationwideExceptAlandIslands")
        codes = [entry.get("code") for entry in item.get("municipalities") or []]
        for area in item.get("areas") or []:
            if area.get("type") == "Municipality":
                codes.append(area.get("code"))
            codes += [entry.get("code") for entry in area.get("municipalities") or []]
        for code in dict.fromkeys(codes):
            self.check_municipality(record, "areas", code)
        languages = [code.lower() for code in item.get("languages") or []]
        for code in languages:
            if code not in self.language_codes:
                self.notes.append(
                    _("%(record)s: language “%(code)s” is not in the site's vocabulary.")
                    % {"record": record, "code": code}
                )
        locations = [
            channel for channel in channels if channel["serviceChannelType"] == "ServiceLocation"
        ]
        hours_source = locations[0] if locations else next(iter(channels), {})
        weekly, exceptions, always_open = self.hours(record, hours_source.get("serviceHours"))
        return {
            "nationwide": nationwide,
            "free_of_charge": item.get("serviceChargeType") == "FreeOfCharge",
            "open_24_7": always_open,
            "relations": {
                "municipalities": [] if nationwide else [c for c in dict.fromkeys(codes) if c],
                "languages": [code for code in languages if code in self.language_codes],
                "categories": self.mapped(item.get("serviceClasses"), "service_classes"),
                "target_groups": self.mapped(item.get("targetGroups"), "target_groups"),
            },
            "opening_hours": weekly,
            "hours_exceptions": exceptions,
        }

    def check_municipality(self, record, field, code):
        if code is not None and code not in self.municipality_codes:
            self.error(
                record,
                field,
                _("Unknown municipality code “%(code)s”: add the municipality to the site.")
                % {"code": code},
            )
            return False
        return True

    def mapped(self, items, vocabulary):
        """Return the site's slugs for PTV codes, through a code's parents if need be."""
        table = self.mapping.get(vocabulary, {})
        slugs = []
        for entry in items or []:
            code = entry.get("code") or (entry.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
            while code and code not in table:
                code = code.rpartition(".")[0]
            slugs += table.get(code, [])
        return list(dict.fromkeys(slugs))

    def hours(self, record, service_hours):
        """Return (weekly rows, exception rows, always open) of PTV service hours."""
        weekly, exceptions, always_open = [], [], False
        for position, entry in enumerate(service_hours or []):
            field = f"serviceHours[{position}]"
            kind = entry.get("serviceHourType")
            if entry.get("isAlwaysOpen") and kind == "DaysOfTheWeek":
                always_open = True
            elif kind in ("DaysOfTheWeek", "OverMidnight") and not entry.get("isClosed"):
                if entry.get("validTo") and not entry.get("validForNow"):
                    self.notes.append(
                        _("%(record)s: hours valid only until %(date)s are left out.")
                        % {"record": record, "date": entry["validTo"][:10]}
                    )
                    continue
                for opening in entry.get("openingHour") or []:
                    for day in self.days(record, field, opening, kind):
                        weekly.append(
                            {
                                "weekday": day,
                                "opens": time_of_day(opening.get("from")),
                                "closes": time_of_day(opening.get("to")),
                                "by_appointment": bool(entry.get("isReservation")),
                            }
                        )
            elif kind == "Exceptional":
                exceptions += self.exception(record, field, entry)
        return weekly, exceptions, always_open

    def days(self, record, field, opening, kind):
        try:
            first = WEEKDAYS.index(opening.get("dayFrom"))
            # OverMidnight's dayTo is the day it closes on, not a range of days.
            last = (
                first
                if kind == "OverMidnight"
                else WEEKDAYS.index(opening.get("dayTo") or opening["dayFrom"])
            )
        except ValueError:
            self.error(record, f"{field}.openingHour", _("Unknown weekday."))
            return []
        return range(first, last + 1) if last >= first else [*range(first, 7), *range(last + 1)]

    def exception(self, record, field, entry):
        try:
            start = datetime.date.fromisoformat(entry["validFrom"][:10])
            end = datetime.date.fromisoformat((entry.get("validTo") or entry["validFrom"])[:10])
        except (KeyError, TypeError, ValueError):
            self.error(record, f"{field}.validFrom", _("An exceptional period needs its dates."))
            return []
        notes = {
            item["language"]: item["value"] for item in entry.get("additionalInformation") or []
        }
        base = {"start_date": start, "end_date": end, "note": notes}
        if entry.get("isClosed") or not entry.get("openingHour"):
            return [{**base, "kind": "closed", "opens": None, "closes": None}]
        kind = "by_appointment" if entry.get("isReservation") else "special_hours"
        return [
            {
                **base,
                "kind": kind,
                "opens": time_of_day(opening.get("from")),
                "closes": time_of_day(opening.get("to")),
            }
            for opening in entry["openingHour"]
        ]

    def page_values(self, record, code, name, item, descriptions, channels, common):
        summary = _text(descriptions, "Summary", code) or shorten(
            _text(descriptions, "Description", code)
        )
        if not summary:
            self.error(
                record,
                "serviceDescriptions",
                _("No Summary in “%(language)s”.") % {"language": code},
            )
        forms = [
            (_text(channel.get("serviceChannelNames"), "Name", code), url)
            for channel in channels
            if channel["serviceChannelType"] == "PrintableForm"
            for url in [_text(channel.get("channelUrls"), None, code)]
            if url
        ]
        description = rich_text(_text(descriptions, "Description", code))
        if forms:
            links = "".join(
                f'<li><a href="{escape(url)}">{escape(label or url)}</a></li>'
                for label, url in forms
            )
            description += f"<ul>{links}</ul>"
        relations = common["relations"]
        return PageValues(
            fields={
                "title": name,
                "summary": summary,
                "description": description,
                "how_to_get_help": rich_text(_text(descriptions, "UserInstruction", code)),
                "eligibility": rich_text(_language_text(item.get("requirements"), code)),
                "cost": ""
                if common["free_of_charge"]
                else _text(descriptions, "ChargeTypeAdditionalInfo", code)[:255],
                "free_of_charge": common["free_of_charge"],
                "nationwide": common["nationwide"],
                "open_24_7": common["open_24_7"],
            },
            relations=relations,
            children={
                "locations": [
                    location
                    for channel in channels
                    if channel["serviceChannelType"] == "ServiceLocation"
                    for location in self.locations(record, channel, code)
                ],
                "contact_channels": _unique(
                    contact for channel in channels for contact in self.contacts(channel, code)
                ),
                "opening_hours": common["opening_hours"],
                "hours_exceptions": [
                    {**row, "note": row["note"].get(code, row["note"].get("fi", ""))[:255]}
                    for row in common["hours_exceptions"]
                ],
            },
        )

    def locations(self, record, channel, code):
        record = f"{record}, channel {channel['id']}"
        name = _text(channel.get("serviceChannelNames"), "Name", code)
        for position, address in enumerate(channel.get("addresses") or []):
            street = address.get("streetAddress")
            if address.get("type") == "Postal" or not street:
                continue
            field = f"addresses[{position}].streetAddress"
            municipality = (street.get("municipality") or {}).get("code")
            if not self.check_municipality(record, f"{field}.municipality", municipality):
                continue
            latitude, longitude = self.coordinates(record, field, street)
            yield {
                "name": name[:255],
                "street_address": " ".join(
                    part
                    for part in (
                        _language_text(street.get("street"), code),
                        street.get("streetNumber"),
                    )
                    if part
                ),
                "postcode": street.get("postalCode") or "",
                "municipality": municipality,
                "latitude": latitude,
                "longitude": longitude,
                "accessibility": _accessibility(address, code),
            }

    def coordinates(self, record, field, street):
        latitude, longitude = street.get("latitude"), street.get("longitude")
        if not latitude or not longitude:
            return None, None
        try:
            latitude, longitude = float(latitude), float(longitude)
        except ValueError:
            self.error(record, f"{field}.latitude", _("Coordinates must be numbers."))
            return None, None
        if abs(latitude) > 90:
            # PTV gives coordinates in ETRS-TM35FIN metres (EPSG:3067), northing as "latitude".
            latitude, longitude = tm35fin_to_wgs84(latitude, longitude)
        message = outside_finland(latitude, longitude)
        if message:
            self.error(record, f"{field}.latitude", message)
            return None, None
        return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")

    def contacts(self, channel, code):
        kind = channel["serviceChannelType"]
        label = _text(channel.get("serviceChannelNames"), "Name", code)
        for phone in _in_language(
            channel.get("phoneNumbers", []) + channel.get("supportPhones", []), code
        ):
            if phone.get("type", "Phone") == "Phone" and phone.get("number"):
                number = phone["number"]
                if not phone.get("isFinnishServiceNumber"):
                    number = (phone.get("prefixNumber") or "") + number
                yield contact_row("phone", label, phone=number)
        for email in _in_language(channel.get("supportEmails"), code):
            yield contact_row("email", label, email=email["value"])
        if kind in ("WebPage", "EChannel"):
            for page in _in_language(channel.get("webPages"), code):
                yield contact_row("web_form", page.get("value") or label, url=page["url"])


def _responsible(item):
    for entry in item.get("organizations") or []:
        if entry.get("roleType") == "Responsible":
            return (entry.get("organization") or {}).get("id") or entry.get("organizationId")
    return (item.get("mainOrganization") or {}).get("id")


def _texts(items, kind):
    """Return {language: value} of a PTV localized list, of the items of type ``kind``."""
    return {
        item["language"]: item["value"]
        for item in items or []
        if isinstance(item, dict)
        and item.get("value")
        and (kind is None or item.get("type") == kind)
    }


def _text(items, kind, code):
    return _texts(items, kind).get(code, "")


def _in_language(items, code):
    # A value PTV gives in Finnish only also serves the other languages.
    items = items or []
    own = [item for item in items if item.get("language") == code]
    return own or [item for item in items if item.get("language") == "fi"]


def _language_text(items, code):
    return "\n\n".join(item["value"] for item in _in_language(items, code) if item.get("value"))


def _accessibility(address, code):
    """Return the accessibility sentences of an address's entrances, one a line."""
    sentences = [
        _language_text(value.get("sentence"), code)
        for entrance in address.get("entrances") or []
        for group in entrance.get("accessibilitySentences") or []
        for value in group.get("sentences") or []
    ]
    return "\n".join(sentence for sentence in sentences if sentence)


def _unique(contacts):
    seen, unique = set(), []
    for contact in contacts:
        key = (contact["kind"], contact["phone"] or contact["email"] or contact["url"])
        if key not in seen:
            seen.add(key)
            unique.append(contact)
    return unique


def tm35fin_to_wgs84(northing, easting):
    """Return (latitude, longitude) in degrees of an ETRS-TM35FIN (EPSG:3067) point."""
    longitude, latitude = _TM35FIN_TO_WGS84.transform(easting, northing)
    return latitude, longitude
