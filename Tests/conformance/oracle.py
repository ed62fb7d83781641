"""graphql-core as the oracle: the schema, its verdict on a document, and which rules a document breaks.

Shared by the tests and by tools/generate_corpus.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graphql import GraphQLError, GraphQLSchema, build_schema, parse, validate
from graphql.validation import specified_rules

CONFORMANCE_DIR = Path(__file__).resolve().parent
REPO_ROOT = CONFORMANCE_DIR.parent.parent
SCHEMA_PATH = REPO_ROOT / "schema.graphql"
CORPUS_DIR = CONFORMANCE_DIR / "corpus"

SYNTAX_ERROR = "syntax-error"
TOO_MANY_ERRORS = "too-many-errors"


@lru_cache(maxsize=1)
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass
class Verdict:
    valid: bool
    syntax_error: bool = False
    messages: list[str] = field(default_factory=list)


def verdict(text: str) -> Verdict:
    """graphql-core's verdict: a parse error, or validation errors, make a document invalid."""
    try:
        document = parse(text)
    except GraphQLError as error:
        return Verdict(valid=False, syntax_error=True, messages=[error.message])
    errors = validate(schema(), document)
    return Verdict(valid=not errors, messages=[error.message for error in errors])


def rule_slug(rule_class: type) -> str:
    """`FieldsOnCorrectTypeRule` -> `fields-on-correct-type` (the corpus's file name prefix)."""
    name = rule_class.__name__.removesuffix("Rule")
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i > 0:
            out.append("-")
        out.append(ch.lower())
    return "".join(out)


RULES_BY_SLUG = {rule_slug(rule): rule for rule in specified_rules}


def broken_rules(text: str) -> set[str]:
    """The slugs of the specified rules that report an error on a document that parses."""
    document = parse(text)
    return {slug for slug, rule in RULES_BY_SLUG.items() if validate(schema(), document, [rule])}


def intended_rule(path: Path) -> str:
    """`invalid/fields-on-correct-type-03.graphql` -> `fields-on-correct-type`."""
    return path.stem.rsplit("-", 1)[0]


def read_document(path: Path) -> str:
    """The document's exact text: no newline translation, so that `\r\n` and `\r` reach the parser."""
    return path.read_bytes().decode("utf-8")


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*/*.graphql"))
