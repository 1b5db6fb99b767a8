"""The way back from a public page: its breadcrumb trail."""

from wagtail.models import Site

from wagtail_ikut.core.visibility import public_pages


def breadcrumb_trail(page) -> list:
    """Return the pages above ``page`` that the public may read, from its site's front page in
    its language down to its parent: none for a front page or a page outside every site."""
    # Wagtail keeps the front pages of every site, in every language, in its cache; the
    # longest that holds the page is the front page of the page's own site.
    roots = [
        root.root_path
        for root in Site.get_site_root_paths()
        if page.url_path and page.url_path.startswith(root.root_path)
    ]
    if not roots:
        return []
    ancestors = page.get_ancestors().filter(url_path__startswith=max(roots, key=len))
    return list(public_pages(ancestors).order_by("path"))
