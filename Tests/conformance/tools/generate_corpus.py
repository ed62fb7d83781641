#!/usr/bin/env python3
"""Writes the conformance corpus (corpus/valid/*.graphql, corpus/invalid/*.graphql) from
corpus_valid.py and corpus_invalid.py, and checks it against graphql-core:

* every valid document parses and validates;
* every invalid document fails to parse (syntax-error-NN) or breaks the rule it is named after;
* it lists the invalid documents that also break other rules (allowed, but worth knowing).

Run from anywhere: `python Tests/conformance/tools/generate_corpus.py`. Exits 1 if a check fails.
The documents it writes are committed; the corpus is the source of truth for the tests.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS_DIR.parent))
sys.path.insert(0, str(TOOLS_DIR))

import oracle  # noqa: E402
from corpus_invalid import INVALID  # noqa: E402
from corpus_valid import VALID  # noqa: E402


def main() -> int:
    valid_dir = oracle.CORPUS_DIR / "valid"
    invalid_dir = oracle.CORPUS_DIR / "invalid"
    for directory in (valid_dir, invalid_dir):
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.graphql"):
            old.unlink()

    problems: list[str] = []
    names = [name for name, _ in VALID]
    for name, count in Counter(names).items():
        if count > 1:
            problems.append(f"valid/{name}: defined {count} times")

    for name, text in VALID:
        (valid_dir / f"{name}.graphql").write_text(text, encoding="utf-8")
        result = oracle.verdict(text)
        if not result.valid:
            problems.append(f"valid/{name}: graphql-core says invalid: {result.messages}")

    numbers: Counter[str] = Counter()
    also: list[str] = []
    for rule, text in INVALID:
        numbers[rule] += 1
        path = invalid_dir / f"{rule}-{numbers[rule]:02d}.graphql"
        path.write_text(text, encoding="utf-8")
        label = f"invalid/{path.name}"
        result = oracle.verdict(text)
        if result.valid:
            problems.append(f"{label}: graphql-core says valid")
            continue
        if rule == oracle.SYNTAX_ERROR:
            if not result.syntax_error:
                problems.append(f"{label}: parses; errors: {result.messages}")
            continue
        if result.syntax_error:
            problems.append(f"{label}: syntax error: {result.messages}")
            continue
        if rule == oracle.TOO_MANY_ERRORS:
            if not any("Too many validation errors" in m for m in result.messages):
                problems.append(f"{label}: no 'Too many validation errors'")
            continue
        broken = oracle.broken_rules(text)
        if rule not in oracle.RULES_BY_SLUG:
            problems.append(f"{label}: unknown rule slug {rule!r}")
        elif rule not in broken:
            problems.append(f"{label}: does not break {rule}; breaks {sorted(broken)}: {result.messages}")
        elif broken != {rule}:
            also.append(f"{label}: also breaks {sorted(broken - {rule})}")

    print(f"valid documents:   {len(VALID)}")
    print(f"invalid documents: {len(INVALID)}")
    for rule, count in sorted(numbers.items()):
        print(f"  {rule:36} {count}")
    if also:
        print("invalid documents that also break other rules:")
        for line in also:
            print("  " + line)
    if problems:
        print("PROBLEMS:")
        for line in problems:
            print("  " + line)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
