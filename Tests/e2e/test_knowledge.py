"""Answer templates and the knowledge base over HTTP: templates checked field by field (placeholders
must exist, shortcuts unique among the templates their creator can use), private until shared,
changed by their creator or an admin; `renderTemplate` filling placeholders from a client, contact,
deal (the client's open deal changed last by default), inquiry and the viewer, with `missing` and
`unknown`; articles edited by admins and supervisors, drafts hidden from everyone else; full-text
search with Russian and English word forms, BM25 ranks, `<mark>` snippets with the rest escaped,
and paging. Records made here carry a fresh marker in their names or categories, so the demo data
and other tests do not get in the way."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

ADMIN = "anna.smirnova@switchboard.test"
SUPERVISOR = "elena.lebedeva@switchboard.test"
MANAGER = "victoria.kuznetsova@switchboard.test"
OPERATOR = "zhanna.kozlova@switchboard.test"

TEMPLATE = "id name body shortcut category channelKinds shared placeholders version deletedAt createdBy { user { email } }"
CREATE_TEMPLATE = ("mutation($input: CreateAnswerTemplateInput!) { createAnswerTemplate(input: $input) { "
                   "answerTemplate { %s } userErrors { field code message } } }" % TEMPLATE)
UPDATE_TEMPLATE = ("mutation($input: UpdateAnswerTemplateInput!) { updateAnswerTemplate(input: $input) { "
                   "answerTemplate { %s } userErrors { field code message } } }" % TEMPLATE)
DELETE_TEMPLATE = "mutation($id: ID!) { deleteAnswerTemplate(input: {id: $id}) { answerTemplate { deletedAt } userErrors { code } } }"
RESTORE_TEMPLATE = "mutation($id: ID!) { restoreAnswerTemplate(input: {id: $id}) { answerTemplate { deletedAt } userErrors { field code } } }"
TEMPLATES = """query($filter: AnswerTemplateFilter, $first: Int, $after: String) {
  answerTemplates(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id name shortcut } } pageInfo { hasNextPage endCursor } } }"""
RENDER = """query($source: TemplateSource!, $context: TemplateContextInput) {
  renderTemplate(source: $source, context: $context) { text missing unknown } }"""
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"

ARTICLE = "id title body category tags published version deletedAt"
CREATE_ARTICLE = ("mutation($input: CreateKnowledgeArticleInput!) { createKnowledgeArticle(input: $input) { "
                  "knowledgeArticle { %s } userErrors { field code } } }" % ARTICLE)
UPDATE_ARTICLE = ("mutation($input: UpdateKnowledgeArticleInput!) { updateKnowledgeArticle(input: $input) { "
                  "knowledgeArticle { %s } userErrors { field code } } }" % ARTICLE)
ARTICLES = """query($filter: KnowledgeArticleFilter, $orderBy: KnowledgeArticleOrder, $first: Int, $after: String, $last: Int) {
  knowledgeArticles(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last) {
    totalCount edges { cursor rank snippet node { id title published } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""


@pytest.fixture(scope="module")
def tokens(server):
    return {who: server.sign_in(email) for who, email in
            (("admin", ADMIN), ("supervisor", SUPERVISOR), ("manager", MANAGER), ("operator", OPERATOR))}


def marker():
    return uuid.uuid4().hex[:8]


def create_template(server, token, **input):
    payload = server.graphql(CREATE_TEMPLATE, {"input": input}, token=token)["data"]["createAnswerTemplate"]
    assert payload["userErrors"] == [], payload
    return payload["answerTemplate"]


def template_names(server, token, **filter):
    return [e["node"]["name"] for e in server.graphql(TEMPLATES, {"filter": filter, "first": 100}, token=token)["data"]["answerTemplates"]["edges"]]


def create_article(server, token, **input):
    payload = server.graphql(CREATE_ARTICLE, {"input": input}, token=token)["data"]["createKnowledgeArticle"]
    assert payload["userErrors"] == [], payload
    return payload["knowledgeArticle"]


def search(server, token, query, **filter):
    body = server.graphql(ARTICLES, {"filter": {"query": query, **filter}}, token=token)
    assert "errors" not in body, body
    return body["data"]["knowledgeArticles"]


# --- Answer templates ----------------------------------------------------------------------------

def test_templates_are_checked_field_by_field(server, tokens):
    bad = server.graphql(CREATE_TEMPLATE, {"input": {
        "name": " ", "body": "Здравствуйте, {{ client.nickname }}! {{contact.firstName}} {{foo}} {{client.nickname}}",
        "shortcut": "hello"}}, token=tokens["manager"])["data"]["createAnswerTemplate"]
    assert bad["answerTemplate"] is None
    assert sorted((tuple(e["field"]), e["code"]) for e in bad["userErrors"]) == [
        (("input", "body"), "UNKNOWN_PLACEHOLDER"), (("input", "body"), "UNKNOWN_PLACEHOLDER"),
        (("input", "name"), "REQUIRED"), (("input", "shortcut"), "INVALID")]
    messages = " ".join(e["message"] for e in bad["userErrors"])
    assert "{{client.nickname}}" in messages and "{{foo}}" in messages
    for field, value, code in (("name", "x" * 201, "TOO_LONG"), ("body", "x" * 10_001, "TOO_LONG"), ("body", "  \n", "REQUIRED"),
                               ("shortcut", "/two words", "INVALID"), ("shortcut", "/", "INVALID"), ("shortcut", "/" + "x" * 50, "TOO_LONG"),
                               ("channelKinds", ["TELEGRAM", "TELEGRAM"], None)):
        payload = server.graphql(CREATE_TEMPLATE, {"input": {"name": "E2E check", "body": "Текст", field: value}},
                                 token=tokens["manager"])["data"]["createAnswerTemplate"]
        if code is None:
            assert payload["userErrors"] == [] and payload["answerTemplate"]["channelKinds"] == ["TELEGRAM"]
            server.graphql(DELETE_TEMPLATE, {"id": payload["answerTemplate"]["id"]}, token=tokens["manager"])
        else:
            assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", field], code)], (field, payload)
    anonymous = server.graphql(CREATE_TEMPLATE, {"input": {"name": "x", "body": "y"}})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_placeholders_are_listed_once_in_order_of_use(server, tokens):
    made = create_template(server, tokens["operator"], name=f"E2E placeholders {marker()}",
                           body="{{ contact.firstName }}, счёт {{deal.amount}} по сделке {{deal.title}}; {{contact.firstName}}, {{user.name}}")
    assert made["placeholders"] == ["contact.firstName", "deal.amount", "deal.title", "user.name"]
    assert made["shared"] is False and made["version"] == 1 and made["createdBy"]["user"]["email"] == OPERATOR


def test_private_templates_are_their_creators_until_shared(server, tokens):
    name = f"E2E private {marker()}"
    mine = create_template(server, tokens["manager"], name=name, body="Добрый день, {{contact.name}}!", shortcut="/e2e" + marker())
    assert template_names(server, tokens["manager"], query=name) == [name]
    for who in ("operator", "admin"):
        assert template_names(server, tokens[who], query=name) == []
        assert server.graphql(NODE, {"id": mine["id"]}, token=tokens[who])["data"]["node"] is None
    hidden = server.graphql(RENDER, {"source": {"templateId": mine["id"]}}, token=tokens["operator"])
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert server.graphql(UPDATE_TEMPLATE, {"input": {"id": mine["id"], "version": 1, "name": "x"}},
                          token=tokens["admin"])["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    shared = server.graphql(UPDATE_TEMPLATE, {"input": {"id": mine["id"], "version": 1, "shared": True}},
                            token=tokens["manager"])["data"]["updateAnswerTemplate"]["answerTemplate"]
    assert shared["shared"] is True and shared["version"] == 2
    assert template_names(server, tokens["operator"], query=name) == [name]
    assert server.graphql(NODE, {"id": mine["id"]}, token=tokens["operator"])["data"]["node"] == {"__typename": "AnswerTemplate", "id": mine["id"]}
    used = server.graphql(RENDER, {"source": {"templateId": mine["id"]}}, token=tokens["operator"])["data"]["renderTemplate"]
    assert used == {"text": "Добрый день, !", "missing": ["contact.name"], "unknown": []}
    # Others use a shared template but do not change it; an admin does.
    refused = server.graphql(UPDATE_TEMPLATE, {"input": {"id": mine["id"], "version": 2, "name": "Mine now"}}, token=tokens["operator"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert server.graphql(DELETE_TEMPLATE, {"id": mine["id"]}, token=tokens["operator"])["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    renamed = server.graphql(UPDATE_TEMPLATE, {"input": {"id": mine["id"], "version": 2, "name": name + " (admin)"}},
                             token=tokens["admin"])["data"]["updateAnswerTemplate"]
    assert renamed["userErrors"] == [] and renamed["answerTemplate"]["version"] == 3
    stale = server.graphql(UPDATE_TEMPLATE, {"input": {"id": mine["id"], "version": 2, "name": "stale"}},
                           token=tokens["manager"])["data"]["updateAnswerTemplate"]
    assert [e["code"] for e in stale["userErrors"]] == ["CONFLICT"] and stale["answerTemplate"]["version"] == 3

    deleted = server.graphql(DELETE_TEMPLATE, {"id": mine["id"]}, token=tokens["manager"])["data"]["deleteAnswerTemplate"]
    assert deleted["userErrors"] == [] and deleted["answerTemplate"]["deletedAt"] is not None
    assert template_names(server, tokens["operator"], query=name) == []
    assert template_names(server, tokens["operator"], query=name, deleted="ONLY") == [name + " (admin)"]
    gone = server.graphql(RENDER, {"source": {"templateId": mine["id"]}}, token=tokens["operator"])
    assert gone["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    restored = server.graphql(RESTORE_TEMPLATE, {"id": mine["id"]}, token=tokens["admin"])["data"]["restoreAnswerTemplate"]
    assert restored == {"answerTemplate": {"deletedAt": None}, "userErrors": []}
    history = server.graphql('query($id: ID!) { node(id: $id) { ... on AnswerTemplate { history { edges { node { field newValue '
                             'actor { user { email } } } } } } } }', {"id": mine["id"]}, token=tokens["manager"])
    changes = [(e["node"]["field"], e["node"]["actor"]["user"]["email"]) for e in history["data"]["node"]["history"]["edges"]]
    assert changes == [("deletedAt", ADMIN), ("deletedAt", MANAGER), ("name", ADMIN), ("shared", MANAGER)]


def test_shortcuts_are_unique_among_the_templates_one_can_use(server, tokens):
    shortcut = "/e2e-" + marker()
    manager = create_template(server, tokens["manager"], name=f"E2E shortcut {shortcut}", body="A", shortcut=shortcut)
    again = server.graphql(CREATE_TEMPLATE, {"input": {"name": "E2E again", "body": "B", "shortcut": shortcut.upper()}},
                           token=tokens["manager"])["data"]["createAnswerTemplate"]
    assert [(e["field"], e["code"]) for e in again["userErrors"]] == [(["input", "shortcut"], "TAKEN")]
    # The manager's private template is not the operator's to use: the same shortcut is free for them.
    operator = create_template(server, tokens["operator"], name=f"E2E operator {shortcut}", body="C", shortcut=shortcut)
    server.graphql(DELETE_TEMPLATE, {"id": operator["id"]}, token=tokens["operator"])
    server.graphql(UPDATE_TEMPLATE, {"input": {"id": manager["id"], "version": 1, "shared": True}}, token=tokens["manager"])
    taken = server.graphql(CREATE_TEMPLATE, {"input": {"name": "E2E operator 2", "body": "D", "shortcut": shortcut}},
                           token=tokens["operator"])["data"]["createAnswerTemplate"]
    assert [e["code"] for e in taken["userErrors"]] == ["TAKEN"]
    # Restoring a template whose shortcut another has taken meanwhile is refused.
    restore = server.graphql(RESTORE_TEMPLATE, {"id": operator["id"]}, token=tokens["operator"])["data"]["restoreAnswerTemplate"]
    assert restore["userErrors"] == [{"field": ["input", "id"], "code": "TAKEN"}] and restore["answerTemplate"]["deletedAt"] is not None


def test_template_lists_filter_and_page_by_name(server, tokens):
    tag = marker()
    token = tokens["supervisor"]
    for name, body, category, kinds in ((f"E2E {tag} b-Доставка", "Заказ передан курьеру", "Доставка", ["TELEGRAM"]),
                                        (f"E2E {tag} a-Привет", "Здравствуйте!", "Общее", []),
                                        (f"E2E {tag} c-Счёт", "Счёт отправлен на почту", "Оплата", ["EMAIL", "VIBER"])):
        create_template(server, token, name=name, body=body, category=category, channelKinds=kinds, shortcut=f"/{tag}{name[-3:]}")
    assert template_names(server, token, query=f"E2E {tag}") == [f"E2E {tag} a-Привет", f"E2E {tag} b-Доставка", f"E2E {tag} c-Счёт"]
    assert template_names(server, token, query="КУРЬЕРУ") == [f"E2E {tag} b-Доставка"]
    assert template_names(server, token, query=f"/{tag}чёт") == [f"E2E {tag} c-Счёт"]
    assert template_names(server, token, query=f"E2E {tag}", category="оплата") == [f"E2E {tag} c-Счёт"]
    # A template that lists no channel kinds is offered in every kind.
    assert template_names(server, token, query=f"E2E {tag}", channelKind="EMAIL") == [f"E2E {tag} a-Привет", f"E2E {tag} c-Счёт"]
    assert template_names(server, token, query=f"E2E {tag}", channelKind="WEB_CHAT") == [f"E2E {tag} a-Привет"]
    first = server.graphql(TEMPLATES, {"filter": {"query": f"E2E {tag}"}, "first": 2}, token=token)["data"]["answerTemplates"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    rest = server.graphql(TEMPLATES, {"filter": {"query": f"E2E {tag}"}, "first": 2, "after": first["pageInfo"]["endCursor"]},
                          token=token)["data"]["answerTemplates"]
    assert [e["node"]["name"] for e in rest["edges"]] == [f"E2E {tag} c-Счёт"] and rest["pageInfo"]["hasNextPage"] is False
    # Demo templates are shared with everyone.
    assert "Приветствие" in template_names(server, tokens["operator"], query="/привет")


# --- Rendering -----------------------------------------------------------------------------------

def made(body, key, record):
    assert body.get("errors") is None and body["data"][key]["userErrors"] == [], body
    return body["data"][key][record]


def test_render_fills_placeholders_from_the_records(server, tokens):
    token = tokens["manager"]
    tag = marker()
    client = made(server.graphql('mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { code } } }',
                                 {"input": {"kind": "ORGANISATION", "name": f"E2E Ромашка {tag}", "legalName": "ООО «Ромашка»",
                                            "inn": "7707083893", "phones": [{"number": "+7 495 111-22-33"}],
                                            "emails": [{"address": "info@romashka.example"}]}}, token=token), "createClient", "client")
    contact = made(server.graphql('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { code } } }',
                                  {"input": {"firstName": "Иван", "lastName": "Сидоров", "clientId": client["id"], "position": "Закупщик",
                                             "phones": [{"number": "8 916 000-00-01"}]}}, token=token), "createContact", "contact")
    deal_mutation = 'mutation($input: CreateDealInput!) { createDeal(input: $input) { deal { id version stage { name } } userErrors { code } } }'
    older = made(server.graphql(deal_mutation, {"input": {"title": "Поставка бумаги", "amount": "125000.5", "currency": "RUB",
                                                          "clientId": client["id"], "contactId": contact["id"]}}, token=token), "createDeal", "deal")
    newer = made(server.graphql(deal_mutation, {"input": {"title": "Картриджи", "amount": "1250", "currency": "RUB", "clientId": client["id"]}}, token=token),
                 "createDeal", "deal")
    won = made(server.graphql(deal_mutation, {"input": {"title": "Выигранная", "clientId": client["id"]}}, token=token), "createDeal", "deal")
    made(server.graphql('mutation($input: WinDealInput!) { winDeal(input: $input) { deal { id } userErrors { code } } }',
                        {"input": {"id": won["id"], "version": won["version"]}}, token=token), "winDeal", "deal")
    # The open deal changed last is the default: touch the older one after the newer.
    made(server.graphql('mutation($input: UpdateDealInput!) { updateDeal(input: $input) { deal { id } userErrors { code } } }',
                        {"input": {"id": older["id"], "version": older["version"], "source": "e2e"}}, token=token), "updateDeal", "deal")
    inquiry = made(server.graphql('mutation($input: CreateInquiryInput!) { createInquiry(input: $input) { inquiry { id number } userErrors { code } } }',
                                  {"input": {"subject": "Не пришёл счёт", "client": {"id": client["id"]}, "contactId": contact["id"]}},
                                  token=token), "createInquiry", "inquiry")
    me = server.graphql("{ me { name position email timeZone } }", token=token)["data"]["me"]
    today = datetime.now(ZoneInfo(me["timeZone"])).strftime("%d.%m.%Y")

    text = ("{{client.name}}|{{client.legalName}}|{{client.inn}}|{{client.phone}}|{{client.email}}|{{contact.name}}|{{contact.firstName}}|"
            "{{contact.position}}|{{contact.phone}}|{{contact.email}}|{{deal.title}}|{{deal.amount}}|{{deal.stage}}|{{inquiry.number}}|"
            "{{ inquiry.subject }}|{{user.name}}|{{user.position}}|{{user.email}}|{{date.today}}|{{client.nickname}}|{{user.phone}}")

    def render(context, source=None):
        body = server.graphql(RENDER, {"source": source or {"text": text}, "context": context}, token=token)
        assert "errors" not in body, body
        return body["data"]["renderTemplate"]

    by_client = render({"clientId": client["id"]})
    assert by_client["text"].split("|") == [
        f"E2E Ромашка {tag}", "ООО «Ромашка»", "7707083893", "+74951112233", "info@romashka.example", "", "", "", "", "",
        "Поставка бумаги", "125 000.50 RUB", older["stage"]["name"], "", "", me["name"], me["position"], me["email"], today,
        "{{client.nickname}}", ""]
    assert by_client["missing"] == ["contact.name", "contact.firstName", "contact.position", "contact.phone", "contact.email",
                                    "inquiry.number", "inquiry.subject", "user.phone"]
    assert by_client["unknown"] == ["client.nickname"]
    # A contact brings its client; a deal named is used instead of the default.
    by_contact = render({"contactId": contact["id"], "dealId": newer["id"]})["text"].split("|")
    assert by_contact[:12] == [f"E2E Ромашка {tag}", "ООО «Ромашка»", "7707083893", "+74951112233", "info@romashka.example",
                               "Иван Сидоров", "Иван", "Закупщик", "+79160000001", "", "Картриджи", "1 250 RUB"]
    # An inquiry brings its client and contact.
    by_inquiry = render({"inquiryId": inquiry["id"]})["text"].split("|")
    assert by_inquiry[0] == f"E2E Ромашка {tag}" and by_inquiry[5] == "Иван Сидоров" and by_inquiry[13:15] == [inquiry["number"], "Не пришёл счёт"]
    assert by_inquiry[10] == "Поставка бумаги"
    # A stored template renders the same way; no context leaves the records' placeholders empty.
    stored = create_template(server, token, name=f"E2E render {tag}", body="Здравствуйте, {{contact.firstName}}! <b>{{deal.amount}}</b> & всё")
    assert render({"contactId": contact["id"]}, {"templateId": stored["id"]}) == {
        "text": "Здравствуйте, Иван! <b>125 000.50 RUB</b> & всё", "missing": [], "unknown": []}
    assert render(None, {"templateId": stored["id"]}) == {"text": "Здравствуйте, ! <b></b> & всё",
                                                          "missing": ["contact.firstName", "deal.amount"], "unknown": []}

    # A dialogue brings its client and contact.
    accounts = server.graphql('{ channels(filter: {kinds: [EMAIL]}) { edges { node { accounts { id } } } } }', token=token)
    account = accounts["data"]["channels"]["edges"][0]["node"]["accounts"][0]["id"]
    started = server.graphql('mutation($i: StartDialogueInput!) { startDialogue(input: $i) { dialogue { id } userErrors { code } } }',
                             {"i": {"channelAccountId": account, "contactId": contact["id"], "to": "ivan@romashka.example",
                                    "text": "Добрый день!"}}, token=token)["data"]["startDialogue"]
    assert started["userErrors"] == []
    by_dialogue = render({"dialogueId": started["dialogue"]["id"]})["text"].split("|")
    assert by_dialogue[0] == f"E2E Ромашка {tag}" and by_dialogue[5] == "Иван Сидоров"

    # Records the viewer does not see are not found.
    other = server.graphql(RENDER, {"source": {"text": "{{client.name}}"}, "context": {"clientId": client["id"]}}, token=tokens["operator"])
    assert other["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    dialogue = server.graphql(RENDER, {"source": {"text": "x"}, "context": {"dialogueId": started["dialogue"]["id"]}}, token=tokens["operator"])
    assert dialogue["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    too_long = server.graphql(RENDER, {"source": {"text": "x" * 10_001}}, token=token)
    assert too_long["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# --- Knowledge base ------------------------------------------------------------------------------

def test_only_admins_and_supervisors_edit_articles(server, tokens):
    category = f"E2E edit {marker()}"
    for who in ("manager", "operator"):
        refused = server.graphql(CREATE_ARTICLE, {"input": {"title": "Нет", "body": "Нет"}}, token=tokens[who])
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = server.graphql(CREATE_ARTICLE, {"input": {"title": " ", "body": "x" * 100_001, "tags": ["ok", " ", "y" * 51]}},
                         token=tokens["supervisor"])["data"]["createKnowledgeArticle"]
    assert bad["knowledgeArticle"] is None
    assert sorted((tuple(e["field"]), e["code"]) for e in bad["userErrors"]) == [
        (("input", "body"), "TOO_LONG"), (("input", "tags", "1"), "REQUIRED"), (("input", "tags", "2"), "TOO_LONG"), (("input", "title"), "REQUIRED")]
    many = server.graphql(CREATE_ARTICLE, {"input": {"title": "Теги", "body": "", "tags": [f"t{i}" for i in range(21)]}},
                          token=tokens["admin"])["data"]["createKnowledgeArticle"]
    assert [(e["field"], e["code"]) for e in many["userErrors"]] == [(["input", "tags"], "TOO_LONG")]
    long_title = server.graphql(CREATE_ARTICLE, {"input": {"title": "x" * 301, "body": ""}}, token=tokens["admin"])
    assert [e["code"] for e in long_title["data"]["createKnowledgeArticle"]["userErrors"]] == ["TOO_LONG"]

    article = create_article(server, tokens["supervisor"], title="  Как вернуть товар  ", body="Текст", category=category,
                             tags=[" возврат ", "Возврат", "доставка"])
    assert (article["title"], article["tags"], article["published"]) == ("Как вернуть товар", ["возврат", "доставка"], False)
    refused = server.graphql(UPDATE_ARTICLE, {"input": {"id": article["id"], "version": 1, "title": "x"}}, token=tokens["manager"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    updated = server.graphql(UPDATE_ARTICLE, {"input": {"id": article["id"], "version": 1, "published": True, "category": None}},
                             token=tokens["admin"])["data"]["updateKnowledgeArticle"]["knowledgeArticle"]
    assert updated["published"] is True and updated["category"] is None and updated["version"] == 2
    deleted = server.graphql('mutation($id: ID!) { deleteKnowledgeArticle(input: {id: $id, version: 2}) { knowledgeArticle { deletedAt } '
                             'userErrors { code } } }', {"id": article["id"]}, token=tokens["supervisor"])["data"]["deleteKnowledgeArticle"]
    assert deleted["userErrors"] == [] and deleted["knowledgeArticle"]["deletedAt"] is not None


def test_drafts_are_seen_by_editors_only(server, tokens):
    tag = marker()
    category = f"E2E drafts {tag}"
    draft = create_article(server, tokens["supervisor"], title=f"Черновик {tag}", body="Новые тарифы на доставку", category=category)
    create_article(server, tokens["supervisor"], title=f"Опубликовано {tag}", body="Старые тарифы на доставку", category=category, published=True)

    def titles(token, **filter):
        body = server.graphql(ARTICLES, {"filter": {"category": category, **filter}}, token=token)
        return [e["node"]["title"] for e in body["data"]["knowledgeArticles"]["edges"]]

    for who in ("manager", "operator"):
        assert titles(tokens[who]) == [f"Опубликовано {tag}"]
        assert titles(tokens[who], published=False) == []
        assert titles(tokens[who], query="тарифы") == [f"Опубликовано {tag}"]
        assert server.graphql(NODE, {"id": draft["id"]}, token=tokens[who])["data"]["node"] is None
    for who in ("admin", "supervisor"):
        assert titles(tokens[who]) == [f"Опубликовано {tag}", f"Черновик {tag}"]
        assert titles(tokens[who], published=False) == [f"Черновик {tag}"]
        assert len(titles(tokens[who], query="тарифы")) == 2
        assert server.graphql(NODE, {"id": draft["id"]}, token=tokens[who])["data"]["node"]["__typename"] == "KnowledgeArticle"
    server.graphql(UPDATE_ARTICLE, {"input": {"id": draft["id"], "version": 1, "published": True}}, token=tokens["admin"])
    assert len(titles(tokens["operator"])) == 2


def test_search_finds_word_forms_best_first(server, tokens):
    tag = marker()
    category = f"E2E search {tag}"
    token = tokens["admin"]
    title_hit = create_article(server, token, title="Счёт на оплату", category=category, published=True,
                               body="Счёт приходит на почту. Оплатить его можно переводом.")
    body_hit = create_article(server, token, title="Закрывающие документы", category=category, published=True,
                              body="После оплаты пришлём акт. Акт и счета-фактуры приходят через ЭДО.")
    create_article(server, token, title="Подключение телефонии", category=category, published=True,
                   body="Администратор подключает АТС и указывает адрес вебхука.", tags=["телефония"])
    create_article(server, token, title="How to pay invoices", category=category, published=True,
                   body="Invoices are paid by bank transfer; quote the invoice number.")

    def titles(query, **filter):
        return [e["node"]["title"] for e in search(server, tokens["operator"], query, category=category, **filter)["edges"]]

    for query in ("счёта", "счет", "СЧЕТАМИ", "счёт"):
        assert titles(query) == ["Счёт на оплату", "Закрывающие документы"], query
    found = search(server, tokens["operator"], "счета", category=category)
    assert found["totalCount"] == 2 and found["edges"][0]["rank"] > found["edges"][1]["rank"] > 0
    assert found["edges"][0]["snippet"] == "<mark>Счёт</mark> приходит на почту. Оплатить его можно переводом."
    assert found["edges"][1]["snippet"] == "После оплаты пришлём акт. Акт и <mark>счета</mark>-фактуры приходят через ЭДО."
    # «оплатить» and «оплаты» share the stem of «оплату»; every word must match.
    assert titles("оплатить") == ["Счёт на оплату", "Закрывающие документы"]
    assert titles("как оплатить счёт") == ["Счёт на оплату", "Закрывающие документы"]
    assert titles("оплата телефонии") == []
    # A long stem matches longer words: «подключить» finds «подключение», «подключает»; tags count.
    assert titles("подключить телефонию") == ["Подключение телефонии"]
    assert titles("invoice") == ["How to pay invoices"] and titles("paying") == ["How to pay invoices"]
    # Query syntax never reaches FTS5.
    for odd in ('счёт* "оплату" -(', 'NEAR(счёт', '"', "*", "-", "AND OR NOT"):
        body = server.graphql(ARTICLES, {"filter": {"query": odd, "category": category}}, token=token)
        assert "errors" not in body, (odd, body)
    assert titles('счёт* "оплату" -(') == ["Счёт на оплату", "Закрывающие документы"]
    assert titles('"') == []
    # Filters apply to searches; a search pages forward by position.
    assert titles("счёт", tags=["телефония"]) == []
    page = server.graphql(ARTICLES, {"filter": {"query": "счета", "category": category}, "first": 1}, token=token)["data"]["knowledgeArticles"]
    assert [e["node"]["id"] for e in page["edges"]] == [title_hit["id"]] and page["pageInfo"]["hasNextPage"] is True
    rest = server.graphql(ARTICLES, {"filter": {"query": "счета", "category": category}, "first": 1, "after": page["pageInfo"]["endCursor"]},
                          token=token)["data"]["knowledgeArticles"]
    assert [e["node"]["id"] for e in rest["edges"]] == [body_hit["id"]]
    assert rest["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True, "endCursor": rest["edges"][0]["cursor"]}
    backwards = server.graphql(ARTICLES, {"filter": {"query": "счета"}, "last": 1}, token=token)
    assert backwards["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_snippets_escape_html(server, tokens):
    category = f"E2E escape {marker()}"
    create_article(server, tokens["admin"], title="Вставка скриптов", category=category, published=True,
                   body='Нельзя вставлять <script>alert("счёт")</script> в счёт & в "письма".')
    edge = search(server, tokens["operator"], "счёт", category=category)["edges"][0]
    assert edge["snippet"] == ("Нельзя вставлять &lt;script&gt;alert(&quot;<mark>счёт</mark>&quot;)&lt;/script&gt; "
                               "в <mark>счёт</mark> &amp; в &quot;письма&quot;.")
    assert "<script>" not in edge["snippet"]


def test_lists_order_by_title_or_update_and_page(server, tokens):
    tag = marker()
    category = f"E2E paging {tag}"
    token = tokens["admin"]
    articles = {title: create_article(server, token, title=title, body="", category=category, published=True, tags=tags)
                for title, tags in (("Бета", ["a", "b"]), ("Альфа", ["a"]), ("Гамма", ["B", "a"]))}
    server.graphql(UPDATE_ARTICLE, {"input": {"id": articles["Альфа"]["id"], "version": 1, "body": "Новое"}}, token=token)

    def page(**variables):
        body = server.graphql(ARTICLES, {"filter": {"category": category}, **variables}, token=tokens["operator"])
        assert "errors" not in body, body
        return body["data"]["knowledgeArticles"]

    first = page(first=2)
    assert [e["node"]["title"] for e in first["edges"]] == ["Альфа", "Бета"] and first["totalCount"] == 3
    assert all(e["rank"] is None and e["snippet"] is None for e in first["edges"])
    assert [e["node"]["title"] for e in page(first=2, after=first["pageInfo"]["endCursor"])["edges"]] == ["Гамма"]
    assert [e["node"]["title"] for e in page(orderBy={"field": "TITLE", "direction": "DESC"})["edges"]] == ["Гамма", "Бета", "Альфа"]
    assert [e["node"]["title"] for e in page(orderBy={"field": "UPDATED_AT", "direction": "DESC"})["edges"]] == ["Альфа", "Гамма", "Бета"]
    assert [e["node"]["title"] for e in page(last=1)["edges"]] == ["Гамма"]
    tagged = server.graphql(ARTICLES, {"filter": {"category": category, "tags": ["A", "b"]}}, token=token)["data"]["knowledgeArticles"]
    assert [e["node"]["title"] for e in tagged["edges"]] == ["Бета", "Гамма"]
