"""Finnish time: the Helsinki wall clock and the public holidays that close services."""

import datetime
import functools
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone
from django.utils.translation import get_language

HELSINKI = ZoneInfo("Europe/Helsinki")


ONE_DAY = datetime.timedelta(days=1)


@functools.lru_cache(maxsize=64)
def _finnish_holidays(year, language):
    # holidays.Finland counts Midsummer Eve and Christmas Eve as public holidays. They are not
    # church holidays, but they are bank holidays and nearly every office and NGO closes, so
    # they stay closing days; a service open on them adds a "special hours" exception.
    return holidays.Finland(years=year, language=language)


def _holiday_language(language=None):
    """Return the ``holidays`` language closest to a Django language code."""
    code = (language or get_language() or holidays.Finland.default_language).replace("-", "_")
    supported = holidays.Finland.supported_languages
    if code in supported:
        return code
    base = code.split("_")[0].lower()
    return next(
        (lang for lang in supported if lang.split("_")[0] == base),
        holidays.Finland.default_language,
    )


def is_public_holiday(day: datetime.date) -> bool:
    """Tell whether ``day`` is a Finnish public holiday."""
    return day in _finnish_holidays(day.year, holidays.Finland.default_language)


def holiday_name(day: datetime.date, language: str | None = None) -> str | None:
    """Return the name of the public holiday on ``day`` in the active language, or None."""
    return _finnish_holidays(day.year, _holiday_language(language)).get(day)


def wall_clock(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        raise ValueError("Give an aware datetime.")
    return moment.astimezone(HELSINKI).replace(tzinfo=None)
