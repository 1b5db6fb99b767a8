"""schema.org JSON-LD for public pages; confidential addresses never enter it."""

from django.utils.html import strip_tags

from .models import LegalForce, Organisation

GOVERNMENT_KINDS = {Organisation.Kind.MUNICIPALITY, Organisation.Kind.STATE_AUTHORITY}
SCHEMA_LEGAL_FORCE = {
    LegalForce.IN_FORCE: "https://schema.org/InForce",
    LegalForce.NOT_YET: "https://schema.org/NotInForce",
    LegalForce.ENDED: "https://schema.org/NotInForce",
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
