#!/usr/bin/env python3
"""Open311 GeoReport v2 conformance of the citizen endpoint, from the outside: the `georeport` client (PyPI)
reads discovery, services, definitions and requests in JSON and in XML; hand-written POSTs create one request
per service, covering every attribute datatype; every error case answers the right status with a well-formed
error list; no contact detail ever comes back; every datetime carries an offset; a staff update shows in the
FixMyStreet `servicerequestupdates` extension and in the request's status. Exits 1 on the first failure.

Usage: conformance_test.py VIGIE_BINARY
"""
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import requests
import xmltodict
from georeport import GeoReport

if len(sys.argv) != 2:
    sys.exit(__doc__.strip().splitlines()[-1])
vigie = sys.argv[1]
work = tempfile.mkdtemp(prefix="vigie-open311-")
db = os.path.join(work, "demo.sqlite")
server_log = os.path.join(work, "server.log")
env = dict(os.environ, VIGIE_PSEUDONYMISATION_KEY="open311-test-key-0123456789abcdef0123456789abcdef")

PARIS = ZoneInfo("Europe/Paris")
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>'
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
JURISDICTION = "marseille.fr"
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]
UPDATE_FIELDS = ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"]
UPDATE_STATUSES = {"OPEN", "IN_PROGRESS", "ACTION_SCHEDULED", "FIXED", "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY",
                   "CLOSED"}
# What every valid POST sends about the citizen; none of it may come back from a GET.
CONTACT = {"email": "conformance.citoyenne@example.org", "phone": "+33 6 11 22 33 44",
           "first_name": "Zéphirine", "last_name": "Testeuse-Conformité", "device_id": "device-conformance-7f3a"}
LAT, LONG = 43.2965, 5.3698  # the Vieux-Port, inside the demo city
# Services whose requests are usually made from home (noise heard from one's flat, bulky waste to collect):
# their public listing gives no place and no words.
PRIVATE = {"105", "109"}
PARIS_LAT, PARIS_LONG = 48.85, 2.35  # outside it


def attribute(code, datatype, required=False, values=None, variable=True):
    return {"code": code, "datatype": datatype, "required": required, "values": values, "variable": variable}


# The catalogue the server must publish: code → (name, type, attributes).
CATALOGUE = {
    "101": ("Dépôt sauvage", "realtime", [
        attribute("volume", "singlevaluelist", True, ["small", "medium", "large"]),
        attribute("waste", "multivaluelist", False, ["furniture", "rubble", "household", "green", "appliances", "other"]),
        attribute("noticed", "datetime")]),
    "102": ("Tag ou graffiti", "realtime", [
        attribute("surface", "singlevaluelist", True, ["facade", "public-building", "street-furniture", "other"]),
        attribute("area", "number"),
        attribute("offensive", "singlevaluelist", False, ["yes", "no"])]),
    "103": ("Éclairage public en panne", "realtime", [attribute("pole", "string"), attribute("lamps", "number")]),
    "104": ("Chaussée ou trottoir dégradé", "realtime", [
        attribute("where", "singlevaluelist", True, ["roadway", "pavement", "cycle-lane"]),
        attribute("width", "number")]),
    "105": ("Nuisance sonore", "realtime", [
        attribute("notice", "string", variable=False),
        attribute("kind", "singlevaluelist", True, ["music", "works", "vehicles", "establishment", "other"]),
        attribute("started", "datetime")]),
    "106": ("Stationnement gênant", "realtime", [
        attribute("blocking", "multivaluelist", True,
                  ["pavement", "driveway", "crossing", "disabled-space", "bus-lane", "cycle-lane"])]),
    "107": ("Véhicule ventouse ou épave", "realtime", [attribute("days", "number")]),
    "108": ("Mobilier urbain dégradé", "realtime", [
        attribute("item", "singlevaluelist", True, ["bench", "bin", "bus-shelter", "sign", "playground", "other"])]),
    "109": ("Encombrants à enlever", "batch", [attribute("items", "string", True), attribute("access", "text")]),
    "110": ("Autre problème", "realtime", [attribute("details", "text")]),
}

checks = 0
seen = []  # (where, parsed body) of every answer, scanned at the end for contact details and datetimes


def fail(message):
    print("open311 conformance test failed: " + message, file=sys.stderr)
    if os.path.exists(server_log):
        with open(server_log, errors="replace") as file:
            tail = file.readlines()[-30:]
        if tail:
            print("last lines of the server log:\n" + "".join("  " + line for line in tail), file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        fail(message)


def passed(group, detail):
    print("ok  %-34s %s" % (group, detail), flush=True)


def snippet(response):
    text = response.text
    return repr(text[:400] + ("…" if len(text) > 400 else ""))


def as_list(value):
    """xmltodict gives None for an empty element and a dict for a one-element list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def now():
    return datetime.now(PARIS).replace(microsecond=0)


def w3c(moment):
    return moment.isoformat()


def describe(method, response, form=None):
    request = response.request
    path = request.path_url
    if form is not None:
        shown = [(k, v if len(v) <= 40 else v[:20] + "…(%d chars)" % len(v)) for k, v in form if k != "api_key"]
        keys = [k for k, _ in form]
        key = "api_key=%s" % ("<none>" if "api_key" not in keys else dict(form)["api_key"][:6] + "…")
        return "%s %s [%s %s]" % (method, path, key, " ".join("%s=%s" % pair for pair in shown))
    return "%s %s" % (method, path)


def parse(response, fmt, where):
    """The body of an answer in format `fmt`, after checking its content type (and XML declaration)."""
    content_type = response.headers.get("Content-Type", "")
    expected = JSON_TYPE if fmt == "json" else XML_TYPE
    check(content_type.replace(" ", "").lower() == expected.replace(" ", ""),
          "%s: expected Content-Type %r, got %r" % (where, expected, content_type))
    if fmt == "json":
        try:
            return response.json()
        except ValueError as error:
            fail("%s: the body is not JSON (%s): %s" % (where, error, snippet(response)))
    check(response.content.startswith(XML_DECLARATION),
          "%s: expected the body to start with %s, got %r" % (where, XML_DECLARATION.decode(), response.content[:60]))
    try:
        return xmltodict.parse(response.content)
    except Exception as error:
        fail("%s: the body is not well-formed XML (%s): %s" % (where, error, snippet(response)))


session = requests.Session()


def get(path, fmt, params=None, status=200):
    """GET `{base}/{path}.{fmt}`: the parsed body, after checking the status and the format."""
    response = session.get("%s/%s.%s" % (base, path, fmt), params=params, timeout=60)
    where = describe("GET", response)
    check(response.status_code == status,
          "%s: expected HTTP %d, got %d: %s" % (where, status, response.status_code, snippet(response)))
    body = parse(response, fmt, where)
    seen.append((where, body))
    return body


def post(fmt, form, status=201):
    response = session.post("%s/requests.%s" % (base, fmt), data=form, timeout=60)
    where = describe("POST", response, form)
    check(response.status_code == status,
          "%s: expected HTTP %d, got %d: %s" % (where, status, response.status_code, snippet(response)))
    body = parse(response, fmt, where)
    seen.append((where, body))
    return body, where


def check_error_body(body, fmt, where):
    if fmt == "json":
        check(isinstance(body, list) and len(body) > 0,
              "%s: expected a JSON array of {code, description}, got %r" % (where, body))
        for error in body:
            check(isinstance(error, dict) and type(error.get("code")) is int
                  and isinstance(error.get("description"), str) and error["description"].strip() != "",
                  "%s: expected each error as {\"code\": <integer>, \"description\": <text>}, got %r" % (where, error))
    else:
        check(isinstance(body, dict) and list(body) == ["errors"],
              "%s: expected the XML root <errors>, got %r" % (where, list(body) if isinstance(body, dict) else body))
        errors = as_list((body["errors"] or {}).get("error"))
        check(len(errors) > 0, "%s: expected at least one <error> in <errors>, got %r" % (where, body))
        for error in errors:
            check(isinstance(error, dict) and re.fullmatch(r"\d+", error.get("code") or "") is not None
                  and (error.get("description") or "").strip() != "",
                  "%s: expected each <error> to hold a numeric <code> and a <description>, got %r" % (where, error))


def expect_error(method, path, fmt, status, why, params=None, form=None):
    response = session.request(method, "%s/%s.%s" % (base, path, fmt), params=params, data=form, timeout=60)
    where = describe(method, response, form)
    check(response.status_code == status, "%s (%s): expected HTTP %d, got %d: %s"
          % (where, why, status, response.status_code, snippet(response)))
    check_error_body(parse(response, fmt, where), fmt, "%s (%s)" % (where, why))
    return response


def is_datetime(value):
    return isinstance(value, str) and DATETIME.match(value) is not None


def retry_after_valid(value):
    """Retry-After holds seconds or an HTTP date."""
    if value.isdigit():
        return True
    try:
        return parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False


def boolean(value, fmt, where):
    """A JSON boolean, or the XML text true/false, as a Python bool."""
    if fmt == "json":
        check(type(value) is bool, "%s: expected a JSON boolean, got %r" % (where, value))
        return value
    check(value in ("true", "false"), "%s: expected true or false, got %r" % (where, value))
    return value == "true"


def text(value, where, empty=False):
    check(isinstance(value, str) and (empty or value.strip() != ""), "%s: expected a non-empty string, got %r" % (where, value))
    return value


def number(value, fmt, where):
    """A JSON number, or XML text holding one, as a float (None for null / an empty element)."""
    if value is None:
        return None
    if fmt == "json":
        check(type(value) in (int, float), "%s: expected a JSON number, got %r" % (where, value))
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        fail("%s: expected a number, got %r" % (where, value))


def distance(lat1, long1, lat2, long2):
    """Metres between two WGS84 points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(long2 - long1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def via(description, call):
    """Runs a georeport client call, turning an HTTP error or an unexpected shape into a failure."""
    try:
        return call()
    except requests.HTTPError as error:
        fail("georeport %s: HTTP %s: %r" % (description, error.response.status_code, error.response.text[:300]))
    except (KeyError, TypeError, IndexError, ValueError) as error:
        fail("georeport %s: the answer does not have the shape the client expects (%s: %s)"
             % (description, type(error).__name__, error))


def request_items(body, fmt, where):
    """The list of requests in a /requests answer: a top-level array in JSON, service_requests/request in XML."""
    if fmt == "json":
        check(isinstance(body, list), "%s: expected a top-level JSON array, got %s" % (where, type(body).__name__))
        return body
    check(isinstance(body, dict) and list(body) == ["service_requests"],
          "%s: expected the XML root <service_requests>, got %r" % (where, list(body) if isinstance(body, dict) else body))
    return as_list((body["service_requests"] or {}).get("request"))


def check_request(item, fmt, where):
    """One request of a GET answer: every field there (null or empty when unknown), the right types."""
    check(isinstance(item, dict), "%s: expected a request object, got %r" % (where, item))
    missing = [field for field in REQUEST_FIELDS if field not in item]
    check(not missing, "%s: the request %r lacks the fields %s (absent ones must be null in JSON, empty in XML)"
          % (where, item.get("service_request_id"), missing))
    identifier = text(item["service_request_id"], where + " service_request_id")
    where = "%s request %s" % (where, identifier)
    text(item["service_code"], where + " service_code")
    check(item["status"] in ("open", "closed"), "%s: expected status open or closed, got %r" % (where, item["status"]))
    lat, long = number(item["lat"], fmt, where + " lat"), number(item["long"], fmt, where + " long")
    check((lat is None) == (long is None), "%s: expected lat and long both set or both null, got %r, %r"
          % (where, item["lat"], item["long"]))
    text(item["requested_datetime"], where + " requested_datetime")
    return identifier


def find(items, identifier):
    for item in items:
        if item.get("service_request_id") == identifier:
            return item
    return None


def wait_for_health(url):
    for _ in range(150):
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    fail("the server did not answer %s within 15 s" % url)


subprocess.run([vigie, "demo", "--db", db, "--seed", "5", "--scale", "0.03", "--no-serve"], check=True, env=env,
               stdout=subprocess.DEVNULL)
keys = subprocess.run([vigie, "open311", "keys", "add", "--label", "conformance", "--db", db], check=True, env=env,
                      capture_output=True, text=True).stdout.strip().splitlines()
if not keys or not keys[-1].strip():
    fail("`vigie open311 keys add` printed no key on its last line")
api_key = keys[-1].strip()

with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
root = "http://127.0.0.1:%d" % port
base = root + "/open311/v2"
server = subprocess.Popen([vigie, "serve", "--db", db, "--port", str(port), "--jurisdiction", JURISDICTION], env=env,
                          stdout=open(server_log, "w"), stderr=subprocess.STDOUT)
try:
    wait_for_health(root + "/health")
    json_client = GeoReport(base, jurisdiction=JURISDICTION, output_format="json")
    xml_client = GeoReport(base, output_format="xml")

    # Discovery: the client has no call for it, so a plain GET in each format.
    for fmt in ("json", "xml"):
        body = get("discovery", fmt)
        where = "GET /open311/v2/discovery.%s" % fmt
        if fmt == "xml":
            check(isinstance(body, dict) and list(body) == ["discovery"], "%s: expected the XML root <discovery>, got %r"
                  % (where, list(body) if isinstance(body, dict) else body))
            body = body["discovery"] or {}
        check(isinstance(body, dict), "%s: expected an object, got %r" % (where, body))
        for field in ("changeset", "contact", "key_service", "endpoints"):
            check(field in body, "%s: expected the field %r, got %s" % (where, field, sorted(body)))
        check(is_datetime(body["changeset"]), "%s: expected changeset as a W3C datetime, got %r" % (where, body["changeset"]))
        text(body["contact"], where + " contact")
        text(body["key_service"], where + " key_service")
        endpoints = body["endpoints"] if fmt == "json" else as_list((body["endpoints"] or {}).get("endpoint"))
        check(isinstance(endpoints, list) and endpoints, "%s: expected a non-empty list of endpoints, got %r" % (where, body["endpoints"]))
        georeport = [e for e in endpoints if isinstance(e, dict) and e.get("specification") == SPECIFICATION]
        check(georeport, "%s: expected an endpoint with specification %s, got %r" % (where, SPECIFICATION, endpoints))
        endpoint = georeport[0]
        check(endpoint.get("type") == "production", "%s: expected the endpoint's type production, got %r" % (where, endpoint.get("type")))
        check("/open311/v2" in (endpoint.get("url") or ""), "%s: expected the endpoint's url to hold /open311/v2, got %r" % (where, endpoint.get("url")))
        check(is_datetime(endpoint.get("changeset")), "%s: expected the endpoint's changeset as a W3C datetime, got %r"
              % (where, endpoint.get("changeset")))
        formats = endpoint.get("formats") if fmt == "json" else as_list((endpoint.get("formats") or {}).get("format"))
        check(isinstance(formats, list) and {"application/json", "text/xml"} <= set(formats),
              "%s: expected formats to list application/json and text/xml, got %r" % (where, formats))
    passed("discovery", "JSON and XML: changeset, contact, key_service, a production GeoReport_v2 endpoint in both formats")

    # Service list, through the client in both modes, and the raw answers' format.
    for fmt, client in (("json", json_client), ("xml", xml_client)):
        get("services", fmt, {"jurisdiction_id": JURISDICTION} if fmt == "json" else None)
        services = as_list(via("get_service_list() in %s" % fmt, client.get_service_list))
        where = "GET /open311/v2/services.%s (georeport, %s)" % (fmt, fmt)
        codes = [service.get("service_code") for service in services]
        check(all(isinstance(code, str) for code in codes) and sorted(codes) == sorted(CATALOGUE),
              "%s: expected the 10 service codes 101..110 as strings, got %r" % (where, codes))
        for service in services:
            code = service["service_code"]
            name, kind, attributes = CATALOGUE[code]
            at = "%s service %s" % (where, code)
            check(service.get("service_name") == name, "%s: expected service_name %r, got %r" % (at, name, service.get("service_name")))
            text(service.get("description"), at + " description")
            check(boolean(service.get("metadata"), fmt, at + " metadata") == bool(attributes),
                  "%s: expected metadata %s (the service has attributes)" % (at, bool(attributes)))
            check(service.get("type") == kind, "%s: expected type %r, got %r" % (at, kind, service.get("type")))
            for field in ("keywords", "group"):
                value = service.get(field, "absent")
                check(isinstance(value, str) or (fmt == "xml" and value is None),
                      "%s: expected %s as one string, got %r" % (at, field, value))
    passed("services", "georeport JSON (with jurisdiction_id) and XML (without): 10 services 101..110, names, types, metadata")

    # Every service definition, through the client in both modes.
    for fmt, client in (("json", json_client), ("xml", xml_client)):
        for code, (name, kind, expected) in CATALOGUE.items():
            get("services/" + code, fmt)
            where = "GET /open311/v2/services/%s.%s (georeport, %s)" % (code, fmt, fmt)
            definition = via("get_service_definition(%r) in %s" % (code, fmt), lambda: client.get_service_definition(code))
            check(isinstance(definition, dict), "%s: expected a service_definition object, got %r" % (where, definition))
            check(definition.get("service_code") == code, "%s: expected service_code %r, got %r" % (where, code, definition.get("service_code")))
            attributes = definition.get("attributes")
            if fmt == "xml":
                attributes = as_list((attributes or {}).get("attribute"))
            check(isinstance(attributes, list), "%s: expected a list of attributes, got %r" % (where, attributes))
            by_code = {a.get("code"): a for a in attributes if isinstance(a, dict)}
            check(sorted(by_code) == sorted(a["code"] for a in expected) and len(by_code) == len(attributes),
                  "%s: expected the attributes %s, got %s" % (where, [a["code"] for a in expected], [a.get("code") for a in attributes]))
            orders = []
            for want in expected:
                got = by_code[want["code"]]
                at = "%s attribute %s" % (where, want["code"])
                for field in ("variable", "code", "datatype", "required", "datatype_description", "order", "description"):
                    check(field in got, "%s: expected the field %r, got %s" % (at, field, sorted(got)))
                check(boolean(got["variable"], fmt, at + " variable") == want["variable"],
                      "%s: expected variable %s, got %r" % (at, want["variable"], got["variable"]))
                check(got["datatype"] == want["datatype"], "%s: expected datatype %r, got %r" % (at, want["datatype"], got["datatype"]))
                check(boolean(got["required"], fmt, at + " required") == want["required"],
                      "%s: expected required %s, got %r" % (at, want["required"], got["required"]))
                text(got["description"], at + " description")
                order = got["order"]
                if fmt == "xml":
                    check(re.fullmatch(r"\d+", order or "") is not None, "%s: expected order as an integer, got %r" % (at, order))
                    order = int(order)
                check(type(order) is int and order >= 1, "%s: expected order as an integer from 1, got %r" % (at, order))
                orders.append(order)
                values = got.get("values")
                if fmt == "xml":
                    values = as_list((values or {}).get("value"))
                if want["values"] is None:
                    check(not values, "%s: expected no values for a %s, got %r" % (at, want["datatype"], values))
                    continue
                check(isinstance(values, list) and all(isinstance(v, dict) for v in values),
                      "%s: expected values as a list of {key, name}, got %r" % (at, values))
                check([v.get("key") for v in values] == want["values"] or sorted(v.get("key") or "" for v in values) == sorted(want["values"]),
                      "%s: expected the value keys %s, got %s" % (at, want["values"], [v.get("key") for v in values]))
                for value in values:
                    text(value.get("name"), "%s value %s name" % (at, value.get("key")))
            check(len(set(orders)) == len(orders), "%s: expected distinct attribute orders, got %s" % (where, orders))
    passed("service definitions", "georeport JSON and XML: the 10 definitions match the catalogue "
           "(datatypes, required, display-only notice, value keys, distinct orders)")

    # One request per service, by hand, covering every datatype; every one sends contact details.
    stamp = now()
    posted = {}  # service code → what was sent and what came back
    forms = {
        "101": [("attribute[volume]", "large"), ("attribute[waste][]", "furniture"), ("attribute[waste][]", "household"),
                ("attribute[noticed]", w3c(stamp - timedelta(hours=2)))],
        "102": [("attribute[surface]", "facade"), ("attribute[area]", "3.5"), ("attribute[offensive]", "no")],
        "103": [("attribute[pole]", "Candélabre 13-0456"), ("attribute[lamps]", "2")],
        "104": [("attribute[where]", "pavement"), ("attribute[width]", "1.5")],
        "105": [("attribute[kind]", "music"),
                ("attribute[started]", (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))],
        "106": [("attribute[blocking][]", "pavement"), ("attribute[blocking][]", "crossing")],
        "107": [("attribute[days]", "12")],
        "108": [("attribute[item]", "bench")],
        "109": [("attribute[items]", "Un canapé et deux chaises"), ("attribute[access]", "Au pied de l'immeuble,\ncode 1234")],
        "110": [("attribute[details]", "Bouche d'égout bruyante\nau passage des voitures")],
    }
    long_description = ("Trottoir encombré, côté pair.\n" * 200)[:4000]  # exactly 4,000 characters, accents included
    for index, code in enumerate(CATALOGUE):
        fmt = "xml" if code == "108" else "json"
        lat, long = round(LAT + 0.0004 * index, 6), round(LONG + 0.0004 * index, 6)
        description = long_description if code == "110" else "Test de conformité Open311, service %s" % code
        form = [("api_key", api_key), ("service_code", code), ("lat", str(lat)), ("long", str(long)),
                ("description", description), ("account_id", "citizen-42")] + list(CONTACT.items()) + forms[code]
        if int(code) <= 105:
            form.append(("jurisdiction_id", JURISDICTION))
        body, where = post(fmt, form)
        items = request_items(body, fmt, where)
        check(len(items) == 1, "%s: expected a list of one created request, got %r" % (where, body))
        created = items[0]
        for field in ("service_notice", "account_id"):
            check(field in created, "%s: expected the field %r in the answer, got %s" % (where, field, sorted(created)))
        if code == "109":
            text(created.get("token"), where + " token")
            check(not created.get("service_request_id"), "%s: a batch service answers a token, not an id; got %r" % (where, created))
        else:
            text(created.get("service_request_id"), where + " service_request_id")
        posted[code] = {"lat": lat, "long": long, "description": description, "id": created.get("service_request_id"),
                        "token": created.get("token")}
    # A location by address alone.
    address = "12 rue de la République, 13002 Marseille"
    body, where = post("xml", [("api_key", api_key), ("service_code", "110"), ("address_string", address),
                               ("description", "Signalement par adresse seule")] + list(CONTACT.items()))
    items = request_items(body, "xml", where)
    check(len(items) == 1 and (items[0].get("service_request_id") or "").strip(),
          "%s: expected one created request with a service_request_id, got %r" % (where, body))
    by_address = items[0]["service_request_id"]

    # The batch service's token resolves to an id (at once or after a short while).
    token = posted["109"]["token"]
    for attempt in range(50):
        resolved = get("tokens/" + token, "json")
        where = "GET /open311/v2/tokens/%s.json" % token
        check(isinstance(resolved, list) and len(resolved) == 1 and isinstance(resolved[0], dict),
              "%s: expected an array of one {service_request_id, token}, got %r" % (where, resolved))
        check(resolved[0].get("token") == token, "%s: expected token %r, got %r" % (where, token, resolved[0].get("token")))
        if resolved[0].get("service_request_id"):
            break
        time.sleep(0.2)
    else:
        fail("GET /open311/v2/tokens/%s.json: the token did not resolve to a service_request_id within 10 s" % token)
    posted["109"]["id"] = text(resolved[0]["service_request_id"], where + " service_request_id")
    resolved_xml = get("tokens/" + token, "xml")
    items = request_items(resolved_xml, "xml", "GET /open311/v2/tokens/%s.xml" % token)
    check(len(items) == 1 and items[0].get("service_request_id") == posted["109"]["id"] and items[0].get("token") == token,
          "GET /open311/v2/tokens/%s.xml: expected one <request> with service_request_id %s and the token, got %r"
          % (token, posted["109"]["id"], resolved_xml))
    passed("POST requests", "10 services (one in XML) with string, number, datetime (offset and Z), text, single- and "
           "multivaluelist attributes, a 4,000-character description, an address alone; batch token resolves")

    # Each request comes back, in JSON by hand and in XML through the client.
    for code, sent in posted.items():
        identifier = sent["id"]
        body = get("requests/" + identifier, "json", {"jurisdiction_id": JURISDICTION})
        where = "GET /open311/v2/requests/%s.json" % identifier
        check(isinstance(body, list) and len(body) == 1, "%s: expected an array of one request, got %r" % (where, body))
        item = body[0]
        check_request(item, "json", where)
        check(item["service_request_id"] == identifier, "%s: expected service_request_id %r, got %r" % (where, identifier, item["service_request_id"]))
        check(item["service_code"] == code, "%s: expected service_code %r, got %r" % (where, code, item["service_code"]))
        check(item["service_name"] == CATALOGUE[code][0], "%s: expected service_name %r, got %r" % (where, CATALOGUE[code][0], item["service_name"]))
        check(item["status"] == "open", "%s: expected status open for a new request, got %r" % (where, item["status"]))
        if code in PRIVATE:
            check(item["lat"] is None and item["long"] is None and item["description"] is None and item["address"] is None,
                  "%s: service %s is reported from home: expected no lat, long, description or address, got %r" % (where, code, item))
        else:
            check(item["lat"] is not None and abs(item["lat"] - sent["lat"]) < 1e-6 and abs(item["long"] - sent["long"]) < 1e-6,
                  "%s: expected lat/long %s, %s, got %r, %r" % (where, sent["lat"], sent["long"], item["lat"], item["long"]))
            check(item["description"] == sent["description"], "%s: expected the description sent (%d characters), got %r"
                  % (where, len(sent["description"]), (item["description"] or "")[:80]))
        requested = item["requested_datetime"]
        check(is_datetime(requested), "%s: expected requested_datetime as a W3C datetime, got %r" % (where, requested))
        moment = datetime.fromisoformat(requested.replace("Z", "+00:00"))
        check(abs((moment - stamp).total_seconds()) < 600, "%s: expected requested_datetime near %s, got %s" % (where, w3c(stamp), requested))
        check(moment.utcoffset() == moment.astimezone(PARIS).utcoffset(),
              "%s: expected requested_datetime with the Europe/Paris offset (+01:00 or +02:00), got %s" % (where, requested))
        item = via("get_service_request(%r) in xml" % identifier, lambda: xml_client.get_service_request(identifier))
        seen.append(("GET /open311/v2/requests/%s.xml (georeport)" % identifier, item))
        where = "GET /open311/v2/requests/%s.xml (georeport)" % identifier
        check_request(item, "xml", where)
        placed = (not item["lat"] and not item["long"]) if code in PRIVATE else (
            abs(float(item["lat"] or "nan") - sent["lat"]) < 1e-6 and abs(float(item["long"] or "nan") - sent["long"]) < 1e-6)
        check(item["service_code"] == code and item["status"] == "open" and placed,
              "%s: expected service_code %s, status open, lat/long %s; got %r"
              % (where, code, "left out" if code in PRIVATE else "%s, %s" % (sent["lat"], sent["long"]), item))
    item = get("requests/" + by_address, "xml")
    items = request_items(item, "xml", "GET /open311/v2/requests/%s.xml" % by_address)
    check(len(items) == 1 and items[0].get("address") == address and items[0].get("service_code") == "110",
          "GET /open311/v2/requests/%s.xml: expected one request of service 110 with address %r, got %r" % (by_address, address, item))
    check_request(items[0], "xml", "GET /open311/v2/requests/%s.xml" % by_address)
    georeport_one = via("get_service_request() in json", lambda: json_client.get_service_request(posted["101"]["id"]))
    seen.append(("georeport get_service_request json", georeport_one))
    check(georeport_one.get("service_request_id") == posted["101"]["id"],
          "georeport get_service_request(%r) in json: expected that request, got %r" % (posted["101"]["id"], georeport_one))
    passed("GET one request", "11 requests by id in JSON and XML (georeport): service, lat/long, status open, "
           "description, requested_datetime with the Paris offset; address kept")

    # The request list: the client in both modes, then each filter by hand.
    ours = {sent["id"] for sent in posted.values()} | {by_address}
    for fmt, client in (("json", json_client), ("xml", xml_client)):
        listed = as_list(via("get_service_requests() in %s" % fmt, client.get_service_requests))
        where = "GET /open311/v2/requests.%s (georeport, default filters)" % fmt
        check(0 < len(listed) <= 1000, "%s: expected between 1 and 1,000 requests (11 were just posted), got %d" % (where, len(listed)))
        for item in listed:
            check_request(item, fmt, where)
        seen.append((where, listed))
        listed = as_list(via("get_service_requests(status='open') in %s" % fmt, lambda: client.get_service_requests(status="open")))
        check(all(item.get("status") == "open" for item in listed),
              "GET /open311/v2/requests.%s?status=open (georeport): expected only open requests, got %s"
              % (fmt, sorted({item.get("status") for item in listed})))
    window = {"start_date": w3c(stamp - timedelta(hours=1)), "end_date": w3c(now() + timedelta(minutes=10)), "page_size": "1000"}
    listed = request_items(get("requests", "json", window), "json", "GET /open311/v2/requests.json (last hour)")
    for item in listed:
        check_request(item, "json", "GET /open311/v2/requests.json (last hour)")
    check(ours <= {item["service_request_id"] for item in listed},
          "GET /open311/v2/requests.json with start_date/end_date around now: expected the 11 posted requests %s, missing %s"
          % (sorted(ours), sorted(ours - {item["service_request_id"] for item in listed})))
    old = {"start_date": w3c(stamp - timedelta(days=40)), "end_date": w3c(stamp - timedelta(days=20))}
    listed = request_items(get("requests", "json", old), "json", "GET /open311/v2/requests.json (40 to 20 days ago)")
    check(not ours & {item.get("service_request_id") for item in listed},
          "GET /open311/v2/requests.json with a window 40 to 20 days ago: expected none of today's requests, got %s"
          % sorted(ours & {item.get("service_request_id") for item in listed}))
    some = [posted["101"]["id"], posted["105"]["id"], posted["109"]["id"]]
    overriding = {"service_request_id": ",".join(some), "service_code": "107", "status": "closed"}
    for fmt in ("json", "xml"):
        listed = request_items(get("requests", fmt, overriding), fmt, "GET /open311/v2/requests.%s?service_request_id=…" % fmt)
        check(sorted(item.get("service_request_id") for item in listed) == sorted(some),
              "GET /open311/v2/requests.%s?service_request_id=%s&service_code=107&status=closed: expected exactly those "
              "3 requests (the id list overrides the other filters), got %s"
              % (fmt, ",".join(some), [item.get("service_request_id") for item in listed]))
    listed = request_items(get("requests", "json", dict(window, service_code="101,102")), "json", "GET /open311/v2/requests.json?service_code=101,102")
    check({item["service_code"] for item in listed} <= {"101", "102"} and {posted["101"]["id"], posted["102"]["id"]} <= {item["service_request_id"] for item in listed},
          "GET /open311/v2/requests.json?service_code=101,102: expected requests of 101 and 102 only, with ours; got codes %s"
          % sorted({item["service_code"] for item in listed}))
    listed = request_items(get("requests", "json", dict(window, status="closed")), "json", "GET /open311/v2/requests.json?status=closed")
    check(not ours & {item["service_request_id"] for item in listed} and all(item["status"] == "closed" for item in listed),
          "GET /open311/v2/requests.json?status=closed: expected closed requests only and none of the new ones")
    listed = request_items(get("requests", "json", dict(window, status="open,closed")), "json", "GET /open311/v2/requests.json?status=open,closed")
    check(ours <= {item["service_request_id"] for item in listed},
          "GET /open311/v2/requests.json?status=open,closed: expected the posted requests among them")
    pages, collected = 0, []
    for page in range(1, 200):
        where = "GET /open311/v2/requests.json?page=%d&page_size=4" % page
        listed = request_items(get("requests", "json", dict(window, page=str(page), page_size="4")), "json", where)
        check(len(listed) <= 4, "%s: expected at most 4 requests, got %d" % (where, len(listed)))
        if not listed:
            break
        pages += 1
        repeated = set(collected) & {item["service_request_id"] for item in listed}
        check(not repeated, "%s: the requests %s were already on an earlier page" % (where, sorted(repeated)))
        collected += [item["service_request_id"] for item in listed]
    check(ours <= set(collected) and pages >= 3, "GET /open311/v2/requests.json?page=1..%d&page_size=4: expected the 11 posted "
          "requests over at least 3 pages, missing %s" % (pages, sorted(ours - set(collected))))
    get("requests", "json", dict(window, page_size="1000"))
    near = {"lat": str(posted["101"]["lat"]), "long": str(posted["101"]["long"]), "radius": "20"}
    listed = request_items(get("requests", "json", dict(window, **near)), "json", "GET /open311/v2/requests.json?lat=…&long=…&radius=20")
    found = {item["service_request_id"] for item in listed}
    check(posted["101"]["id"] in found and not found & {posted[code]["id"] for code in CATALOGUE if int(code) >= 103},
          "GET /open311/v2/requests.json?lat=%s&long=%s&radius=20: expected the request of 101 posted there and none of "
          "those posted 110 m and more away, got %s" % (near["lat"], near["long"], sorted(found)))
    for item in listed:
        check(item["lat"] is not None and distance(item["lat"], item["long"], posted["101"]["lat"], posted["101"]["long"]) <= 21,
              "GET /open311/v2/requests.json?…&radius=20: request %s at %r, %r is more than 20 m away"
              % (item["service_request_id"], item["lat"], item["long"]))
    passed("request list", "georeport JSON and XML; start/end window, id list overriding, service_code, status, "
           "%d pages of 4 without overlap, page_size=1000, lat/long/radius" % pages)

    # Error cases: the status, and a well-formed error list in the suffix's format.
    valid = [("api_key", api_key), ("service_code", "101"), ("lat", str(LAT)), ("long", str(LONG)),
             ("attribute[volume]", "small")]

    def without(form, *names):
        return [(k, v) for k, v in form if k not in names]

    def replaced(form, **values):
        return [(k, values.get(k.replace("[", "_").replace("]", ""), v)) for k, v in form]

    base_102 = [("api_key", api_key), ("service_code", "102"), ("lat", str(LAT)), ("long", str(LONG)), ("attribute[surface]", "facade")]
    base_105 = [("api_key", api_key), ("service_code", "105"), ("lat", str(LAT)), ("long", str(LONG)), ("attribute[kind]", "music")]
    post_errors = [
        (403, "no api_key", without(valid, "api_key")),
        (403, "an unknown api_key", replaced(valid, api_key="not-a-key-0000")),
        (404, "an unknown service_code", replaced(without(valid, "attribute[volume]"), service_code="999")),
        (404, "an unknown jurisdiction_id", valid + [("jurisdiction_id", "paris.fr")]),
        (400, "no service_code", without(valid, "service_code")),
        (400, "no location", without(valid, "lat", "long")),
        (400, "lat without long", without(valid, "long")),
        (400, "long without lat", without(valid, "lat")),
        (400, "address_id alone", without(valid, "lat", "long") + [("address_id", "13002-0012")]),
        (400, "lat out of range", replaced(valid, lat="91")),
        (400, "a position outside the city (Paris)", replaced(valid, lat=str(PARIS_LAT), long=str(PARIS_LONG))),
        (400, "the required attribute volume missing", without(valid, "attribute[volume]")),
        (400, "the required multivaluelist blocking missing", replaced(without(valid, "attribute[volume]"), service_code="106")),
        (400, "a singlevaluelist value not in the list", replaced(valid, attribute_volume="huge")),
        (400, "a multivaluelist value not in the list", valid + [("attribute[waste][]", "gold")]),
        (400, "two values for the singlevaluelist volume", valid + [("attribute[volume]", "large")]),
        (400, "a number that is not a number", base_102 + [("attribute[area]", "beaucoup")]),
        (400, "a datetime without offset", valid + [("attribute[noticed]", stamp.strftime("%Y-%m-%dT%H:%M:%S"))]),
        (400, "an invalid datetime", valid + [("attribute[noticed]", "hier soir")]),
        (400, "an impossible date", valid + [("attribute[noticed]", "2024-02-30T10:00:00+01:00")]),
        (400, "an unknown attribute code", valid + [("attribute[colour]", "red")]),
        (400, "a value for the display-only attribute notice", base_105 + [("attribute[notice]", "lu")]),
        (400, "a description over 4,000 characters", valid + [("description", "x" * 4001)]),
    ]
    for status, why, form in post_errors:
        expect_error("POST", "requests", "json", status, why, form=form)
    xml_post_errors = [case for case in post_errors if case[1] in (
        "no api_key", "an unknown service_code", "a position outside the city (Paris)",
        "the required attribute volume missing", "a number that is not a number")]
    for status, why, form in xml_post_errors:
        expect_error("POST", "requests", "xml", status, why, form=form)
    passed("POST errors", "%d cases in JSON (403, 404, 400) and %d in XML: status and error list"
           % (len(post_errors), len(xml_post_errors)))

    day = timedelta(days=1)
    get_errors = [
        ("services/999", 404, "an unknown service_code", None),
        ("requests/999999999", 404, "an unknown request id", None),
        ("tokens/no-such-token", 404, "an unknown token", None),
        ("services", 404, "an unknown jurisdiction_id", {"jurisdiction_id": "paris.fr"}),
        ("requests", 404, "an unknown jurisdiction_id", {"jurisdiction_id": "paris.fr"}),
        ("foo", 404, "an unknown file", None),
        ("requests", 400, "start_date after end_date", {"start_date": w3c(stamp), "end_date": w3c(stamp - day)}),
        ("requests", 400, "a span over 90 days", {"start_date": w3c(stamp - 91 * day), "end_date": w3c(stamp)}),
        ("requests", 400, "status=pending", {"status": "pending"}),
        ("requests", 400, "page=0", {"page": "0"}),
        ("requests", 400, "page_size over 1000", {"page_size": "1001"}),
    ]
    for fmt in ("json", "xml"):
        for path, status, why, params in get_errors:
            expect_error("GET", path, fmt, status, why, params=params)
    passed("GET errors", "%d cases, each in JSON and in XML: status and error list" % len(get_errors))

    # Staff triage through the API, then the updates extension and the request's status.
    login = requests.post(root + "/api/v1/session", json={"name": "operator", "password": "demo-operator"}, timeout=30)
    check(login.ok, "POST /api/v1/session as operator: expected success, got %d: %s" % (login.status_code, snippet(login)))
    csrf = login.json().get("csrfToken")
    check(bool(csrf), "POST /api/v1/session: expected a csrfToken in %r" % login.json())
    cookie = "; ".join("%s=%s" % (c.name, c.value) for c in login.cookies)
    check(bool(cookie), "POST /api/v1/session: expected a session cookie")
    staff = {"Cookie": cookie, "X-CSRF-Token": csrf}
    target = posted["101"]["id"]

    def triage(status, note, body=None):
        payload = {"status": status, "note": note}
        if body:
            payload["body"] = body
        response = requests.post("%s/api/v1/citizen-requests/%s/updates" % (root, target), json=payload, headers=staff, timeout=30)
        check(response.status_code == 201, "POST /api/v1/citizen-requests/%s/updates %s: expected HTTP 201, got %d: %s"
              % (target, json.dumps(payload, ensure_ascii=False), response.status_code, snippet(response)))

    def updates(fmt, params):
        body = get("servicerequestupdates", fmt, params)
        where = "GET /open311/v2/servicerequestupdates.%s?%s" % (fmt, "&".join("%s=%s" % pair for pair in params.items()))
        if fmt == "xml":
            check(isinstance(body, dict) and list(body) == ["service_request_updates"],
                  "%s: expected the XML root <service_request_updates>, got %r" % (where, body))
            items = as_list((body["service_request_updates"] or {}).get("request_update"))
        else:
            check(isinstance(body, list), "%s: expected a top-level JSON array, got %r" % (where, body))
            items = body
        for item in items:
            missing = [field for field in UPDATE_FIELDS if field not in item]
            check(not missing, "%s: an update lacks the fields %s: %r" % (where, missing, item))
            text(item["update_id"], where + " update_id")
            check(item["status"] in UPDATE_STATUSES, "%s: expected a FixMyStreet status (%s), got %r"
                  % (where, ", ".join(sorted(UPDATE_STATUSES)), item["status"]))
            check(is_datetime(item["updated_datetime"]), "%s: expected updated_datetime as a W3C datetime, got %r"
                  % (where, item["updated_datetime"]))
        return items, where

    def one(identifier):
        body = get("requests/" + identifier, "json")
        check(isinstance(body, list) and len(body) == 1, "GET /open311/v2/requests/%s.json: expected an array of one, got %r" % (identifier, body))
        check_request(body[0], "json", "GET /open311/v2/requests/%s.json" % identifier)
        return body[0]

    scheduled = "Équipe prévue demain"
    triage("in-progress", scheduled, "metropolis")
    for fmt in ("json", "xml"):
        items, where = updates(fmt, {"service_request_id": target})
        matching = [u for u in items if u["status"] == "IN_PROGRESS" and u["description"] == scheduled]
        check(len(matching) == 1 and matching[0]["service_request_id"] == target,
              "%s: expected one IN_PROGRESS update of request %s with the note %r, got %r" % (where, target, scheduled, items))
        check(all(u["service_request_id"] == target for u in items), "%s: expected updates of request %s only, got %r" % (where, target, items))
    items, where = updates("json", {"start_date": w3c(stamp - timedelta(hours=1)), "end_date": w3c(now() + timedelta(minutes=10))})
    check(any(u["service_request_id"] == target and u["status"] == "IN_PROGRESS" for u in items),
          "%s: expected the IN_PROGRESS update of request %s in a window around now" % (where, target))
    items, where = updates("json", {"start_date": w3c(stamp - timedelta(days=40)), "end_date": w3c(stamp - timedelta(days=20))})
    check(not any(u["service_request_id"] == target for u in items), "%s: expected no update of request %s 40 to 20 days ago" % (where, target))
    item = one(target)
    where = "GET /open311/v2/requests/%s.json after an in-progress update" % target
    check(item["status"] == "open", "%s: expected status open (in progress is open), got %r" % (where, item["status"]))
    check(item["status_notes"] == scheduled, "%s: expected status_notes %r, got %r" % (where, scheduled, item["status_notes"]))
    check("metropole" in (item["agency_responsible"] or "").casefold().replace("é", "e"),
          "%s: expected agency_responsible to name the Métropole, got %r" % (where, item["agency_responsible"]))

    removed = "Dépôt enlevé ce matin"
    triage("fixed", removed)
    item = one(target)
    where = "GET /open311/v2/requests/%s.json after a fixed update" % target
    check(item["status"] == "closed", "%s: expected status closed, got %r" % (where, item["status"]))
    check(item["status_notes"] == removed, "%s: expected status_notes %r (the latest note), got %r" % (where, removed, item["status_notes"]))
    check(is_datetime(item["updated_datetime"]), "%s: expected updated_datetime set, got %r" % (where, item["updated_datetime"]))
    items, where = updates("json", {"service_request_id": target})
    check({"IN_PROGRESS", "FIXED"} <= {u["status"] for u in items} and any(u["description"] == removed for u in items),
          "%s: expected the IN_PROGRESS and FIXED updates with their notes, got %r" % (where, items))
    closed = {item["service_request_id"] for item in get("requests", "json", dict(window, status="closed"))}
    opened = {item["service_request_id"] for item in get("requests", "json", dict(window, status="open"))}
    check(target in closed and target not in opened,
          "GET /open311/v2/requests.json?status=closed / status=open: expected the fixed request %s among the closed only" % target)
    passed("triage and updates", "in-progress then fixed through /api/v1: IN_PROGRESS and FIXED updates in JSON and "
           "XML, status open then closed, status_notes, the Métropole responsible, updated_datetime")

    # Nothing about the citizen comes back, and every datetime carries an offset.
    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        else:
            yield key, value

    datetimes = 0
    for where, body in seen:
        for key, value in walk(body):
            check(key not in CONTACT, "%s: the contact field %r appears in the answer" % (where, key))
            if isinstance(value, str):
                for field, sent in CONTACT.items():
                    check(sent not in value, "%s: the %s sent in a POST (%r) appears in the answer, under %r" % (where, field, sent, key))
            if key and (key.endswith("_datetime") or key == "changeset") and value not in (None, ""):
                datetimes += 1
                check(is_datetime(value),
                      "%s: %s %r is not a W3C datetime with an offset" % (where, key, value))
    passed("privacy and datetimes", "%d answers hold no email, phone, name or device_id; %d datetimes carry an offset"
           % (len(seen), datetimes))

    # Last, as it floods the endpoint: posting too fast is answered 429 with Retry-After.
    flood = [("api_key", api_key), ("service_code", "110"), ("lat", str(LAT)), ("long", str(LONG)),
             ("attribute[details]", "Test de débit")]
    started = time.monotonic()
    for attempts in range(1, 1501):
        response = session.post(base + "/requests.json", data=flood, timeout=60)
        if response.status_code == 429:
            break
        check(response.status_code == 201, "POST /open311/v2/requests.json (flood, #%d): expected 201 or 429, got %d: %s"
              % (attempts, response.status_code, snippet(response)))
    else:
        fail("POST /open311/v2/requests.json: expected HTTP 429 once a key posts too fast, got none after 1,500 POSTs in %.0f s"
             % (time.monotonic() - started))
    retry = response.headers.get("Retry-After", "")
    check(retry_after_valid(retry),
          "POST /open311/v2/requests.json (429): expected a Retry-After header in seconds, got %r" % retry)
    check_error_body(parse(response, "json", "POST /open311/v2/requests.json (429)"), "json", "POST /open311/v2/requests.json (429)")
    passed("rate limit", "429 with Retry-After %s after %d rapid POSTs" % (retry, attempts))

    print("open311 conformance test passed: %d checks against %s" % (checks, base))
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)
