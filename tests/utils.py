import datetime

from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.users.models import UserProfile

from tests.factories import OrganisationFactory
from wagtail_ikut.courses.details import CourseInstance
from wagtail_ikut.courses.models import CourseIndexPage, CoursePage
from wagtail_ikut.guidance.models import GuidanceIndexPage, GuidancePage
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage


class EnglishAdminTestUtils(WagtailTestUtils):
    """Log in to the admin as a superuser who reads it in English, as the assertions are."""

    def login(self, *args, **kwargs):
        user = super().login(*args, **kwargs)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return user


def site_root():
    return Site.objects.get(is_default_site=True).root_page


def make_directory(parent=None, **fields):
    """Add a published service directory under the site's front page (or ``parent``)."""
    parent = parent or site_root()
    directory = ServiceDirectoryPage(title=fields.pop("title", "Palvelut"), **fields)
    parent.add_child(instance=directory)
    directory.save_revision().publish()
    return directory


def make_service(directory, title="Palvelu", publish=True, **fields):
    """Add a service under ``directory``; child rows and many-to-many values may be given."""
    fields.setdefault("summary", f"{title}: apua ihmiskaupan uhreille.")
    if "provider" not in fields:
        fields["provider"] = OrganisationFactory(locale=directory.locale)
    service = ServicePage(title=title, locale=directory.locale, live=publish, **fields)
    directory.add_child(instance=service)
    revision = service.save_revision()
    if publish:
        revision.publish()
    service.refresh_from_db()
    return service


def step(title="Ohjaa auttamisjärjestelmään", **fields):
    """Return a guidance step's value as the StreamField takes it, with empty optional parts."""
    return (
        "step",
        {
            "title": title,
            "who_acts": "Sosiaalityöntekijä",
            "what_to_do": f"<p>{title}: tee näin.</p>",
            "requirement": "required",
            "group": "",
            "documents": [],
            "deadline": "",
            "services": [],
            "guidance": [],
            "legal_references": [],
            "valid_from": None,
            "valid_until": None,
            **fields,
        },
    )


def make_guidance(parent=None, title="Ohje", publish=True, **fields):
    """Add a guidance page under a new guidance index (or ``parent``)."""
    if parent is None:
        parent = GuidanceIndexPage(title="Ohjeet")
        site_root().add_child(instance=parent)
        parent.save_revision().publish()
    fields.setdefault("summary", f"{title}: ohje kunnan työntekijöille.")
    fields.setdefault("steps", [step()])
    fields.setdefault("audience", ["social_worker"])
    fields.setdefault("owner_role", "Ihmiskaupan vastaisen työn koordinaattori")
    fields.setdefault("last_reviewed", datetime.date(2026, 10, 1))
    fields.setdefault("next_review", datetime.date(2027, 4, 1))
    page = GuidancePage(title=title, locale=parent.locale, live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_course_index(parent=None, **fields):
    """Add a published course index under the site's front page (or ``parent``)."""
    parent = parent or site_root()
    index = CourseIndexPage(title=fields.pop("title", "Kurssit"), **fields)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_course(index, title="Työelämäkurssi", **fields):
    """Add a published course under ``index``; instances and many-to-many values may be given."""
    fields.setdefault("summary", f"{title}: kymmenen viikon kurssi.")
    if "organiser" not in fields:
        fields["organiser"] = OrganisationFactory(locale=index.locale)
    course = CoursePage(title=title, locale=index.locale, **fields)
    index.add_child(instance=course)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def course_instance(start, weeks=10, **fields):
    """Return an unsaved instance from ``start`` for ``weeks`` weeks, Monday to Thursday 9–12."""
    fields.setdefault("weekdays", [0, 1, 2, 3])
    fields.setdefault("start_time", datetime.time(9))
    fields.setdefault("end_time", datetime.time(12))
    return CourseInstance(
        start_date=start, end_date=start + datetime.timedelta(weeks=weeks, days=-3), **fields
    )
