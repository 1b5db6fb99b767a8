"""Opening hours as the engine holds them: the rules of services/hours.py open_at(), indexed as
ranges that a search can test a moment against."""

from django.utils import timezone

from wagtail_ikut.core.calendar import ONE_DAY, is_public_holiday, wall_clock
from wagtail_ikut.services.hours import BY_APPOINTMENT, CLOSED, opening_period
from wagtail_ikut.services.models import ServiceStatus

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
                period = opening_period(day, exc["opens"], exc["closes"])
                special.append({"gte": _engine_wall(period.start), "lt": _engine_wall(period.end)})
            day += ONE_DAY
    return {"weekly_same_day": same_day, "weekly_overnight": overnight, "special_hours": special}


def _engine_wall(moment):
    return wall_clock(moment).isoformat(timespec="seconds")


def engine_open_filter(moment=None, walk_in=False):
    """Return an engine filter for the services open at ``moment``, as open_at() in SQL, and
    with ``walk_in`` for those open then without an appointment."""
    now = wall_clock(moment or timezone.now())
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
