"""Dates on public pages as they are written in Finland, in each of the package's languages.

Django's own formats follow each language's largest country: Swedish writes 2026-12-28, as in
Sweden, and English 12/28/2026, as in the United States. In Finland, Swedish writes 28.12.2026,
as Finnish does; English is written day first, with the month named, so that no reader takes
1 October for 10 January. The formats are kept here rather than in a format module because
FORMAT_MODULE_PATH belongs to the host site, and would replace the package's.
"""

import datetime

from django.utils import dateformat
from django.utils.translation import get_language

#: Django date format strings by kind: a day; a day with its weekday, as in a week's opening
#: hours; that with the time of day; a month.
FINNISH_PRACTICE = {
    "date": "j.n.Y",
    "weekday": "l j.n.",
    "weekday_time": "l j.n. H:i",
    "month": "F Y",
}
FORMATS = {
    "fi": FINNISH_PRACTICE,
    "sv": FINNISH_PRACTICE,
    "en": {
        "date": "j F Y",
        "weekday": "l j F",
        "weekday_time": "l j F H:i",
        "month": "F Y",
    },
}


def format_date(value: datetime.date, kind: str = "date") -> str:
    """Write a date or a datetime as ``kind`` says, in the active language."""
    # Other languages a site adds write the numbers as Finnish does, which reads the same in
    # any language; the names of days and months are still theirs.
    language = (get_language() or "").split("-")[0]
    return dateformat.format(value, FORMATS.get(language, FINNISH_PRACTICE)[kind])
