"""The introspection result of schema.graphql, as GraphiQL and code generators request it, must
rebuild into the same schema: graphql-core's build_client_schema on our result prints exactly
what graphql-core prints for the SDL itself."""
import json
import os
import subprocess
from pathlib import Path

from graphql import build_client_schema, build_schema, print_schema

REPO = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("SWITCHBOARD_BIN", str(REPO / ".build" / "debug" / "switchboard"))
SCHEMA = REPO / "schema.graphql"


def test_introspection_rebuilds_the_same_schema():
    run = subprocess.run([BINARY, "schema", "introspect", "--schema", str(SCHEMA)],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    assert "errors" not in result
    rebuilt = print_schema(build_client_schema(result["data"]))
    expected = print_schema(build_schema(SCHEMA.read_text()))
    assert rebuilt == expected


def test_introspection_lists_every_type_and_directive_once():
    run = subprocess.run([BINARY, "schema", "introspect", "--schema", str(SCHEMA)],
                         capture_output=True, text=True, check=True)
    schema = json.loads(run.stdout)["data"]["__schema"]
    names = [t["name"] for t in schema["types"]]
    assert len(names) == len(set(names))
    for meta in ["__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive",
                 "__TypeKind", "__DirectiveLocation", "String", "Boolean"]:
        assert meta in names
    directives = [d["name"] for d in schema["directives"]]
    for builtin in ["include", "skip", "deprecated", "specifiedBy", "oneOf"]:
        assert builtin in directives
