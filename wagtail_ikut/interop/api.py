"""The Open Referral HSDS 3.0 API: the directory's public services as HSDS objects, read-only.

Its own django-ninja API (a host site includes ``wagtail_ikut.interop.urls``), with the
problem+json errors of Wagtail's API v3. Every object comes from the mapping in hsds.py, every
service from services/visibility.py, and ``search`` from the directory's own search.
"""

import contextlib
import datetime
import uuid
from typing import Any

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from wagtail.api.v3.errors import register_exception_handlers
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.pagination import MAX_PAGE_LIMIT, MAX_ROWS
from wagtail_ikut.interop import hsds
from wagtail_ikut.interop.api_selection import (
    filtered_services,
    invalid,
    organisation_key,
    searched_ids,
    service_keys,
)
from wagtail_ikut.services.visibility import public_services

api = NinjaAPI(
    title="Open Referral HSDS 3.0",
    version=hsds.VERSION,
    description=(
        "The service directory's published services as Open Referral HSDS 3.0 objects. Each "
        "object validates against the HSDS compiled schemas; lists hold the one-to-one fields "
        "(`full=true` for whole services)."
    ),
    urls_namespace="wagtail_ikut_hsds",
    openapi_url="/openapi.json",
    # No interactive page: django-ninja's loads its scripts from a CDN unless "ninja" is an
    # installed app (wagtail_ikut.W001 says so of API v3's); the OpenAPI document is enough.
    docs_url=None,
)
register_exception_handlers(api)

#: Items on a page unless ``per_page`` says otherwise.
PER_PAGE = 20
#: The last page that can be asked for: its first item is still a row a database can count to.
MAX_PAGE = MAX_ROWS // MAX_PAGE_LIMIT


class Meta(Schema):
    version: str
    profile: str
    openapi_url: str


class Page(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    per_page: int = Field(
        PER_PAGE, ge=1, le=MAX_PAGE_LIMIT, description=f"Items a page (1–{MAX_PAGE_LIMIT})."
    )
    locale: str = Field(
        "",
        max_length=16,
        description="Language code (fi, sv, en); by `Accept-Language` if not given.",
    )


class SearchParams(PageParams):
    search: str = Field("", max_length=200, description="Text the name contains.")


class TermParams(SearchParams):
    taxonomy_id: uuid.UUID | None = Field(None, description="Only the terms of this taxonomy.")


class ServiceFilterParams(PageParams):
    taxonomy_term_id: uuid.UUID | None = Field(
        None, description="Only services with this term (a municipality: nationwide ones too)."
    )
    organization_id: uuid.UUID | None = Field(None, description="Only this organisation's.")
    modified_after: datetime.datetime | None = Field(
        None,
        description="Only services published on or after this ISO date or datetime "
        "(Helsinki time without an offset).",
    )


class ServiceParams(ServiceFilterParams):
    search: str = Field(
        "",
        max_length=200,
        description="The directory's search, narrowed by any of the other filters.",
    )
    full: bool = Field(False, description="Whole services, as `/services/{id}` gives them.")


def chosen_locale(request, code):
    """Return the locale ``code`` names, else the one the request's language asks for."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if code and code not in locales:
        raise invalid("locale", _("No language has the code “%(code)s”.") % {"code": code})
    language = code or translation.get_language_from_request(request)
    try:
        return locales[get_supported_content_language_variant(language)]
    except (LookupError, KeyError):
        return Locale.get_default()


@contextlib.contextmanager
def answering_in(request, response, code):
    """Answer in the locale ``code`` names, else the request's language, and say which."""
    locale = chosen_locale(request, code)
    response.headers["Content-Language"] = locale.language_code
    with translation.override(locale.language_code):
        yield locale


def one_page(params, total, read):
    """Return page ``params.page`` of ``total`` items in the HSDS page shape; ``read(start,
    stop)`` gives the items there."""
    start = (params.page - 1) * params.per_page
    contents = read(start, start + params.per_page) if start < total else []
    return hsds.page(contents, total, params.page, params.per_page)


def one_to_one(obj):
    """Return an HSDS object as a list shows it: its one-to-one fields, and so of those inside."""
    return {
        key: one_to_one(value) if isinstance(value, dict) else value
        for key, value in obj.items()
        if not isinstance(value, list)
    }


@api.get("/", response=Meta, summary="About this API", operation_id="hsds_meta")
def meta(request: HttpRequest):
    return {
        "version": hsds.VERSION,
        "profile": hsds.PROFILE,
        "openapi_url": request.build_absolute_uri(reverse(f"{api.urls_namespace}:openapi-json")),
    }


@api.get("/services", response=Page, summary="Services", operation_id="hsds_services")
def services(request: HttpRequest, response: HttpResponse, params: Query[ServiceParams]):
    with answering_in(request, response, params.locale) as locale:
        if params.search:
            total, ids = searched_ids(params, locale)
            found = hsds.services_for_export(locale, full=params.full).filter(pk__in=ids)
            found = found.in_bulk()
            contents = [hsds.service_to_hsds(found[pk], params.full) for pk in ids if pk in found]
            return hsds.page(contents, total, params.page, params.per_page)
        found = filtered_services(params, locale, params.full)
        return one_page(
            params,
            found.count(),
            lambda start, stop: [hsds.service_to_hsds(s, params.full) for s in found[start:stop]],
        )


@api.get(
    "/services/{id}",
    response=dict[str, Any],
    summary="One service in full",
    operation_id="hsds_service",
)
def service(request: HttpRequest, response: HttpResponse, id: uuid.UUID, locale: str = ""):
    with answering_in(request, response, locale) as chosen:
        key = service_keys().get(str(id))
        found = (
            hsds.services_for_export(chosen).filter(translation_key=key).first() if key else None
        )
        if found is None:
            raise Http404(_("No published service has the id %(id)s.") % {"id": id})
        return hsds.service_to_hsds(found)


@api.get(
    "/service_at_locations",
    response=Page,
    summary="Where services are given",
    operation_id="hsds_service_at_locations",
)
def service_at_locations(
    request: HttpRequest, response: HttpResponse, params: Query[ServiceFilterParams]
):
    with answering_in(request, response, params.locale) as locale:
        found = filtered_services(params, locale, full=True)
        # How many each service has, to find the services a page of them comes from.
        counts = found.annotate(
            places=Count("locations", distinct=True),
            online=Count(
                "contact_channels",
                filter=Q(contact_channels__kind__in=hsds.ONLINE_KINDS),
                distinct=True,
            ),
        ).values_list("pk", "places", "online")
        counts = [(pk, places + online) for pk, places, online in counts]
        return one_page(
            params,
            sum(count for _pk, count in counts),
            lambda start, stop: locations_between(found, counts, start, stop),
        )


def locations_between(services, counts, start, stop):
    """Return the service_at_locations from ``start`` to ``stop`` in path order of services."""
    first = seen = 0
    wanted = []
    for pk, count in counts:
        if seen + count > start and seen < stop:
            if not wanted:
                first = seen
            wanted.append(pk)
        seen += count
    found = services.filter(pk__in=wanted)
    objects = [
        one_to_one(obj)
        for service in found
        for obj in hsds.service_to_hsds(service).get("service_at_locations", [])
    ]
    return objects[start - first : stop - first]


@api.get(
    "/organizations", response=Page, summary="Organisations", operation_id="hsds_organizations"
)
def organizations(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]):
    with answering_in(request, response, params.locale) as locale:
        found = public_organisations(locale)
        if params.search:
            found = found.filter(name__icontains=params.search)
        language = locale.language_code
        return one_page(
            params,
            found.count(),
            lambda start, stop: [
                one_to_one(hsds.organization_to_hsds(o, language)) for o in found[start:stop]
            ],
        )


def public_organisations(locale):
    """Return the organisations of the public services in ``locale`` and their parents."""
    providers = public_services().filter(locale=locale).values("provider")
    return (
        Organisation.objects.filter(Q(pk__in=providers) | Q(children__in=providers))
        .distinct()
        .select_related("parent")
        .order_by("name", "pk")
    )


@api.get(
    "/organizations/{id}",
    response=dict[str, Any],
    summary="One organisation, with its services",
    operation_id="hsds_organization",
)
def organization(request: HttpRequest, response: HttpResponse, id: uuid.UUID, locale: str = ""):
    with answering_in(request, response, locale) as chosen:
        key = organisation_key(id)
        found = public_organisations(chosen).filter(translation_key=key)
        # The organisation in the language asked for, else as it is written in another.
        found = sorted(found, key=lambda o: o.locale_id != chosen.pk)
        if not found:
            raise Http404(_("No organisation with public services has the id %(id)s.") % {"id": id})
        organisation = found[0]
        obj = hsds.organization_to_hsds(organisation, chosen.language_code)
        provided = public_services().filter(locale=chosen, provider__translation_key=key)
        obj["services"] = [
            {"id": hsds.service_id(s), "name": s.title, "status": hsds.STATUS[s.status]}
            for s in provided.only("translation_key", "title", "status").order_by("path")
        ]
        return obj


@api.get("/taxonomies", response=Page, summary="Taxonomies", operation_id="hsds_taxonomies")
def taxonomies(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]):
    with answering_in(request, response, params.locale):
        found = [hsds.taxonomy_to_hsds(vocabulary) for vocabulary in hsds.VOCABULARIES]
        found = [t for t in found if params.search.casefold() in t["name"].casefold()]
        return one_page(params, len(found), lambda start, stop: found[start:stop])


@api.get(
    "/taxonomy_terms", response=Page, summary="Taxonomy terms", operation_id="hsds_taxonomy_terms"
)
def taxonomy_terms(request: HttpRequest, response: HttpResponse, params: Query[TermParams]):
    with answering_in(request, response, params.locale) as locale:
        found = [
            term
            for term in hsds.taxonomy_terms(locale)
            if params.search.casefold() in term["name"].casefold()
            and (not params.taxonomy_id or term["taxonomy_id"] == str(params.taxonomy_id))
        ]
        return one_page(params, len(found), lambda start, stop: found[start:stop])
