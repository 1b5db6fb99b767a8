"""schema.org JSON-LD of what every content kind shares: organisations, places, weekdays."""

from wagtail_ikut.core.organisations import Organisation

GOVERNMENT_KINDS = {
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.WELLBEING_SERVICES_COUNTY,
    Organisation.Kind.STATE_AUTHORITY,
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
