"""iCalendar (RFC 5545) feeds of course instances, for calendar apps to subscribe to.

Each instance is one event that repeats weekly on its meeting days (an all-day event over its
dates when it has no meeting times), in Europe/Helsinki time with the VTIMEZONE included. Its UID
comes from the instance's translation key, which no edit changes and which its translations
share: the same run of a course is the same event in every language.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText
from wagtail.models import Site

from wagtail_ikut.core.calendar import HELSINKI
from wagtail_ikut.courses.details import CourseStatus

RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ONE_DAY = datetime.timedelta(days=1)


def location_text(instance):
    if instance.confidential:
        return _("The address is given to those who enrol.")
    municipality = instance.municipality.name if instance.municipality else ""
    parts = [instance.name, instance.street_address, f"{instance.postcode} {municipality}".strip()]
    return ", ".join(part for part in parts if part)


def instance_event(course, instance, url, host, stamp):
    """Return the event for one course instance."""
    event = Event()
    event.add("uid", f"course-instance-{instance.translation_key}@{host}")
    event.add("dtstamp", stamp)
    if course.last_published_at:
        event.add("last-modified", course.last_published_at)
    event.add("summary", course.title)
    event.add("description", f"{course.summary}\n\n{url}")
    event.add("url", url)
    event.add("location", location_text(instance))
    if instance.start_time and instance.weekdays:
        first = instance.first_meeting
        event.add("dtstart", datetime.datetime.combine(first, instance.start_time, HELSINKI))
        event.add("dtend", datetime.datetime.combine(first, instance.end_time, HELSINKI))
        # RFC 5545: with a local DTSTART, UNTIL is given in UTC.
        last_moment = datetime.datetime.combine(instance.end_date, datetime.time.max, HELSINKI)
        until = last_moment.astimezone(datetime.UTC).replace(microsecond=0)
        byday = [RRULE_DAYS[day] for day in instance.weekdays]
        event.add("rrule", {"freq": "weekly", "byday": byday, "until": until})
    else:
        event.add("dtstart", instance.start_date)
        event.add("dtend", instance.end_date + ONE_DAY)
    cancelled = instance.status == CourseStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def build_calendar(name, courses, request):
    """Return a calendar of the upcoming instances of ``courses``."""
    today = timezone.localdate()
    site = Site.find_for_request(request)
    host = site.hostname if site else request.get_host()
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//wagtail-ikut//courses//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar escapes only the properties it knows as text; a line break left in the name
    # would end the line and start a property of the editor's choosing.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    dates = []
    for course in courses:
        url = course.get_full_url(request)
        for instance in course.upcoming_instances(today).select_related("municipality"):
            calendar.add_component(instance_event(course, instance, url, host, stamp))
            dates += [instance.start_date, instance.end_date]
    if dates:
        calendar.add_missing_timezones(first_date=min(dates), last_date=max(dates) + ONE_DAY)
    return calendar


def calendar_response(request, name, courses):
    """Serve the calendar of ``courses`` as ``text/calendar``."""
    response = HttpResponse(
        build_calendar(name, courses, request).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slugify(name) or "courses"}.ics"'
    return response
