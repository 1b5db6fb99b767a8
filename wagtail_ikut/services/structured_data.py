"""schema.org JSON-LD of a service page."""

from wagtail_ikut.core.structured_data import (
    GOVERNMENT_KINDS,
    SCHEMA_DAYS,
    organisation_json_ld,
    place_json_ld,
)


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
