"""Opening hours: what a service's hours mean on a day, now, and in the directory's "open now".

Times in the models are wall-clock times in Helsinki. Both implementations here, ``status_at``
in Python and ``open_at`` in SQL, compare wall-clock times, so they agree even on the nights
the clocks change: the skipped hour in March never occurs, and the hour repeated in October
counts by the clock both times round.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from wagtail_ikut.core.calendar import (
    HELSINKI,
    ONE_DAY,
    holiday_name,
    is_public_holiday,
    wall_clock,
)
from wagtail_ikut.services.details import OpeningHours, OpeningHoursException
from wagtail_ikut.services.models import ServiceStatus

LOOKAHEAD_DAYS = 14


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
        return wall_clock(self.start) <= wall_clock(moment) < wall_clock(self.end)


@dataclass(frozen=True)
class OpenStatus:
    """Whether a service is open at a moment, until when, and when it next opens."""

    is_open: bool
    by_appointment: bool = False
    until: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None


def opening_period(day, opens, closes, by_appointment=False, note=""):
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
            opening_period(day, exc.opens, exc.closes, exc.kind == BY_APPOINTMENT, exc.note)
            for exc in covering
            if exc.opens is not None and exc.closes is not None
        ]
    elif page.closed_on_public_holidays and is_public_holiday(day):
        return []
    else:
        periods = [
            opening_period(day, hours.opens, hours.closes, hours.by_appointment)
            for hours in weekly
            if hours.weekday == day.weekday()
        ]
    return sorted(periods, key=lambda period: wall_clock(period.start))


def periods_on(page, day: datetime.date) -> list[Period]:
    """Return the periods that start on ``day``, after exceptions and public holidays.

    ``open_24_7`` is not a period; the template shows it on its own.
    """
    return _periods_on(page, _rules(page), day)


def week(page, start_day: datetime.date) -> list[tuple]:
    """Return seven (day, periods, holiday name or None) triples from ``start_day``."""
    rules = _rules(page)
    days = [start_day + n * ONE_DAY for n in range(7)]
    return [(day, _periods_on(page, rules, day), holiday_name(day)) for day in days]


def _running(page, rules, moment):
    # A period lasts at most a day, so only today's and yesterday's can still be running.
    today = wall_clock(moment).date()
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


def status_at(page, moment: datetime.datetime | None = None) -> OpenStatus:
    """Return whether ``page``'s service is open at ``moment`` (now by default)."""
    moment = moment or timezone.now()
    now = wall_clock(moment)
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
        until = max((period.end for period in current), key=wall_clock)
        # Follow periods that pick up where another ends, e.g. a night into a day shift.
        for period in sorted(periods, key=lambda period: wall_clock(period.start)):
            if wall_clock(period.start) <= wall_clock(until) < wall_clock(period.end):
                until = period.end
    after = wall_clock(until) if until else now
    upcoming = [period.start for period in periods if wall_clock(period.start) > after]
    return _status(
        current, until=until, next_opening=min(upcoming, key=wall_clock) if upcoming else None
    )


def _running_q(t, started_yesterday):
    # Mirrors opening_period(): closes <= opens runs past midnight into the next day.
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


def open_at(
    queryset: QuerySet, moment: datetime.datetime | None = None, walk_in: bool = False
) -> QuerySet:
    """Filter a ServicePage queryset to the services open at ``moment`` (now by default).

    The same answer as ``status_at(page, moment).is_open``, in one SQL query. By-appointment
    periods count as open: the service is working and reachable, and the list marks them.
    With ``walk_in``, only the services open then without an appointment: the same answer as
    ``is_open and not by_appointment``.
    """
    now = wall_clock(moment or timezone.now())
    today, t = now.date(), now.time()
    return queryset.filter(status=ServiceStatus.ACTIVE).filter(
        Q(open_24_7=True)
        | _started_on_q(today, t, started_yesterday=False, walk_in=walk_in)
        | _started_on_q(today - ONE_DAY, t, started_yesterday=True, walk_in=walk_in)
    )
