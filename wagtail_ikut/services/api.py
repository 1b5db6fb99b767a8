"""The ``services`` router: the directory search and one service, as JSON."""

import swapper
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from pydantic import create_model

from wagtail_ikut.core import http_cache
from wagtail_ikut.core.api import in_language, page_or_404, problems, public_router
from wagtail_ikut.core.pagination import MAX_PAGE_LIMIT
from wagtail_ikut.core.query_string import canonical_query
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.services import hours, schemas
from wagtail_ikut.services.details import ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServiceDirectoryPageMixin
from wagtail_ikut.services.search.directory import DirectorySearch
from wagtail_ikut.services.search.form import QUERY_NAMES
from wagtail_ikut.services.visibility import public_services

router = public_router("services", http_cache.MINUTE)


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
        le=MAX_PAGE_LIMIT,
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
    message = _("No published service directory has the id %(id)s.")
    directory = page_or_404(pages, directory_id, message).specific
    if not isinstance(directory, ServiceDirectoryPageMixin):
        raise Http404(message % {"id": directory_id})
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
    openapi_extra=problems(404),
)
def search_services(request: HttpRequest, params: Query[ServiceSearchParams]):
    directory = directory_or_404(params.directory)
    language = directory.locale.language_code
    with translation.override(language):
        search = DirectorySearch(directory, search_query(params), language)
        results = search.run(params.page, params.limit or directory.results_per_page)
        results.directory = directory  # the results do not know it; the response shows it
        with_related(results.page.object_list)
        return in_language(request, schemas.ServiceSearchSchema, results)


def with_related(services):
    """Read the vocabularies and places of a page of services in one query each."""
    prefetch_related_objects(
        services,
        "categories",
        "languages",
        "municipalities",
        Prefetch(
            "locations",
            queryset=ServiceLocation.objects.select_related("municipality").order_by(
                "sort_order", "pk"
            ),
        ),
    )


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
    openapi_extra=problems(404),
)
def get_service(request: HttpRequest, service_id: int):
    services = (
        public_services()
        .select_related("provider", "locale")
        .prefetch_related("target_groups", "contact_channels", "hours_exceptions")
    )
    service = page_or_404(services, service_id, _("No published service has the id %(id)s."))
    with translation.override(service.locale.language_code):
        with_related([service])
        service.open_status = hours.status_at(service)  # as a search attaches it
        return in_language(request, schemas.ServiceDetailSchema, service)
