"""A service's places as HSDS locations, and its chat and web form as virtual ones.

A confidential place never says where it is: its location has a name and a note to contact
the service first, and no address or coordinates.
"""

from django.utils.translation import gettext_lazy as _

from wagtail_ikut.core.contact import ContactChannelBase
from wagtail_ikut.interop.hsds_fields import compact, hsds_id, organization_id

#: The contact channels given as virtual locations; HSDS does not tell a chat from a web form.
ONLINE_KINDS = (ContactChannelBase.Kind.CHAT, ContactChannelBase.Kind.WEB_FORM)

CONFIDENTIAL_LOCATION = _(
    "The address is confidential: contact the service first to arrange a meeting."
)


def service_at_locations(service, sid, channels) -> list[dict]:
    """Return the service's places and online channels as HSDS service_at_location objects,
    each with its location inside."""
    locations = [
        location_to_hsds(place, hsds_id("location", sid, n), service)
        for n, place in enumerate(service.locations.all())
    ]
    online = [channel for channel in channels if channel.kind in ONLINE_KINDS]
    locations += [
        virtual_location_to_hsds(channel, hsds_id("location", sid, "online", n), service)
        for n, channel in enumerate(online)
    ]
    return [
        {
            "id": hsds_id("service_at_location", sid, location["id"]),
            "service_id": sid,
            "location_id": location["id"],
            "location": location,
        }
        for location in locations
    ]


def location_to_hsds(place, location_id, service) -> dict:
    """Return a place as an HSDS physical location; a confidential one says only its name and
    to contact the service first, never where it is."""
    common = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id(service.provider) if service.provider else None,
        "name": place.name,
    }
    if place.confidential:
        return compact({**common, "description": str(CONFIDENTIAL_LOCATION)})
    addresses = []
    if place.street_address:
        addresses.append(
            {
                "id": hsds_id("address", location_id),
                "location_id": location_id,
                "address_1": place.street_address,
                "city": place.municipality.name if place.municipality else "",
                # Finland has no states or provinces; HSDS requires the field.
                "state_province": "",
                "postal_code": place.postcode,
                "country": "FI",
                "address_type": "physical",
            }
        )
    return compact(
        {
            **common,
            "description": place.directions,
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
            "addresses": addresses,
            "accessibility": [
                {
                    "id": hsds_id("accessibility", location_id),
                    "location_id": location_id,
                    "description": place.accessibility,
                }
            ]
            if place.accessibility
            else [],
        }
    )


def virtual_location_to_hsds(channel, location_id, service) -> dict:
    """Return a chat or web form as an HSDS virtual location at its address."""
    return compact(
        {
            "id": location_id,
            "location_type": "virtual",
            "url": channel.url,
            "organization_id": organization_id(service.provider) if service.provider else None,
            "name": channel.label or str(channel.get_kind_display()),
        }
    )
