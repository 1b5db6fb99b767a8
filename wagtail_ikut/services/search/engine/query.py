"""Directory searches, counts and suggestions on the engine."""

from dataclasses import dataclass, field

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.services.hours import OpenStatus
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS
from wagtail_ikut.services.search import typos
from wagtail_ikut.services.search.engine.client import call_engine, search_together
from wagtail_ikut.services.search.engine.hours import engine_open_filter
from wagtail_ikut.services.search.engine.index import FLAGS, ensure_index
from wagtail_ikut.services.search.facets import ENGINE_BUCKETS, FACETS

#: How deep the engine pages: its default ``index.max_result_window``.
MAX_RESULTS = 10_000
#: The names of the queries that tell whether a hit is open, and open to walk-in visits.
OPEN, WALK_IN = "open", "walk_in"
#: More values than the facets and flags can have together.
COUNTED_BUCKETS = len(FACETS) * ENGINE_BUCKETS + len(LOW_THRESHOLD_FLAGS)


@dataclass
class EngineResults:
    """One page of hits with its total, and the counts for facets and flags."""

    ids: list
    total: int
    facet_counts: dict = field(default_factory=dict)
    flag_counts: dict = field(default_factory=dict)
    #: {id: OpenStatus} of the hits, at the moment of the search.
    statuses: dict = field(default_factory=dict)


#: How much a match of an editor's synonym weighs against one of the words as typed.
SYNONYM_BOOST = 0.5


def _word_query(word, terms, forgive_typos=True):
    # The word must match: in the engine's own analysis, ranked by where it is found; with
    # typos forgiven, in the title and body together (the engine builds the costly typo
    # automaton once a field, and two edits in a long word took it 7 ms a field), ranked below;
    # or in the package's analysis (Voikko's base forms and compound parts), as a prefix as in
    # the database.
    fuzzy = {
        "match": {
            "text": {
                "query": word,
                # The database's rule too (services/search/typos.py).
                "fuzziness": typos.ENGINE_FUZZINESS,
                "prefix_length": typos.EXACT_PREFIX,
            }
        }
    }
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": word, "fields": ["title^3", "category_names^2", "body"]}},
                *([fuzzy] if forgive_typos else []),
                *(
                    {"prefix": {path: {"value": term, "boost": boost}}}
                    for term in terms
                    for path, boost in (("title_terms", 3.0), ("body_terms", 1.0))
                ),
            ],
            "minimum_should_match": 1,
        }
    }


def _every(queries, **options):
    return (
        queries[0] if len(queries) == 1 and not options else {"bool": {"must": queries, **options}}
    )


def _text_query(parts):
    """Return a query per part of the text, every one to match: its words, or all the words
    of one of its synonyms (typos forgiven only in what was typed), weighed below them."""
    queries = []
    for part in parts:
        typed = _every([_word_query(word, terms) for word, terms in part.words])
        if not part.synonyms:
            queries.append(typed)
            continue
        synonyms = [
            _every(
                [_word_query(word, terms, forgive_typos=False) for word, terms in entry],
                boost=SYNONYM_BOOST,
            )
            for entry in part.synonyms
        ]
        queries.append({"bool": {"should": [typed, *synonyms], "minimum_should_match": 1}})
    return queries


def _facet_filters(cleaned):
    """Return the engine filter of each facet with values in ``cleaned``, by facet name."""
    return {
        facet.name: facet.engine_filter(cleaned[facet.name])
        for facet in FACETS
        if cleaned.get(facet.name)
    }


def _all_but(filters, name=None):
    return {"bool": {"filter": [value for key, value in filters.items() if key != name]}}


def _aggregations(filters):
    """Return the aggregations of the facet and flag counts for the facet filters ``filters``.

    A facet is counted without its own selection, the flags with every selection. The flags
    and the facets with nothing selected are counted together, by one aggregation of the
    index's ``counted`` values: under the filter of every selection, or with no filter at all
    when nothing is selected (the hits are then the query's, with no post filter). Each
    selected facet has its own aggregation, under the filter of the other selections.
    """
    together = {"counted": {"terms": {"field": "counted", "size": COUNTED_BUCKETS}}}
    if not filters:
        return together
    aggregations = {"all_facets": {"filter": _all_but(filters), "aggs": together}}
    for facet in FACETS:
        if facet.name in filters:
            aggregations[f"all_but_{facet.name}"] = {
                "filter": _all_but(filters, facet.name),
                "aggs": facet.engine_aggregation(),
            }
    return aggregations


def _counts(aggregations, filters):
    """Return the facet counts and the flag counts of a response's ``aggregations``."""
    together = aggregations["all_facets"] if filters else aggregations
    counted = {FLAGS: {}, **{facet.name: {} for facet in FACETS}}
    for bucket in together["counted"]["buckets"]:
        name, value = bucket["key"].split(":", 1)
        counted.setdefault(name, {})[value] = bucket["doc_count"]
    facet_counts = {}
    for facet in FACETS:
        if facet.name in filters:
            facet_counts[facet.name] = facet.engine_counts(aggregations[f"all_but_{facet.name}"])
        else:
            # The buckets as the facet's own aggregation would give them.
            buckets = [
                {"key": key, "doc_count": count} for key, count in counted[facet.name].items()
            ]
            facet_counts[facet.name] = facet.engine_counts({"values": {"buckets": buckets}})
    return facet_counts, {flag: counted[FLAGS].get(flag, 0) for flag in LOW_THRESHOLD_FLAGS}


def _in_directory(directory):
    """Return the filters of the services a directory lists: below it, and not expired."""
    # The index keeps a service past its expiry time until publish_scheduled unpublishes it.
    return [
        {"term": {"ancestors": directory.path}},
        {"bool": {"must_not": {"range": {"expire_at": {"lte": "now"}}}}},
    ]


def _query(request, cleaned):
    """Return the text and the filters every count shares: the directory, flags, open now."""
    shared = _in_directory(request.directory)
    if request.among is not None:
        shared.append({"ids": {"values": [str(pk) for pk in request.among]}})
    shared += [{"term": {flag: True}} for flag in LOW_THRESHOLD_FLAGS if cleaned.get(flag)]
    if cleaned.get("open_now"):
        shared.append(engine_open_filter(request.now))
    return {
        "bool": {
            "must": _text_query(request.parts) if cleaned.get("q") else [{"match_all": {}}],
            "filter": shared,
        }
    }


def _ranked(request):
    """Tell whether the hits are ranked by a score: by relevance, or nearest first."""
    return bool(request.cleaned.get("q")) or bool(request.near)


def _nearest_first(request, query):
    """Return ``query`` scored by the distance to the nearest of each service's public places,
    those without one last.

    A score the engine can skip by: sorted by distance (``_geo_distance``), it measured every
    match. 10 km is where the score halves; any distance gives the same order.
    """
    latitude, longitude = request.near
    nearness = {
        "distance_feature": {
            "field": "locations",
            "origin": {"lat": latitude, "lon": longitude},
            "pivot": "10km",
        }
    }
    return {"bool": {"filter": [query], "should": [nearness]}}


def _marked(filters, request):
    """Return a post filter of ``filters`` that names the hits open now, and open to walk-in
    visitors.

    Named, for each hit to say which it matches: cheaper than reading the hits' hours. In the
    post filter, which only the hits pass through, optional, they neither narrow, reorder nor
    slow the ranking: in the query, they made the engine score every match.
    """
    return {
        "bool": {
            "filter": list(filters) or [{"match_all": {}}],
            "should": [
                {
                    "bool": {
                        "filter": [engine_open_filter(request.now, walk_in=walk_in)],
                        "_name": name,
                    }
                }
                for name, walk_in in ((OPEN, False), (WALK_IN, True))
            ],
            "minimum_should_match": 0,
        }
    }


def search_requests(request, offset, size):
    """Return the request bodies of a directory search, sent together: one page of hits, the
    total, and the facet and flag counts.

    Ranked by a score, the engine skips the services that cannot reach the page, unless it has
    to count them all: a search by text or nearness then asks for its hits and for its counts
    in two requests, which the engine runs side by side. Sorted by title, every match is read
    anyway, and one request does both.
    """
    filters = _facet_filters(request.cleaned)
    query = _query(request, request.cleaned)
    page = {"from": offset, "size": size, "_source": False}
    counts = {"aggs": _aggregations(filters), "track_total_hits": True}
    if not _ranked(request):
        # Facets are counted without their own selection, so they filter after the query.
        return [
            {
                "query": query,
                "post_filter": _marked(filters.values(), request),
                "sort": [{"title.sort": "asc"}],
                **page,
                **counts,
            }
        ]
    selected = {"bool": {"must": [query], "filter": list(filters.values())}}
    hits = {
        "query": _nearest_first(request, selected) if request.near else selected,
        "post_filter": _marked((), request),
        "sort": ["_score", {"title.sort": "asc"}],
        "track_total_hits": False,
        **page,
    }
    counts = {**counts, "query": query, "size": 0}
    if filters:
        counts["post_filter"] = _all_but(filters)
    return [hits, counts]


def search(backend, request, offset, size):
    """Run a directory search on the engine: one page of ids, the total, facet and flag counts."""
    responses = search_together(
        backend,
        ensure_index(backend, request.directory.locale.language_code),
        search_requests(request, offset, size),
    )
    hits, counted = responses[0]["hits"]["hits"], responses[-1]
    facet_counts, flag_counts = _counts(counted["aggregations"], _facet_filters(request.cleaned))
    return EngineResults(
        ids=[int(hit["_id"]) for hit in hits],
        total=counted["hits"]["total"]["value"],
        facet_counts=facet_counts,
        flag_counts=flag_counts,
        statuses={int(hit["_id"]): _status(hit.get("matched_queries", ())) for hit in hits},
    )


def _status(matched):
    is_open = OPEN in matched
    return OpenStatus(is_open=is_open, by_appointment=is_open and WALK_IN not in matched)


def count(backend, request, cleaned):
    """Return how many services a search with these filters would find."""
    filters = _all_but(_facet_filters(cleaned))
    query = {"bool": {"must": [_query(request, cleaned)], "filter": [filters]}}
    response = call_engine(
        backend,
        backend.es.count,
        index=ensure_index(backend, request.directory.locale.language_code),
        body={"query": query},
        request_timeout=ikut_settings.SEARCH_TIMEOUT,
    )
    return response["count"]


def suggest(backend, directory, texts, limit):
    """Return the ids of services whose titles have words starting as those of one of
    ``texts`` do."""
    body = {
        "query": {
            "bool": {
                "should": [
                    {"match": {"title.autocomplete": {"query": text, "operator": "and"}}}
                    for text in texts
                ],
                "minimum_should_match": 1,
                "filter": _in_directory(directory),
            }
        },
        "sort": ["_score", {"title.sort": "asc"}],
        "size": limit,
        "_source": False,
    }
    response = call_engine(
        backend,
        backend.es.search,
        index=ensure_index(backend, directory.locale.language_code),
        body=body,
        request_timeout=ikut_settings.SEARCH_TIMEOUT,
    )
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]
