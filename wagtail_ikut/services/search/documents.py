"""What search knows of each service, read in bulk; and the database's own index of it."""

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail_ikut.core.visibility import restricted_paths
from wagtail_ikut.services.details import OpeningHours, OpeningHoursException, ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage
from wagtail_ikut.services.search.analysis import analyse
from wagtail_ikut.services.search.models import ServiceIndexVersion, ServiceSearchDocument
from wagtail_ikut.services.visibility import is_public_service

#: Services read at a time: few queries each, and bounded memory however many there are.
CHUNK = 1000

PAGE_FIELDS = (
    "pk",
    "title",
    "path",
    "live",
    "expire_at",
    "status",
    "summary",
    "description",
    "eligibility",
    "how_to_get_help",
    "language_note",
    "nationwide",
    "open_24_7",
    "closed_on_public_holidays",
    *LOW_THRESHOLD_FLAGS,
    "locale__language_code",
    "provider__name",
    "provider__kind",
    "search_document__title_terms",
    "search_document__body_terms",
)


@dataclass
class SearchRow:
    """One service as search sees it: its fields and the names of what it relates to."""

    values: dict
    categories: list = field(default_factory=list)  # (slug, name)
    target_groups: list = field(default_factory=list)  # names
    municipalities: list = field(default_factory=list)  # (code, name)
    languages: list = field(default_factory=list)  # (code, name, native name)
    locations: list = field(default_factory=list)  # public locations only
    opening_hours: list = field(default_factory=list)
    hours_exceptions: list = field(default_factory=list)
    #: The paths of the pages with a view restriction (visibility.restricted_paths()).
    restricted: tuple = ()

    @property
    def pk(self):
        return self.values["pk"]

    @property
    def language_code(self):
        return self.values["locale__language_code"]

    @property
    def is_searchable(self):
        return is_public_service(SimpleNamespace(**self.values), self.restricted, timezone.now())

    def body_text(self):
        """Return the text the public may find a service by; confidential addresses stay out."""
        values = self.values
        parts = [
            values["summary"],
            strip_tags(values["description"]),
            strip_tags(values["eligibility"]),
            strip_tags(values["how_to_get_help"]),
            values["language_note"],
            values["provider__name"],
        ]
        parts += [name for _slug, name in self.categories]
        parts += self.target_groups
        parts += [name for _code, name in self.municipalities]
        parts += [text for _code, name, native in self.languages for text in (name, native)]
        for location in self.locations:
            parts += [location["name"], location["street_address"], location["municipality__name"]]
        return "\n".join(part for part in parts if part)

    def analysed_terms(self):
        """Return the analysed terms of the title and of the body text."""
        return (
            " ".join(analyse(self.values["title"], self.language_code)),
            " ".join(analyse(self.body_text(), self.language_code)),
        )

    def stored_terms(self):
        """Return the terms the database index holds, analysing only if it holds none."""
        if self.values["search_document__title_terms"] is None:
            return self.analysed_terms()
        return self.values["search_document__title_terms"], self.values[
            "search_document__body_terms"
        ]


def search_rows(queryset):
    """Yield a SearchRow for every service in ``queryset``, a few queries a chunk."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    restricted = restricted_paths()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = {
            values["pk"]: SearchRow(values, restricted=restricted)
            for values in ServicePage.objects.filter(pk__in=chunk).values(*PAGE_FIELDS)
        }
        _attach(rows, chunk, "categories", "servicecategory", ("slug", "name"))
        _attach(rows, chunk, "target_groups", "targetgroup", ("name",))
        _attach(rows, chunk, "municipalities", "municipality", ("code", "name"))
        _attach(rows, chunk, "languages", "language", ("code", "name", "native_name"))
        for location in (
            ServiceLocation.objects.filter(page_id__in=chunk, confidential=False)
            .order_by("sort_order")
            .values(
                "page_id",
                "name",
                "street_address",
                "municipality__name",
                "latitude",
                "longitude",
            )
        ):
            rows[location["page_id"]].locations.append(location)
        for hours in OpeningHours.objects.filter(page_id__in=chunk).values(
            "page_id", "weekday", "opens", "closes", "by_appointment"
        ):
            rows[hours["page_id"]].opening_hours.append(hours)
        for exception in OpeningHoursException.objects.filter(page_id__in=chunk).values(
            "page_id", "start_date", "end_date", "kind", "opens", "closes"
        ):
            rows[exception["page_id"]].hours_exceptions.append(exception)
        yield from (rows[pk] for pk in chunk if pk in rows)


def _attach(rows, chunk, relation, target, fields):
    through = getattr(ServicePage, relation).through
    related = defaultdict(list)
    for page_id, *values in (
        through.objects.filter(servicepage_id__in=chunk)
        .order_by("pk")
        .values_list("servicepage_id", *(f"{target}__{name}" for name in fields))
    ):
        related[page_id].append(values[0] if len(values) == 1 else tuple(values))
    for page_id, values in related.items():
        setattr(rows[page_id], relation, values)


def index_rows(rows):
    """Write each row's analysed terms, or drop them if the public may not see the service:
    in one transaction, a chunk of rows a statement, so that a reindex or an import's index
    does not commit once a service."""
    count = 0
    rows = iter(rows)
    with transaction.atomic():
        while chunk := list(itertools.islice(rows, CHUNK)):
            _index_chunk(chunk)
            count += len(chunk)
        if count:
            ServiceIndexVersion.bump()
    return count


def _index_chunk(rows):
    documents, dropped = [], []
    for row in rows:
        if row.is_searchable:
            title_terms, body_terms = row.analysed_terms()
            documents.append(
                ServiceSearchDocument(
                    page_id=row.pk, title_terms=title_terms, body_terms=body_terms
                )
            )
        else:
            dropped.append(row.pk)
            title_terms = body_terms = None
        # The row now tells what the index holds, for the search engine written next.
        row.values["search_document__title_terms"] = title_terms
        row.values["search_document__body_terms"] = body_terms
    ServiceSearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["title_terms", "body_terms"],
    )
    if dropped:
        ServiceSearchDocument.objects.filter(page_id__in=dropped).delete()


def reindex_services(queryset=None):
    """Rebuild the index for the given services (all of them by default); return the count."""
    return index_rows(search_rows(ServicePage.objects.all() if queryset is None else queryset))
