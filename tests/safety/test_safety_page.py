from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from tests.utils import make_directory, site_root
from wagtail_ikut.safety.blocks import SafetyAdviceBlock
from wagtail_ikut.safety.models import SafetyPage

ADVICE_HEADINGS = [
    "Leave this site quickly",
    "Clear your browsing history",
    "Use a private window",
    "If someone else uses or checks your phone",
    "If you are in danger",
]


def make_safety_page(parent=None, title="Turvallisesti verkossa", publish=True, **fields):
    page = SafetyPage(title=title, live=publish, **fields)
    (parent or site_root()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def translate_page(page, language_code, title):
    """Publish ``page`` in another language, with the site root translated first."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    if site_root().get_translation_or_none(locale) is None:
        site_root().copy_for_translation(locale).save_revision().publish()
        # Wagtail caches where each language's site root is, across tests too.
        Site.clear_site_root_paths_cache()
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.slug = title.lower().replace(" ", "-")
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


class SafetyLinkTests(TestCase):
    def test_every_public_page_links_to_the_safety_page_next_to_the_quick_exit(self):
        safety = make_safety_page()
        directory = make_directory()
        pages = [(directory.url, 200), (safety.url, 200), (f"{directory.url}no-such-page/", 404)]
        for url, status_code in pages:
            with self.subTest(url=url):
                self.assertContains(
                    self.client.get(url),
                    f'<a class="ikut-safety-link" href="{safety.url}">',
                    status_code=status_code,
                )

    def test_a_page_links_to_the_safety_page_in_its_own_language(self):
        safety = make_safety_page()
        english = translate_page(safety, "en", "Staying safe online")
        directory = make_directory()
        english_directory = translate_page(directory, "en", "Services")
        with translation.override("en"):
            response = self.client.get(english_directory.url)
        self.assertContains(response, f'class="ikut-safety-link" href="{english.url}"')
        self.assertNotContains(response, f'href="{safety.url}"')

    def test_no_link_while_the_site_has_no_public_safety_page(self):
        directory = make_directory()
        draft = make_safety_page(publish=False)
        restricted = make_safety_page(title="Salasanan takana")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type="password", password="x"
        )
        response = self.client.get(directory.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "ikut-safety-link")
        self.assertFalse(draft.live)


class SafetyPageTests(WagtailPageTestCase):
    def test_a_new_page_holds_the_packages_advice(self):
        page = make_safety_page()
        self.assertEqual([block.block_type for block in page.body], ["advice"])
        content = self.client.get(page.url).content.decode()
        for heading in ADVICE_HEADINGS:
            self.assertIn(f"<h2>{translation.gettext(heading)}</h2>", content)

    def test_the_advice_reads_in_finnish_and_swedish_from_the_catalogues(self):
        with translation.override("en"):
            english = SafetyAdviceBlock().render(None)
        for language_code in ("fi", "sv"):
            with self.subTest(language=language_code), translation.override(language_code):
                rendered = SafetyAdviceBlock().render(None)
                for heading in ADVICE_HEADINGS:
                    self.assertNotEqual(translation.gettext(heading), heading)
                    self.assertIn(translation.gettext(heading), rendered)
                self.assertNotEqual(rendered, english)

    def test_editors_can_add_their_own_text_such_as_local_help_lines(self):
        page = make_safety_page(
            body=[("advice", None), ("text", "<p>Kriisipuhelin 09 2525 0111</p>")]
        )
        self.assertContains(self.client.get(page.url), "Kriisipuhelin 09 2525 0111")

    def test_a_safety_page_can_be_created_anywhere_and_has_no_children(self):
        self.assertCanCreateAt(type(site_root().specific), SafetyPage)
        self.assertAllowedSubpageTypes(SafetyPage, {})
