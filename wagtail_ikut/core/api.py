"""What the package's API routers share, and the vocabularies and organisations routers."""

from http import HTTPStatus

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail
from wagtail.models import Locale

from wagtail_ikut.core import http_cache, rate_limit, schemas
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.pagination import Pagination
from wagtail_ikut.core.public_input import without_nul
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory


class OneValueEach(Schema):
    """Query parameters that refuse a repeated value where they read one, not read the last."""

    @field_validator("*", mode="before")
    @classmethod
    def given_once(cls, value, info):
        # Ninja passes a list for list fields and only the last value for the others.
        request = (info.context or {}).get("request")
        repeated = request is not None and len(request.GET.getlist(info.field_name)) > 1
        if repeated and not isinstance(value, list):
            raise ValueError(_("Give this parameter only once."))
        return value


class LocaleParams(OneValueEach):
    locale: str | None = Field(
        None, description="Language code of the locale, e.g. `sv`; the site's default if absent."
    )


class PageListParams(LocaleParams, Pagination.Input):
    """A list of pages of one locale, a page at a time."""


#: Page ids are 32-bit in every database; a larger number names no page (and SQLite would
#: overflow on it).
MAX_PAGE_ID = 2**31 - 1


def problems(*statuses):
    """Return the ``openapi_extra`` declaring a public route's answers besides its 200."""
    # Not in Ninja's ``response``, which would declare them application/json. Every public route
    # can refuse a parameter (422) and a client over its rate limit (429).
    problem = {PROBLEM_JSON: {"schema": ProblemDetail.model_json_schema()}}
    answers = {
        str(status): {"description": HTTPStatus(status).phrase, "content": problem}
        for status in sorted({*statuses, 422, 429})
    }
    answers["304"] = {"description": "The client's copy, named by its ETag, is current."}
    return {"responses": answers}


def page_or_404(pages, page_id, message):
    """Return the page of ``pages`` with this id, or answer 404 with ``message``."""
    page = pages.filter(pk=page_id).first() if 0 < page_id <= MAX_PAGE_ID else None
    if page is None:
        raise Http404(message % {"id": page_id})
    return page


def in_language(request, schema, obj):
    """Read ``obj`` with ``schema`` now, in the active language."""
    # Ninja would read it after the view returns, in the request's language, where labels and
    # holiday names must be in the directory's or the service's; a schema instance it only
    # dumps (django-ninja 1.6+).
    return schema.model_validate(obj, context={"request": request})


def public_router(tag, changes_every=None):
    """Return a router whose answers are rate limited, revalidated and cached as public."""
    router = Router(tags=[tag])
    router.add_decorator(http_cache.public_api(changes_every), mode="view")
    # Added last, so outermost: a revalidation is a request too.
    router.add_decorator(rate_limit.limit_api, mode="view")
    return router


def locale_or_400(code):
    """Return the locale with this language code, or the default one when none is given."""
    code = without_nul(code or "")
    if not code:
        return Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        known = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise HttpError(
            400,
            _("Unknown locale “%(code)s”; this site has: %(known)s.")
            % {"code": code[:20], "known": known},
        )
    return locale


def vocabulary_router(model, schema, tag):
    """Return a router listing a whole vocabulary in one locale, ordered by name."""
    router = public_router(tag)

    @router.get(
        "/",
        response=list[schema],
        url_name=f"ikut_{tag}_list",
        summary=f"List {tag}",
        description=(
            "The whole vocabulary in one locale, by name: vocabularies are short, so it comes "
            "in one response, without paging."
        ),
        operation_id=f"ikut_{tag}_list",
        openapi_extra=problems(400),
    )
    def list_terms(request: HttpRequest, params: Query[LocaleParams]):
        return model.objects.filter(locale=locale_or_400(params.locale)).order_by("name")

    return router


categories = vocabulary_router(ServiceCategory, schemas.CategorySchema, "categories")
municipalities = vocabulary_router(Municipality, schemas.MunicipalitySchema, "municipalities")
languages = vocabulary_router(Language, schemas.LanguageSchema, "languages")

organisations = public_router("organisations")


class OrganisationParams(LocaleParams):
    kind: Organisation.Kind | None = Field(None, description="Only organisations of this kind.")


@organisations.get(
    "/",
    response=list[schemas.OrganisationSchema],
    url_name="ikut_organisations_list",
    summary="List organisations",
    description="The organisations in one locale, by name, a page at a time (limit, offset).",
    operation_id="ikut_organisations_list",
    openapi_extra=problems(400),
)
@paginate(Pagination)
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]):
    found = Organisation.objects.filter(locale=locale_or_400(params.locale))
    if params.kind:
        found = found.filter(kind=params.kind)
    return found.order_by("name", "pk")
