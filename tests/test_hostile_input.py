"""Editor input that tries to break out of where it is shown is escaped there, or refused.

Each outlet is read back as its reader would: JSON-LD parsed as JSON, the iCalendar feeds parsed
as a calendar app does, HTML parsed as a browser does, the API as JSON.
"""

import datetime
import json

import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import LegalReferenceFactory, OrganisationFactory
from tests.utils import (
    EnglishAdminTestUtils,
    course_instance,
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    site_root,
    step,
)
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.courses.details import CourseContact
from wagtail_ikut.guidance.blocks import DocumentBlock
from wagtail_ikut.guidance.models import GuidanceIndexPage
from wagtail_ikut.services.details import ContactChannel

#: Closes the script element, then each kind of attribute quote.
MARKUP = "Apua</script><script>alert(1)</script> \"lainaus\" 'heittomerkki'"

#: Addresses that run script or show a page made up by whoever wrote the link.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    # Not hostile, but no browser opens it any more.
    "ftp://ftp.example.fi/lomake.pdf",
]

URL_ERROR = "Enter a web address that starts with https:// or http://."

MONDAY = datetime.date(2027, 3, 1)


def parse_html(response):
    return BeautifulSoup(response.content, "html.parser")


def english_messages(error):
    with translation.override("en"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}


class JsonLdTests(TestCase):
    """Text in JSON-LD reaches the crawler intact and never closes the script element."""

    def assert_markup_stays_inside(self, response):
        self.assertNotIn("<script>alert(1)", response.content.decode())
        scripts = parse_html(response).find_all("script", type="application/ld+json")
        self.assertEqual(len(scripts), 1)
        return json.loads(scripts[0].string)

    def test_a_service_page(self):
        service = make_service(
            make_directory(),
            MARKUP,
            summary=MARKUP,
            provider=OrganisationFactory(name=MARKUP),
        )
        data = self.assert_markup_stays_inside(self.client.get(service.url))
        self.assertEqual(data["name"], MARKUP)
        self.assertEqual(data["description"], MARKUP)
        self.assertEqual(data["provider"]["name"], MARKUP)

    @time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
    def test_a_course_page(self):
        course = make_course(
            make_course_index(),
            MARKUP,
            summary=MARKUP,
            instances=[
                course_instance(
                    MONDAY + datetime.timedelta(days=14),
                    name=MARKUP,
                    street_address="Toinen linja 4",
                )
            ],
        )
        data = self.assert_markup_stays_inside(self.client.get(course.url))
        self.assertEqual(data["name"], MARKUP)
        self.assertEqual(data["description"], MARKUP)
        [instance] = data["hasCourseInstance"]
        self.assertEqual(instance["location"]["name"], MARKUP)

    @time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC))
    def test_a_guidance_page_gives_a_steps_text_as_the_reader_sees_it(self):
        page = make_guidance(
            title=MARKUP,
            summary=MARKUP,
            steps=[
                step(
                    MARKUP,
                    what_to_do="<p>Soita &amp; kirjoita: &lt;/script&gt;&lt;script&gt;</p>",
                    documents=[{"name": MARKUP, "url": ""}],
                    legal_references=[LegalReferenceFactory(title=MARKUP)],
                )
            ],
        )
        data = self.assert_markup_stays_inside(self.client.get(page.url))
        self.assertEqual(data["name"], MARKUP)
        [how_to_step] = data["step"]
        self.assertEqual(how_to_step["name"], MARKUP)
        self.assertEqual(how_to_step["text"], "Soita & kirjoita: </script><script>")
        self.assertEqual(data["supply"], [{"@type": "HowToSupply", "name": MARKUP}])


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class ICalendarTests(TestCase):
    """Line breaks in the text cannot start a property or an event of their own."""

    INJECTED = "Kurssi\r\nDTSTART:20000101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nX-EVIL:1"

    def test_each_text_stays_one_property_of_one_event(self):
        index = make_course_index(title=self.INJECTED)
        make_course(
            index,
            self.INJECTED,
            summary="Kuvaus;, \\ ja\nrivinvaihto",
            instances=[course_instance(MONDAY + datetime.timedelta(days=14), name=self.INJECTED)],
        )
        response = self.client.get(index.url + "ical/")
        calendar = Calendar.from_ical(response.content)
        self.assertEqual(
            set(calendar),
            {"PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE"},
        )
        # icalendar reads an X- property as it stands: here, one line of escaped text.
        self.assertEqual(str(calendar["X-WR-CALNAME"]), self.INJECTED.replace("\r\n", r"\n"))
        [event] = calendar.walk("VEVENT")
        self.assertEqual(
            set(event),
            {
                "UID",
                "DTSTAMP",
                "LAST-MODIFIED",
                "SUMMARY",
                "DESCRIPTION",
                "URL",
                "LOCATION",
                "DTSTART",
                "DTEND",
                "RRULE",
                "STATUS",
            },
        )
        self.assertEqual(str(event["SUMMARY"]), self.INJECTED.replace("\r\n", "\n"))
        self.assertTrue(str(event["LOCATION"]).startswith(self.INJECTED.replace("\r\n", "\n")))
        self.assertTrue(str(event["DESCRIPTION"]).startswith("Kuvaus;, \\ ja\nrivinvaihto\n\n"))
        self.assertEqual(event.decoded("DTSTART").date(), MONDAY + datetime.timedelta(days=14))
        self.assertNotIn("\r\nX-EVIL", response.content.decode())
        # The file name is a slug of the title, so it cannot end the header either.
        self.assertRegex(response["Content-Disposition"], r'^inline; filename="[a-z0-9-]+\.ics"$')


class AttributeTests(TestCase):
    """Quotes in text and in accepted web addresses cannot close an attribute."""

    LINK = "https://example.fi/?q=\"><script>alert(1)</script>&x='"

    def assert_one_closed_link(self, response, text):
        self.assertNotIn("<script>alert(1)", response.content.decode())
        [link] = parse_html(response).find_all("a", href=self.LINK)
        self.assertEqual(set(link.attrs), {"href", "rel"})
        self.assertIn(text, link.parent.get_text())

    def test_a_web_address_with_quotes_is_accepted_and_stays_one_attribute(self):
        organiser = OrganisationFactory(name=MARKUP, website=self.LINK)
        organiser.full_clean()
        course = make_course(make_course_index(), organiser=organiser)
        self.assert_one_closed_link(self.client.get(course.url), MARKUP)
        channel = ContactChannel(kind="chat", url=self.LINK, label=MARKUP)
        channel.full_clean(exclude=["page"])
        service = make_service(make_directory(), contact_channels=[channel])
        self.assert_one_closed_link(self.client.get(service.url), MARKUP)

    def test_a_search_for_markup_is_shown_back_in_the_search_box_as_typed(self):
        directory = make_directory()
        response = self.client.get(directory.url, {"q": MARKUP})
        self.assertNotIn("<script>alert(1)", response.content.decode())
        search_box = parse_html(response).find("input", id="ikut-q")
        self.assertEqual(search_box["value"], MARKUP)


class WebAddressTests(EnglishAdminTestUtils, TestCase):
    """Every web address an editor gives is http or https, said next to the field."""

    def assert_refused(self, obj, field):
        for url in HOSTILE_URLS:
            setattr(obj, field, url)
            with self.subTest(model=type(obj).__name__, url=url):
                with self.assertRaises(ValidationError) as raised:
                    obj.full_clean(exclude=["page"])
                self.assertEqual(english_messages(raised.exception)[field], [URL_ERROR])

    def test_an_organisations_website(self):
        self.assert_refused(OrganisationFactory(), "website")

    def test_a_services_and_a_courses_chat_and_web_form_links(self):
        for kind in ("chat", "web_form"):
            self.assert_refused(ContactChannel(kind=kind), "url")
            self.assert_refused(CourseContact(kind=kind), "url")

    def test_a_legal_references_finlex_and_eli_links(self):
        reference = LegalReferenceFactory()
        for field in ("finlex_consolidated_url", "finlex_original_url", "eli_uri"):
            self.assert_refused(reference, field)
            setattr(reference, field, "")

    def test_a_guidance_documents_link(self):
        block = DocumentBlock()
        for url in HOSTILE_URLS:
            with self.subTest(url=url), translation.override("en"):
                with self.assertRaises(ValidationError) as raised:
                    block.clean(block.to_python({"name": "Hakemus", "url": url}))
                [message] = raised.exception.block_errors["url"].messages
                self.assertEqual(message, URL_ERROR)

    def test_the_admin_shows_the_error_and_saves_nothing(self):
        self.login()
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        for website in HOSTILE_URLS:
            with self.subTest(website=website):
                response = self.client.post(
                    url, {"name": "Pro-tukipiste", "kind": "ngo", "website": website}
                )
                self.assertContains(response, URL_ERROR)
        self.assertFalse(Organisation.objects.exists())

    def test_the_admin_reads_an_address_without_a_scheme_as_https(self):
        self.login()
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        self.client.post(
            url,
            {
                "name": "Pro-tukipiste",
                "kind": "ngo",
                "website": "www.pro-tukipiste.fi",
                "locale": "fi",
            },
        )
        organisation = Organisation.objects.get()
        self.assertEqual(organisation.website, "https://www.pro-tukipiste.fi")


class ApiTests(TestCase):
    """The JSON API gives text as JSON strings, intact."""

    def test_a_service_and_its_provider(self):
        directory = make_directory()
        service = make_service(
            directory,
            MARKUP,
            summary=MARKUP,
            provider=OrganisationFactory(name=MARKUP),
            contact_channels=[ContactChannel(kind="chat", url=AttributeTests.LINK, label=MARKUP)],
        )
        response = self.client.get(f"/api/v3/services/{service.pk}/")
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        data = json.loads(response.content)
        self.assertEqual(data["title"], MARKUP)
        self.assertEqual(data["summary"], MARKUP)
        [channel] = data["contact_channels"]
        self.assertEqual((channel["label"], channel["value"]), (MARKUP, AttributeTests.LINK))
        organisations = self.client.get("/api/v3/organisations/").json()
        self.assertEqual([item["name"] for item in organisations["items"]], [MARKUP])


class RichTextTests(EnglishAdminTestUtils, TestCase):
    """Rich text from the editor keeps no script, event handler or script link."""

    TYPED = "<script>alert(1)</script><img src=x onerror=alert(1)> Lue lisää"

    def contentstate(self):
        """Return the editor's value: typed markup, and a link to ``javascript:``."""
        return json.dumps(
            {
                "blocks": [
                    {
                        "key": "a1b2c",
                        "type": "unstyled",
                        "depth": 0,
                        "text": self.TYPED,
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": len(self.TYPED) - 9, "length": 9, "key": 0}],
                        "data": {},
                    }
                ],
                "entityMap": {
                    "0": {
                        "type": "LINK",
                        "mutability": "MUTABLE",
                        "data": {"url": "javascript:alert(1)"},
                    }
                },
            }
        )

    def test_the_published_page_shows_the_markup_as_text(self):
        self.login()
        index = GuidanceIndexPage(title="Ohjeet")
        site_root().add_child(instance=index)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[index.pk]),
            nested_form_data(
                {
                    "title": "Ohjeet",
                    "slug": "ohjeet",
                    "intro": self.contentstate(),
                    "comments": inline_formset([]),
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        index.refresh_from_db()
        page = parse_html(self.client.get(index.url))
        intro = page.find("main")
        self.assertIn(self.TYPED, intro.get_text())
        self.assertNotIn("alert(1)", " ".join(script.get_text() for script in page("script")))
        self.assertEqual(page.find_all("img"), [])
        handlers = [
            name
            for element in page.find_all(True)
            for name in element.attrs
            if name.startswith("on")
        ]
        self.assertEqual(handlers, [])
        # Wagtail keeps the link's text and drops the address.
        self.assertEqual(intro.find("a", string="Lue lisää").attrs, {})
