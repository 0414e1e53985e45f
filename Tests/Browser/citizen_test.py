#!/usr/bin/env python3
"""The citizen side in a real browser: headless Chromium, on a phone-sized window, reports a fly-tip at
/signaler (map pick, nearby open reports, list and checkbox attributes, a PNG whose text and EXIF metadata the
server must strip), follows it at /suivi/TOKEN, reaches every field with the keyboard; an operator then triages
it at /triage, and the tracking page shows the note and the new status. The pages log no JavaScript error.
Screenshots are kept in the artefacts folder.

Usage: citizen_test.py VIGIE_BINARY ARTEFACTS_FOLDER
"""
import math
import os
import re
import struct
import sys
import tempfile
import urllib.request
import zlib
from urllib.parse import parse_qs, urlparse

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness

if len(sys.argv) != 3:
    sys.exit(__doc__.strip().splitlines()[-1])
vigie, artefacts = sys.argv[1], sys.argv[2]
os.makedirs(artefacts, exist_ok=True)
work = tempfile.mkdtemp(prefix="vigie-citizen-")
db = os.path.join(work, "demo.sqlite")

DESCRIPTION = "Encombrants devant le 12"
EMAIL = "camille.signale@example.org"
NOTE = "Enlèvement prévu jeudi"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SERVICES = [str(code) for code in range(101, 111)]
driver = None


def fail(message):
    print("citizen browser test failed: " + message, file=sys.stderr)
    if driver is not None:
        driver.save_screenshot(os.path.join(artefacts, "citizen-failure.png"))
        print("page %s; screenshot citizen-failure.png" % driver.current_url, file=sys.stderr)
    sys.exit(1)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def photo_with_metadata():
    """A 32×32 PNG carrying what a phone leaks: a tEXt comment and an eXIf block, both naming a position."""
    size = 32
    rows = b"".join(b"\x00" + b"".join(bytes((200, 8 * x % 256, 8 * y % 256)) for x in range(size)) for y in range(size))
    where = b"GPS 43.29,5.37\x00"
    # A big-endian TIFF header, then one IFD entry: ImageDescription (0x010E), ASCII, stored after the IFD.
    exif = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">HHHII", 1, 0x010E, 2, len(where), 26) + b"\x00\x00\x00\x00" + where
    return (PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00GPS 43.29,5.37") + chunk(b"eXIf", exif)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_chunk_types(data, where):
    """The chunk types of a PNG, after checking its signature, every length and every CRC."""
    if not data.startswith(PNG_SIGNATURE):
        fail("%s: expected a PNG, got bytes starting %r" % (where, data[:16]))
    kinds, position = [], len(PNG_SIGNATURE)
    while position < len(data):
        if position + 12 > len(data):
            fail("%s: the PNG is truncated after the chunks %s" % (where, kinds))
        length, kind = struct.unpack(">I", data[position:position + 4])[0], data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        crc = data[position + 8 + length:position + 12 + length]
        if len(crc) != 4 or struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            fail("%s: the PNG chunk %r has a bad length or CRC" % (where, kind))
        kinds.append(kind.decode("latin-1"))
        position += 12 + length
    return kinds


def distance(lat1, long1, lat2, long2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(long2 - long1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


harness.demo(vigie, db, seed=3, scale=0.05)
photo = os.path.join(work, "depot.png")
with open(photo, "wb") as file:
    file.write(photo_with_metadata())

server, base = harness.serve(vigie, db, os.path.join(artefacts, "citizen-server.log"))
try:
    if base is None:
        fail("the server did not start")
    # French, as a Marseille reporter's browser would ask.
    driver = harness.chrome(["--window-size=1280,900", "--lang=fr-FR"], french=True)

    def phone():
        # A window cannot be narrower than 500 px, so the phone's viewport is emulated.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})

    def desktop():
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def check_console(page):
        errors = harness.console_errors(driver)
        if errors:
            fail("%s logged errors: %s" % (page, errors))

    def one(css, page):
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if len(found) != 1:
            fail("%s: expected one %s, found %d" % (page, css, len(found)))
        return found[0]

    def until(condition, what, seconds=20):
        try:
            return WebDriverWait(driver, seconds).until(condition)
        except TimeoutException:
            text = driver.find_element(By.TAG_NAME, "body").text
            fail("%s: waited %d s for %s; the page (%s) shows: %r" % (urlparse(driver.current_url).path, seconds, what,
                                                                     driver.current_url, text[:600]))

    def centre_click(element):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        ActionChains(driver).move_to_element(element).click().perform()

    def picked_position(page):
        until(lambda d: d.find_element(By.NAME, "lat").get_attribute("value")
              and d.find_element(By.NAME, "long").get_attribute("value"), "a click on #pick-map to set lat and long")
        lat, long = (float(driver.find_element(By.NAME, name).get_attribute("value")) for name in ("lat", "long"))
        if not (43.15 < lat < 43.40 and 5.20 < long < 5.60):
            fail("%s: a click at the centre of #pick-map gave %.5f, %.5f, not a place in Marseille" % (page, lat, long))
        return lat, long

    # The list of services, mobile first.
    phone()
    driver.get(base + "/signaler")
    links = driver.find_elements(By.CSS_SELECTOR, "a.service")
    codes = [parse_qs(urlparse(link.get_attribute("href")).query).get("service", [""])[0] for link in links]
    if sorted(codes) != SERVICES or any(urlparse(link.get_attribute("href")).path != "/signaler" for link in links):
        fail("/signaler: expected 10 a.service links to /signaler?service=101..110, got %s"
             % [link.get_attribute("href") for link in links])
    french_text = driver.find_element(By.TAG_NAME, "body").text
    driver.save_screenshot(os.path.join(artefacts, "citizen-services.png"))
    check_console("/signaler")

    # Each datatype has its control (services 102, 105, 106, 109; 101 comes next).
    controls = {
        "102": ['select[name="attribute[surface]"]', 'input[name="attribute[area]"]', 'select[name="attribute[offensive]"]'],
        "105": ['select[name="attribute[kind]"]', 'input[type=datetime-local][name="attribute[started]"]'],
        "106": ['input[type=checkbox][name="attribute[blocking][]"]'],
        "109": ['input[name="attribute[items]"]', 'textarea[name="attribute[access]"]'],
    }
    for code, selectors in controls.items():
        page = "/signaler?service=" + code
        driver.get(base + page)
        for selector in selectors:
            if not driver.find_elements(By.CSS_SELECTOR, "form#report-form " + selector):
                fail("%s: expected %s in form#report-form" % (page, selector))
        if code == "106" and len(driver.find_elements(By.CSS_SELECTOR, 'input[type=checkbox][name="attribute[blocking][]"]')) != 6:
            fail("%s: expected 6 checkboxes attribute[blocking][]" % page)
        if code == "105" and driver.find_elements(By.CSS_SELECTOR, '[name="attribute[notice]"]'):
            fail("%s: the display-only attribute notice must be shown as text, not as a form control" % page)
        check_console(page)

    # The report form of service 101.
    driver.get(base + "/signaler")
    driver.find_element(By.CSS_SELECTOR, 'a.service[href$="service=101"]').click()
    page = "/signaler?service=101"
    until(lambda d: d.find_elements(By.CSS_SELECTOR, "form#report-form"), "form#report-form after following the 101 link")
    form = one("form#report-form", page)
    if (form.get_attribute("method") or "").lower() != "post" or urlparse(form.get_attribute("action")).path != "/signaler" \
            or form.get_attribute("enctype") != "multipart/form-data":
        fail("%s: expected form#report-form method=post action=/signaler enctype=multipart/form-data, got %s %s %s"
             % (page, form.get_attribute("method"), form.get_attribute("action"), form.get_attribute("enctype")))
    if one("form#report-form input[name=service]", page).get_attribute("value") != "101":
        fail("%s: expected the hidden input service=101" % page)
    for selector in ["div#pick-map", "input[name=lat]", "input[name=long]", "ul#nearby", "input[name=address]",
                     "textarea[name=description]", 'select[name="attribute[volume]"]',
                     'input[type=datetime-local][name="attribute[noticed]"]', "input[type=file][name=photo]",
                     "input[name=email]", "button[type=submit]"]:
        one(("" if selector.startswith(("div#", "ul#")) else "form#report-form ") + selector, page)
    volumes = [option.get_attribute("value") for option in Select(one('select[name="attribute[volume]"]', page)).options]
    wastes = [box.get_attribute("value") for box in driver.find_elements(By.CSS_SELECTOR, 'input[type=checkbox][name="attribute[waste][]"]')]
    if not {"small", "medium", "large"} <= set(volumes) or sorted(wastes) != sorted(["furniture", "rubble", "household", "green", "appliances", "other"]):
        fail("%s: expected volume options small/medium/large and 6 waste checkboxes, got %s and %s" % (page, volumes, wastes))
    unlabelled = driver.execute_script("""
        return Array.from(document.querySelectorAll('#report-form input, #report-form select, #report-form textarea'))
            .filter(e => e.type !== 'hidden' && (!e.labels || e.labels.length === 0))
            .map(e => e.name || e.outerHTML.slice(0, 80));""")
    if unlabelled:
        fail("%s: these fields have no <label>: %s" % (page, unlabelled))
    check_console(page)

    # Keyboard: from the page's start, Tab reaches every field of the form.
    wanted = driver.execute_script("""
        return Array.from(document.querySelectorAll('#report-form input, #report-form select, #report-form textarea, #report-form button'))
            .filter(e => e.type !== 'hidden' && !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)
            .map(e => e.name || e.tagName.toLowerCase());""")
    driver.execute_script("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();")
    reached, trail = set(), []
    for _ in range(150):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        key, shown, inside = driver.execute_script("""
            const e = document.activeElement;
            return [e.name || e.tagName.toLowerCase(), e.tagName.toLowerCase() + (e.name ? '[' + e.name + ']' : e.id ? '#' + e.id : ''),
                    !!e.closest('#report-form')];""")
        trail.append(shown)
        if inside:
            reached.add(key)
        if set(wanted) <= reached:
            break
    else:
        fail("%s: 150 Tab presses from the page's start did not reach %s; focus went through %s"
             % (page, sorted(set(wanted) - reached), " → ".join(trail[:60])))
    tabs = len(trail)

    # Pick the place, see the open reports near it, fill the form and send it.
    centre_click(one("div#pick-map", page))
    lat, long = picked_position(page)
    until(lambda d: d.find_elements(By.CSS_SELECTOR, "ul#nearby li"), "ul#nearby to list open reports near the place (or li.none)")
    nearby_before = len(driver.find_elements(By.CSS_SELECTOR, "ul#nearby li:not(.none)"))
    one("form#report-form input[name=address]", page).send_keys("12 rue de la République")
    one("form#report-form textarea[name=description]", page).send_keys(DESCRIPTION)
    Select(one('select[name="attribute[volume]"]', page)).select_by_value("large")
    box = one('input[type=checkbox][name="attribute[waste][]"][value=furniture]', page)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    if not box.is_selected():
        fail("%s: clicking the waste checkbox furniture did not tick it" % page)
    one("form#report-form input[type=file][name=photo]", page).send_keys(photo)
    one("form#report-form input[name=email]", page).send_keys(EMAIL)
    driver.save_screenshot(os.path.join(artefacts, "citizen-form.png"))
    check_console(page)
    submit = one("form#report-form button[type=submit]", page)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
    submit.click()
    until(lambda d: urlparse(d.current_url).path.startswith("/suivi/"), "the redirect to /suivi/TOKEN after sending the report", 60)

    # The tracking page.
    tracking = driver.current_url
    match = re.fullmatch(re.escape(base) + r"/suivi/([^/?#]+)", tracking)
    if not match:
        fail("after sending: expected the address %s/suivi/TOKEN, got %s" % (base, tracking))
    token = match.group(1)
    page = "/suivi/" + token
    if not one("h1", page).text.strip():
        fail("%s: the h1 is empty" % page)
    status = one("#status", page).text
    if "Ouvert" not in status:
        fail("%s: expected #status to say Ouvert for a new report, got %r" % (page, status))
    image = one("img.photo", page)
    if urlparse(image.get_attribute("src")).path != "/suivi/%s/photo" % token:
        fail("%s: expected img.photo with src /suivi/%s/photo, got %s" % (page, token, image.get_attribute("src")))
    until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image), "img.photo to load")
    if EMAIL in driver.page_source:
        fail("%s: the public tracking page shows the reporter's email" % page)
    driver.save_screenshot(os.path.join(artefacts, "citizen-tracking.png"))
    check_console(page)

    answer = urllib.request.urlopen(base + "/suivi/%s/photo" % token, timeout=30)
    kept = answer.read()
    where = "GET /suivi/%s/photo" % token
    if not answer.headers.get("Content-Type", "").startswith("image/png"):
        fail("%s: expected Content-Type image/png, got %r" % (where, answer.headers.get("Content-Type")))
    kinds = png_chunk_types(kept, where)
    leaked = [kind for kind in kinds if kind in ("tEXt", "zTXt", "iTXt", "eXIf")]
    if kinds[0] != "IHDR" or kinds[-1] != "IEND" or "IDAT" not in kinds or leaked or b"GPS 43.29" in kept:
        fail("%s: expected a PNG without its text and EXIF metadata, got the chunks %s" % (where, kinds))

    # A new report at the same place now lists this one among the open reports nearby.
    driver.get(base + "/signaler?service=101")
    centre_click(one("div#pick-map", "/signaler?service=101"))
    again = picked_position("/signaler?service=101")
    if distance(lat, long, *again) > 300:
        fail("/signaler?service=101: the map's centre moved %.0f m between two visits" % distance(lat, long, *again))
    # One more open report than before the report was sent, unless the list was already long (it may be capped).
    until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "ul#nearby li:not(.none)")) > (nearby_before if nearby_before < 5 else 0),
          "ul#nearby to list the report just sent (%.0f m away) besides the %d listed before" % (distance(lat, long, *again), nearby_before))
    nearby_after = len(driver.find_elements(By.CSS_SELECTOR, "ul#nearby li:not(.none)"))
    check_console("/signaler?service=101")

    # Triage by an operator, in the same browser.
    desktop()
    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys("operator")
    driver.find_element(By.NAME, "password").send_keys("demo-operator")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    until(lambda d: d.current_url == base + "/", "the login as operator")
    driver.get(base + "/triage")
    one("table#requests", "/triage")
    if not driver.find_elements(By.CSS_SELECTOR, "table#requests a.request"):
        fail("/triage: expected rows with a.request links in table#requests")
    check_console("/triage")
    driver.get(base + "/triage?status=open")
    rows = [row for row in driver.find_elements(By.CSS_SELECTOR, "table#requests tr") if DESCRIPTION in row.text]
    hrefs = [row.find_element(By.CSS_SELECTOR, "a.request").get_attribute("href") for row in rows[:1]]
    if not hrefs:  # the list may not show descriptions: open each request until the one sent
        for href in [link.get_attribute("href") for link in driver.find_elements(By.CSS_SELECTOR, "table#requests a.request")][:100]:
            driver.get(href)
            if DESCRIPTION in driver.find_element(By.TAG_NAME, "body").text:
                hrefs = [href]
                break
    if not hrefs:
        fail("/triage?status=open: the report %r is not among the open requests" % DESCRIPTION)
    driver.save_screenshot(os.path.join(artefacts, "citizen-triage-list.png"))
    detail = hrefs[0]
    identifier = urlparse(detail).path.rsplit("/", 1)[-1]
    page = "/triage/" + identifier
    if urlparse(detail).path != page:
        fail("/triage: expected a.request to link to /triage/ID, got %s" % detail)
    driver.get(detail)
    text = driver.find_element(By.TAG_NAME, "body").text
    if DESCRIPTION not in text or EMAIL not in text:
        fail("%s: expected the description %r and the reporter's email %r on the triage page" % (page, DESCRIPTION, EMAIL))
    photos = [img for img in driver.find_elements(By.CSS_SELECTOR, "main img") if "photo" in (img.get_attribute("src") or "")]
    if not photos:
        fail("%s: expected the report's photo on the triage page" % page)
    until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", photos[0]), "the photo to load")
    form = one("form#triage-form", page)
    if (form.get_attribute("method") or "").lower() != "post" or urlparse(form.get_attribute("action")).path != page:
        fail("%s: expected form#triage-form method=post action=%s, got %s %s" % (page, page, form.get_attribute("method"), form.get_attribute("action")))
    if not one("form#triage-form input[type=hidden][name=csrf]", page).get_attribute("value"):
        fail("%s: the triage form's hidden csrf is empty" % page)
    Select(one("form#triage-form select[name=status]", page)).select_by_value("in-progress")
    Select(one("form#triage-form select[name=body]", page)).select_by_value("metropolis")
    one("form#triage-form textarea[name=note]", page).send_keys(NOTE)
    driver.save_screenshot(os.path.join(artefacts, "citizen-triage.png"))
    check_console(page)
    one("form#triage-form button[type=submit]", page).click()
    until(lambda d: urlparse(d.current_url).path == page and d.find_elements(By.CSS_SELECTOR, "#status")
          and form not in d.find_elements(By.CSS_SELECTOR, "form#triage-form"), "the redirect back to %s" % page)
    status = one("#status", page).text
    if not re.search(r"en cours|in.progress", status, re.IGNORECASE):
        fail("%s: expected #status to show the new status in progress (En cours), got %r" % (page, status))
    driver.save_screenshot(os.path.join(artefacts, "citizen-triage-done.png"))
    check_console(page)

    # Back as the public: the session is gone, and the tracking page shows the note and the status.
    driver.delete_all_cookies()
    driver.get(base + "/triage")
    until(lambda d: urlparse(d.current_url).path == "/login", "/triage without a session to send to /login")
    phone()
    driver.get(tracking)
    page = "/suivi/" + token
    notes = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "ol#updates li")]
    if not any(NOTE in note for note in notes):
        fail("%s: expected the note %r in ol#updates, got %s" % (page, NOTE, notes))
    status = one("#status", page).text
    if "En cours" not in status:
        fail("%s: expected #status to say En cours after triage, got %r" % (page, status))
    if EMAIL in driver.page_source:
        fail("%s: the public tracking page shows the reporter's email" % page)
    driver.save_screenshot(os.path.join(artefacts, "citizen-tracking-updated.png"))
    check_console(page)

    # English on request.
    driver.get(base + "/signaler?lang=en")
    language = driver.execute_script("return document.documentElement.lang")
    english_text = driver.find_element(By.TAG_NAME, "body").text
    if not language.startswith("en") or english_text == french_text or len(driver.find_elements(By.CSS_SELECTOR, "a.service")) != 10:
        fail("/signaler?lang=en: expected an English page (html lang=en, other words than in French) listing the 10 services; "
             "got lang=%r and %r" % (language, english_text[:300]))
    driver.save_screenshot(os.path.join(artefacts, "citizen-services-en.png"))
    check_console("/signaler?lang=en")

    print("citizen browser test passed: 10 services with their controls, labelled fields reached with %d Tab presses, "
          "map pick at %.5f, %.5f (%d open reports near, then %d), report with photo sent to /suivi, photo stripped "
          "of tEXt and eXIf (%s), triaged in progress by the operator, note and status shown publicly, English page; "
          "screenshots in %s" % (tabs, lat, long, nearby_before, nearby_after, ", ".join(kinds), artefacts))
except Exception:
    harness.report_failure(driver, artefacts, "citizen-failure.png")
    raise
finally:
    harness.stop(driver, server)
