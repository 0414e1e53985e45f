#!/usr/bin/env python3
"""Video in a real browser: headless Chromium logs in as the video operator of a served demo city, sees the wall
of cameras with their images, draws a zone on the quay camera's image by clicking it, searches, finds moments
with thumbnails, plays one (the clip decodes in the page), and confirms an event with a note. The pages log no
JavaScript error. Screenshots are kept in the artefacts folder.

Usage: video_test.py VIGIE_BINARY ARTEFACTS_FOLDER
"""
import os
import sys
import tempfile
from urllib.parse import parse_qs, urlparse

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

import harness

if len(sys.argv) != 3:
    sys.exit(__doc__.strip().splitlines()[-1])
vigie, artefacts = sys.argv[1], sys.argv[2]
os.makedirs(artefacts, exist_ok=True)
db = os.path.join(tempfile.mkdtemp(prefix="vigie-video-"), "demo.sqlite")
NOTE = "Vu sur le quai"
driver = None


def fail(message):
    print("video browser test failed: " + message, file=sys.stderr)
    if driver is not None:
        driver.save_screenshot(os.path.join(artefacts, "video-failure.png"))
        print("page %s; screenshot video-failure.png" % driver.current_url, file=sys.stderr)
    sys.exit(1)


harness.demo(vigie, db, seed=4, scale=0.02)
server, base = harness.serve(vigie, db, os.path.join(artefacts, "video-server.log"))
try:
    if base is None:
        fail("the server did not start")
    driver = harness.chrome(["--window-size=1280,1000", "--lang=fr-FR", "--autoplay-policy=no-user-gesture-required"], french=True)

    def check_console(page):
        errors = harness.console_errors(driver)
        if errors:
            fail("%s logged errors: %s" % (page, errors))

    def until(condition, what, seconds=30):
        try:
            return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)).until(condition)
        except TimeoutException:
            text = driver.find_element(By.TAG_NAME, "body").text
            fail("%s: waited %d s for %s; the page shows: %r" % (driver.current_url, seconds, what, text[:600]))

    def images_loaded(selector):
        return driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).filter(i => i.complete && i.naturalWidth > 0).length",
            selector)

    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys("video-operator")
    driver.find_element(By.NAME, "password").send_keys("demo-video-operator")
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
    until(lambda d: urlparse(d.current_url).path == "/video", "the login as video operator, landing on the wall")

    # The wall: one tile per demo camera, each with its image (masks painted over by the server).
    driver.get(base + "/video")
    tiles = driver.find_elements(By.CSS_SELECTOR, "#wall li.camera-tile")
    if len(tiles) != 3:
        fail("/video: expected 3 camera tiles, found %d" % len(tiles))
    until(lambda d: images_loaded("#wall img") == 3, "the three cameras' images")
    if "vieux-port-01" not in tiles[0].text:
        fail("/video: the quay camera, with its pending intrusions, should come first: %r" % tiles[0].text[:200])
    driver.save_screenshot(os.path.join(artefacts, "video-wall.png"))
    check_console("/video")

    # A zone drawn on the quay camera's image: four clicks on the canvas over it, the bottom right quarter.
    driver.get(base + "/video/search?camera=vieux-port-01")
    until(lambda d: images_loaded("#zone-image") == 1, "the camera's image to draw on")
    canvas = driver.find_element(By.ID, "zone-canvas")
    width, height = canvas.size["width"], canvas.size["height"]
    for x, y in [(0.5, 0.6), (0.98, 0.6), (0.98, 0.98), (0.5, 0.98)]:
        ActionChains(driver).move_to_element_with_offset(canvas, int((x - 0.5) * width), int((y - 0.5) * height)).click().perform()
    zone = driver.find_element(By.ID, "zone-input").get_attribute("value")
    points = [tuple(float(v) for v in pair.split(",")) for pair in zone.split(";")]
    if len(points) != 4 or abs(points[0][0] - 0.5) > 0.02 or abs(points[2][1] - 0.98) > 0.02:
        fail("/video/search: the clicks gave the zone %r" % zone)
    drawn = driver.execute_script(
        "var c = document.getElementById('zone-canvas'); var d = c.getContext('2d').getImageData(c.width * 0.75, c.height * 0.8, 1, 1).data;"
        "return d[3];")
    if not drawn:
        fail("/video/search: the zone is not drawn on the canvas")
    driver.save_screenshot(os.path.join(artefacts, "video-zone.png"))
    driver.find_element(By.CSS_SELECTOR, "form.video-search button[type='submit']").click()
    until(lambda d: d.find_elements(By.ID, "results"), "the results")
    results = driver.find_elements(By.CSS_SELECTOR, ".video-results li")
    if not results:
        fail("/video/search: no moment found in the drawn zone: %r" % driver.find_element(By.TAG_NAME, "body").text[:600])
    query = parse_qs(urlparse(driver.current_url).query)
    if query.get("zone") != [zone]:
        fail("/video/search: the zone sent was %r, not %r" % (query.get("zone"), zone))
    until(lambda d: images_loaded(".video-results img") >= 1, "a result's thumbnail")
    driver.save_screenshot(os.path.join(artefacts, "video-results.png"))
    check_console("/video/search")

    # The first moment played: the clip, cut with the masks painted over, decodes in the page.
    results[0].find_element(By.CSS_SELECTOR, "a").click()
    until(lambda d: urlparse(d.current_url).path == "/video/play", "the play page")
    until(lambda d: d.execute_script("var v = document.querySelector('video'); return v && v.readyState >= 2 && v.videoWidth > 0"),
          "the clip to decode", seconds=60)
    size = driver.execute_script("var v = document.querySelector('video'); return [v.videoWidth, v.videoHeight, v.duration]")
    driver.save_screenshot(os.path.join(artefacts, "video-play.png"))
    check_console("/video/play")

    # An event confirmed with a note; it then shows among the decided ones.
    driver.get(base + "/video/events")
    forms = driver.find_elements(By.CSS_SELECTOR, "#pending form")
    if not forms:
        fail("/video/events: no pending event to decide")
    pending = len(forms)
    forms[0].find_element(By.NAME, "note").send_keys(NOTE)
    forms[0].find_element(By.CSS_SELECTOR, "button[value='confirmed']").click()
    # The form posts, then the page comes back: wait for the old page to go before reading the new one.
    until(staleness_of(forms[0]), "the page to reload after the decision")
    until(lambda d: NOTE in d.find_element(By.TAG_NAME, "body").text, "the decision among the decided events")
    left = len(driver.find_elements(By.CSS_SELECTOR, "#pending form"))
    if left != pending - 1:
        fail("/video/events: %d pending before, %d after one decision" % (pending, left))
    driver.save_screenshot(os.path.join(artefacts, "video-events.png"))
    check_console("/video/events")

    print("video browser test passed: 3 cameras on the wall with their images, zone %s drawn by clicks, %d moments found "
          "with thumbnails, a %dx%d clip of %.1f s played, an event confirmed with a note (%d pending left); screenshots in %s"
          % (zone, len(results), size[0], size[1], size[2], left, artefacts))
except Exception:
    harness.report_failure(driver, artefacts, "video-failure.png")
    raise
finally:
    harness.stop(driver, server)
