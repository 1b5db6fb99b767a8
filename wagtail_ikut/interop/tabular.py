"""The HSDS tabular form: nested HSDS objects as one CSV table each, in a data package."""

import csv
import json
from pathlib import Path

#: The tables the mapping fills, with their columns, in the order of the HSDS tabular schema.
TABLES = {
    "organization": ("organizations.csv", "id name alternate_name description email website "
                     "tax_status tax_id year_incorporated legal_status logo uri "
                     "parent_organization_id"),
    "service": ("services.csv", "id organization_id program_id name alternate_name description "
                "url email status interpretation_services application_process fees_description "
                "wait_time fees accreditations eligibility_description minimum_age maximum_age "
                "assured_date assurer_email licenses alert last_modified"),
    "attribute": ("attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
    "service_at_location": ("service_at_location.csv", "id service_id location_id description"),
    "location": ("locations.csv", "id location_type url organization_id name alternate_name "
                 "description transportation latitude longitude external_identifier "
                 "external_identifier_type"),
    "phone": ("phones.csv", "id location_id service_id organization_id contact_id "
              "service_at_location_id number extension type description"),
    "contact": ("contacts.csv", "id organization_id service_id service_at_location_id "
                "location_id name title department email"),
    "address": ("addresses.csv", "id location_id attention address_1 address_2 city region "
                "state_province postal_code country address_type"),
    "schedule": ("schedules.csv", "id service_id location_id service_at_location_id valid_from "
                 "valid_to dtstart timezone until count wkst freq interval byday byweekno "
                 "bymonthday byyearday description opens_at closes_at schedule_link "
                 "attending_type notes"),
    "service_area": ("service_areas.csv", "id service_id name description extent extent_type uri"),
    "required_document": ("required_documents.csv", "id service_id document uri"),
    "language": ("languages.csv", "id service_id location_id phone_id name code note"),
    "accessibility": ("accessibility.csv", "id location_id description details url"),
    "taxonomy_term": ("taxonomy_terms.csv", "id code name description parent_id taxonomy "
                      "language taxonomy_id term_uri"),
    "cost_option": ("cost_options.csv", "id service_id valid_from valid_to option currency "
                    "amount amount_description"),
    "taxonomy": ("taxonomies.csv", "id name description uri version"),
}  # fmt: skip
TABLES = {name: (path, columns.split()) for name, (path, columns) in TABLES.items()}

#: The columns HSDS types as numbers; every other column is a string.
NUMBERS = {"year_incorporated", "minimum_age", "maximum_age", "latitude", "longitude"}
NUMBERS |= {"extension", "timezone", "count", "interval", "amount"}

#: The table each nested key of an HSDS object holds its objects in.
NESTED = {
    "organization": "organization",
    "attributes": "attribute",
    "service_at_locations": "service_at_location",
    "location": "location",
    "phones": "phone",
    "contacts": "contact",
    "addresses": "address",
    "schedules": "schedule",
    "service_areas": "service_area",
    "required_documents": "required_document",
    "languages": "language",
    "accessibility": "accessibility",
    "taxonomy_term": "taxonomy_term",
    "cost_options": "cost_option",
    "taxonomy_detail": "taxonomy",
}


def rows(obj: dict, table: str):
    """Yield (table, row) for an HSDS object and every object nested in it, parents first."""
    yield table, {key: value for key, value in obj.items() if key not in NESTED}
    for key, table_of_key in NESTED.items():
        value = obj.get(key)
        for child in value if isinstance(value, list) else [value] if value else []:
            yield from rows(child, table_of_key)


def datapackage() -> dict:
    """Return the Frictionless data package descriptor of the tables."""
    return {
        "name": "hsds",
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": column, "type": "number" if column in NUMBERS else "string"}
                        for column in columns
                    ],
                    "primaryKey": "id",
                },
            }
            for name, (path, columns) in TABLES.items()
        ],
    }


def write_package(services, directory: Path):
    """Write HSDS services and everything in them as a CSV data package into ``directory``;
    an object that several services share (an organisation, a term) is written once."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {name: (directory / path).open("w", newline="", encoding="utf-8")
             for name, (path, _columns) in TABLES.items()}  # fmt: skip
    try:
        writers = {
            name: csv.DictWriter(files[name], TABLES[name][1], extrasaction="raise")
            for name in TABLES
        }
        for writer in writers.values():
            writer.writeheader()
        written = set()
        for service in services:
            for table, row in rows(service, "service"):
                if (table, row["id"]) not in written:
                    written.add((table, row["id"]))
                    writers[table].writerow(row)
    finally:
        for file in files.values():
            file.close()
    (directory / "datapackage.json").write_text(
        json.dumps(datapackage(), indent=2) + "\n", encoding="utf-8"
    )
