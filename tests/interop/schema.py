"""The HSDS 3.0 schemas the exported objects are checked against, as published and strict."""

import copy
import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator

#: ../shared beside the checkout: CI copies /work/shared there.
SCHEMA_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "hsds-3.0"
COMPILED = SCHEMA_DIR / "schema" / "compiled"


@functools.cache
def compiled(name):
    return json.loads((COMPILED / f"{name}.json").read_text(encoding="utf-8"))


def strict(schema):
    """Return ``schema`` with ``additionalProperties: false`` on every object, as the spec's
    strict check makes it."""
    schema = copy.deepcopy(schema)

    def close(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


#: Where each HSDS object type's schema is: a compiled file, or a part of one.
SCHEMAS = {
    "service": lambda: compiled("service"),
    "organization": lambda: compiled("organization"),
    "service_at_location": lambda: compiled("service_at_location"),
    "location": lambda: compiled("service_at_location")["properties"]["location"],
    "taxonomy_term": lambda: compiled("service")["properties"]["attributes"]["items"]["properties"][
        "taxonomy_term"
    ],
    "taxonomy": lambda: compiled("service")["properties"]["attributes"]["items"]["properties"][
        "taxonomy_term"
    ]["properties"]["taxonomy_detail"],
    # The one-to-one shapes the HSDS API's lists give.
    "service_list": lambda: compiled("service_list"),
    "organization_list": lambda: compiled("organization_list"),
    "service_at_location_list": lambda: compiled("service_at_location_list"),
}


@functools.cache
def validator(object_type, is_strict=False):
    schema = SCHEMAS[object_type]()
    return Draft202012Validator(
        strict(schema) if is_strict else schema,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors(object_type, obj, is_strict=False):
    """Return the schema's complaints about ``obj`` as readable lines (none when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(object_type, is_strict).iter_errors(obj)
    ]


def tabular_table(name):
    return compiled("tabular")["properties"][name]["items"]
