"""My sales: the manager's Kanban board. A card dragged with the mouse to another column is moved
in the database (`moveDeal`), and so is one moved with the keyboard through its "Move to…" menu;
a move made elsewhere (through the API) reaches the open board live; cards are coloured by their
expected close date; the figures above the board add up to what the API says. A move the server
refuses (a stale version: someone edited the deal while the request was on its way) is rolled
back on the screen with a visible message, and the next move works; a move of a deal that was
handed to a colleague meanwhile (NOT_FOUND) takes its stale card off the board."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from browser_helpers import ok, unique
from e2e_support import ADMIN_EMAIL, MANAGER_EMAIL

SETUP = '{ me { id timeZone } pipelines(first: 20) { edges { node { id name isDefault stages { id name } } } } }'
CREATE = 'mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id version stage { id } } userErrors { code message } } }'
MOVE = 'mutation($i: MoveDealInput!) { moveDeal(input: $i) { deal { id version stage { id } } userErrors { code message } } }'
UPDATE = 'mutation($i: UpdateDealInput!) { updateDeal(input: $i) { deal { id version } userErrors { code message } } }'
DEAL = 'query($id: ID!) { node(id: $id) { ... on Deal { id version status stage { id name } } } }'
USERS = '{ users(first: 100) { edges { node { id email } } } }'
COLLEAGUE = "grigory.popov@switchboard.test"
DEALS = '''query($f: DealFilter, $after: String) { deals(first: 100, after: $after, filter: $f) {
  pageInfo { hasNextPage endCursor } edges { node { amount currency } } } }'''

# Holds the board's moveDeal requests until the test lets them go (installed before the console
# loads, since the client library keeps the `fetch` it found).
HOLD_MOVES = """
(() => {
  const realFetch = window.fetch.bind(window);
  window.__held = [];
  window.__holdMoves = false;
  window.fetch = (url, init) => {
    if (window.__holdMoves && typeof init?.body === 'string' && init.body.includes('SalesMoveDeal')) {
      return new Promise((resolve, reject) => window.__held.push(() => realFetch(url, init).then(resolve, reject)));
    }
    return realFetch(url, init);
  };
  window.__release = () => { for (const go of window.__held.splice(0)) go(); };
})();
"""


@pytest.fixture(scope="module")
def manager(server):
    token = server.sign_in(MANAGER_EMAIL, device="browser sales board")
    data = server.graphql(SETUP, token=token)["data"]
    pipelines = [edge["node"] for edge in data["pipelines"]["edges"]]
    default = next(p for p in pipelines if p["isDefault"])
    today = datetime.now(ZoneInfo(data["me"]["timeZone"])).date()
    return {"token": token, "id": data["me"]["id"], "pipelines": pipelines, "pipeline": default, "today": today}


def new_deal(server, manager, title, close: date, amount="150000"):
    return ok(server.graphql(CREATE, {"i": {"title": title, "pipelineId": manager["pipeline"]["id"], "amount": amount,
                                            "expectedCloseDate": close.isoformat()}}, token=manager["token"]), "createDeal")["deal"]


def stage_of(server, manager, deal_id):
    return server.graphql(DEAL, {"id": deal_id}, token=manager["token"])["data"]["node"]


def total(server, manager, filter_):
    """Sum of the amounts of all deals matching `filter_` (one currency expected), their count, and
    how many have an amount (the average is over those)."""
    amounts, after = [], None
    while True:
        page = server.graphql(DEALS, {"f": filter_, "after": after}, token=manager["token"])["data"]["deals"]
        amounts += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert {deal["currency"] for deal in amounts if deal["amount"]} <= {"RUB"}, "the default pipeline's deals are in roubles"
    priced = [Decimal(deal["amount"]) for deal in amounts if deal["amount"]]
    return sum(priced), len(amounts), len(priced)


def digits(text):
    return int("".join(ch for ch in text if ch.isdigit()) or 0)


def card(deal_id):
    return f'.deal-card[data-deal-id="{deal_id}"]'


def column_of(console, deal_id):
    return console.driver.execute_script(
        "const c = document.querySelector(arguments[0]); return c ? c.closest('[data-drop-stage]').dataset.dropStage : null;", card(deal_id))


def drag(console, deal_id, stage_id):
    """Drags a card with the mouse (press on its title, move, drop on the column)."""
    source = console.find(f"{card(deal_id)} .deal-title")
    target = console.find(f'.board-column[data-drop-stage="{stage_id}"] .column-cards')
    ActionChains(console.driver).click_and_hold(source).move_by_offset(12, 8).move_to_element(target) \
        .move_by_offset(0, 5).release().perform()


def test_deals_move_by_drag_keyboard_and_live(console, server, manager):
    stages = manager["pipeline"]["stages"]
    today = manager["today"]
    due_today = new_deal(server, manager, unique("Board today"), today)
    overdue = new_deal(server, manager, unique("Board overdue"), today - timedelta(days=3))
    later = new_deal(server, manager, unique("Board later"), today + timedelta(days=40))

    console.sign_in(MANAGER_EMAIL, view="sales")
    console.find(card(due_today["id"]))
    assert console.attribute(card(due_today["id"]), "data-deadline") == "today"
    assert console.attribute(card(overdue["id"]), "data-deadline") == "overdue"
    assert console.attribute(card(later["id"]), "data-deadline") == "later"
    assert Select(console.find("#pipeline-select")).first_selected_option.get_attribute("value") == manager["pipeline"]["id"]
    heads = [e.text for e in console.find_all(".board-column .column-head h2")]
    assert heads == [stage["name"] for stage in stages]

    # The figures: what the API says of her open deals in this pipeline and this month's won ones.
    mine = {"ownerIds": [manager["id"]], "pipelineIds": [manager["pipeline"]["id"]]}
    open_sum, open_count, priced_count = total(server, manager, {**mine, "statuses": ["OPEN"]})
    month_start = today.replace(day=1)
    zone = ZoneInfo(server.graphql("{ me { timeZone } }", token=manager["token"])["data"]["me"]["timeZone"])
    start = datetime(month_start.year, month_start.month, 1, tzinfo=zone).isoformat()
    won_sum, won_count, _ = total(server, manager, {**mine, "statuses": ["WON"], "closedAt": {"from": start}})
    console.wait_until(lambda: "…" not in console.text("#figure-won .figure-value"), message="won figure never loaded")
    assert digits(console.text("#figure-open .figure-value")) == int(open_sum)
    assert f"{open_count} deals" in console.text("#figure-open")
    assert digits(console.text("#figure-average .figure-value")) == int((open_sum / priced_count).quantize(Decimal(1), "ROUND_HALF_UP"))
    assert digits(console.text("#figure-won .figure-value")) == int(won_sum)
    assert f"{won_count} deals" in console.text("#figure-won")

    # Drag and drop with the mouse: the card moves at once, the server records it.
    drag(console, due_today["id"], stages[1]["id"])
    assert column_of(console, due_today["id"]) == stages[1]["id"]
    console.wait_until(lambda: stage_of(server, manager, due_today["id"])["stage"]["id"] == stages[1]["id"], message="not moved on the server")
    console.wait_until(lambda: console.attribute(card(due_today["id"]), "data-pending") is None)
    console.wait_text("#board-status", "moved to")

    # The keyboard: Tab to "Move to…", Enter opens the menu, arrows choose, Enter moves.
    button = console.find(f"{card(due_today['id'])} .move-button")
    button.send_keys(Keys.ENTER)
    menu = console.find(f"{card(due_today['id'])} [role=menu]")
    items = menu.find_elements(By.CSS_SELECTOR, "[role=menuitem]")
    assert [i.text for i in items] == [s["name"] for s in stages if s["id"] != stages[1]["id"]]
    assert console.driver.switch_to.active_element == items[0]
    items[0].send_keys(Keys.ARROW_DOWN)
    items[1].send_keys(Keys.ARROW_DOWN)
    assert console.driver.switch_to.active_element == items[2]   # stages[3]
    items[2].send_keys(Keys.ENTER)
    console.wait_until(lambda: stage_of(server, manager, due_today["id"])["stage"]["id"] == stages[3]["id"], message="keyboard move not stored")
    assert column_of(console, due_today["id"]) == stages[3]["id"]
    console.wait_until(lambda: console.driver.switch_to.active_element.get_attribute("class") == "move-button chip",
                       message="focus not back on the card's button")
    # Escape closes the menu and gives focus back.
    console.find(f"{card(due_today['id'])} .move-button").send_keys(Keys.ENTER)
    console.find(f"{card(due_today['id'])} [role=menu] [role=menuitem]").send_keys(Keys.ESCAPE)
    console.wait_until(lambda: not console.find_all(f"{card(due_today['id'])} [role=menu]"))

    # Someone else (the admin, through the API) moves a deal: the open board follows, live.
    admin = server.sign_in(ADMIN_EMAIL, device="browser sales board admin")
    version = stage_of(server, manager, later["id"])["version"]
    ok(server.graphql(MOVE, {"i": {"id": later["id"], "version": version, "stageId": stages[2]["id"]}}, token=admin), "moveDeal")
    console.wait_until(lambda: column_of(console, later["id"]) == stages[2]["id"], message="the board did not follow a move made elsewhere")
    console.wait_text("#board-status", "moved")
    console.screenshot("sales")
    console.screenshot("sales-narrow", size=(390, 844))

    # The pipeline switcher shows another pipeline's stages.
    other = next(p for p in manager["pipelines"] if not p["isDefault"])
    Select(console.find("#pipeline-select")).select_by_value(other["id"])
    console.wait_until(lambda: [e.text for e in console.find_all(".board-column .column-head h2")] == [s["name"] for s in other["stages"]],
                       message="the other pipeline's stages never showed")
    assert console.driver.current_url.endswith(f"#/sales/{other['id']}")


def test_a_refused_move_is_rolled_back(console, server, manager):
    stages = manager["pipeline"]["stages"]
    deal = new_deal(server, manager, unique("Board conflict"), manager["today"] + timedelta(days=5))
    script = console.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOLD_MOVES})["identifier"]
    try:
        console.reset()
        console.sign_in(MANAGER_EMAIL, view="sales")
        console.find(card(deal["id"]))
        console.driver.execute_script("window.__holdMoves = true")

        # The card moves at once while the request is on its way...
        drag(console, deal["id"], stages[2]["id"])
        console.wait_until(lambda: console.driver.execute_script("return window.__held.length") == 1, message="moveDeal never sent")
        assert column_of(console, deal["id"]) == stages[2]["id"]
        assert console.attribute(card(deal["id"]), "data-pending") == "true"

        # ...meanwhile someone edits the deal, so the version the board sent is stale.
        ok(server.graphql(UPDATE, {"i": {"id": deal["id"], "version": deal["version"], "amount": "175000"}}, token=manager["token"]), "updateDeal")
        console.driver.execute_script("window.__release()")

        # The server refuses (CONFLICT): the card goes back, with a message; nothing moved.
        console.wait_until(lambda: column_of(console, deal["id"]) == stages[0]["id"], message="not rolled back")
        message = console.find("#board-message")
        assert "was not moved" in message.text and "changed meanwhile" in message.text and stages[0]["name"] in message.text, message.text
        stored = stage_of(server, manager, deal["id"])
        assert stored["stage"]["id"] == stages[0]["id"] and stored["version"] == deal["version"] + 1
        assert "175,000" in console.text(f"{card(deal['id'])} .deal-amount")   # the server's current deal
        console.screenshot("sales-refused")

        # The card now carries the current version: moving it again works.
        console.driver.execute_script("window.__holdMoves = false")
        drag(console, deal["id"], stages[1]["id"])
        console.wait_until(lambda: stage_of(server, manager, deal["id"])["stage"]["id"] == stages[1]["id"], message="retry not stored")
        console.wait_until(lambda: console.attribute("#board-message", "hidden") is not None, message="the message stayed")

        # A deal handed to a colleague leaves her board at once: the API tells the former owner of
        # the handover once more (the deal with its new owner), and the board drops the card.
        other = new_deal(server, manager, unique("Board handed over"), manager["today"] + timedelta(days=9))
        console.find(card(other["id"]))
        admin = server.sign_in(ADMIN_EMAIL, device="browser sales board admin")
        colleague = next(e["node"]["id"] for e in server.graphql(USERS, token=admin)["data"]["users"]["edges"]
                         if e["node"]["email"] == COLLEAGUE)
        ok(server.graphql(UPDATE, {"i": {"id": other["id"], "version": other["version"], "ownerId": colleague}}, token=admin), "updateDeal")
        console.wait_until(lambda: not console.find_all(card(other["id"])), message="the handed-over card stayed")
        assert server.graphql(DEAL, {"id": other["id"]}, token=admin)["data"]["node"]["stage"]["id"] == stages[0]["id"]
    finally:
        console.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script})
