"""The ``services`` router: the directory search and one service, as JSON."""

import swapper
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import create_model
from wagtail.rich_text import expand_db_html

from wagtail_ikut.core.query_string import canonical_query
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.services import hours, schemas
from wagtail_ikut.services.details import OpeningHours, ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServiceDirectoryPageMixin
from wagtail_ikut.services.search.directory import DirectorySearch
from wagtail_ikut.services.search.form import QUERY_NAMES
from wagtail_ikut.services.visibility import public_services

router = Router(tags=["services"])

#: Most results one page of the API returns, as the directory page allows.
MAX_LIMIT = 50

#: Page ids are 32-bit in every database; a larger number names no page (and SQLite would
#: overflow on it).
MAX_PAGE_ID = 2**31 - 1


class BaseSearchParams(Schema):
    directory: int = Field(description="Id of the service directory page to search.")
    q: str = Field("", description="Search text; over 200 characters is shortened, with a notice.")
    category: list[str] = Field([], description="Category slugs; any of them.")
    municipality: list[str] = Field(
        [], description="Municipality codes; any of them, nationwide services included."
    )
    language: list[str] = Field([], description="Language codes; any of them.")
    provider: list[str] = Field([], description="Provider kinds; any of them.")
    open_now: bool = Field(False, description="Only services open now (Helsinki time).")
    near: str = Field(
        "",
        max_length=100,
        description="A postcode or coordinates (`60.17, 24.94`): nearest first.",
    )
    page: int = Field(1, ge=1, description="Page number; past the last page gives the last.")
    limit: int | None = Field(
        None,
        ge=1,
        le=MAX_LIMIT,
        description="Results per page (1–50); the directory's own setting by default.",
    )


ServiceSearchParams = create_model(
    "ServiceSearchParams",
    __base__=BaseSearchParams,
    **{
        name: (bool, Field(False, description=f"Only services with the flag `{name}`."))
        for name in LOW_THRESHOLD_FLAGS
    },
)


def directory_or_404(directory_id):
    """Return the published, public directory page with this id."""
    Page = swapper.load_model("wagtailcore", "Page")
    pages = public_pages(Page.objects.all()).select_related("locale")
    directory = pages.filter(pk=directory_id).first() if 0 < directory_id <= MAX_PAGE_ID else None
    directory = directory.specific if directory else None
    if not isinstance(directory, ServiceDirectoryPageMixin):
        raise Http404(_("No published service directory has the id %(id)s.") % {"id": directory_id})
    return directory


def search_query(params):
    """Return the directory page's query string for the validated API parameters."""
    return canonical_query(params.model_dump(), QUERY_NAMES)


@router.get(
    "/",
    response=schemas.ServiceSearchSchema,
    url_name="ikut_services_search",
    summary="Search a service directory",
    description=(
        "The directory page's search as JSON: the same parameters, facets and counts. Answered "
        "by the search engine when one is configured, else, or while it is unreachable, by the "
        "database (`searched_with`). Unknown filter values are left out and reported in "
        "`notices`, as on the page."
    ),
    operation_id="ikut_services_search",
)
def search_services(request: HttpRequest, params: Query[ServiceSearchParams]):
    directory = directory_or_404(params.directory)
    language = directory.locale.language_code
    with translation.override(language):
        search = DirectorySearch(directory, search_query(params), language)
        results = search.run(params.page, params.limit or directory.results_per_page)
        return search_data(request, directory, results)


def search_data(request, directory, results):
    services = list(results.page.object_list)
    with_related(services)
    page = results.page
    return {
        "directory": {
            "id": directory.pk,
            "title": directory.title,
            "url": directory.get_full_url(request) or "",
            "locale": directory.locale.language_code,
        },
        "searched_with": results.searched_with,
        "query": results.query_string,
        "total": results.total,
        "page": {
            "number": page.number,
            "per_page": page.paginator.per_page,
            "num_pages": page.paginator.num_pages,
            "has_next": page.has_next(),
            "has_previous": page.has_previous(),
        },
        "items": [summary_data(request, service) for service in services],
        "facets": [
            {
                "name": name,
                "label": str(label),
                "values": [
                    {
                        "value": value.value,
                        "label": value.label,
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in values
                ],
            }
            for name, label, values in results.facets
        ],
        "flags": [
            {"name": name, "label": str(label), "count": count, "selected": selected}
            for name, label, count, selected in results.flags
        ],
        "near": (
            {"latitude": results.near[0], "longitude": results.near[1]} if results.near else None
        ),
        "notices": [str(notice) for notice in results.notices],
        "relaxations": [
            {"label": offer.label, "query": offer.query_string, "count": offer.count}
            for offer in results.relaxations
        ],
    }


def with_related(services):
    """Read the vocabularies and places of a page of services in one query each."""
    prefetch_related_objects(
        services,
        "categories",
        "languages",
        "municipalities",
        Prefetch("locations", queryset=ServiceLocation.objects.select_related("municipality")),
    )


def summary_data(request, service):
    status = getattr(service, "open_status", None) or hours.status_at(service)
    distance = getattr(service, "distance_km", None)
    return {
        "id": service.pk,
        "title": service.title,
        "url": service.get_full_url(request) or "",
        "summary": service.summary,
        "provider": (
            {"name": service.provider.name, "kind": service.provider.kind}
            if service.provider
            else None
        ),
        "status": service.status,
        "status_note": service.status_note,
        "flags": [name for name in LOW_THRESHOLD_FLAGS if getattr(service, name)],
        "languages": [language_data(language) for language in service.languages.all()],
        "categories": [
            {"slug": c.slug, "name": c.name, "description": c.description}
            for c in service.categories.all()
        ],
        "municipalities": [{"code": m.code, "name": m.name} for m in service.municipalities.all()],
        "nationwide": service.nationwide,
        "open_now": status.is_open,
        "open_now_by_appointment": status.by_appointment,
        "distance_km": round(distance, 2) if distance is not None else None,
        "locations": [location_data(location) for location in service.locations.all()],
    }


def language_data(language):
    return {"code": language.code, "name": language.name, "native_name": language.native_name}


def location_data(location):
    """Describe a location; a confidential one by its name only, never where it is."""
    if location.confidential:
        return {"name": location.name, "confidential": True}
    municipality = location.municipality
    return {
        "name": location.name,
        "confidential": False,
        "street_address": location.street_address,
        "postcode": location.postcode,
        "municipality": {"code": municipality.code, "name": municipality.name}
        if municipality
        else None,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "accessibility": location.accessibility,
        "directions": location.directions,
    }


@router.get(
    "/{service_id}/",
    response=schemas.ServiceDetailSchema,
    url_name="ikut_service_detail",
    summary="One service in full",
    description=(
        "A published service that has not ended, in its own language, with its locations, "
        "opening hours and contact channels. Confidential locations have no address."
    ),
    operation_id="ikut_services_detail",
)
def get_service(request: HttpRequest, service_id: int):
    services = (
        public_services()
        .select_related("provider", "locale")
        .prefetch_related("target_groups", "contact_channels", "hours_exceptions")
    )
    service = services.filter(pk=service_id).first() if 0 < service_id <= MAX_PAGE_ID else None
    if service is None:
        raise Http404(_("No published service has the id %(id)s.") % {"id": service_id})
    with translation.override(service.locale.language_code):
        return detail_data(request, service)


def detail_data(request, service):
    with_related([service])
    today = timezone.localdate()
    return {
        **summary_data(request, service),
        "directory_id": service.get_parent().pk,
        "locale": service.locale.language_code,
        "description": expand_db_html(service.description),
        "eligibility": expand_db_html(service.eligibility),
        "how_to_get_help": expand_db_html(service.how_to_get_help),
        "cost": service.cost,
        "required_documents": service.required_document_list,
        "language_note": service.language_note,
        "target_groups": [{"slug": g.slug, "name": g.name} for g in service.target_groups.all()],
        "open_24_7": service.open_24_7,
        "closed_on_public_holidays": service.closed_on_public_holidays,
        "open_status": vars(hours.status_at(service)),
        "opening_hours": [
            {
                "weekday": period.weekday,
                "weekday_label": str(period.get_weekday_display()),
                "opens": period.opens,
                "closes": period.closes,
                "by_appointment": period.by_appointment,
            }
            for period in OpeningHours.objects.filter(page=service).order_by("weekday", "opens")
        ],
        "hours_exceptions": [
            {
                "start_date": exception.start_date,
                "end_date": exception.end_date,
                "kind": exception.kind,
                "opens": exception.opens,
                "closes": exception.closes,
                "note": exception.note,
            }
            for exception in sorted(service.hours_exceptions.all(), key=lambda e: e.start_date)
            if exception.end_date >= today
        ],
        "next_seven_days": [
            {"date": day, "holiday": holiday, "periods": [vars(p) for p in periods]}
            for day, periods, holiday in hours.week(service, today)
        ],
        "contact_channels": [
            {
                "kind": channel.kind,
                "kind_label": str(channel.get_kind_display()),
                "label": channel.label,
                "value": str(channel.value),
            }
            for channel in service.contact_channels.all()
        ],
        "last_verified": service.last_verified,
        "verified_by": service.verified_by,
    }
