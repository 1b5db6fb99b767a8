"""As-you-type suggestions for a directory's search box: categories and service titles."""

from django.db.models import Q
from django.http import QueryDict

from wagtail_ikut.core.public_input import without_nul
from wagtail_ikut.core.taxonomy import ServiceCategory
from wagtail_ikut.services.search.analysis import query_words
from wagtail_ikut.services.search.directory import directory_services, synonyms_of
from wagtail_ikut.services.search.engine import client as engine_client
from wagtail_ikut.services.search.engine import query as engine_query
from wagtail_ikut.services.search.form import MAX_QUERY_LENGTH
from wagtail_ikut.services.search.models import ServiceIndexVersion

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
    # What was typed, or any other entry of a synonym set that it is, as the search has them.
    words = [item for item in query_words(text, directory.locale.language_code) if item[1]]
    texts = [text, *synonyms_of(ServiceIndexVersion.current(), directory).alternatives(words)]
    services = directory_services(directory)
    backend = engine_client.engine()
    pages = None
    if backend is not None and engine_client.available():
        try:
            ids = engine_query.suggest(backend, directory, texts, SUGGESTIONS)
        except engine_client.EngineUnavailable:
            pass  # logged where it failed; the database answers instead
        else:
            found = services.in_bulk(ids)
            pages = [found[pk] for pk in ids if pk in found]
    if pages is None:
        titled = Q()
        for each in texts:
            titled |= Q(title__icontains=each)
        pages = services.filter(titled).order_by("title")[:SUGGESTIONS]
    services = [
        {"kind": "service", "title": page.title, "url": page.get_url(request)} for page in pages
    ]
    return (categories + services)[:SUGGESTIONS]
