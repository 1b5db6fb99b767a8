"""schema.org Course and CourseInstance JSON-LD of a course page."""

from wagtail_ikut.core.structured_data import SCHEMA_DAYS, organisation_json_ld, place_json_ld
from wagtail_ikut.courses.details import CourseStatus

#: What each course instance status means for enrolment, as a schema.org ItemAvailability.
AVAILABILITY = {
    CourseStatus.PLANNED: "PreOrder",
    CourseStatus.ENROLMENT_OPEN: "InStock",
    CourseStatus.FULL: "SoldOut",
    CourseStatus.RUNNING: "OutOfStock",
    CourseStatus.FINISHED: "Discontinued",
    CourseStatus.CANCELLED: "Discontinued",
}


def workload(page):
    """Return the weekly hours as an ISO 8601 duration, or a range of two ("PT12H/PT15H")."""
    hours = [h for h in (page.hours_per_week_min, page.hours_per_week_max) if h is not None]
    return "/".join(f"PT{h}H" for h in sorted(set(hours))) or None


def schedule_json_ld(instance):
    data = {
        "@type": "Schedule",
        "startDate": instance.start_date.isoformat(),
        "endDate": instance.end_date.isoformat(),
        "scheduleTimezone": "Europe/Helsinki",
    }
    if instance.weekdays:
        data["repeatFrequency"] = "P1W"
        data["byDay"] = [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in instance.weekdays]
    if instance.start_time:
        data["startTime"] = instance.start_time.strftime("%H:%M")
        data["endTime"] = instance.end_time.strftime("%H:%M")
    return data


def offer_json_ld(page, instance, status, url):
    data = {"@type": "Offer", "url": url, "priceCurrency": "EUR"}
    if page.free_of_charge:
        data["price"] = 0
        data["category"] = "Free"
    elif page.cost:
        data["description"] = page.cost
    data["availability"] = f"https://schema.org/{AVAILABILITY[status]}"
    if instance.enrolment_start:
        data["validFrom"] = instance.enrolment_start.isoformat()
    if instance.enrolment_end:
        data["validThrough"] = instance.enrolment_end.isoformat()
    return data


def course_instance_json_ld(page, instance, status, url):
    """Return a schema.org CourseInstance; a confidential place is left out."""
    languages = [language.code for language in page.languages.all()]
    data = {
        "@type": "CourseInstance",
        "courseMode": "onsite",
        "startDate": instance.start_date.isoformat(),
        "endDate": instance.end_date.isoformat(),
        "courseSchedule": schedule_json_ld(instance),
        "inLanguage": languages,
        "offers": offer_json_ld(page, instance, status, url),
        "eventStatus": "https://schema.org/EventCancelled"
        if status == CourseStatus.CANCELLED
        else "https://schema.org/EventScheduled",
    }
    if workload(page):
        data["courseWorkload"] = workload(page)
    if instance.seats is not None:
        data["maximumAttendeeCapacity"] = instance.seats
    if instance.seats_left is not None:
        data["remainingAttendeeCapacity"] = instance.seats_left
    if instance.street_address and not instance.confidential:
        data["location"] = place_json_ld(instance)
    if page.organiser:
        data["organizer"] = organisation_json_ld(page.organiser)
    return data


def course_json_ld(page, url, today):
    """Return schema.org data for a course page with its upcoming instances."""
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "isAccessibleForFree": page.free_of_charge,
        "inLanguage": [language.code for language in page.languages.all()],
        "about": [theme.name for theme in page.themes.all()],
        "hasCourseInstance": [
            course_instance_json_ld(page, instance, status, url)
            for instance, status in page.instances_with_status(today)
        ],
    }
    if page.organiser:
        data["provider"] = organisation_json_ld(page.organiser)
    if page.funder_name:
        data["funder"] = {"@type": "Organization", "name": page.funder_name}
        if page.funding_programme:
            data["funding"] = {"@type": "Grant", "name": page.funding_programme}
    return data
