"""The directory's indexes on the engine: one a language, kept in step with published services."""

import datetime

import swapper

from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServicePage
from wagtail_ikut.services.search.documents import search_rows
from wagtail_ikut.services.search.engine import hours
from wagtail_ikut.services.search.engine.client import (
    ANALYZERS,
    EngineUnavailable,
    alias_name,
    call_engine,
    engine,
    helpers,
    known_aliases,
    unavailable,
)
from wagtail_ikut.services.search.facets import FACETS, MunicipalityFacet
from wagtail_ikut.services.search.models import PendingSearchUpdate
from wagtail_ikut.services.visibility import public_services

#: The version of the index layout below, kept in the mapping's ``_meta``: an index of another
#: version is not searched until ``ikut_reindex_services`` has rebuilt it.
MAPPING_VERSION = 5
#: The name the flags go by among the ``counted`` values, beside the facets' names.
FLAGS = "flag"


def index_body(language_code):
    """Return the settings and mappings of a language's index."""
    analyzer = ANALYZERS.get(language_code.split("-")[0], "standard")
    text = {"type": "text", "analyzer": analyzer}
    as_you_type = {"type": "text", "analyzer": "autocomplete", "search_analyzer": "standard"}
    # The package's own analysis (Voikko or Snowball) beside the engine's: one term a token.
    # (Indexing their prefixes, index_prefixes, made the prefix queries no faster.)
    terms = {"type": "text", "analyzer": "whitespace"}
    # Counted on every search: their global ordinals are built at refresh, not on a search.
    counted = {"type": "keyword", "eager_global_ordinals": True}
    return {
        "settings": {
            "analysis": {
                "filter": {"edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}},
                "analyzer": {
                    "autocomplete": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "edge"],
                    }
                },
                "normalizer": {"sort": {"type": "custom", "filter": ["lowercase"]}},
            }
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"wagtail_ikut_mapping": MAPPING_VERSION},
            "properties": {
                "title": {
                    **text,
                    "copy_to": "text",
                    "fields": {
                        "autocomplete": as_you_type,
                        "sort": {"type": "keyword", "normalizer": "sort"},
                    },
                },
                # The body holds the category names too; the title and body together are where
                # a word is looked for with typos forgiven.
                "body": {**text, "copy_to": "text"},
                "text": text,
                "category_names": text,
                "title_terms": terms,
                "body_terms": terms,
                "path": {"type": "keyword"},
                # The page's own path and its ancestors': a directory filters by one term.
                "ancestors": {"type": "keyword"},
                "status": {"type": "keyword"},
                # Searches leave a service out from this moment, before publish_scheduled
                # unpublishes it.
                "expire_at": {"type": "date"},
                "provider_kind": counted,
                "categories": counted,
                "municipalities": {"type": "keyword"},
                MunicipalityFacet.engine_count_field: counted,
                "languages": counted,
                # "facet:value" for each facet value and "flag:name" for each low-threshold flag of
                # the service, so that one aggregation counts them all.
                "counted": counted,
                "nationwide": {"type": "boolean"},
                "open_24_7": {"type": "boolean"},
                "closed_on_public_holidays": {"type": "boolean"},
                # Every period, and again the walk-in ones only (hours.engine_hours).
                **{
                    prefix + name: {"type": kind}
                    for prefix in ("", "walk_in_")
                    for name, kind in (
                        ("weekly_same_day", "integer_range"),
                        ("weekly_overnight", "integer_range"),
                        ("special_hours", "date_range"),
                    )
                },
                "exception_days": {"type": "date_range"},
                **{flag: {"type": "boolean"} for flag in LOW_THRESHOLD_FLAGS},
                "locations": {"type": "geo_point"},
            },
        },
    }


def document(row):
    """Return what the engine holds of a service; confidential addresses stay out."""
    values = row.values
    title_terms, body_terms = row.stored_terms()
    municipalities = [code for code, _name in row.municipalities]
    fields = {
        "title": values["title"],
        "body": row.body_text(),
        "category_names": [name for _slug, name in row.categories],
        "title_terms": title_terms,
        "body_terms": body_terms,
        "path": values["path"],
        "ancestors": ancestors(values["path"]),
        "status": values["status"],
        "expire_at": values["expire_at"],
        "provider_kind": values["provider__kind"],
        "categories": [slug for slug, _name in row.categories],
        "municipalities": municipalities,
        MunicipalityFacet.engine_count_field: MunicipalityFacet.engine_count_values(
            values["nationwide"], municipalities
        ),
        "languages": [code for code, _name, _native in row.languages],
        "nationwide": values["nationwide"],
        "open_24_7": values["open_24_7"],
        "closed_on_public_holidays": values["closed_on_public_holidays"],
        **hours.engine_hours(row.opening_hours, row.hours_exceptions),
        **{flag: values[flag] for flag in LOW_THRESHOLD_FLAGS},
        "locations": [
            {"lat": float(location["latitude"]), "lon": float(location["longitude"])}
            for location in row.locations
            if location["latitude"] is not None and location["longitude"] is not None
        ],
    }
    fields["counted"] = [
        f"{facet.name}:{value}" for facet in FACETS for value in _values(fields, facet)
    ] + [f"{FLAGS}:{flag}" for flag in LOW_THRESHOLD_FLAGS if values[flag]]
    return fields


def _values(fields, facet):
    """Return the values a facet counts a service under, as its own aggregation sees them."""
    value = fields[getattr(facet, "engine_count_field", facet.index_field)]
    return value if isinstance(value, list) else [value] if value is not None else []


def ancestors(path):
    """Return a page's path and its ancestors' paths, the root's first."""
    step = swapper.load_model("wagtailcore", "Page").steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def ensure_index(backend, language_code):
    """Create the language's index and alias unless they exist, so nothing auto-creates it.

    Raise EngineUnavailable if the alias is an index or holds an index of an older layout:
    until ``ikut_reindex_services`` rebuilds it, the database answers.
    """
    alias = alias_name(backend, language_code)
    if alias in known_aliases:
        return alias
    if call_engine(backend, backend.es.indices.exists_alias, name=alias):
        mappings = call_engine(backend, backend.es.indices.get_mapping, index=alias)
        versions = {
            index["mappings"].get("_meta", {}).get("wagtail_ikut_mapping")
            for index in mappings.values()
        }
        if versions != {MAPPING_VERSION}:
            raise unavailable(
                f"{alias} was built by another version of wagtail-ikut: run "
                "ikut_reindex_services to rebuild it."
            )
    elif call_engine(backend, backend.es.indices.exists, index=alias):
        raise unavailable(
            f"{alias} is an index, not an alias: run ikut_reindex_services to rebuild it."
        )
    else:
        call_engine(
            backend,
            backend.es.indices.create,
            index=new_index_name(alias),
            body={**index_body(language_code), "aliases": {alias: {}}},
        )
    known_aliases.add(alias)
    return alias


def new_index_name(alias):
    return f"{alias}_{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"


def _write(backend, row):
    alias = ensure_index(backend, row.language_code)
    if row.is_searchable:
        call_engine(backend, backend.es.index, index=alias, id=row.pk, body=document(row))
    else:
        call_engine(backend, backend.es.delete, index=alias, id=row.pk, ignore=[404])


def _delete(backend, page_id, language_code):
    alias = ensure_index(backend, language_code)
    call_engine(backend, backend.es.delete, index=alias, id=page_id, ignore=[404])


def update(rows):
    """Write services (SearchRows) to the engine, or drop them; queue them if it is down."""
    backend = engine()
    if backend is None:
        return
    for position, row in enumerate(rows):
        try:
            _write(backend, row)
        except EngineUnavailable:
            for missed in rows[position:]:
                _queue(missed.pk, missed.language_code)
            return
    catch_up(backend)


def remove(page_id, language_code):
    """Drop a deleted service from the engine; queue it if the engine is down."""
    backend = engine()
    if backend is None:
        return
    try:
        _delete(backend, page_id, language_code)
    except EngineUnavailable:
        _queue(page_id, language_code)


def _queue(page_id, language_code):
    PendingSearchUpdate.objects.update_or_create(
        page_id=page_id, defaults={"language_code": language_code}
    )


def catch_up(backend, limit=100):
    """Apply updates queued while the engine was down; return how many were applied."""
    pending = list(PendingSearchUpdate.objects.order_by("queued_at")[:limit])
    if not pending:
        return 0
    rows = {
        row.pk: row
        for row in search_rows(
            ServicePage.objects.filter(pk__in=[entry.page_id for entry in pending])
        )
    }
    applied = 0
    for entry in pending:
        try:
            if entry.page_id in rows:
                _write(backend, rows[entry.page_id])
            else:
                _delete(backend, entry.page_id, entry.language_code)
        except EngineUnavailable:
            break
        entry.delete()
        applied += 1
    return applied


def searchable_services(language_code):
    return public_services().filter(locale__language_code=language_code)


def rebuild(backend, language_code):
    """Index a language's services into a new index, then move the alias to it at once.

    Searches keep reading the old index until the swap; the old index is deleted after it.
    Return how many services were indexed.
    """
    es = backend.es
    alias = alias_name(backend, language_code)
    started = datetime.datetime.now(datetime.UTC)
    new = new_index_name(alias)
    es.indices.create(index=new, body=index_body(language_code))
    actions = (
        {"_index": new, "_id": row.pk, "_source": document(row)}
        for row in search_rows(searchable_services(language_code))
    )
    count, _errors = helpers(backend).bulk(es, actions, chunk_size=500, request_timeout=120)
    # One segment: searches and counts then walk one set of postings and doc values.
    es.indices.forcemerge(index=new, max_num_segments=1, request_timeout=600)
    es.indices.refresh(index=new)
    if es.indices.exists_alias(name=alias):
        old = list(es.indices.get_alias(name=alias))
    else:
        old = []
        if es.indices.exists(index=alias):  # an index the engine created by itself
            es.indices.delete(index=alias)
    es.indices.update_aliases(
        body={
            "actions": [
                *({"remove": {"index": index, "alias": alias}} for index in old),
                {"add": {"index": new, "alias": alias}},
            ]
        }
    )
    for index in old:
        es.indices.delete(index=index)
    known_aliases.add(alias)
    # Services published while the new index filled went to the old one: write them again.
    for row in search_rows(
        searchable_services(language_code).filter(last_published_at__gte=started)
    ):
        _write(backend, row)
    return count


def indexed_ids(backend, language_code):
    alias = ensure_index(backend, language_code)
    backend.es.indices.refresh(index=alias)  # so that recent writes are seen
    hits = helpers(backend).scan(
        backend.es, index=alias, query={"query": {"match_all": {}}, "_source": False}
    )
    return {int(hit["_id"]) for hit in hits}


def reconcile(backend, language_code):
    """Make the engine hold exactly the searchable services; return (written, deleted)."""
    catch_up(backend, limit=None)
    wanted = set(searchable_services(language_code).values_list("pk", flat=True))
    present = indexed_ids(backend, language_code)
    missing = wanted - present
    for row in search_rows(searchable_services(language_code).filter(pk__in=missing)):
        _write(backend, row)
    extra = present - wanted
    for page_id in extra:
        _delete(backend, page_id, language_code)
    return len(missing), len(extra)
