"""Keep the directory's full-text index in step with published services."""

from django.utils.html import strip_tags

from ..models import ServicePage, ServiceSearchDocument, ServiceStatus
from .analysis import analyse


def is_searchable(page):
    return page.live and not page.expired and page.status != ServiceStatus.ENDED


def body_text(page):
    """Return the text the public may find a service by; confidential addresses stay out."""
    parts = [
        page.summary,
        strip_tags(page.description),
        strip_tags(page.eligibility),
        strip_tags(page.how_to_get_help),
        page.language_note,
        page.provider.name if page.provider else "",
    ]
    for relation in (page.categories, page.target_groups, page.municipalities):
        parts.extend(term.name for term in relation.all())
    for language in page.languages.all():
        parts.extend([language.name, language.native_name])
    for location in page.locations.all():
        if not location.confidential:
            parts.extend([location.name, location.street_address])
            if location.municipality:
                parts.append(location.municipality.name)
    return "\n".join(part for part in parts if part)


def terms(page):
    """Return the analysed terms of the page's title and of its other searchable text."""
    language = page.locale.language_code
    return (
        " ".join(analyse(page.title, language)),
        " ".join(analyse(body_text(page), language)),
    )


def index_service(page):
    """Write the page's analysed terms, or drop them if the public may not see it."""
    if not is_searchable(page):
        ServiceSearchDocument.objects.filter(page_id=page.pk).delete()
        return
    title_terms, body_terms = terms(page)
    ServiceSearchDocument.objects.update_or_create(
        page_id=page.pk, defaults={"title_terms": title_terms, "body_terms": body_terms}
    )


def with_search_details(queryset):
    """Read with the services everything their searchable text names."""
    return queryset.select_related("locale", "provider").prefetch_related(
        "categories", "target_groups", "municipalities", "languages", "locations__municipality"
    )


def reindex_services(queryset=None):
    """Rebuild the index for the given services (all of them by default); return the count."""
    queryset = ServicePage.objects.all() if queryset is None else queryset
    count = 0
    for page in with_search_details(queryset):
        index_service(page)
        count += 1
    return count
