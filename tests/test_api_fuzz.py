"""Schemathesis over the package's routes in ``/api/v3/openapi.json``, with the demo content.

Every generated request, valid or not, must answer as the document declares: never a 5xx, a
status and a content type the operation lists, and a body its schema accepts; invalid input a 4xx.
"""

import os

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from wagtail_ikut.courses.models import CoursePage
from wagtail_ikut.guidance.models import GuidancePage
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage

OPENAPI = "/api/v3/openapi.json"
#: The paths the package's routers add; the rest of the document is Wagtail's own.
PACKAGE_PATHS = (
    r"^/api/v3/(services|courses|guidance|categories|municipalities|languages|organisations)/"
)
#: Examples per operation and mode; ``IKUT_FUZZ_EXAMPLES`` raises it for a longer run.
EXAMPLES = int(os.environ.get("IKUT_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class ApiFuzzTests(TestCase):
    @classmethod
    def setUpClass(cls):
        # As Django's test client does: a request must not close the connection that holds the
        # test's transaction.
        request_started.disconnect(close_old_connections)
        cls.addClassCleanup(request_started.connect, close_old_connections)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        call_command("ikut_demo", stdout=None)
        # Random ids and codes name nothing: valid requests name the demo's pages and locales too.
        pages = {
            ("path", "service_id"): ServicePage,
            ("path", "course_id"): CoursePage,
            ("path", "guidance_id"): GuidancePage,
            ("query", "directory"): ServiceDirectoryPage,
        }
        cls.demo_values = {
            key: list(model.objects.order_by("pk").values_list("pk", flat=True))
            for key, model in pages.items()
        }
        cls.demo_values["query", "locale"] = ["fi", "sv", "en"]
        schema = schemathesis.openapi.from_wsgi(OPENAPI, WSGIHandler())
        cls.operations = [
            result.ok() for result in schema.include(path_regex=PACKAGE_PATHS).get_all_operations()
        ]

    def fuzz(self, mode, checks):
        for operation in self.operations:
            with self.subTest(operation=operation.label, mode=mode):

                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
                )
                @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
                def answers_as_declared(case, data):
                    if mode == GenerationMode.POSITIVE:
                        self.name_demo_content(case, data)
                    case.call_and_validate(checks=checks)

                answers_as_declared()

    def name_demo_content(self, case, data):
        """Name the demo's pages and locales, or keep the generated values, in ``case``."""
        for (location, name), known in self.demo_values.items():
            values = case.path_parameters if location == "path" else case.query
            if values and name in values:
                values[name] = data.draw(st.sampled_from([values[name], *known]))

    def test_the_document_lists_every_package_route(self):
        self.assertEqual(
            sorted(operation.label for operation in self.operations),
            [
                "GET /api/v3/categories/",
                "GET /api/v3/courses/",
                "GET /api/v3/courses/{course_id}/",
                "GET /api/v3/guidance/",
                "GET /api/v3/guidance/{guidance_id}/",
                "GET /api/v3/languages/",
                "GET /api/v3/municipalities/",
                "GET /api/v3/organisations/",
                "GET /api/v3/services/",
                "GET /api/v3/services/{service_id}/",
            ],
        )

    def test_valid_requests_answer_as_the_document_declares(self):
        self.fuzz(GenerationMode.POSITIVE, CHECKS)

    def test_invalid_requests_are_refused_with_a_declared_4xx(self):
        self.fuzz(GenerationMode.NEGATIVE, [*CHECKS, negative_data_rejection])
