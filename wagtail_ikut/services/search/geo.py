"""Where a visitor is and how far services are: no third-party geocoder, ever."""

import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.db.models import Avg

from wagtail_ikut.services.details import ServiceLocation
from wagtail_ikut.services.visibility import public_services

COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
POSTCODE = re.compile(r"^\s*(\d{5})\s*$")
EARTH_RADIUS_KM = 6371.0
#: Decimals kept of every position the directory writes out: a visitor's coordinates, which go
#: into its links and so into browser history and access logs, and a postcode's centre, which
#: with one service in the postcode would give away its door. 2 decimals are a cell of 1.1 km
#: north to south and 0.4 to 0.6 km east to west in Finland: enough to find the nearest
#: services, too coarse to point to a home. (directory.js rounds the browser's position alike.)
COARSE_DECIMALS = 2


class UnknownPlace(ValueError):
    """The text is neither coordinates nor a postcode the directory knows."""


def locate(
    text: str, centroid: Callable[[str], tuple[float, float]] | None = None
) -> tuple[float, float]:
    """Return (latitude, longitude) for "60.17,24.94" or a postcode that has services;
    ``centroid(postcode)`` finds a postcode, postcode_centroid() unless given."""
    if match := COORDINATES.match(text):
        try:
            latitude, longitude = (float(Decimal(value)) for value in match.groups())
        except InvalidOperation as error:
            raise UnknownPlace(text) from error
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise UnknownPlace(text)
        return latitude, longitude
    if match := POSTCODE.match(text):
        return (centroid or postcode_centroid)(match.group(1))
    raise UnknownPlace(text)


def postcode_centroid(postcode: str) -> tuple[float, float]:
    """Return the mean position of public service locations in the postcode or its area,
    rounded to :data:`COARSE_DECIMALS`.

    The directory's own locations are its gazetteer, so it needs no outside data or service.
    """
    public = ServiceLocation.objects.filter(
        page__in=public_services(), confidential=False, latitude__isnull=False
    )
    # Finnish postcodes narrow from left to right: 00530, then 005.., then the area 00...
    # A range rather than LIKE, which SQLite answers without the postcode index; ":" is the
    # character after "9".
    for candidates in (
        public.filter(postcode=postcode),
        public.filter(postcode__gte=postcode[:3], postcode__lt=postcode[:3] + ":"),
        public.filter(postcode__gte=postcode[:2], postcode__lt=postcode[:2] + ":"),
    ):
        centre = candidates.aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        if centre["latitude"] is not None:
            return (
                round(float(centre["latitude"]), COARSE_DECIMALS),
                round(float(centre["longitude"]), COARSE_DECIMALS),
            )
    raise UnknownPlace(postcode)


def distance_km(latitude: float, longitude: float, location) -> float:
    """Return the great-circle distance from a point to a location, in kilometres."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)
    lat2, lon2 = math.radians(float(location.latitude)), math.radians(float(location.longitude))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_locations(latitude: float, longitude: float, ids: Iterable[int]) -> dict:
    """Return {service id: (location, km)}: each service's closest public location."""
    located = (
        ServiceLocation.objects.filter(page_id__in=ids, confidential=False, latitude__isnull=False)
        .order_by("page_id", "sort_order")
        .only("page_id", "name", "street_address", "latitude", "longitude")
    )
    nearest = {}
    for location in located:
        km = distance_km(latitude, longitude, location)
        if location.page_id not in nearest or km < nearest[location.page_id][1]:
            nearest[location.page_id] = (location, km)
    return nearest
