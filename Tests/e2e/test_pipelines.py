"""Pipelines and their stages over HTTP: only admins change them (everyone signed in reads them);
stages numbered, coloured and validated field by field; exactly one default pipeline; versions with
CONFLICT and history; delete refused for the default or while deals are open, restore refused when
the name was taken; stages inserted, renumbered, reordered, deleted and restored last."""
import base64
import re
import uuid

MANAGER = "victoria.kuznetsova@switchboard.test"
SUPERVISOR = "boris.ivanov@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"
STAGE_FIELDS = "id name position probability color stallDays version deletedAt"
PIPELINE_FIELDS = f"id name description isDefault defaultCurrency position version deletedAt stages {{ {STAGE_FIELDS} }}"
CREATE = f"""mutation($input: CreatePipelineInput!) {{
  createPipeline(input: $input) {{ pipeline {{ {PIPELINE_FIELDS} }} userErrors {{ field code }} }}
}}"""
UPDATE = f"""mutation($input: UpdatePipelineInput!) {{
  updatePipeline(input: $input) {{ pipeline {{ {PIPELINE_FIELDS} }} userErrors {{ field code }} }}
}}"""
DELETE = 'mutation($id: ID!) { deletePipeline(input: {id: $id}) { pipeline { id deletedAt } userErrors { field code } } }'
RESTORE = 'mutation($id: ID!) { restorePipeline(input: {id: $id}) { pipeline { id deletedAt } userErrors { field code } } }'
STAGE_PAYLOAD = f"stage {{ {STAGE_FIELDS} }} pipeline {{ version stages {{ name position }} }} userErrors {{ field code }}"
CREATE_STAGE = f"mutation($input: CreatePipelineStageInput!) {{ createPipelineStage(input: $input) {{ {STAGE_PAYLOAD} }} }}"
UPDATE_STAGE = f"mutation($input: UpdatePipelineStageInput!) {{ updatePipelineStage(input: $input) {{ {STAGE_PAYLOAD} }} }}"
DELETE_STAGE = f"mutation($id: ID!) {{ deletePipelineStage(input: {{id: $id}}) {{ {STAGE_PAYLOAD} }} }}"
RESTORE_STAGE = f"mutation($id: ID!) {{ restorePipelineStage(input: {{id: $id}}) {{ {STAGE_PAYLOAD} }} }}"
REORDER = """mutation($input: ReorderPipelineStagesInput!) {
  reorderPipelineStages(input: $input) { pipeline { version stages { id position } } userErrors { field code } }
}"""
NODE = f'query($id: ID!) {{ node(id: $id) {{ ... on Pipeline {{ {PIPELINE_FIELDS} }} }} }}'
CREATE_DEAL = 'mutation($input: CreateDealInput!) { createDeal(input: $input) { deal { id version } userErrors { field code } } }'
COLOUR = re.compile(r"^#[0-9A-F]{6}$")


def unique(prefix="E2E Pipeline"):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def global_id(type_name, number):
    return base64.b64encode(f"{type_name}:{number}".encode()).decode().rstrip("=")


def create(server, token, stages=("Lead", "Won"), **fields):
    fields.setdefault("name", unique())
    body = server.graphql(CREATE, {"input": {"stages": [{"name": s} if isinstance(s, str) else s for s in stages], **fields}},
                          token=token)
    payload = body["data"]["createPipeline"]
    assert payload["userErrors"] == [], payload
    return payload["pipeline"]


def fetch(server, token, pipeline_id):
    return server.graphql(NODE, {"id": pipeline_id}, token=token)["data"]["node"]


def errors_of(payload):
    return sorted((tuple(e["field"] or ()), e["code"]) for e in payload["userErrors"])


def test_only_admins_change_pipelines_and_everyone_signed_in_reads_them(server, admin_token):
    pipeline = create(server, admin_token, name=unique("E2E Admin only"))
    stage = pipeline["stages"][0]["id"]
    for email in (MANAGER, SUPERVISOR, OPERATOR):
        token = server.sign_in(email)
        refused = server.graphql(CREATE, {"input": {"name": unique(), "stages": [{"name": "A"}]}}, token=token)
        assert refused["data"] == {"createPipeline": None}, email
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"], email
        listed = server.graphql('query($q: String) { pipelines(first: 5, filter: {query: $q}) { totalCount edges { node { id stages { id } } } } }',
                                {"q": pipeline["name"]}, token=token)["data"]["pipelines"]
        assert listed == {"totalCount": 1, "edges": [{"node": {"id": pipeline["id"], "stages": [{"id": s["id"]} for s in pipeline["stages"]]}}]}
    manager = server.sign_in(MANAGER)
    writes = server.graphql("""mutation($p: ID!, $s: ID!) {
      u: updatePipeline(input: {id: $p, version: 1, name: "Hijacked"}) { pipeline { id } }
      d: deletePipeline(input: {id: $p}) { pipeline { id } }
      r: restorePipeline(input: {id: $p}) { pipeline { id } }
      cs: createPipelineStage(input: {pipelineId: $p, name: "Extra"}) { stage { id } }
      us: updatePipelineStage(input: {id: $s, version: 1, name: "Renamed"}) { stage { id } }
      ds: deletePipelineStage(input: {id: $s}) { stage { id } }
      rs: restorePipelineStage(input: {id: $s}) { stage { id } }
      o: reorderPipelineStages(input: {id: $p, version: 1, stageIds: []}) { pipeline { id } }
    }""", {"p": pipeline["id"], "s": stage}, token=manager)
    assert writes["data"] == {key: None for key in ("u", "d", "r", "cs", "us", "ds", "rs", "o")}
    assert sorted(e["extensions"]["code"] for e in writes["errors"]) == ["FORBIDDEN"] * 8
    assert fetch(server, admin_token, pipeline["id"]) == pipeline
    anonymous = server.graphql("{ pipelines { totalCount } }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_new_pipeline_numbers_its_stages_and_fills_in_colours(server, admin_token):
    name = unique()
    made = create(server, admin_token, name=name, description="Wholesale", defaultCurrency="usd",
                  stages=[{"name": "Lead"}, {"name": "Offer", "probability": 40, "color": "#a1b2c3", "stallDays": 5},
                          {"name": "Contract", "probability": 80, "color": "#00FF7f"}])
    assert (made["name"], made["description"], made["defaultCurrency"]) == (name, "Wholesale", "USD")
    assert (made["version"], made["deletedAt"]) == (1, None)
    stages = made["stages"]
    assert [(s["name"], s["position"], s["probability"], s["stallDays"], s["version"]) for s in stages] == [
        ("Lead", 0, 0, None, 1), ("Offer", 1, 40, 5, 1), ("Contract", 2, 80, None, 1)]
    assert COLOUR.match(stages[0]["color"]), stages[0]
    assert [s["color"] for s in stages[1:]] == ["#A1B2C3", "#00FF7F"]
    assert fetch(server, admin_token, made["id"]) == made
    plain = create(server, admin_token, stages=["Only"])
    assert (plain["defaultCurrency"], plain["isDefault"], plain["description"]) == ("RUB", False, None)
    stage = server.graphql('query($id: ID!) { node(id: $id) { ... on PipelineStage { pipeline { id } name position } } }',
                           {"id": stages[1]["id"]}, token=admin_token)["data"]["node"]
    assert stage == {"pipeline": {"id": made["id"]}, "name": "Offer", "position": 1}


def test_bad_pipeline_input_gets_field_errors_and_stores_nothing(server, admin_token):
    marker = uuid.uuid4().hex[:8]
    taken = create(server, admin_token, name=f"E2E Taken {marker}")
    refused = server.graphql(CREATE, {"input": {
        "name": f"e2e TAKEN {marker}", "defaultCurrency": "RUBL", "projectTemplateOnWinId": global_id("ProjectTemplate", 987654),
        "stages": [{"name": " ", "color": "red", "probability": 101, "stallDays": 0},
                   {"name": "Fine", "probability": -1, "color": "#12345"}]}}, token=admin_token)["data"]["createPipeline"]
    assert refused["pipeline"] is None
    assert errors_of(refused) == sorted([
        (("input", "name"), "TAKEN"),
        (("input", "defaultCurrency"), "INVALID"),
        (("input", "projectTemplateOnWinId"), "NOT_FOUND"),
        (("input", "stages", "0", "name"), "REQUIRED"),
        (("input", "stages", "0", "color"), "INVALID"),
        (("input", "stages", "0", "probability"), "OUT_OF_RANGE"),
        (("input", "stages", "0", "stallDays"), "OUT_OF_RANGE"),
        (("input", "stages", "1", "probability"), "OUT_OF_RANGE"),
        (("input", "stages", "1", "color"), "INVALID"),
    ])
    no_stages = server.graphql(CREATE, {"input": {"name": f"E2E Stageless {marker}", "stages": []}}, token=admin_token)
    assert no_stages["data"]["createPipeline"] == {"pipeline": None, "userErrors": [{"field": ["input", "stages"], "code": "REQUIRED"}]}
    listed = server.graphql('query($q: String) { pipelines(first: 10, filter: {query: $q, deleted: INCLUDE}) { totalCount edges { node { id } } } }',
                            {"q": marker}, token=admin_token)["data"]["pipelines"]
    assert listed == {"totalCount": 1, "edges": [{"node": {"id": taken["id"]}}]}


def test_exactly_one_pipeline_is_the_default(server, admin_token):
    everything = server.graphql("{ pipelines(filter: {deleted: INCLUDE}) { totalCount } }", token=admin_token)
    if everything["data"]["pipelines"]["totalCount"] == 0:
        # Only on a database without pipelines: the first one ever made is the default.
        assert create(server, admin_token)["isDefault"] is True
    first = create(server, admin_token, isDefault=True)
    assert first["isDefault"] is True
    second = create(server, admin_token, isDefault=True)
    assert second["isDefault"] is True
    demoted = server.graphql('query($id: ID!) { node(id: $id) { ... on Pipeline { isDefault version '
                             'history { edges { node { field oldValue newValue actor { user { email } } } } } } } }',
                             {"id": first["id"]}, token=admin_token)["data"]["node"]
    assert demoted == {"isDefault": False, "version": 2, "history": {"edges": [
        {"node": {"field": "isDefault", "oldValue": True, "newValue": False, "actor": {"user": {"email": "anna.smirnova@switchboard.test"}}}}]}}
    everyone = server.graphql("{ pipelines(first: 100) { totalCount edges { node { id isDefault } } } }", token=admin_token)["data"]["pipelines"]
    assert everyone["totalCount"] == len(everyone["edges"])
    assert [e["node"]["id"] for e in everyone["edges"] if e["node"]["isDefault"]] == [second["id"]]
    # The default cannot be switched off or deleted; another pipeline must take over instead.
    switched_off = server.graphql(UPDATE, {"input": {"id": second["id"], "version": 1, "isDefault": False}}, token=admin_token)
    assert switched_off["data"]["updatePipeline"]["userErrors"] == [{"field": ["input", "isDefault"], "code": "INVALID"}]
    assert switched_off["data"]["updatePipeline"]["pipeline"]["isDefault"] is True
    deleted = server.graphql(DELETE, {"id": second["id"]}, token=admin_token)["data"]["deletePipeline"]
    assert [e["code"] for e in deleted["userErrors"]] == ["INVALID_STATE"]
    assert fetch(server, admin_token, second["id"])["deletedAt"] is None
    back = server.graphql(UPDATE, {"input": {"id": first["id"], "version": 2, "isDefault": True}}, token=admin_token)["data"]["updatePipeline"]
    assert back["userErrors"] == [] and (back["pipeline"]["isDefault"], back["pipeline"]["version"]) == (True, 3)
    assert fetch(server, admin_token, second["id"])["isDefault"] is False


def test_pipeline_updates_are_versioned_with_history(server, admin_token):
    pipeline = create(server, admin_token)
    other = create(server, admin_token)
    renamed_to = unique("E2E Renamed")
    changed = server.graphql(UPDATE, {"input": {"id": pipeline["id"], "version": 1, "name": renamed_to, "description": "B2B",
                                                "defaultCurrency": "eur", "position": 9999}}, token=admin_token)["data"]["updatePipeline"]
    assert changed["userErrors"] == []
    after = changed["pipeline"]
    assert (after["name"], after["description"], after["defaultCurrency"], after["position"], after["version"]) == (
        renamed_to, "B2B", "EUR", 9999, 2)
    stale = server.graphql(UPDATE, {"input": {"id": pipeline["id"], "version": 1, "name": "E2E Lost write"}}, token=admin_token)
    assert stale["data"]["updatePipeline"] == {"pipeline": after, "userErrors": [{"field": ["input", "version"], "code": "CONFLICT"}]}
    taken = server.graphql(UPDATE, {"input": {"id": pipeline["id"], "version": 2, "name": other["name"].upper()}}, token=admin_token)
    assert taken["data"]["updatePipeline"]["userErrors"] == [{"field": ["input", "name"], "code": "TAKEN"}]
    assert fetch(server, admin_token, pipeline["id"]) == after
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on Pipeline { history { edges { node { field oldValue newValue } } } } } }',
                             {"id": pipeline["id"]}, token=admin_token)["data"]["node"]["history"]["edges"]
    changes = {e["node"]["field"]: (e["node"]["oldValue"], e["node"]["newValue"]) for e in history}
    assert changes["name"] == (pipeline["name"], renamed_to)
    assert changes["description"] == (None, "B2B")
    assert changes["defaultCurrency"] == ("RUB", "EUR")
    assert len(history) == 4 and changes["position"][1] == 9999
    everyone = server.graphql("{ pipelines(first: 100) { totalCount edges { node { id position } } } }", token=admin_token)["data"]["pipelines"]
    assert everyone["totalCount"] == len(everyone["edges"])
    ordered = everyone["edges"]
    positions = [e["node"]["position"] for e in ordered]
    assert positions == sorted(positions) and ordered[-1]["node"]["id"] == pipeline["id"]


def test_delete_and_restore_a_pipeline(server, admin_token):
    create(server, admin_token, isDefault=True)   # so that the pipeline below is surely not the default
    pipeline = create(server, admin_token, stages=["Lead"])
    deal = server.graphql(CREATE_DEAL, {"input": {"title": "E2E Keeps the pipeline", "pipelineId": pipeline["id"]}},
                          token=admin_token)["data"]["createDeal"]["deal"]
    in_use = server.graphql(DELETE, {"id": pipeline["id"]}, token=admin_token)["data"]["deletePipeline"]
    assert [e["code"] for e in in_use["userErrors"]] == ["IN_USE"] and in_use["pipeline"]["deletedAt"] is None
    lost = server.graphql('mutation($id: ID!) { loseDeal(input: {id: $id, version: 1, lossReason: "Test"}) { userErrors { code } } }',
                          {"id": deal["id"]}, token=admin_token)
    assert lost["data"]["loseDeal"]["userErrors"] == []
    deleted = server.graphql(DELETE, {"id": pipeline["id"]}, token=admin_token)["data"]["deletePipeline"]
    assert deleted["userErrors"] == [] and deleted["pipeline"]["deletedAt"] is not None

    def listed(deleted_filter):
        body = server.graphql('query($q: String, $d: DeletedFilter) { pipelines(first: 10, filter: {query: $q, deleted: $d}) { edges { node { id } } } }',
                              {"q": pipeline["name"], "d": deleted_filter}, token=admin_token)
        return [e["node"]["id"] for e in body["data"]["pipelines"]["edges"]]

    assert listed("EXCLUDE") == [] and listed("ONLY") == [pipeline["id"]]
    # The name is free while the pipeline is deleted; restoring it then is refused.
    successor = create(server, admin_token, name=pipeline["name"].lower())
    clash = server.graphql(RESTORE, {"id": pipeline["id"]}, token=admin_token)["data"]["restorePipeline"]
    assert [e["code"] for e in clash["userErrors"]] == ["TAKEN"]
    assert listed("ONLY") == [pipeline["id"]]
    server.graphql(UPDATE, {"input": {"id": successor["id"], "version": 1, "name": unique("E2E Successor")}}, token=admin_token)
    restored = server.graphql(RESTORE, {"id": pipeline["id"]}, token=admin_token)["data"]["restorePipeline"]
    assert restored == {"pipeline": {"id": pipeline["id"], "deletedAt": None}, "userErrors": []}
    assert listed("EXCLUDE") == [pipeline["id"]] and listed("ONLY") == []


def test_stages_are_inserted_updated_deleted_and_restored_last(server, admin_token):
    pipeline = create(server, admin_token, stages=["A", "B", "C"])
    ids = {s["name"]: s["id"] for s in pipeline["stages"]}
    inserted = server.graphql(CREATE_STAGE, {"input": {"pipelineId": pipeline["id"], "name": "Inserted", "position": 1,
                                                       "color": "#00aa00", "probability": 20}}, token=admin_token)["data"]["createPipelineStage"]
    assert inserted["userErrors"] == []
    assert {k: inserted["stage"][k] for k in ("name", "position", "color", "probability", "version")} == {
        "name": "Inserted", "position": 1, "color": "#00AA00", "probability": 20, "version": 1}
    assert inserted["pipeline"] == {"version": 2, "stages": [{"name": n, "position": i} for i, n in enumerate(["A", "Inserted", "B", "C"])]}
    appended = server.graphql(CREATE_STAGE, {"input": {"pipelineId": pipeline["id"], "name": "End"}}, token=admin_token)["data"]["createPipelineStage"]
    assert appended["stage"]["position"] == 4 and COLOUR.match(appended["stage"]["color"]) and appended["pipeline"]["version"] == 3
    too_far = server.graphql(CREATE_STAGE, {"input": {"pipelineId": pipeline["id"], "name": "Far", "position": 6}},
                             token=admin_token)["data"]["createPipelineStage"]
    assert too_far["stage"] is None and too_far["userErrors"] == [{"field": ["input", "position"], "code": "OUT_OF_RANGE"}]
    assert fetch(server, admin_token, pipeline["id"])["version"] == 3

    stage_id = inserted["stage"]["id"]
    updated = server.graphql(UPDATE_STAGE, {"input": {"id": stage_id, "version": 1, "name": "Qualified", "probability": 25,
                                                      "stallDays": 7}}, token=admin_token)["data"]["updatePipelineStage"]
    assert updated["userErrors"] == [] and (updated["stage"]["name"], updated["stage"]["version"]) == ("Qualified", 2)
    stale = server.graphql(UPDATE_STAGE, {"input": {"id": stage_id, "version": 1, "name": "Lost"}}, token=admin_token)["data"]["updatePipelineStage"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}] and stale["stage"]["name"] == "Qualified"
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on PipelineStage { history { edges { node { field oldValue newValue } } } } } }',
                             {"id": stage_id}, token=admin_token)["data"]["node"]["history"]["edges"]
    assert sorted((e["node"]["field"], e["node"]["oldValue"], e["node"]["newValue"]) for e in history) == [
        ("name", "Inserted", "Qualified"), ("probability", 20, 25), ("stallDays", None, 7)]

    deleted = server.graphql(DELETE_STAGE, {"id": ids["B"]}, token=admin_token)["data"]["deletePipelineStage"]
    assert deleted["userErrors"] == [] and deleted["stage"]["deletedAt"] is not None
    assert deleted["pipeline"]["stages"] == [{"name": n, "position": i} for i, n in enumerate(["A", "Qualified", "C", "End"])]
    restored = server.graphql(RESTORE_STAGE, {"id": ids["B"]}, token=admin_token)["data"]["restorePipelineStage"]
    assert restored["userErrors"] == [] and (restored["stage"]["deletedAt"], restored["stage"]["position"]) == (None, 4)
    assert restored["pipeline"]["stages"] == [{"name": n, "position": i} for i, n in enumerate(["A", "Qualified", "C", "End", "B"])]


def test_a_stage_with_open_deals_or_the_last_stage_is_not_deleted(server, admin_token):
    single = create(server, admin_token, stages=["Only"])
    last = server.graphql(DELETE_STAGE, {"id": single["stages"][0]["id"]}, token=admin_token)["data"]["deletePipelineStage"]
    assert [e["code"] for e in last["userErrors"]] == ["INVALID_STATE"] and last["stage"]["deletedAt"] is None
    pipeline = create(server, admin_token, stages=["Busy", "Free"])
    busy, free = (s["id"] for s in pipeline["stages"])
    deal = server.graphql(CREATE_DEAL, {"input": {"title": "E2E Holds the stage", "pipelineId": pipeline["id"], "stageId": busy}},
                          token=admin_token)["data"]["createDeal"]["deal"]
    in_use = server.graphql(DELETE_STAGE, {"id": busy}, token=admin_token)["data"]["deletePipelineStage"]
    assert [e["code"] for e in in_use["userErrors"]] == ["IN_USE"] and in_use["stage"]["deletedAt"] is None
    assert [s["id"] for s in fetch(server, admin_token, pipeline["id"])["stages"]] == [busy, free]
    won = server.graphql('mutation($id: ID!) { winDeal(input: {id: $id, version: 1}) { userErrors { code } } }', {"id": deal["id"]}, token=admin_token)
    assert won["data"]["winDeal"]["userErrors"] == []   # a closed deal does not hold its stage
    emptied = server.graphql(DELETE_STAGE, {"id": busy}, token=admin_token)["data"]["deletePipelineStage"]
    assert emptied["userErrors"] == [] and emptied["pipeline"]["stages"] == [{"name": "Free", "position": 0}]


def test_reordering_names_every_live_stage_once(server, admin_token):
    pipeline = create(server, admin_token, stages=["A", "B", "C", "Dropped"])
    a, b, c, dropped = (s["id"] for s in pipeline["stages"])
    assert server.graphql(DELETE_STAGE, {"id": dropped}, token=admin_token)["data"]["deletePipelineStage"]["pipeline"]["version"] == 2
    foreign = create(server, admin_token, stages=["X"])["stages"][0]["id"]
    for stage_ids in ([a, b], [a, a, b], [a, b, c, c], [a, b, foreign], [a, b, c, foreign], [a, b, c, dropped]):
        refused = server.graphql(REORDER, {"input": {"id": pipeline["id"], "version": 2, "stageIds": stage_ids}},
                                 token=admin_token)["data"]["reorderPipelineStages"]
        assert refused["userErrors"] == [{"field": ["input", "stageIds"], "code": "INVALID"}], stage_ids
    stale = server.graphql(REORDER, {"input": {"id": pipeline["id"], "version": 7, "stageIds": [c, a, b]}},
                           token=admin_token)["data"]["reorderPipelineStages"]
    assert stale["userErrors"] == [{"field": ["input", "version"], "code": "CONFLICT"}]
    assert [s["id"] for s in fetch(server, admin_token, pipeline["id"])["stages"]] == [a, b, c]
    done = server.graphql(REORDER, {"input": {"id": pipeline["id"], "version": 2, "stageIds": [c, a, b]}},
                          token=admin_token)["data"]["reorderPipelineStages"]
    assert done == {"pipeline": {"version": 3, "stages": [{"id": c, "position": 0}, {"id": a, "position": 1}, {"id": b, "position": 2}]},
                    "userErrors": []}
