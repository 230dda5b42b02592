"""Loads an OSCAL JSON document (read from standard input) through compliance-trestle's models,
which refuse any field, type, id or uuid the OSCAL schema does not allow. Usage:
    oscal_validate.py catalog|assessment-results < file.json
Prints one line: what it loaded, or why it could not."""
import json
import sys

from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog

kind = sys.argv[1]
document = json.load(sys.stdin)
model = {"catalog": Catalog, "assessment-results": AssessmentResults}[kind]
if set(document) != {kind}:
    print(f"expected one top-level key '{kind}', found {sorted(document)}")
    sys.exit(1)
try:
    loaded = model.parse_obj(document[kind])
except Exception as error:  # pydantic's ValidationError: the whole list of problems
    print(f"{kind} does not load: {error}")
    sys.exit(1)
if kind == "catalog":
    print(f"catalog: {len(loaded.groups or [])} groups, {sum(len(g.controls or []) for g in loaded.groups or [])} controls")
else:
    results = loaded.results or []
    print(f"assessment-results: {len(results)} results, {sum(len(r.findings or []) for r in results)} findings")
