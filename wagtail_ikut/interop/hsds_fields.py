"""The values of HSDS fields: stable ids, objects without nulls, phone numbers, HTML, pages.

Ids are uuid5 over one namespace and what identifies a thing in every language: a page's or a
snippet's ``translation_key``, a vocabulary term's slug or code, a child row's position among
its page's rows. A service or organisation imported from HSDS data keeps the id it came with.
"""

import uuid

from django.core.exceptions import ValidationError
from wagtail.rich_text import expand_db_html

from wagtail_ikut.core.fields import PhoneNumberField

#: The namespace of every HSDS id the package makes; never change it, or every id changes.
NAMESPACE = uuid.UUID("7d1e9f0a-3c55-5b1e-9a6f-2f1d4c8b6e10")

#: The HSDS version and profile the objects follow, as the API's ``GET /`` says them.
VERSION = "3.0"
PROFILE = "https://openreferral.org/specification/3.0"

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


def organization_id(organisation) -> str:
    """Return an organisation's HSDS id: the one it was imported with, else its own."""
    return organisation.hsds_id or hsds_id("organization", organisation.translation_key)


def service_id(service) -> str:
    """Return a service's HSDS id: the one it was imported with, else its own."""
    return service.hsds_id or hsds_id("service", service.translation_key)


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
