"""The shell: signing in, the header's live connection and presence, the language switch, and
signing out closing the socket (the server sees the user go offline)."""

from browser_helpers import eventually, presence_of
from e2e_support import ADMIN_EMAIL, MANAGER_EMAIL, OPERATOR_EMAIL


def test_sign_in_then_the_header_shows_live(console, server, admin_token):
    console.find("#sign-in-email")
    console.screenshot("sign-in")

    # A wrong password is refused in words; nothing else happens.
    console.find("#sign-in-email").send_keys(MANAGER_EMAIL)
    console.find("#sign-in-password").send_keys("not-the-password")
    console.find("#sign-in-submit").click()
    console.wait_text("#sign-in-error", "Wrong e-mail or password")

    console.find("#sign-in-password").clear()
    console.find("#sign-in-password").send_keys("switchboard-demo")
    console.find("#sign-in-submit").click()
    console.wait_for_connection("live")
    assert "Live" in console.find("#connection-state").text
    console.wait_text(".user-name", "Виктория")
    # The first view opens by default and the server counts the socket as a live console.
    console.find('.app-main[data-view="dialogues"]')
    assert console.find('.views-nav a[aria-current="page"]').get_attribute("data-view") == "dialogues"
    eventually(lambda: presence_of(server, admin_token, MANAGER_EMAIL) == "AVAILABLE", message="never AVAILABLE")

    # A reload keeps the session (sessionStorage) and connects again.
    console.driver.refresh()
    console.wait_for_connection("live")


def test_presence_and_language_are_chosen_in_the_header(console, server, admin_token):
    console.sign_in(OPERATOR_EMAIL)
    select = console.find("#presence-select")
    assert select.get_attribute("value") == "AVAILABLE"
    console.wait_until(lambda: console.attribute(".presence", "data-presence") == "AVAILABLE", message="presence never shown online")
    try:
        console.driver.execute_script("arguments[0].value = 'BUSY'; arguments[0].dispatchEvent(new Event('change'))", select)
        eventually(lambda: presence_of(server, admin_token, OPERATOR_EMAIL) == "BUSY", message="never BUSY")
        console.wait_until(lambda: console.find(".presence").get_attribute("data-presence") == "BUSY")
    finally:
        server.graphql('mutation { setPresence(input: {presence: AVAILABLE}) { userErrors { code } } }',
                       token=server.sign_in(OPERATOR_EMAIL))

    # Russian labels, kept after a reload.
    console.find('.header-tools button[data-lang="ru"]').click()
    console.wait_text("#sign-out", "Выйти")
    console.wait_text("#connection-state", "На связи")
    console.driver.refresh()
    console.wait_text("#sign-out", "Выйти")
    console.wait_text(".inbox h1", "Входящие")
    console.screenshot("dialogues-ru")
    console.find('.header-tools button[data-lang="en"]').click()
    console.wait_text("#sign-out", "Sign out")


def test_signing_out_closes_the_socket(console, server, admin_token):
    console.sign_in(ADMIN_EMAIL)
    eventually(lambda: presence_of(server, admin_token, ADMIN_EMAIL) != "OFFLINE", message="admin never online")
    console.sign_out()
    # The server sees no live console of the user any more.
    eventually(lambda: presence_of(server, admin_token, ADMIN_EMAIL) == "OFFLINE", message="socket still open")
    assert console.find_all("#connection-state") == []
    assert console.driver.execute_script("return sessionStorage.getItem('switchboard.session')") is None


def test_the_header_is_reachable_by_keyboard_with_a_visible_focus(console):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    console.sign_in(MANAGER_EMAIL, view="support")
    console.find(".queue tbody")
    driver = console.driver
    views = driver.execute_script("return [...document.querySelectorAll('.views-nav a')].map((a) => a.dataset.view)")
    assert views[:2] == ["dialogues", "support"], views
    expected = ["skip-link", *views, "presence-select", "en", "ru", "sign-out"]
    driver.execute_script("document.activeElement.blur()")
    focused = []
    for _ in range(len(expected)):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused.append(driver.execute_script("""const e = document.activeElement;
            return { tag: e.tagName, id: e.id, key: e.dataset.view || e.dataset.lang || e.className,
                     outline: getComputedStyle(e).outlineStyle };"""))
    keys = [f["id"] or f["key"] for f in focused]
    assert keys == expected, keys
    assert all(f["outline"] == "solid" for f in focused), focused
    # The skip link takes the focus to the view.
    driver.execute_script("document.getElementById('skip-link').focus()")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.execute_script("return document.activeElement.id") == "main"
    console.screenshot("header-narrow", size=(390, 700))


def test_a_dropped_connection_shows_reconnecting_then_live(console):
    console.sign_in(OPERATOR_EMAIL)
    # Drop the page's socket as a network failure would (the server is not told).
    console.driver.execute_script("window.switchboard.live.socket.close(4000, 'test: dropped')")
    console.wait_for_connection("reconnecting", timeout=3)
    assert "Reconnecting" in console.find("#connection-state").text
    console.wait_for_connection("live", timeout=10)
