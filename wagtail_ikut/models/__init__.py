from wagtail_ikut.models.course_details import CourseContact, CourseInstance, CourseStatus
from wagtail_ikut.models.courses import CourseFormat, CourseIndexPage, CoursePage
from wagtail_ikut.models.guidance import (
    Audience,
    GuidanceChangeNote,
    GuidanceIndexPage,
    GuidanceLegalReference,
    GuidancePage,
)
from wagtail_ikut.models.legal import LegalForce, LegalReference
from wagtail_ikut.models.organisations import Organisation
from wagtail_ikut.models.search import (
    PendingSearchUpdate,
    ServiceIndexVersion,
    ServiceSearchDocument,
)
from wagtail_ikut.models.service_details import (
    ContactChannel,
    OpeningHours,
    OpeningHoursException,
    ServiceLocation,
)
from wagtail_ikut.models.services import (
    LOW_THRESHOLD_FLAGS,
    ServiceDirectoryPage,
    ServicePage,
    ServiceStatus,
)
from wagtail_ikut.models.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)

__all__ = [
    "LOW_THRESHOLD_FLAGS",
    "Audience",
    "ContactChannel",
    "CourseContact",
    "CourseFormat",
    "CourseIndexPage",
    "CourseInstance",
    "CoursePage",
    "CourseStatus",
    "CourseTheme",
    "GuidanceChangeNote",
    "GuidanceIndexPage",
    "GuidanceLegalReference",
    "GuidancePage",
    "Language",
    "LegalForce",
    "LegalReference",
    "Municipality",
    "OpeningHours",
    "OpeningHoursException",
    "Organisation",
    "PendingSearchUpdate",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceIndexVersion",
    "ServiceLocation",
    "ServicePage",
    "ServiceSearchDocument",
    "ServiceStatus",
    "TargetGroup",
]
