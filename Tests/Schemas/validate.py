#!/usr/bin/env python3
"""Validates a JSON document (standard input) against a JSON Schema file (first argument).

Used by the Swift test suite: SARIF output against the SARIF 2.1.0 schema, and Pillar's own
JSON outputs against the schemas published in docs/schemas/. Exits 0 when valid, 1 with the
first error otherwise.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
document = json.load(sys.stdin)
validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
if errors:
    first = errors[0]
    print(f"{'/'.join(map(str, first.absolute_path))}: {first.message}", file=sys.stderr)
    sys.exit(1)
print("valid")
