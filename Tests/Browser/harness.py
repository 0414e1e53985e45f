"""What the browser tests share: a demo city built and served by the `vigie` under test, headless Chromium
pointed at it, its console read for errors, and what is kept when a test fails."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ENV = dict(os.environ, VIGIE_PSEUDONYMISATION_KEY="browser-test-key-0123456789abcdef0123456789")


def demo(vigie, db, seed, scale):
    """Builds a demo city in `db`."""
    subprocess.run([vigie, "demo", "--db", db, "--seed", str(seed), "--scale", str(scale), "--no-serve"], check=True, env=ENV,
                   stdout=subprocess.DEVNULL)


def serve(vigie, db, log):
    """Serves `db` on a free port, its output in the file `log`; returns the process and the base URL once
    /health answers, or None for the URL if it never does."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([vigie, "serve", "--db", db, "--port", str(port)], env=ENV, stdout=open(log, "w"),
                              stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.1)
    return server, None


def chrome(arguments=(), french=False):
    """Headless Chromium keeping its console, with more command-line `arguments`; asking for French pages
    first when `french`."""
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", *arguments]:
        options.add_argument(argument)
    if french:
        options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def console_errors(driver):
    """The severe entries the pages logged since the last call."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def report_failure(driver, artefacts, screenshot):
    """On an unexpected error: a screenshot and the console, for whoever reads the failure."""
    if driver is None:
        return
    driver.save_screenshot(os.path.join(artefacts, screenshot))
    print("page %s; console:" % driver.current_url, file=sys.stderr)
    for entry in driver.get_log("browser"):
        print("  %s %s" % (entry["level"], entry["message"]), file=sys.stderr)


def stop(driver, server):
    if driver is not None:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)
