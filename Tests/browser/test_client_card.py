"""Clients: the global search finds a client by a phone written in another notation than it was
stored (and by e-mail, or a contact's name through `#/clients?q=`), grouped with its contact persons and deals; its card shows the profile,
contacts and deals; the timeline shows its first page and loads the next one (keyset paging with
`after:`) when scrolled to its end, until the whole history is there."""

import uuid

import pytest
from selenium.webdriver.common.keys import Keys

from browser_helpers import ok, unique
from e2e_support import MANAGER_EMAIL

CREATE_CLIENT = 'mutation($i: CreateClientInput!) { createClient(input: $i) { client { id name } userErrors { code message } } }'
CREATE_CONTACT = 'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id name } userErrors { code message } } }'
CREATE_DEAL = 'mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id title } userErrors { code message } } }'
CREATE_NOTE = 'mutation($i: CreateNoteInput!) { createNote(input: $i) { note { id } userErrors { code message } } }'
TIMELINE = 'query($id: ID!) { node(id: $id) { ... on Client { timeline(first: 1) { totalCount } } } }'
NOTES = 25


@pytest.fixture(scope="module")
def client(server):
    """A client with a phone stored as +7 9XX…, a contact, a deal and a long history (notes)."""
    token = server.sign_in(MANAGER_EMAIL, device="browser client card")
    digits = str(uuid.uuid4().int % 10_000_000).zfill(7)
    phone = f"+7977{digits}"
    name = unique("ООО «Поиск по телефону»")
    email = f"card-{digits}@client.example"
    created = ok(server.graphql(CREATE_CLIENT, {"i": {"kind": "ORGANISATION", "status": "CLIENT", "name": name, "industry": "Логистика",
                                                      "phones": [{"number": phone, "kind": "WORK", "primary": True}],
                                                      "emails": [{"address": email}]}}, token=token), "createClient")["client"]
    contact = ok(server.graphql(CREATE_CONTACT, {"i": {"clientId": created["id"], "firstName": "Ирина", "lastName": unique("Карточкина"),
                                                       "position": "Закупки"}}, token=token), "createContact")["contact"]
    deal = ok(server.graphql(CREATE_DEAL, {"i": {"title": unique("Поставка по карточке"), "clientId": created["id"], "amount": "99000"}},
                             token=token), "createDeal")["deal"]
    for number in range(NOTES):
        ok(server.graphql(CREATE_NOTE, {"i": {"subject": {"clientId": created["id"]}, "body": f"Заметка №{number + 1}"}}, token=token), "createNote")
    total = server.graphql(TIMELINE, {"id": created["id"]}, token=token)["data"]["node"]["timeline"]["totalCount"]
    assert total > 20 + 1, total
    return {**created, "phone": phone, "digits": digits, "email": email, "contact": contact, "deal": deal, "total": total}


def items(console):
    return len(console.find_all("#timeline-list .timeline-item"))


def test_search_by_phone_opens_the_card_and_the_timeline_scrolls(console, client):
    console.sign_in(MANAGER_EMAIL, view="clients")
    box = console.find("#client-search")
    assert console.driver.switch_to.active_element == box   # the box has focus when the view opens

    # The phone typed as people write it, not as stored (+7977…): 8 (977) xxx-xx-xx.
    d = client["digits"]
    box.send_keys(f"8 (977) {d[:3]}-{d[3:5]}-{d[5:]}")
    result = console.find(f'.result-group[data-group="clients"] .search-result[data-client-id="{client["id"]}"] a')
    assert client["name"] in result.text
    result.click()

    card = console.find(f'.client-card[data-client-id="{client["id"]}"]')
    assert console.text("#client-name") == client["name"]
    console.wait_text(".client-profile", f"+7 977 {d[:3]}-{d[3:5]}-{d[5:]}")
    console.wait_text(".client-profile", client["email"])
    console.wait_text(".client-profile", "Логистика")
    console.wait_text(".client-contacts", client["contact"]["name"])
    console.wait_text(".client-deals", client["deal"]["title"])
    assert card.is_displayed()
    assert console.attribute(f'.search-result[data-client-id="{client["id"]}"] a', "aria-current") == "true"

    # The timeline: a first page of 20, then the rest when its end scrolls into view.
    console.wait_until(lambda: items(console) == 20, message="the first page never came")
    assert console.attribute("#timeline-list", "data-pages") == "1"
    console.wait_text(".timeline-count", f"20 of {client['total']}")
    console.screenshot("clients")
    console.driver.execute_script("const l = document.getElementById('timeline-list'); l.scrollTop = l.scrollHeight;")
    console.wait_until(lambda: items(console) == client["total"], message=f"not loaded when scrolled: {items(console)} items")
    assert console.attribute("#timeline-list", "data-pages") == "2"
    console.wait_text(".timeline-state", "whole history")
    ids = console.driver.execute_script("return [...document.querySelectorAll('#timeline-list .timeline-item')].map(e => e.dataset.itemId)")
    assert len(set(ids)) == len(ids) == client["total"], "an item twice or missing"
    oldest = console.driver.execute_script("const all = document.querySelectorAll('#timeline-list .timeline-item'); return all[all.length - 1].dataset.kind + ' ' + all[all.length - 1].dataset.action")
    assert oldest == "PROFILE CREATED", oldest   # newest first: the client's creation comes last
    console.screenshot("clients-narrow", size=(390, 844))


def test_search_by_email_and_by_link(console, client):
    console.sign_in(MANAGER_EMAIL, view="clients")
    box = console.find("#client-search")
    box.send_keys(client["email"].upper(), Keys.ENTER)
    console.find(f'.result-group[data-group="clients"] .search-result[data-client-id="{client["id"]}"]')
    box.clear()
    box.send_keys("q")
    console.wait_text("#search-results", "at least 2 characters")

    # `#/clients?q=…` searches (what a search field elsewhere links to): a contact's name finds the
    # contact, whose result opens its client's card.
    console.go("support")
    console.driver.execute_script("location.hash = arguments[0]", "#/clients?q=" + client["contact"]["name"])
    result = console.find(f'.result-group[data-group="contacts"] .search-result[data-client-id="{client["id"]}"] a')
    assert console.find("#client-search").get_attribute("value") == client["contact"]["name"]
    result.click()
    console.find(f'.client-card[data-client-id="{client["id"]}"]')
