"""Read-only routers for the vocabularies and organisations a front end builds its filters from."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator
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
)
@paginate(Pagination)
def list_organisations(request: HttpRequest, params: Query[OrganisationParams]):
    found = Organisation.objects.filter(locale=locale_or_400(params.locale))
    if params.kind:
        found = found.filter(kind=params.kind)
    return found.order_by("name", "pk")
