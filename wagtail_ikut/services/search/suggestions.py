"""As-you-type suggestions for a directory's search box: categories and service titles."""

from django.http import QueryDict

from wagtail_ikut.core.public_input import without_nul
from wagtail_ikut.core.taxonomy import ServiceCategory
from wagtail_ikut.services.search.directory import directory_services
from wagtail_ikut.services.search.engine import client as engine_client
from wagtail_ikut.services.search.engine import query as engine_query
from wagtail_ikut.services.search.form import MAX_QUERY_LENGTH

#: How many suggestions one request answers with.
SUGGESTIONS = 8


def suggestions(directory, request, text):
    """Return the categories and services whose names match what was typed, with addresses."""
    text = without_nul(text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    directory_url = directory.get_url(request)
    categories = [
        {
            "kind": "category",
            "title": name,
            "url": f"{directory_url}?{QueryDict.fromkeys(['category'], slug).urlencode()}",
        }
        for slug, name in ServiceCategory.objects.filter(
            locale_id=directory.locale_id, name__icontains=text
        )
        .order_by("name")
        .values_list("slug", "name")[:SUGGESTIONS]
    ]
    services = directory_services(directory)
    backend = engine_client.engine()
    pages = None
    if backend is not None and engine_client.available():
        try:
            ids = engine_query.suggest(backend, directory, text, SUGGESTIONS)
        except engine_client.EngineUnavailable:
            pass  # logged where it failed; the database answers instead
        else:
            found = services.in_bulk(ids)
            pages = [found[pk] for pk in ids if pk in found]
    if pages is None:
        pages = services.filter(title__icontains=text).order_by("title")[:SUGGESTIONS]
    services = [
        {"kind": "service", "title": page.title, "url": page.get_url(request)} for page in pages
    ]
    return (categories + services)[:SUGGESTIONS]
