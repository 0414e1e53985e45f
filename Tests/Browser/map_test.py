#!/usr/bin/env python3
"""The observatory in a real browser: headless Chromium logs in, opens the map, sees the district
choropleth and clustered markers, applies a filter, sees an incident ingested during the test arrive live,
and the page logs no JavaScript error. Screenshots are kept in the artefacts folder.

Usage: map_test.py VIGIE_BINARY ARTEFACTS_FOLDER
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness

vigie, artefacts = sys.argv[1], sys.argv[2]
os.makedirs(artefacts, exist_ok=True)
work = tempfile.mkdtemp(prefix="vigie-browser-")
db = os.path.join(work, "demo.sqlite")


def run(*arguments):
    return subprocess.run([vigie, *arguments, "--db", db], check=True, env=harness.ENV, capture_output=True, text=True).stdout


def fail(message):
    print("browser test failed: " + message, file=sys.stderr)
    sys.exit(1)


harness.demo(vigie, db, seed=3, scale=0.05)
# A source fed by a program during the test, through an API token.
run("sources", "add", "live-feed", "--title", "Flux de test", "--owner", "Ville", "--purpose", "Test du direct",
    "--legal-regime", "gdpr", "--personal-data", "no", "--retention-days", "365", "--public", "no")
mapping = os.path.join(work, "live-feed.yml")
with open(mapping, "w") as file:
    file.write("source: live-feed\nformat: {type: csv}\nreference: {column: id}\n"
               "time: {column: date, format: \"yyyy-MM-dd HH:mm\"}\nlocation: {latitude: lat, longitude: lon}\n"
               "category: {column: type, map: {VOL: theft}}\n")
run("sources", "set-mapping", "live-feed", mapping)
token = run("tokens", "create", "--account", "operator", "--label", "browser test").strip()

server, base = harness.serve(vigie, db, os.path.join(artefacts, "server.log"))
driver = None
try:
    if base is None:
        fail("the server did not start")
    driver = harness.chrome(["--window-size=1280,900"])
    wait = WebDriverWait(driver, 20)

    def check_console(page):
        errors = harness.console_errors(driver)
        if errors:
            fail("%s logged errors: %s" % (page, errors))

    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys("analyst")
    driver.find_element(By.NAME, "password").send_keys("demo-analyst")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(lambda d: d.current_url == base + "/")
    driver.save_screenshot(os.path.join(artefacts, "overview.png"))

    driver.get(base + "/map")
    element = driver.find_element(By.ID, "map")
    wait.until(lambda d: element.get_attribute("data-districts") == "16")
    wait.until(lambda d: int(element.get_attribute("data-points") or 0) > 0)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".marker-cluster")) > 0)
    all_points = int(element.get_attribute("data-points"))
    driver.save_screenshot(os.path.join(artefacts, "map.png"))

    Select(driver.find_element(By.NAME, "category")).select_by_value("burglary")
    wait.until(lambda d: int(element.get_attribute("data-points") or 0) != all_points)
    if int(element.get_attribute("data-points")) >= all_points:
        fail("the category filter did not narrow the markers")
    driver.save_screenshot(os.path.join(artefacts, "map-burglary.png"))

    time.sleep(1)  # the live stream opens with the page
    now = (datetime.now() - timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    upload = urllib.request.Request(
        base + "/api/v1/sources/live-feed/records?file=live.csv", method="POST",
        data=("id,date,lat,lon,type\nlive-1,%s,43.2965,5.3698,VOL\n" % now).encode(),
        headers={"Authorization": "Bearer " + token})
    summary = json.load(urllib.request.urlopen(upload))
    if summary.get("accepted") != 1:
        fail("the incident was not ingested: %s" % summary)
    wait.until(lambda d: int(element.get_attribute("data-received") or 0) >= 1)
    driver.save_screenshot(os.path.join(artefacts, "map-live.png"))

    # Every source again (with the incident just sent), then the test's own feed alone: its one incident.
    Select(driver.find_element(By.NAME, "category")).select_by_value("")
    wait.until(lambda d: int(element.get_attribute("data-points") or 0) > all_points)
    Select(driver.find_element(By.NAME, "source")).select_by_value("live-feed")
    wait.until(lambda d: element.get_attribute("data-points") == "1")
    Select(driver.find_element(By.NAME, "source")).select_by_value("")
    wait.until(lambda d: int(element.get_attribute("data-points") or 0) >= all_points)

    driver.find_element(By.NAME, "forecast").click()
    # The first forecast of a shift measures every method over 90 days: a debug build takes a while.
    WebDriverWait(driver, 240).until(lambda d: int(element.get_attribute("data-forecast") or 0) > 0)
    driver.find_element(By.NAME, "forecast").click()

    driver.find_element(By.NAME, "hotspots").click()
    wait.until(lambda d: element.get_attribute("data-hotspots") is not None)
    hotspots = int(element.get_attribute("data-hotspots"))
    if hotspots == 0:
        fail("the hot-spot layer drew no Gi* cell over the demo city")
    driver.save_screenshot(os.path.join(artefacts, "map-hotspots.png"))
    check_console("/map")

    def save_pdf(name):
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
        with open(os.path.join(artefacts, name), "wb") as file:
            file.write(base64.b64decode(pdf["data"]))

    driver.get(base + "/trends")
    wait.until(lambda d: d.find_element(By.ID, "series").get_attribute("data-drawn") == "true")
    if len(driver.find_elements(By.CSS_SELECTOR, "table.matrix td")) != 7 * 24:
        fail("the hour-of-week matrix is not 7 × 24")
    driver.save_screenshot(os.path.join(artefacts, "trends.png"))
    check_console("/trends")

    driver.get(base + "/report")
    charts = driver.find_elements(By.CSS_SELECTOR, "canvas.report-chart")
    wait.until(lambda d: len(charts) == 2 and all(c.get_attribute("data-drawn") == "true" for c in charts))
    if len(driver.find_elements(By.CSS_SELECTOR, ".report-map svg path")) != 16:
        fail("the report's map does not hold the 16 districts")
    driver.save_screenshot(os.path.join(artefacts, "report.png"))
    save_pdf("report.pdf")
    check_console("/report")

    driver.get(base + "/patrol?units=4&horizon=8h&startHour=20")
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if len(rows) != 4:
        fail("the patrol plan does not list 4 units: %d rows" % len(rows))
    driver.save_screenshot(os.path.join(artefacts, "patrol.png"))
    driver.find_element(By.PARTIAL_LINK_TEXT, "Briefing").click()
    wait.until(lambda d: "/patrol/briefing" in d.current_url)
    if len(driver.find_elements(By.CSS_SELECTOR, "svg circle")) != 4:
        fail("the briefing's map does not show the 4 areas")
    save_pdf("patrol-briefing.pdf")
    check_console("/patrol/briefing")

    for page in ["/quarantine", "/sources", "/agenda"]:
        driver.get(base + page)
        driver.save_screenshot(os.path.join(artefacts, page.strip("/") + ".png"))
        check_console(page)
    print("browser test passed: %d districts, %d markers, category and source filters, live incident, forecast layer, %d hot-spot cells, trends chart, "
          "monthly report and patrol briefing printed to PDF; screenshots in %s" % (16, all_points, hotspots, artefacts))
except Exception:
    harness.report_failure(driver, artefacts, "failure.png")
    raise
finally:
    harness.stop(driver, server)
