"""A service's opening hours as HSDS schedules: RFC 5545 recurrence fields, in Helsinki
wall-clock time."""

from wagtail_ikut.interop.hsds_fields import compact, hsds_id
from wagtail_ikut.interop.hsds_vocabularies import flag_label
from wagtail_ikut.services.details import OpeningHoursException
from wagtail_ikut.services.models import ServicePage

#: RFC 5545 day codes by our weekday numbers (0 is Monday).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVERY_DAY = ",".join(BYDAY)


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
