"""GraphQL over HTTP against the running server.

`test_audit[<ID>]` is one audit of the graphql-http suite (`src/audits/server.ts`), as listed in
`../shared/reference/graphql.md` section 4: the same request, and the same expectation (made
stricter where the issue says more, e.g. 405 with `Allow: POST` for a mutation over GET). The other
tests cover the body size limit and automatic persisted queries.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Callable

import pytest

from e2e_support import APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, Response, SwitchboardServer, error_codes

TYPENAME = "{ __typename }"
EMOJI_QUERY = '{ __type(name: "Run🏃Swim🏊") { name } }'
TYPE_QUERY = "query Type($name: String!) { __type(name: $name) { name } }"
UNKNOWN_FIELD_QUERY = "{ 8f31403dfe404bccbb0e835f2629c6a7 }"
COERCION_QUERY = "query CoerceFailure($id: ID!){ __typename }"
NOT_JSON = b'{ "not a JSON'

# The non-map / non-string values the audits send, in the order of their ids' last digit.
NON_STRINGS = [{"obj": "ect"}, 0, False, ["array"]]  # LKJ*, 6C0*
NON_MAPS = ["string", 0, False, ["array"]]  # 476*, 58B*


@dataclass(frozen=True)
class Audit:
    id: str
    text: str
    run: Callable[[SwitchboardServer], None]


AUDITS: list[Audit] = []


def audit(audit_id: str, text: str):
    def register(run: Callable[[SwitchboardServer], None]):
        AUDITS.append(Audit(audit_id, text, run))
        return run
    return register


def assert_status(response: Response, expected: int | range) -> None:
    if isinstance(expected, range):
        assert response.status in expected, f"status {response.status} not in {expected.start}..{expected.stop - 1}: {response!r}"
    else:
        assert response.status == expected, f"status {response.status}, expected {expected}: {response!r}"


def assert_media_type(response: Response, media_type: str) -> None:
    assert response.media_type == media_type, f"Content-Type {response.content_type!r}, expected {media_type}: {response!r}"


def assert_no_errors(response: Response) -> dict:
    body = response.json()
    assert isinstance(body, dict), response
    assert "errors" not in body, response
    return body


def assert_no_data(response: Response) -> dict:
    body = response.json()
    assert isinstance(body, dict), response
    assert "data" not in body, f"the body has a data entry: {response!r}"
    assert body.get("errors"), f"the body has no errors: {response!r}"
    return body


FOUR_XX = range(400, 500)
FOUR_OR_FIVE_XX = range(400, 600)


# --- Media types ---------------------------------------------------------------------------------

@audit("22EB", "SHOULD accept application/graphql-response+json and match the content-type")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)
    assert_media_type(r, GRAPHQL_RESPONSE_JSON)


@audit("4655", "MUST accept application/json and match the content-type")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert_media_type(r, APPLICATION_JSON)


@audit("47DE", "SHOULD accept */* and use application/json for the content-type")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, accept="*/*")
    assert_status(r, 200)
    assert_media_type(r, APPLICATION_JSON)


@audit("80D8", "SHOULD assume application/json content-type when accept is missing")
def _(s: SwitchboardServer) -> None:
    # Newer graphql-http sends a POST without Accept, older ones a GET: both must say application/json.
    r = s.post({"query": TYPENAME})
    assert_status(r, 200)
    assert_media_type(r, APPLICATION_JSON)
    r = s.get({"query": TYPENAME})
    assert_status(r, 200)
    assert_media_type(r, APPLICATION_JSON)


@audit("82A3", "MUST use utf-8 encoding when responding")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME})
    assert_status(r, 200)
    r.body.decode("utf-8")  # strict: raises on anything that is not UTF-8
    charset = [p.strip().lower() for p in (r.content_type or "").split(";")[1:] if p.strip().lower().startswith("charset=")]
    assert charset in ([], ["charset=utf-8"]), r


@audit("BF61", "MUST accept utf-8 encoded request")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": EMOJI_QUERY}, content_type="application/json; charset=utf-8")
    assert_status(r, 200)
    assert assert_no_errors(r) == {"data": {"__type": None}}


@audit("78D5", "MUST assume utf-8 in request if encoding is unspecified")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, content_type="application/json")
    assert_status(r, 200)
    # and non-ASCII text in a body without charset is read as UTF-8
    r = s.post({"query": EMOJI_QUERY}, content_type="application/json")
    assert_status(r, 200)
    assert assert_no_errors(r) == {"data": {"__type": None}}


# --- Request -------------------------------------------------------------------------------------

@audit("2C94", "MUST accept POST requests")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}


@audit("5A70", "MAY accept application/x-www-form-urlencoded formatted GET requests")
def _(s: SwitchboardServer) -> None:
    r = s.get({"query": TYPENAME})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}


@audit("9C48", "MAY NOT allow executing mutations on GET requests (the issue: 405 with Allow: POST)")
def _(s: SwitchboardServer) -> None:
    r = s.get({"query": "mutation { __typename }"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 405)
    allow = {m.strip().upper() for value in r.header_values("Allow") for m in value.split(",") if m.strip()}
    assert allow == {"POST"}, f"Allow: {r.header_values('Allow')}"
    assert "data" not in r.json(), r


@audit("9ABE", "SHOULD respond with 4xx status code if content-type is not supplied on POST requests")
def _(s: SwitchboardServer) -> None:
    r = s.request("POST", headers={})
    assert_status(r, FOUR_XX)


@audit("03D4", "MUST accept application/json POST requests")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, content_type="application/json")
    assert_status(r, 200)


@audit("A5BF", "MAY use 400 status code when request body is missing on POST")
def _(s: SwitchboardServer) -> None:
    r = s.request("POST", headers={"Content-Type": "application/json"})
    assert_status(r, 400)


# --- Request parameters --------------------------------------------------------------------------

@audit("423L", "MAY use 400 status code on missing {query} parameter")
def _(s: SwitchboardServer) -> None:
    r = s.post({"notquery": TYPENAME}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)


for _index, _invalid in enumerate(NON_STRINGS):
    @audit(f"LKJ{_index}", f"MAY use 400 status code on {type(_invalid).__name__} {{query}} parameter")
    def _(s: SwitchboardServer, invalid=_invalid) -> None:
        r = s.post({"query": invalid})
        assert_status(r, 400)


@audit("34A2", "SHOULD allow string {query} parameter when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)


@audit("13EE", "MUST allow string {query} parameter when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert_no_errors(r)


for _index, _invalid in enumerate(NON_STRINGS):
    @audit(f"6C0{_index}", f"MAY use 400 status code on {type(_invalid).__name__} {{operationName}} parameter")
    def _(s: SwitchboardServer, invalid=_invalid) -> None:
        r = s.post({"operationName": invalid, "query": TYPENAME})
        assert_status(r, 400)


@audit("8161", "SHOULD allow string {operationName} parameter when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"operationName": "Query", "query": "query Query { __typename }"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)


@audit("B8B3", "MUST allow string {operationName} parameter when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"operationName": "Query", "query": "query Query { __typename }"}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert_no_errors(r)


for _index, _parameter in enumerate(["variables", "operationName", "extensions"]):
    @audit(f"94B{_index}", f"SHOULD allow null {{{_parameter}}} parameter when accepting application/graphql-response+json")
    def _(s: SwitchboardServer, parameter=_parameter) -> None:
        r = s.post({"query": TYPENAME, parameter: None}, accept=GRAPHQL_RESPONSE_JSON)
        assert_status(r, 200)
        assert_no_errors(r)

    @audit(f"022{_index}", f"MUST allow null {{{_parameter}}} parameter when accepting application/json")
    def _(s: SwitchboardServer, parameter=_parameter) -> None:
        r = s.post({"query": TYPENAME, parameter: None}, accept=APPLICATION_JSON)
        assert_status(r, 200)
        assert_no_errors(r)


for _index, _invalid in enumerate(NON_MAPS):
    @audit(f"476{_index}", f"MAY use 400 status code on {type(_invalid).__name__} {{variables}} parameter")
    def _(s: SwitchboardServer, invalid=_invalid) -> None:
        r = s.post({"query": TYPENAME, "variables": invalid})
        assert_status(r, 400)


@audit("2EA1", "SHOULD allow map {variables} parameter when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPE_QUERY, "variables": {"name": "sometype"}}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)


@audit("28B9", "MUST allow map {variables} parameter when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPE_QUERY, "variables": {"name": "sometype"}}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__type": None}
    # and the variable really reaches the field
    r = s.post({"query": TYPE_QUERY, "variables": {"name": "User"}}, accept=APPLICATION_JSON)
    assert assert_no_errors(r)["data"] == {"__type": {"name": "User"}}


@audit("D6D5", "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.get({"query": TYPE_QUERY, "variables": json.dumps({"name": "sometype"})}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)


@audit("6A70", "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.get({"query": TYPE_QUERY, "variables": json.dumps({"name": "sometype"})}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert_no_errors(r)


for _index, _invalid in enumerate(NON_MAPS):
    @audit(f"58B{_index}", f"MAY use 400 status code on {type(_invalid).__name__} {{extensions}} parameter")
    def _(s: SwitchboardServer, invalid=_invalid) -> None:
        r = s.post({"query": TYPENAME, "extensions": invalid})
        assert_status(r, 400)


@audit("428F", "SHOULD allow map {extensions} parameter when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME, "extensions": {"some": "value"}}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)


@audit("1B7A", "MUST allow map {extensions} parameter when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": TYPENAME, "extensions": {"some": "value"}}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert_no_errors(r)


@audit("B6DC", "MAY use 4xx or 5xx status codes on JSON parsing failure")
def _(s: SwitchboardServer) -> None:
    r = s.post(None, raw=NOT_JSON)
    assert_status(r, FOUR_XX)


@audit("BCF8", "MAY use 400 status code on JSON parsing failure")
def _(s: SwitchboardServer) -> None:
    r = s.post(None, raw=NOT_JSON)
    assert_status(r, 400)


@audit("B7N8", "MAY use 400 status code on JSON parsing failure (accepting application/graphql-response+json)")
def _(s: SwitchboardServer) -> None:
    r = s.post(None, raw=NOT_JSON, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)
    assert_no_data(r)


@audit("8764", "MAY use 4xx or 5xx status codes if parameters are invalid")
def _(s: SwitchboardServer) -> None:
    r = s.post({"qeury": TYPENAME})
    assert_status(r, FOUR_OR_FIVE_XX)


@audit("3E3A", "MAY use 400 status code if parameters are invalid")
def _(s: SwitchboardServer) -> None:
    r = s.post({"qeury": TYPENAME})
    assert_status(r, 400)


# --- Response application/json -------------------------------------------------------------------

@audit("572B", "SHOULD use 200 status code on document parsing failure when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": "{"}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert r.json().get("errors"), r


@audit("FDE2", "SHOULD use 200 status code on document validation failure when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": UNKNOWN_FIELD_QUERY}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert r.json().get("errors"), r


@audit("7B9B", "SHOULD use a status code of 200 on variable coercion failure when accepting application/json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": COERCION_QUERY, "variables": {"id": None}}, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert r.json().get("errors"), r


# --- Response application/graphql-response+json --------------------------------------------------

@audit("865D", "SHOULD use 4xx or 5xx status codes on document parsing failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": "{"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, FOUR_OR_FIVE_XX)


@audit("556A", "SHOULD use 400 status code on document parsing failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": "{"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)


@audit("D586", "SHOULD not contain the data entry on document parsing failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": "{"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_no_data(r)


@audit("51FE", "SHOULD use 4xx or 5xx status codes on document validation failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": UNKNOWN_FIELD_QUERY}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, FOUR_OR_FIVE_XX)


@audit("74FF", "SHOULD use 400 status code on document validation failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": UNKNOWN_FIELD_QUERY}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)


@audit("5E5B", "SHOULD not contain the data entry on document validation failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": UNKNOWN_FIELD_QUERY}, accept=GRAPHQL_RESPONSE_JSON)
    assert_no_data(r)


@audit("86EE", "SHOULD use a status code of 400 on variable coercion failure when accepting application/graphql-response+json")
def _(s: SwitchboardServer) -> None:
    r = s.post({"query": COERCION_QUERY, "variables": {"id": None}}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)
    assert_no_data(r)


# Audits that the server is known to fail, with the reason (kept as the spec says; strict xfail).
KNOWN_FAILURES: dict[str, str] = {}


def _params():
    for a in AUDITS:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[a.id])] if a.id in KNOWN_FAILURES else []
        yield pytest.param(a, id=a.id, marks=marks)


def test_audit_list_is_complete() -> None:
    """Every audit id that graphql.md section 4 lists has exactly one test."""
    expected = {
        "22EB", "4655", "47DE", "80D8", "82A3", "BF61", "78D5", "2C94", "03D4", "5A70", "9C48", "9ABE", "A5BF",
        "423L", "LKJ0", "LKJ1", "LKJ2", "LKJ3", "34A2", "13EE", "6C00", "6C01", "6C02", "6C03", "8161", "B8B3",
        "94B0", "94B1", "94B2", "0220", "0221", "0222", "4760", "4761", "4762", "4763", "2EA1", "28B9", "D6D5",
        "6A70", "58B0", "58B1", "58B2", "58B3", "428F", "1B7A", "B6DC", "BCF8", "B7N8", "8764", "3E3A", "572B",
        "FDE2", "7B9B", "865D", "556A", "D586", "51FE", "74FF", "5E5B", "86EE",
    }
    ids = [a.id for a in AUDITS]
    assert len(ids) == len(set(ids)), "an audit id is registered twice"
    assert set(ids) == expected


@pytest.mark.parametrize("audit_case", list(_params()))
def test_audit(server: SwitchboardServer, audit_case: Audit) -> None:
    audit_case.run(server)


# --- Further GraphQL-over-HTTP rules (spec text, not graphql-http audits) ------------------------

def test_unknown_request_keys_are_ignored(server: SwitchboardServer) -> None:
    r = server.post({"query": TYPENAME, "somethingElse": {"x": 1}})
    assert_status(r, 200)
    assert_no_errors(r)


def test_get_empty_parameters_mean_absent(server: SwitchboardServer) -> None:
    r = server.get({"query": TYPENAME, "operationName": "", "variables": "", "extensions": ""})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}


def test_get_without_query_is_400(server: SwitchboardServer) -> None:
    r = server.get({"variables": "{}"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)
    assert_no_data(r)


def test_get_selects_the_query_of_a_document_that_also_has_a_mutation(server: SwitchboardServer) -> None:
    document = "query Q { __typename } mutation M { __typename }"
    r = server.get({"query": document, "operationName": "Q"})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}
    r = server.get({"query": document, "operationName": "M"})
    assert_status(r, 405)
    assert "POST" in (r.header("Allow") or "")


def test_mutation_over_post_runs(server: SwitchboardServer) -> None:
    r = server.post({"query": "mutation { __typename }"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Mutation"}


def test_unsupported_content_type_is_415(server: SwitchboardServer) -> None:
    r = server.post({"query": TYPENAME}, content_type="text/plain")
    assert_status(r, 415)


def test_other_methods_are_405(server: SwitchboardServer) -> None:
    r = server.request("PUT", body=b'{"query":"{ __typename }"}', headers={"Content-Type": "application/json"})
    assert_status(r, 405)
    assert r.header("Allow"), r


def test_unacceptable_accept_is_406_or_ignored(server: SwitchboardServer) -> None:
    r = server.post({"query": TYPENAME}, accept="text/html")
    if r.status != 406:
        assert_status(r, 200)
        assert_media_type(r, APPLICATION_JSON)


def test_accept_prefers_the_higher_quality(server: SwitchboardServer) -> None:
    r = server.post({"query": TYPENAME}, accept=f"{APPLICATION_JSON};q=0.9, {GRAPHQL_RESPONSE_JSON}")
    assert_media_type(r, GRAPHQL_RESPONSE_JSON)
    r = server.post({"query": TYPENAME}, accept=f"{APPLICATION_JSON}, {GRAPHQL_RESPONSE_JSON};q=0.5")
    assert_media_type(r, APPLICATION_JSON)


def test_real_variable_coercion_failure(server: SwitchboardServer) -> None:
    """The audits' 7B9B/86EE document also fails validation (its variable is unused); this one only
    fails to coerce its variable: 400 and no `data` with graphql-response+json, 200 with json."""
    payload = {"query": TYPE_QUERY, "variables": {"name": None}}
    r = server.post(payload, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)
    assert_no_data(r)
    r = server.post(payload, accept=APPLICATION_JSON)
    assert_status(r, 200)
    assert r.json().get("errors"), r
    r = server.post({"query": TYPE_QUERY, "variables": {"name": 12}}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 400)
    assert_no_data(r)


def test_field_error_with_null_data_is_200_with_graphql_response_json(server: SwitchboardServer) -> None:
    """Execution ran (no request error): `data` is present, even if null, so the status is 2xx."""
    r = server.post({"query": "{ users { totalCount } }"}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)
    body = r.json()
    assert "data" in body and body["data"] is None, r
    assert error_codes(body) == ["UNAUTHENTICATED"], r


# --- Body size limit -----------------------------------------------------------------------------

MIB = 1 << 20


def padded_body(size: int) -> bytes:
    """A valid request body of exactly `size` bytes: `{ __typename }` and a long comment."""
    head = b'{"query":"{ __typename } #'
    tail = b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_body_over_one_mib_gets_413(server: SwitchboardServer) -> None:
    body = padded_body(MIB + 1)
    try:
        r = server.request("POST", body=body, headers={"Content-Type": "application/json"})
    except (ConnectionResetError, BrokenPipeError) as error:  # answered before reading it all
        pytest.fail(f"the connection was dropped instead of a 413 answer: {error!r}")
    assert_status(r, 413)
    # the server still answers afterwards
    assert server.post({"query": TYPENAME}).status == 200


def test_body_of_one_mib_is_accepted(server: SwitchboardServer) -> None:
    r = server.post(None, raw=padded_body(MIB))
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}


# --- Automatic persisted queries -----------------------------------------------------------------

def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def persisted(hash_: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": hash_}}


def unique_query() -> str:
    """A query no earlier request registered."""
    return f"query Apq{uuid.uuid4().hex} {{ __typename }}"


def test_apq_hash_only_miss_answers_persisted_query_not_found(server: SwitchboardServer) -> None:
    query = unique_query()
    r = server.post({"extensions": persisted(sha256(query))})
    assert_status(r, 200)
    body = r.json()
    assert "data" not in body or body["data"] is None, r
    assert [e["message"] for e in body["errors"]] == ["PersistedQueryNotFound"], r
    assert error_codes(body) == ["PERSISTED_QUERY_NOT_FOUND"], r


def test_apq_hash_only_miss_over_get(server: SwitchboardServer) -> None:
    query = unique_query()
    r = server.get({"extensions": json.dumps(persisted(sha256(query)))})
    assert_status(r, 200)
    assert error_codes(r.json()) == ["PERSISTED_QUERY_NOT_FOUND"], r


def test_apq_register_then_hash_only_hits(server: SwitchboardServer) -> None:
    query = unique_query()
    hash_ = sha256(query)
    # register: query and hash together run the query and remember it
    r = server.post({"query": query, "extensions": persisted(hash_)})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}
    # then the hash alone over GET (what Apollo's useGETForHashedQueries sends)
    r = server.get({"extensions": json.dumps(persisted(hash_))})
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}
    # and over POST
    r = server.post({"extensions": persisted(hash_)}, accept=GRAPHQL_RESPONSE_JSON)
    assert_status(r, 200)
    assert assert_no_errors(r)["data"] == {"__typename": "Query"}


def test_apq_wrong_hash_is_refused(server: SwitchboardServer) -> None:
    query = unique_query()
    wrong = sha256(query + " ")
    r = server.post({"query": query, "extensions": persisted(wrong)})
    assert_status(r, 400)
    assert r.json().get("errors"), r
    # nothing was registered under the wrong hash
    r = server.post({"extensions": persisted(wrong)})
    assert error_codes(r.json()) == ["PERSISTED_QUERY_NOT_FOUND"], r


def test_apq_mutation_by_hash_over_get_is_refused(server: SwitchboardServer) -> None:
    """A registered mutation cannot be run by its hash over GET either."""
    mutation = f"mutation Apq{uuid.uuid4().hex} {{ __typename }}"
    hash_ = sha256(mutation)
    r = server.post({"query": mutation, "extensions": persisted(hash_)})
    assert_status(r, 200)
    r = server.get({"extensions": json.dumps(persisted(hash_))})
    assert_status(r, 405)
