"""schema.org JSON-LD of guidance pages and the legislation they cite."""

import html

from django.utils.html import strip_tags

from wagtail_ikut.guidance.legal import LegalForce

SCHEMA_LEGAL_FORCE = {
    LegalForce.IN_FORCE: "https://schema.org/InForce",
    LegalForce.NOT_YET: "https://schema.org/NotInForce",
    LegalForce.ENDED: "https://schema.org/NotInForce",
}


def legislation_json_ld(reference, today=None):
    """Return schema.org Legislation for a legal reference, cited in the active language."""
    data = {
        "@type": "Legislation",
        "name": reference.citation(),
        "legislationIdentifier": reference.statute_number,
        "legislationJurisdiction": "FI",
        "legislationLegalForce": SCHEMA_LEGAL_FORCE[reference.legal_force(today)],
    }
    parts = reference.statute_parts()
    if parts:
        # The Statute Book numbers statutes by the year they were issued in.
        data["legislationDate"] = parts["year"]
    if reference.consolidated_url:
        data["url"] = reference.consolidated_url
    if reference.eli:
        data["sameAs"] = reference.eli
    return data


def guidance_json_ld(page, url, today=None):
    """Return schema.org HowTo for the steps of a guidance page that apply today."""
    steps = page.steps_today(today).current
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.locale.language_code,
        "step": [
            {
                "@type": "HowToStep",
                "position": position,
                "name": step["title"],
                # The reader's text: without tags, and "&amp;" read as "&" (json_ld escapes it).
                "text": html.unescape(strip_tags(step["what_to_do"].source)).strip(),
            }
            for position, step in enumerate(steps, start=1)
        ],
    }
    supplies = [
        {"@type": "HowToSupply", "name": document["name"]}
        | ({"url": document["url"]} if document["url"] else {})
        for step in steps
        for document in step["documents"]
    ]
    if supplies:
        data["supply"] = supplies
    references = page.cited_legal_references()
    if references:
        data["citation"] = [legislation_json_ld(reference, today) for reference in references]
    return data
