from .course_details import CourseContact, CourseInstance, CourseStatus
from .courses import CourseFormat, CourseIndexPage, CoursePage
from .organisations import Organisation
from .search import ServiceSearchDocument
from .service_details import ContactChannel, OpeningHours, OpeningHoursException, ServiceLocation
from .services import LOW_THRESHOLD_FLAGS, ServiceDirectoryPage, ServicePage, ServiceStatus
from .taxonomy import CourseTheme, Language, Municipality, ServiceCategory, TargetGroup

__all__ = [
    "LOW_THRESHOLD_FLAGS",
    "ContactChannel",
    "CourseContact",
    "CourseFormat",
    "CourseIndexPage",
    "CourseInstance",
    "CoursePage",
    "CourseStatus",
    "CourseTheme",
    "Language",
    "Municipality",
    "OpeningHours",
    "OpeningHoursException",
    "Organisation",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceLocation",
    "ServicePage",
    "ServiceSearchDocument",
    "ServiceStatus",
    "TargetGroup",
]
