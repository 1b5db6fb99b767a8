"""The public services held in memory as bit sets, so that the directory counts facets fast.

In SQL, every facet count joins the matching services to a table of values: on SQLite that is
tens of milliseconds a facet over ten thousand services, and a results page counts four facets
and seven flags. Here each facet value, flag and directory is a bit set over the services, so a
count is an AND and a ``bit_count`` of a few kilobytes. Each process builds the index on first
use and again whenever ServiceIndexVersion's token changes, which every write to the database's
index of services and to a vocabulary does. The text matches still come from SQL on each search,
and who is open (for "open now" and the marks on the results) once a minute.

A service's position is its place in title order, so the set bits of a result are in title
order too.
"""

import bisect
import math
from itertools import chain, islice, repeat

from django.db.models import Min
from django.utils import timezone

from wagtail_ikut.services import hours
from wagtail_ikut.services.details import ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage
from wagtail_ikut.services.search.facets import FACETS
from wagtail_ikut.services.search.models import ServiceIndexVersion

#: Titles this many words long or longer rank alike among those that match a query as well.
TITLE_LENGTHS = 6


def title_length(title):
    """Return how many words a title has, up to TITLE_LENGTHS."""
    return min(len(title.split()), TITLE_LENGTHS)


def at_least(bits, sets):
    """Return the services in ``bits`` that are in all of ``sets``, in all but one, … in one,
    as a list of bit sets."""
    # found[j]: the services in ``bits`` that are in at least j of the sets.
    found = [bits] + [0] * len(sets)
    for members in sets:
        for j in range(len(sets), 0, -1):
            found[j] |= found[j - 1] & members
    return found[:0:-1]


def to_bits(positions, size):
    """Return the bit set with the given positions set; a position of ``size`` is ignored."""
    if not size:
        return 0
    # A string of binary digits, one a position plus one for ``size``, read as a number.
    digits = bytearray(b"0") * (size + 1)
    for position in positions:
        digits[position] = 49  # "1"
    return int(digits[size - 1 :: -1], 2)


def members(bits):
    """Return a string whose character at each position is "1" where ``bits`` has it set."""
    return format(bits, "b")[::-1]


def positions_of(bits):
    """Yield the positions set in ``bits``, lowest first."""
    text = members(bits)
    position = text.find("1")
    while position != -1:
        yield position
        position = text.find("1", position + 1)


def all_of(first, others):
    for bits in others:
        first &= bits
    return first


class ServiceIndex:
    """Bit sets of the services the database's index holds: those the public may find."""

    def __init__(self, token):
        self.token = token
        now = timezone.now()
        indexed = ServicePage.objects.filter(search_document__isnull=False)
        # A service stays in the database's index past its expiry time until
        # ``publish_scheduled`` unpublishes it: this index leaves it out from that moment.
        public = indexed.exclude(expire_at__lte=now)
        #: When the next service here expires, so that current_index() builds anew then.
        self.expires_at = public.aggregate(next=Min("expire_at"))["next"]
        rows = sorted(
            public.values_list("pk", "title", "locale_id", "path", *LOW_THRESHOLD_FLAGS),
            key=lambda row: (row[1].casefold(), row[0]),
        )
        self.size = len(rows)
        self.ids = [row[0] for row in rows]
        self.position = {pk: position for position, pk in enumerate(self.ids)}
        self.tree = [row[2:4] for row in rows]  # (locale, path) by position
        #: Bit sets of the services with a title of one word, two words, … TITLE_LENGTHS.
        self.title_lengths = [
            to_bits((n for n, row in enumerate(rows) if title_length(row[1]) == length), self.size)
            for length in range(1, TITLE_LENGTHS + 1)
        ]
        self.flags = {
            name: to_bits((n for n, row in enumerate(rows) if row[4 + i]), self.size)
            for i, name in enumerate(LOW_THRESHOLD_FLAGS)
        }
        self.nationwide = self.bits_of(public.filter(nationwide=True).values_list("pk", flat=True))
        self.values = {facet.name: self._values(public, facet.value_path) for facet in FACETS}
        # One (latitude, longitude, position) a public location with coordinates, south first.
        self.points = sorted(
            (float(latitude), float(longitude), self.position[page_id])
            for page_id, latitude, longitude in ServiceLocation.objects.filter(
                page__in=public, confidential=False, latitude__isnull=False
            ).values_list("page_id", "latitude", "longitude")
        )
        self.latitudes = [point[0] for point in self.points]
        self._scopes = {}
        self._open = (None, (0, 0))

    def _values(self, public, value_path):
        positions = {}
        for pk, value in public.filter(**{f"{value_path}__isnull": False}).values_list(
            "pk", value_path
        ):
            positions.setdefault(value, []).append(self.position[pk])
        return {value: to_bits(found, self.size) for value, found in positions.items()}

    def bits_of(self, page_ids):
        """Return the bit set of the given services; those not in the index are left out."""
        return to_bits(map(self.position.get, page_ids, repeat(self.size)), self.size)

    def scope(self, directory):
        """Return the bit set of the services below ``directory``, in its language."""
        key = (directory.locale_id, directory.path)
        if key not in self._scopes:
            self._scopes[key] = to_bits(
                (
                    n
                    for n, (locale_id, path) in enumerate(self.tree)
                    if locale_id == directory.locale_id and path.startswith(directory.path)
                ),
                self.size,
            )
        return self._scopes[key]

    def hours_at(self, moment):
        """Return the bit sets of the services open at ``moment`` and of those open to walk-in
        visits then, asking SQL once a minute.

        Opening hours are whole minutes (the admin takes hours and minutes), so every moment
        of a minute has the same answer.
        """
        minute = moment.replace(second=0, microsecond=0)
        if self._open[0] != minute:
            services = ServicePage.objects.order_by()
            found = tuple(
                self.bits_of(
                    hours.open_at(services, minute, walk_in=walk_in).values_list("pk", flat=True)
                )
                for walk_in in (False, True)
            )
            self._open = (minute, found)
        return self._open[1]

    def open_at(self, moment):
        """Return the bit set of the services open at ``moment``."""
        return self.hours_at(moment)[0]

    def statuses(self, page_ids, moment):
        """Return {page id: OpenStatus} at ``moment``, without until when, for services in
        the index."""
        open_bits, walk_in = self.hours_at(moment)
        statuses = {}
        for pk in page_ids:
            bit = 1 << self.position[pk]
            is_open = bool(open_bits & bit)
            statuses[pk] = hours.OpenStatus(
                is_open=is_open, by_appointment=is_open and not walk_in & bit
            )
        return statuses

    def flag_counts(self, bits):
        return {name: (bits & flag).bit_count() for name, flag in self.flags.items()}

    # One page of a result, in each order.

    def in_title_order(self, bits, start, count):
        return [self.ids[n] for n in islice(positions_of(bits), start, start + count)]

    def ranked(self, bits, criteria, start, count):
        """Return one page of ``bits`` ordered by each criterion in turn, then by title.

        A criterion is a list of bit sets, best first: a service ranks by the first that has
        it, and after them all if none does. Ties keep title order, then the order of ids.
        """
        parts = [bits]
        for criterion in criteria:
            refined = []
            for part in parts:
                for better in criterion:
                    refined.append(part & better)
                    part &= ~better
                refined.append(part)
            parts = [part for part in refined if part]
        positions = chain.from_iterable(map(positions_of, parts))
        return [self.ids[n] for n in islice(positions, start, start + count)]

    def by_distance(self, latitude, longitude, bits, start, count):
        """Order nearest first by each service's closest public location, those without last.

        An equirectangular approximation orders places within Finland as the exact distance
        does; the page shows the exact distance.
        """
        scale = math.cos(math.radians(latitude))
        text = members(bits)
        end = len(text)
        wanted = start + count
        # Look at the points within ``band`` degrees of latitude, a wider band until the
        # services found are nearer than any point outside it can be.
        band = 0.01  # about a kilometre
        while True:
            low = bisect.bisect_left(self.latitudes, latitude - band)
            high = bisect.bisect_right(self.latitudes, latitude + band)
            distances = [
                ((north - latitude) ** 2 + ((east - longitude) * scale) ** 2, position)
                for north, east, position in self.points[low:high]
                if position < end and text[position] == "1"
            ]
            nearest = {}  # position: distance, nearest first
            for distance, position in sorted(distances):
                if len(nearest) == wanted:
                    break
                nearest.setdefault(position, distance)
            enough = len(nearest) == wanted and max(nearest.values()) <= band**2
            if enough or (low == 0 and high == len(self.points)):
                break
            band *= 2
        chosen = list(nearest)[start:wanted]
        if len(chosen) < count:
            located = {position for _distance, position in distances}
            unlocated = (n for n in positions_of(bits) if n not in located)
            skip = max(start - len(located), 0)
            chosen += islice(unlocated, skip, skip + count - len(chosen))
        return [self.ids[n] for n in chosen]


def current_index(token, now):
    """Return the index as the database has it at ``token`` and ``now``, rebuilding it if the
    token has changed or a service in it has expired since it was built."""
    index = ServiceIndexVersion.until_changed(token, "index", lambda: ServiceIndex(token))
    if index.expires_at is not None and index.expires_at <= now:
        ServiceIndexVersion.forget("index")
        index = ServiceIndexVersion.until_changed(token, "index", lambda: ServiceIndex(token))
    return index
