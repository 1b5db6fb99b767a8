"""Opening hours: what a service's hours mean on a day, now, and in the directory's "open now".

Times in the models are wall-clock times in Helsinki. Both implementations here, ``status_at``
in Python and ``open_at`` in SQL, compare wall-clock times, so they agree even on the nights
the clocks change: the skipped hour in March never occurs, and the hour repeated in October
counts by the clock both times round.
"""

import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language

from wagtail_ikut.models import OpeningHours, OpeningHoursException, ServiceStatus

HELSINKI = ZoneInfo("Europe/Helsinki")
LOOKAHEAD_DAYS = 14
ONE_DAY = datetime.timedelta(days=1)

CLOSED = OpeningHoursException.Kind.CLOSED
BY_APPOINTMENT = OpeningHoursException.Kind.BY_APPOINTMENT


@dataclass(frozen=True)
class Period:
    """A time the service is open, from ``start`` until just before ``end``."""

    start: datetime.datetime
    end: datetime.datetime
    by_appointment: bool = False
    note: str = ""

    def contains(self, moment):
        """Tell whether ``moment`` falls in this period, by the Helsinki wall clock."""
        return _wall(self.start) <= _wall(moment) < _wall(self.end)


@dataclass(frozen=True)
class OpenStatus:
    """Whether a service is open at a moment, until when, and when it next opens."""

    is_open: bool
    by_appointment: bool = False
    until: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None


# Holidays.


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


def is_public_holiday(day):
    """Tell whether ``day`` is a Finnish public holiday."""
    return day in _finnish_holidays(day.year, holidays.Finland.default_language)


def holiday_name(day, language=None):
    """Return the name of the public holiday on ``day`` in the active language, or None."""
    return _finnish_holidays(day.year, _holiday_language(language)).get(day)


# Python side, for one service page.


def _wall(moment):
    if timezone.is_naive(moment):
        raise ValueError("Give an aware datetime.")
    return moment.astimezone(HELSINKI).replace(tzinfo=None)


def _period(day, opens, closes, by_appointment=False, note=""):
    # zoneinfo picks each end's own UTC offset, so a night across a clock change keeps its
    # wall-clock times; the same rule (closes <= opens: the next day) is in _running_q().
    end_day = day + ONE_DAY if closes <= opens else day
    return Period(
        start=datetime.datetime.combine(day, opens, tzinfo=HELSINKI),
        end=datetime.datetime.combine(end_day, closes, tzinfo=HELSINKI),
        by_appointment=by_appointment,
        note=note,
    )


def _rules(page):
    # Read the child relations once: a look-ahead asks about many days.
    return list(page.opening_hours.all()), list(page.hours_exceptions.all())


def _periods_on(page, rules, day):
    weekly, exceptions = rules
    covering = [exc for exc in exceptions if exc.start_date <= day <= exc.end_date]
    if covering:
        # Closed wins over any special hours on the same day: better to send no one to a
        # locked door.
        if any(exc.kind == CLOSED for exc in covering):
            return []
        periods = [
            _period(day, exc.opens, exc.closes, exc.kind == BY_APPOINTMENT, exc.note)
            for exc in covering
            if exc.opens is not None and exc.closes is not None
        ]
    elif page.closed_on_public_holidays and is_public_holiday(day):
        return []
    else:
        periods = [
            _period(day, hours.opens, hours.closes, hours.by_appointment)
            for hours in weekly
            if hours.weekday == day.weekday()
        ]
    return sorted(periods, key=lambda period: _wall(period.start))


def periods_on(page, day):
    """Return the periods that start on ``day``, after exceptions and public holidays.

    ``open_24_7`` is not a period; the template shows it on its own.
    """
    return _periods_on(page, _rules(page), day)


def week(page, start_day):
    """Return seven (day, periods, holiday name or None) triples from ``start_day``."""
    rules = _rules(page)
    days = [start_day + n * ONE_DAY for n in range(7)]
    return [(day, _periods_on(page, rules, day), holiday_name(day)) for day in days]


def _running(page, rules, moment):
    # A period lasts at most a day, so only today's and yesterday's can still be running.
    today = _wall(moment).date()
    return [
        period
        for day in (today - ONE_DAY, today)
        for period in _periods_on(page, rules, day)
        if period.contains(moment)
    ]


def _status(current, **later):
    return OpenStatus(
        is_open=bool(current),
        # Walk-in hours at the same time win over appointment-only ones.
        by_appointment=bool(current) and all(period.by_appointment for period in current),
        **later,
    )


def status_at(page, moment=None):
    """Return whether ``page``'s service is open at ``moment`` (now by default)."""
    moment = moment or timezone.now()
    now = _wall(moment)
    if page.status != ServiceStatus.ACTIVE:
        return OpenStatus(is_open=False)
    if page.open_24_7:
        return OpenStatus(is_open=True)
    rules = _rules(page)
    today = now.date()
    periods = [
        period
        for n in range(-1, LOOKAHEAD_DAYS + 1)
        for period in _periods_on(page, rules, today + n * ONE_DAY)
    ]
    current = _running(page, rules, moment)
    until = None
    if current:
        until = max((period.end for period in current), key=_wall)
        # Follow periods that pick up where another ends, e.g. a night into a day shift.
        for period in sorted(periods, key=lambda period: _wall(period.start)):
            if _wall(period.start) <= _wall(until) < _wall(period.end):
                until = period.end
    after = _wall(until) if until else now
    upcoming = [period.start for period in periods if _wall(period.start) > after]
    return _status(
        current, until=until, next_opening=min(upcoming, key=_wall) if upcoming else None
    )


# Database side, for the directory's "open now" filter.


def _running_q(t, started_yesterday):
    # Mirrors _period(): closes <= opens runs past midnight into the next day.
    past_midnight = Q(closes__lte=F("opens"))
    if started_yesterday:
        return past_midnight & Q(closes__gt=t)
    return Q(opens__lte=t) & (Q(closes__gt=t) | past_midnight)


def _started_on_q(day, t, started_yesterday, walk_in):
    """Return a Q for pages with a period starting on ``day`` that runs at wall time ``t``,
    open to walk-in visits if ``walk_in``."""
    running = _running_q(t, started_yesterday)
    # Uncorrelated subqueries: the database reads each once a statement, not once a service.
    covered = OpeningHoursException.objects.filter(start_date__lte=day, end_date__gte=day)
    weekly_hours = OpeningHours.objects.filter(weekday=day.weekday()).filter(running)
    special_hours = covered.exclude(kind=CLOSED).filter(running)
    if walk_in:
        weekly_hours = weekly_hours.filter(by_appointment=False)
        special_hours = special_hours.exclude(kind=BY_APPOINTMENT)
    weekly = Q(pk__in=weekly_hours.values("page")) & ~Q(pk__in=covered.values("page"))
    if is_public_holiday(day):
        weekly &= Q(closed_on_public_holidays=False)
    special = ~Q(pk__in=covered.filter(kind=CLOSED).values("page")) & Q(
        pk__in=special_hours.values("page")
    )
    return weekly | special


def open_at(queryset, moment=None, walk_in=False):
    """Filter a ServicePage queryset to the services open at ``moment`` (now by default).

    The same answer as ``status_at(page, moment).is_open``, in one SQL query. By-appointment
    periods count as open: the service is working and reachable, and the list marks them.
    With ``walk_in``, only the services open then without an appointment: the same answer as
    ``is_open and not by_appointment``.
    """
    now = _wall(moment or timezone.now())
    today, t = now.date(), now.time()
    return queryset.filter(status=ServiceStatus.ACTIVE).filter(
        Q(open_24_7=True)
        | _started_on_q(today, t, started_yesterday=False, walk_in=walk_in)
        | _started_on_q(today - ONE_DAY, t, started_yesterday=True, walk_in=walk_in)
    )


# Search engine side, for the directory's "open now" on an engine: the same rules as open_at(),
# indexed as ranges the engine can test a moment against.

WEEK_SECONDS = 7 * 86400
#: Days ahead that special hours are written out for, one range a day.
SPECIAL_DAYS_MAX = 400


def _week_second(weekday, t):
    return weekday * 86400 + t.hour * 3600 + t.minute * 60 + t.second


def engine_hours(weekly, exceptions):
    """Return the index fields of a service's hours: ``weekly`` and ``exceptions`` are dicts
    with the fields of OpeningHours and OpeningHoursException.

    Weekly periods are ranges of seconds of the week, split at midnight: the part on the day
    they start (``weekly_same_day``) and the part after midnight (``weekly_overnight``), as
    exceptions and holidays apply to the day a period starts. Special hours are written out as
    wall-clock ranges for each of their days that no closed exception covers. The ``walk_in_``
    fields hold the same without the by-appointment periods, so that a search can tell
    "open now" from "open now by appointment".
    """
    walk_in = _engine_periods(
        [hours for hours in weekly if not hours["by_appointment"]],
        [exc for exc in exceptions if exc["kind"] != BY_APPOINTMENT],
    )
    return {
        **_engine_periods(weekly, exceptions),
        **{f"walk_in_{name}": ranges for name, ranges in walk_in.items()},
        "exception_days": [
            {"gte": exc["start_date"].isoformat(), "lte": exc["end_date"].isoformat()}
            for exc in exceptions
        ],
    }


def _engine_periods(weekly, exceptions):
    same_day, overnight = [], []
    for hours in weekly:
        start = _week_second(hours["weekday"], hours["opens"])
        if hours["closes"] <= hours["opens"]:
            same_day.append({"gte": start, "lt": (hours["weekday"] + 1) * 86400})
            next_day = (hours["weekday"] + 1) % 7
            end = _week_second(next_day, hours["closes"])
            if end > next_day * 86400:
                overnight.append({"gte": next_day * 86400, "lt": end})
        else:
            same_day.append({"gte": start, "lt": _week_second(hours["weekday"], hours["closes"])})
    closed = [exc for exc in exceptions if exc["kind"] == CLOSED]
    special = []
    for exc in exceptions:
        if exc["kind"] == CLOSED or exc["opens"] is None or exc["closes"] is None:
            continue
        last = min(exc["end_date"], exc["start_date"] + SPECIAL_DAYS_MAX * ONE_DAY)
        day = exc["start_date"]
        while day <= last:
            if not any(c["start_date"] <= day <= c["end_date"] for c in closed):
                period = _period(day, exc["opens"], exc["closes"])
                special.append({"gte": _engine_wall(period.start), "lt": _engine_wall(period.end)})
            day += ONE_DAY
    return {"weekly_same_day": same_day, "weekly_overnight": overnight, "special_hours": special}


def _engine_wall(moment):
    return _wall(moment).isoformat(timespec="seconds")


def engine_open_filter(moment=None, walk_in=False):
    """Return an engine filter for the services open at ``moment``, as open_at() in SQL, and
    with ``walk_in`` for those open then without an appointment."""
    now = _wall(moment or timezone.now())
    today = now.date()
    prefix = "walk_in_" if walk_in else ""

    def weekly(field, day):
        # Weekly hours of a period that started on ``day``, unless an exception or a holiday
        # takes that day.
        excluded = [{"term": {"exception_days": day.isoformat()}}]
        if is_public_holiday(day):
            excluded.append({"term": {"closed_on_public_holidays": True}})
        second = _week_second(now.weekday(), now.time())
        return {"bool": {"filter": [{"term": {prefix + field: second}}], "must_not": excluded}}

    return {
        "bool": {
            "filter": [{"term": {"status": ServiceStatus.ACTIVE}}],
            "should": [
                {"term": {"open_24_7": True}},
                weekly("weekly_same_day", today),
                weekly("weekly_overnight", today - ONE_DAY),
                {"term": {prefix + "special_hours": now.isoformat(timespec="seconds")}},
            ],
            "minimum_should_match": 1,
        }
    }
