"""The ``guidance`` router: the guidance pages and one of them in full, as JSON."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query

from wagtail_ikut.core import http_cache
from wagtail_ikut.core.api import (
    PageListParams,
    in_language,
    locale_or_400,
    page_or_404,
    problems,
    public_router,
)
from wagtail_ikut.core.pagination import Pagination
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.guidance import schemas
from wagtail_ikut.guidance.models import GuidancePage

router = public_router("guidance", http_cache.DAY)


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
    openapi_extra=problems(400),
)
def list_guidance(request: HttpRequest, params: Query[PageListParams]):
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
    openapi_extra=problems(404),
)
def get_guidance(request: HttpRequest, guidance_id: int):
    pages = public_pages(GuidancePage.objects.all()).select_related("locale", "municipality")
    page = page_or_404(pages, guidance_id, _("No published guidance has the id %(id)s."))
    with translation.override(page.locale.language_code):
        return in_language(request, schemas.GuidanceDetailSchema, page)
