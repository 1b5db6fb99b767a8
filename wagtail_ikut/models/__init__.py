from .course_details import CourseContact, CourseInstance, CourseStatus
from .courses import CourseFormat, CourseIndexPage, CoursePage
from .guidance import (
    Audience,
    GuidanceChangeNote,
    GuidanceIndexPage,
    GuidanceLegalReference,
    GuidancePage,
)
from .legal import LegalForce, LegalReference
from .organisations import Organisation
from .search import PendingSearchUpdate, ServiceIndexVersion, ServiceSearchDocument
from .service_details import ContactChannel, OpeningHours, OpeningHoursException, ServiceLocation
from .services import LOW_THRESHOLD_FLAGS, ServiceDirectoryPage, ServicePage, ServiceStatus
from .taxonomy import CourseTheme, Language, Municipality, ServiceCategory, TargetGroup

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
