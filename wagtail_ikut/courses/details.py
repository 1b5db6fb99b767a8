"""What a course is made of: its instances, the runs people enrol on, and ways to reach it.

Each kind of row is an abstract model, and a concrete one with a ``page`` of the package's
CoursePage; a site's own course page class has its own concrete rows of the abstract ones.

An instance stores only what an editor decides (planned or cancelled); whether enrolment is open,
the group is full, the course is running or has finished follows from the dates and seats on the
day it is read, so nothing goes stale. ``status_on`` in Python and ``enrolment_open_q`` and
``not_finished_q`` in SQL apply the same rules.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from wagtail_ikut.core.contact import ContactChannelBase, Place, PlaceAddressField, PlaceTextField
from wagtail_ikut.core.fields import Weekday, WeekdaysField


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ENROLMENT_OPEN = "enrolment_open", _("Enrolment open")
    FULL = "full", _("Full")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


#: The states an editor sets; the others are derived at read time.
EDITOR_STATUSES = [
    (CourseStatus.PLANNED.value, CourseStatus.PLANNED.label),
    (CourseStatus.CANCELLED.value, CourseStatus.CANCELLED.label),
]


def not_finished_q(today):
    """Return a Q for instances that have not ended by ``today``."""
    return Q(end_date__gte=today)


def enrolment_open_q(today):
    """Return a Q for instances taking enrolments on ``today``; mirrors ``status_on``."""
    window = Q(enrolment_start__isnull=True) | Q(enrolment_start__lte=today)
    closes = Q(enrolment_end__gte=today) | Q(enrolment_end__isnull=True, start_date__gt=today)
    seats = Q(seats_left__isnull=True) | Q(seats_left__gt=0)
    return ~Q(status=CourseStatus.CANCELLED) & not_finished_q(today) & window & closes & seats


class AbstractCourseInstance(TranslatableMixin, Place, Orderable):
    """One run of a course, for any course page class."""

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    weekdays = WeekdaysField(
        _("meeting days"), help_text=_("The weekdays the group meets, every week.")
    )
    start_time = models.TimeField(_("meetings start"), null=True, blank=True)
    end_time = models.TimeField(_("meetings end"), null=True, blank=True)
    schedule_note = models.CharField(
        _("note on the schedule"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Individual guidance by appointment on other days.”"),
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("How many people the group takes; at most the course's largest group size."),
    )
    seats_left = models.PositiveSmallIntegerField(
        _("seats left"),
        null=True,
        blank=True,
        help_text=_("Keep this up to date as people enrol; 0 shows the course as full."),
    )
    enrolment_start = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_end = models.DateField(
        _("enrolment closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take enrolments until the day before the first day."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EDITOR_STATUSES,
        default=CourseStatus.PLANNED,
        help_text=_(
            "Enrolment open, full, running and finished follow from the dates and seats; "
            "set only whether the course is cancelled."
        ),
    )

    # The schedule, seats and address are the same in every language; the texts are translated,
    # except a confidential place's.
    override_translatable_fields = [
        SynchronizedField("weekdays"),
        PlaceTextField("name"),
        PlaceAddressField("street_address"),
        PlaceAddressField("postcode"),
        PlaceTextField("accessibility"),
        PlaceTextField("directions"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("weekdays"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("schedule_note"),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("seats_left")]),
        FieldRowPanel([FieldPanel("enrolment_start"), FieldPanel("enrolment_end")]),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("accessibility"),
                FieldPanel("directions"),
                FieldPanel("confidential"),
            ],
            heading=_("Place"),
        ),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("course instance")
        verbose_name_plural = _("course instances")

    def __str__(self):
        return f"{self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if (
            self.enrolment_start
            and self.enrolment_end
            and self.enrolment_end < self.enrolment_start
        ):
            errors["enrolment_end"] = _("Enrolment cannot close before it opens.")
        elif self.enrolment_end and self.end_date and self.enrolment_end > self.end_date:
            errors["enrolment_end"] = _("Enrolment cannot close after the course has ended.")
        if self.seats is not None and self.seats_left is not None and self.seats_left > self.seats:
            errors["seats_left"] = _("There cannot be more seats left than there are seats.")
        if (self.start_time is None) != (self.end_time is None):
            errors["end_time"] = _("Give both times, or neither.")
        elif self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The meetings must end after they start.")
        if self.start_time and not self.weekdays:
            errors["weekdays"] = _("Choose the days the meetings take place.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, today):
        """Return the status on ``today``: the editor's choice, or what the dates say."""
        if self.status == CourseStatus.CANCELLED:
            return CourseStatus.CANCELLED
        if self.end_date < today:
            return CourseStatus.FINISHED
        if self.is_enrolment_open(today):
            return CourseStatus.ENROLMENT_OPEN
        if self.start_date <= today:
            return CourseStatus.RUNNING
        if self.seats_left == 0:
            return CourseStatus.FULL
        return CourseStatus.PLANNED

    def is_enrolment_open(self, today):
        if self.status == CourseStatus.CANCELLED or self.end_date < today:
            return False
        if self.enrolment_start and today < self.enrolment_start:
            return False
        if self.enrolment_end is None:
            closes_after = today < self.start_date
        else:
            closes_after = today <= self.enrolment_end
        return closes_after and self.seats_left != 0

    @property
    def first_meeting(self):
        """Return the first meeting day on or after the first day (the first day if none)."""
        for offset in range(7):
            day = self.start_date + datetime.timedelta(days=offset)
            if day.weekday() in self.weekdays:
                return day
        return self.start_date

    @property
    def weekday_names(self):
        return [Weekday(day).label for day in self.weekdays]

    @property
    def place_key(self):
        """Return what identifies the place for overlap checks, or None without an address."""
        if not self.street_address.strip():
            return None
        return (" ".join(self.street_address.casefold().split()), self.postcode)

    def overlaps(self, other):
        """Tell whether both instances meet at the same place at the same time."""
        if CourseStatus.CANCELLED in (self.status, other.status):
            return False
        if self.place_key is None or self.place_key != other.place_key:
            return False
        if self.end_date < other.start_date or other.end_date < self.start_date:
            return False
        if self.weekdays and other.weekdays and not set(self.weekdays) & set(other.weekdays):
            return False
        if self.start_time and other.start_time:
            return self.start_time < other.end_time and other.start_time < self.end_time
        return True


class CourseInstance(AbstractCourseInstance):
    """One run of a course: its dates, weekly meetings, place, seats and enrolment window."""

    page = ParentalKey(
        "wagtail_ikut.CoursePage", on_delete=models.CASCADE, related_name="instances"
    )


class AbstractCourseContact(TranslatableMixin, ContactChannelBase, Orderable):
    """A way to ask about the course, for any course page class."""

    override_translatable_fields = [SynchronizedField("phone")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")


class CourseContact(AbstractCourseContact):
    """A way to ask about the course or to be told of the next one."""

    page = ParentalKey(
        "wagtail_ikut.CoursePage", on_delete=models.CASCADE, related_name="contact_channels"
    )
