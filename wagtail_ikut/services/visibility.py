"""Which services the public may find: the page rule of core/visibility.py, and not ended."""

import datetime

from django.db.models import QuerySet

from wagtail_ikut.core.visibility import is_public_page, public_pages
from wagtail_ikut.services.models import ServicePage, ServiceStatus


def public_services(
    queryset: QuerySet | None = None, now: datetime.datetime | None = None
) -> QuerySet:
    """Narrow a queryset of services (all of them by default) to those the public may find:
    public pages whose service has not ended."""
    if queryset is None:
        queryset = ServicePage.objects.all()
    return public_pages(queryset, now).exclude(status=ServiceStatus.ENDED)


def is_public_service(service, restricted: tuple[str, ...], now: datetime.datetime) -> bool:
    """Tell whether the public may find ``service``, as public_services() would."""
    return service.status != ServiceStatus.ENDED and is_public_page(service, restricted, now)
