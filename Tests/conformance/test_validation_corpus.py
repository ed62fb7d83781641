"""The engine's validation against graphql-core's, document by document.

For every document of corpus/valid and corpus/invalid, `switchboard validate` (run once over the
whole corpus) must reach graphql-core 3.3.2's verdict: valid, or invalid (a syntax error or at least
one validation error). The folder a document sits in states the verdict its author intended; a test
checks that graphql-core agrees, so that the corpus stays honest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oracle
from switchboard_cli import ValidateRun

CORPUS = oracle.corpus_files()
MIN_DOCUMENTS = 300
TOO_MANY_ERRORS_PREFIX = "Too many validation errors"


def doc_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


_VERDICTS: dict[Path, oracle.Verdict] = {}


def expected(path: Path) -> oracle.Verdict:
    if path not in _VERDICTS:
        _VERDICTS[path] = oracle.verdict(oracle.read_document(path))
    return _VERDICTS[path]


def describe(path: Path, run: ValidateRun) -> str:
    ours = run.errors(path)
    theirs = expected(path)
    lines = [f"document: {path.relative_to(oracle.REPO_ROOT)}", "", oracle.read_document(path).rstrip(), ""]
    kind = "syntax error" if theirs.syntax_error else "validation errors"
    lines.append(f"graphql-core: {'valid' if theirs.valid else f'invalid ({kind})'}")
    lines += [f"  - {message}" for message in theirs.messages]
    lines.append(f"switchboard:  {'invalid' if ours else 'valid'}")
    lines += [f"  - {error.get('message')}  {json.dumps(error.get('locations'))}" for error in ours]
    return "\n".join(lines)


def test_corpus_is_large_enough():
    assert len(CORPUS) >= MIN_DOCUMENTS, f"only {len(CORPUS)} documents in {oracle.CORPUS_DIR}"


def test_corpus_folders_state_graphql_cores_verdict():
    """A document in valid/ is valid for graphql-core, one in invalid/ is not."""
    wrong = []
    for path in CORPUS:
        folder = path.parent.name
        assert folder in ("valid", "invalid"), f"{path}: not in valid/ or invalid/"
        verdict = expected(path)
        if verdict.valid != (folder == "valid"):
            wrong.append(f"{doc_id(path)}: graphql-core says {'valid' if verdict.valid else 'invalid'} "
                         f"{verdict.messages}")
    assert not wrong, "documents in the wrong folder:\n" + "\n".join(wrong)


def test_invalid_documents_break_the_rule_they_are_named_after():
    """invalid/<rule>-NN.graphql breaks <rule> according to graphql-core (syntax-error-NN: fails to parse)."""
    wrong = []
    for path in CORPUS:
        if path.parent.name != "invalid":
            continue
        rule = oracle.intended_rule(path)
        verdict = expected(path)
        if rule == oracle.SYNTAX_ERROR:
            if not verdict.syntax_error:
                wrong.append(f"{doc_id(path)}: parses")
        elif rule == oracle.TOO_MANY_ERRORS:
            if not any(m.startswith(TOO_MANY_ERRORS_PREFIX) for m in verdict.messages):
                wrong.append(f"{doc_id(path)}: graphql-core does not give up")
        elif rule not in oracle.RULES_BY_SLUG:
            wrong.append(f"{doc_id(path)}: no rule named {rule!r}")
        elif verdict.syntax_error or rule not in oracle.broken_rules(oracle.read_document(path)):
            wrong.append(f"{doc_id(path)}: does not break {rule}: {verdict.messages}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", CORPUS, ids=doc_id)
def test_verdict_agrees_with_graphql_core(path: Path, validate_run: ValidateRun):
    ours_valid = not validate_run.errors(path)
    assert ours_valid == expected(path).valid, describe(path, validate_run)


INVALID_PER_GRAPHQL_CORE = [path for path in CORPUS if not expected(path).valid]


@pytest.mark.parametrize("path", INVALID_PER_GRAPHQL_CORE, ids=doc_id)
def test_errors_have_message_and_locations(path: Path, validate_run: ValidateRun):
    """Each error of an invalid document has a message and, but for "too many errors", locations."""
    errors = validate_run.errors(path)
    assert len(errors) >= 1, "no errors reported\n\n" + describe(path, validate_run)
    problems = []
    for error in errors:
        message = error.get("message")
        if not isinstance(message, str) or not message:
            problems.append(f"no message: {error}")
            continue
        locations = error.get("locations")
        if message.startswith(TOO_MANY_ERRORS_PREFIX) and locations is None:
            continue
        if not isinstance(locations, list) or not locations:
            problems.append(f"no locations: {error}")
            continue
        for location in locations:
            if not (isinstance(location, dict)
                    and isinstance(location.get("line"), int) and location["line"] >= 1
                    and isinstance(location.get("column"), int) and location["column"] >= 1):
                problems.append(f"bad location {location!r}: {error}")
    assert not problems, "\n".join(problems) + "\n\n" + describe(path, validate_run)


def test_output_is_one_json_error_per_line_for_known_files(validate_run: ValidateRun):
    known = {str(path) for path in CORPUS}
    unknown_files = sorted(set(validate_run.errors_by_file) - known)
    assert not validate_run.bad_lines, "lines that are not JSON error objects:\n" + "\n".join(validate_run.bad_lines[:20])
    assert not unknown_files, f"errors for files not passed: {unknown_files[:20]}"


def test_exit_status_says_whether_any_document_is_invalid(validate_run: ValidateRun):
    any_invalid = bool(validate_run.errors_by_file)
    assert validate_run.returncode == (1 if any_invalid else 0), (
        f"exit status {validate_run.returncode} with {len(validate_run.errors_by_file)} invalid documents; "
        f"stderr: {validate_run.stderr[-2000:]}")
