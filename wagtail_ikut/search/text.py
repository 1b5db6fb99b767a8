"""Full-text matching over the directory's index, in each database's own engine."""

from django.db import connection

from .analysis import query_terms

DOCUMENTS = "wagtail_ikut_servicesearchdocument"
FTS = "wagtail_ikut_service_fts"
POSTGRES_VECTOR = (
    f"(setweight(to_tsvector('simple', {DOCUMENTS}.title_terms), 'A') "
    f"|| setweight(to_tsvector('simple', {DOCUMENTS}.body_terms), 'B'))"
)


def sqlite_match(groups):
    # Every word must match one of its forms; a form matches as a prefix, as people type stems.
    return " AND ".join(
        "(" + " OR ".join('"' + term.replace('"', '""') + '"*' for term in group) + ")"
        for group in groups
    )


def postgres_match(groups):
    return " & ".join(
        "(" + " | ".join(term.replace("'", "''") + ":*" for term in group) + ")" for group in groups
    )


def word_groups(text, language_code):
    """Return the analysed forms of each searchable word in ``text``; empty if it has none."""
    return [group for group in query_terms(text, language_code) if group]


def match_text(queryset, groups):
    """Filter service pages to those matching every word group, annotated with
    ``search_rank`` (lower is better)."""
    page_table = queryset.model._meta.db_table
    page_key = f"{page_table}.{queryset.model._meta.pk.column}"
    if connection.vendor == "postgresql":
        tsquery = "to_tsquery('simple', %s)"
        return queryset.extra(
            tables=[DOCUMENTS],
            where=[f"{DOCUMENTS}.page_id = {page_key}", f"{POSTGRES_VECTOR} @@ {tsquery}"],
            params=[postgres_match(groups)],
            # ts_rank grows with relevance; negate it so that lower is better on both engines.
            select={"search_rank": f"-ts_rank({POSTGRES_VECTOR}, {tsquery})"},
            select_params=[postgres_match(groups)],
        )
    return queryset.extra(
        tables=[FTS],
        where=[f"{FTS}.rowid = {page_key}", f"{FTS} MATCH %s"],
        params=[sqlite_match(groups)],
        select={"search_rank": f"{FTS}.rank"},
    )
