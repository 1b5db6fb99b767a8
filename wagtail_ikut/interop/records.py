"""What importers read their source into, and what an import reports: the records the writer
takes, the errors that stop it, and the text helpers the readers share."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail_ikut.conf import ikut_settings

# Of the translation keys of what an import adds: every language of one service, organisation
# or vocabulary value shares one, derived from the source's id.
NAMESPACE = uuid.UUID("5d0c7a3e-1b7e-4f0e-9a61-8f3c2b7d4e10")


def read_text(file):
    """Return the text of the UTF-8 file ``file``; raise ValueError if it is too large or not
    UTF-8."""
    limit = ikut_settings.IMPORT_MAX_BYTES
    if file.stat().st_size > limit:
        raise ValueError(
            _("The file is larger than the limit of %(limit)s bytes.") % {"limit": limit}
        )
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start}
        ) from error


#: Where Finland lies, in WGS 84 degrees, with a margin: (south, north, west, east).
FINLAND = (59.3, 70.2, 19.0, 31.7)


def outside_finland(latitude, longitude):
    """Return the error message for coordinates outside Finland, or None if they are inside."""
    south, north, west, east = FINLAND
    if south <= latitude <= north and west <= longitude <= east:
        return None
    return _("The coordinates %(latitude).5f, %(longitude).5f are outside Finland.") % {
        "latitude": latitude,
        "longitude": longitude,
    }


def json_error(error):
    """Return the message for a json.JSONDecodeError, with its line and column."""
    return _("The file is not valid JSON: %(message)s at line %(line)s, column %(column)s.") % {
        "message": error.msg,
        "line": error.lineno,
        "column": error.colno,
    }


def rich_text(text):
    """Return plain text (paragraphs by blank lines) as rich text."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


def time_of_day(value):
    """Return the time an ISO ``HH:MM[:SS]`` string gives, else None (the row's check then
    names the field)."""
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def contact_row(kind, label, phone="", email="", url=""):
    """Return the values of a service's contact channel row, its label cut to fit."""
    return {"kind": kind, "phone": phone, "email": email, "url": url, "label": label[:255]}


def shorten(text, limit=400):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class RecordError:
    """What is wrong with one record of the input, and in which of its fields."""

    record: str
    field: str
    message: str

    def __str__(self):
        return f"{self.record}: {self.field}: {self.message}"


class ImportFailed(Exception):
    """The input has errors; nothing was written."""

    def __init__(self, errors):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass
class OrganisationRecord:
    external_id: str
    names: dict  # language code -> name
    kind: str
    website: str = ""
    descriptions: dict = field(default_factory=dict)  # language code -> description
    email: str = ""
    phone: str = ""
    parent_id: str = ""


@dataclass
class TermRecord:
    """A vocabulary value services refer to (``relation`` of LOOKUP), to add where missing."""

    relation: str
    key: str  # the slug or code
    names: dict  # language code -> name
    descriptions: dict = field(default_factory=dict)


@dataclass
class PageValues:
    """A service page's values in one language.

    ``relations`` give vocabulary values by slug or code (LOOKUP); ``children`` give rows as
    dicts, a location's municipality by its code; ``slug`` is the one a new page asks for.
    """

    fields: dict
    relations: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    slug: str = ""


@dataclass
class ServiceRecord:
    external_id: str
    organisation_id: str
    languages: dict  # language code -> PageValues


@dataclass
class Report:
    """What an import did, or would do: the records' ids by outcome."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    organisations_created: list = field(default_factory=list)
    organisations_updated: list = field(default_factory=list)
    terms_created: list = field(default_factory=list)
    notes: list = field(default_factory=list)
