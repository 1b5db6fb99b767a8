"""The ``guidance`` router: the guidance pages and one of them in full, as JSON."""

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query

from wagtail_ikut.core import http_cache
from wagtail_ikut.core.api import LocaleParams, locale_or_400, public_router
from wagtail_ikut.core.pagination import MAX_PAGE_LIMIT, Pagination
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.guidance import schemas
from wagtail_ikut.guidance.models import GuidancePage
from wagtail_ikut.services.api import MAX_PAGE_ID, in_language

router = public_router("guidance", http_cache.DAY)


class GuidanceListParams(LocaleParams, Pagination.Input):
    limit: int = Field(20, ge=1, le=MAX_PAGE_LIMIT, description="Pages per page (1–50).")


@router.get(
    "/",
    response=schemas.GuidanceListSchema,
    url_name="ikut_guidance_list",
    summary="List guidance",
    description=(
        "The public guidance pages of one locale, by title, a page at a time (limit, offset), "
        "with their review dates."
    ),
    operation_id="ikut_guidance_list",
)
def list_guidance(request: HttpRequest, params: Query[GuidanceListParams]):
    locale = locale_or_400(params.locale)
    pages = public_pages(GuidancePage.objects.filter(locale=locale))
    pages = pages.select_related("locale", "municipality").order_by("title", "pk")
    with translation.override(locale.language_code):
        page = Pagination().paginate_queryset(pages, params, request)
        return in_language(request, schemas.GuidanceListSchema, page)


@router.get(
    "/{guidance_id}/",
    response=schemas.GuidanceDetailSchema,
    url_name="ikut_guidance_detail",
    summary="One guidance page in full",
    description=(
        "A published, public guidance page in its own language: the steps in force today, the "
        "versions announced for a later day, the legal references the steps cite (with "
        "Finlex and ELI links and whether each is in force today), the review dates and the "
        "public change notes."
    ),
    operation_id="ikut_guidance_detail",
)
def get_guidance(request: HttpRequest, guidance_id: int):
    pages = public_pages(GuidancePage.objects.all()).select_related("locale", "municipality")
    page = pages.filter(pk=guidance_id).first() if 0 < guidance_id <= MAX_PAGE_ID else None
    if page is None:
        raise Http404(_("No published guidance has the id %(id)s.") % {"id": guidance_id})
    with translation.override(page.locale.language_code):
        return in_language(request, schemas.GuidanceDetailSchema, page)
