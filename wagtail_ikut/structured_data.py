"""schema.org JSON-LD for public pages; confidential addresses never enter it."""

from django.utils.html import strip_tags

from wagtail_ikut.models import CourseStatus, LegalForce, Organisation

GOVERNMENT_KINDS = {Organisation.Kind.MUNICIPALITY, Organisation.Kind.STATE_AUTHORITY}
SCHEMA_LEGAL_FORCE = {
    LegalForce.IN_FORCE: "https://schema.org/InForce",
    LegalForce.NOT_YET: "https://schema.org/NotInForce",
    LegalForce.ENDED: "https://schema.org/NotInForce",
}
#: What each course instance status means for enrolment, as a schema.org ItemAvailability.
AVAILABILITY = {
    CourseStatus.PLANNED: "PreOrder",
    CourseStatus.ENROLMENT_OPEN: "InStock",
    CourseStatus.FULL: "SoldOut",
    CourseStatus.RUNNING: "OutOfStock",
    CourseStatus.FINISHED: "Discontinued",
    CourseStatus.CANCELLED: "Discontinued",
}
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def organisation_json_ld(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def place_json_ld(location):
    data = {"@type": "Place", "name": location.name or location.street_address}
    data["address"] = {
        "@type": "PostalAddress",
        "streetAddress": location.street_address,
        "postalCode": location.postcode,
        "addressLocality": location.municipality.name if location.municipality else "",
        "addressCountry": "FI",
    }
    if location.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data


def service_json_ld(page, url):
    """Return schema.org data for a service page: GovernmentService for public providers."""
    provider = page.provider
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService"
        if provider and provider.kind in GOVERNMENT_KINDS
        else "Service",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "isAccessibleForFree": page.free_of_charge,
        "availableLanguage": [
            {"@type": "Language", "name": language.name, "alternateName": language.code}
            for language in page.languages.all()
        ],
    }
    if provider:
        data["provider"] = organisation_json_ld(provider)
    if page.nationwide:
        data["areaServed"] = {"@type": "Country", "name": "Finland"}
    else:
        data["areaServed"] = [
            {"@type": "City", "name": municipality.name}
            for municipality in page.municipalities.all()
        ]
    if page.open_24_7:
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": list(SCHEMA_DAYS),
                "opens": "00:00",
                "closes": "23:59",
            }
        ]
    else:
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[period.weekday],
                "opens": period.opens.strftime("%H:%M"),
                "closes": period.closes.strftime("%H:%M"),
            }
            for period in page.opening_hours.all()
        ]
    if hours:
        data["hoursAvailable"] = hours
    channels = [
        {"@type": "ServiceChannel", "servicePlace": place_json_ld(location)}
        for location in page.locations.all()
        if not location.confidential
    ]
    for channel in page.contact_channels.all():
        if channel.kind == channel.Kind.PHONE:
            channels.append(
                {
                    "@type": "ServiceChannel",
                    "servicePhone": {"@type": "ContactPoint", "telephone": channel.phone},
                }
            )
        elif channel.kind == channel.Kind.EMAIL:
            channels.append({"@type": "ServiceChannel", "serviceUrl": f"mailto:{channel.email}"})
        else:
            channels.append({"@type": "ServiceChannel", "serviceUrl": channel.url})
    if channels:
        data["availableChannel"] = channels
    return data


def legislation_json_ld(reference, today=None):
    """Return schema.org Legislation for a legal reference, cited in the active language."""
    data = {
        "@type": "Legislation",
        "name": reference.citation(),
        "legislationIdentifier": reference.statute_number,
        "legislationJurisdiction": "FI",
        "legislationLegalForce": SCHEMA_LEGAL_FORCE[reference.legal_force(today)],
    }
    parts = reference.statute_parts()
    if parts:
        # The Statute Book numbers statutes by the year they were issued in.
        data["legislationDate"] = parts["year"]
    if reference.consolidated_url:
        data["url"] = reference.consolidated_url
    if reference.eli:
        data["sameAs"] = reference.eli
    return data


def guidance_json_ld(page, url, today=None):
    """Return schema.org HowTo for the steps of a guidance page that apply today."""
    steps = page.steps_today(today).current
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.locale.language_code,
        "step": [
            {
                "@type": "HowToStep",
                "position": position,
                "name": step["title"],
                "text": strip_tags(step["what_to_do"].source).strip(),
            }
            for position, step in enumerate(steps, start=1)
        ],
    }
    supplies = [
        {"@type": "HowToSupply", "name": document["name"]}
        | ({"url": document["url"]} if document["url"] else {})
        for step in steps
        for document in step["documents"]
    ]
    if supplies:
        data["supply"] = supplies
    references = page.cited_legal_references()
    if references:
        data["citation"] = [legislation_json_ld(reference, today) for reference in references]
    return data


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
