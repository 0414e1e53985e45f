/// The OpenAPI 3.1 description of the API, served at `/api/openapi.yaml`; a test calls every operation it
/// lists and checks the answers against it.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Vigie API
  version: 0.1.0
  description: >
    The API of Vigie, a public-tranquillity observatory for cities. It is place-based: it never scores or
    profiles people. Log in with POST /api/v1/session; the session cookie then authenticates each request,
    and unsafe requests carry the session's CSRF token in X-CSRF-Token. Every request let through, and every
    refusal, is written to the audit log.
servers:
  - url: /
security:
  - session: []
  - token: []
components:
  securitySchemes:
    session:
      type: apiKey
      in: cookie
      name: vigie_session
    token:
      type: http
      scheme: bearer
      description: An API token from `vigie tokens create`, acting as its account.
  schemas:
    Moment:
      type: string
      pattern: "^[0-9]{1,10}$"
      description: Seconds since 1970; a date and time with its offset (2026-11-28T18:30:00+01:00) is read too.
    VideoRuleKind: {type: string, enum: [intrusion, wrong-direction, density, object-left, crowd-movement]}
    VideoEventStatus: {type: string, enum: [pending, confirmed, dismissed]}
    VideoEvent:
      type: object
      required: [id, camera, kind, time, end, detail, status, thumbnail]
      properties:
        id: {type: integer}
        camera: {type: string}
        kind: {$ref: "#/components/schemas/VideoRuleKind"}
        zone: {type: [string, "null"]}
        time: {type: string, format: date-time}
        end: {type: string, format: date-time}
        x: {type: [number, "null"]}
        y: {type: [number, "null"]}
        detail: {type: string}
        status: {$ref: "#/components/schemas/VideoEventStatus"}
        reviewedBy: {type: [string, "null"]}
        reviewedAt: {type: [string, "null"], format: date-time}
        note: {type: [string, "null"]}
        thumbnail: {type: string}
    RequestStatus:
      type: string
      enum: [open, in-progress, action-scheduled, fixed, duplicate, not-responsible, closed]
    ResponsibleBody:
      type: string
      enum: [city, metropolis, police]
    CitizenRequest:
      type: object
      required: [id, service, serviceName, status, body, description, attributes, hasPhoto, channel, requestedAt, updatedAt, districts]
      properties:
        id: {type: integer}
        service: {type: string}
        serviceName: {type: string}
        status: {$ref: "#/components/schemas/RequestStatus"}
        body: {$ref: "#/components/schemas/ResponsibleBody"}
        description: {type: string}
        address: {type: string}
        latitude: {type: number}
        longitude: {type: number}
        attributes: {type: object, additionalProperties: {type: array, items: {type: string}}}
        hasPhoto: {type: boolean}
        channel: {type: string}
        requestedAt: {type: string, format: date-time}
        updatedAt: {type: string, format: date-time}
        statusNote: {type: string}
        districts: {type: object, additionalProperties: {type: string}}
    Category:
      type: string
      enum: [assault, theft, burglary, damage, drugs, nuisance, public-order, road-safety, parking, street, rescue, other]
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code:
              type: string
              description: A stable code (unauthenticated, forbidden, csrf, bad-request, bad-parameter, bad-credentials, too-many-attempts, not-found, internal).
            message:
              type: string
    Me:
      type: object
      required: [name, role, permissions]
      properties:
        name: {type: string}
        role: {type: string, enum: [admin, analyst, commander, operator, video-operator, auditor]}
        permissions: {type: array, items: {type: string}}
        csrfToken: {type: [string, "null"]}
    Source:
      type: object
      required: [name, title, owner, purpose, legalRegime, holdsPersonalData, retentionDays, isPublic]
      properties:
        id: {type: integer}
        name: {type: string}
        title: {type: string}
        owner: {type: string}
        purpose: {type: string}
        legalRegime: {type: string, enum: [gdpr, police-justice]}
        holdsPersonalData: {type: boolean}
        retentionDays: {type: integer}
        isPublic: {type: boolean}
    SourceFields:
      type: object
      properties:
        title: {type: string, pattern: "\\S"}
        owner: {type: string, pattern: "\\S"}
        purpose: {type: string, pattern: "\\S"}
        legalRegime: {type: string, enum: [gdpr, police-justice]}
        holdsPersonalData: {type: boolean}
        retentionDays: {type: integer, minimum: 1}
        isPublic: {type: boolean}
    NewSource:
      allOf:
        - {$ref: "#/components/schemas/SourceFields"}
        - type: object
          required: [name, title, owner, purpose, legalRegime, holdsPersonalData, retentionDays]
          properties:
            name: {type: string, pattern: "^[a-z0-9-]{1,64}$"}
    Account:
      type: object
      required: [name, role, createdAt]
      properties:
        name: {type: string}
        role: {type: string}
        createdAt: {type: string, format: date-time}
        disabledAt: {type: [string, "null"], format: date-time}
    Role:
      type: string
      enum: [admin, analyst, commander, operator, video-operator, auditor]
    RiskScore:
      type: object
      required: [score, band, reasons]
      properties:
        score: {type: integer, minimum: 1, maximum: 10}
        band: {type: string, enum: [green, orange, red]}
        reasons:
          type: array
          items:
            type: object
            required: [factor, points, text]
            properties:
              factor: {type: string}
              points: {type: number}
              text: {type: string}
    AgendaDocument:
      type: object
      required: [from, days, incidentHistory, items, calendar, clashes]
      properties:
        from: {type: string, format: date}
        days: {type: integer}
        districtLevel: {type: [string, "null"]}
        incidentHistory: {type: boolean}
        items:
          type: array
          items:
            type: object
            required: [reference, kind, title, startsAt, endsAt, allDay, districts, risk, clashes, means]
            properties:
              id: {type: [integer, "null"]}
              reference: {type: string}
              kind: {type: string, enum: [event, market, roadworks, protest, official-visit, film-shoot]}
              title: {type: string}
              startsAt: {type: string, format: date-time}
              endsAt: {type: string, format: date-time}
              allDay: {type: boolean}
              attendance: {type: [integer, "null"]}
              organiser: {type: [string, "null"]}
              districts: {type: array, items: {type: string}}
              risk: {$ref: "#/components/schemas/RiskScore"}
              clashes: {type: array, items: {type: string}}
              means:
                type: object
                properties:
                  recommended: {type: object, additionalProperties: {type: integer}}
                  planned: {type: object, additionalProperties: {type: integer}}
                  deployed: {type: object, additionalProperties: {type: integer}}
                  adequacy: {type: [number, "null"]}
                  shortest: {type: [string, "null"]}
                  underResourced: {type: boolean}
        calendar:
          type: array
          items:
            type: object
            required: [day, band, items, officersPlanned, officersRecommended, shortfalls, districts]
            properties:
              day: {type: string, format: date}
              band: {type: string, enum: [green, orange, red]}
              items: {type: array, items: {type: string}}
              officersPlanned: {type: integer}
              officersRecommended: {type: integer}
              adequacy: {type: [number, "null"]}
              shortfalls: {type: array, items: {type: string}}
              districts:
                type: array
                items:
                  type: object
                  required: [code, name, items, risk]
                  properties:
                    code: {type: string}
                    name: {type: string}
                    items: {type: array, items: {type: string}}
                    risk: {$ref: "#/components/schemas/RiskScore"}
        clashes:
          type: array
          items:
            type: object
            required: [first, second, rule, distanceMeters, start, end, overlaps, explanation]
            properties:
              first: {type: string}
              second: {type: string}
              rule: {type: string}
              distanceMeters: {type: number}
              start: {type: string, format: date-time}
              end: {type: string, format: date-time}
              overlaps: {type: boolean}
              explanation: {type: string}
    Statistics:
      type: object
      required: [by, total, rows]
      properties:
        by: {type: array, items: {type: string}}
        total: {type: integer}
        rows:
          type: array
          items:
            type: object
            required: [keys, count]
            properties:
              keys: {type: array, items: {type: string}}
              count: {type: integer}
    FeatureCollection:
      type: object
      required: [type, features]
      properties:
        type: {type: string, enum: [FeatureCollection]}
        features:
          type: array
          items:
            type: object
            required: [type, geometry, properties]
            properties:
              type: {type: string, enum: [Feature]}
              geometry:
                type: object
                required: [type, coordinates]
                properties:
                  type: {type: string, enum: [MultiPolygon]}
                  coordinates: {type: array}
              properties: {type: object}
    Alert:
      type: object
      required: [kind, day, category, observed, expected, detectedAt]
      properties:
        id: {type: [integer, "null"]}
        kind: {type: string, enum: [excess, level-change]}
        day: {type: string, format: date}
        districtLevel: {type: [string, "null"]}
        districtCode: {type: [string, "null"]}
        category: {type: string}
        observed: {type: number}
        expected: {type: number}
        p: {type: [number, "null"]}
        detectedAt: {type: string, format: date-time}
        acknowledgedAt: {type: [string, "null"], format: date-time}
        acknowledgedBy: {type: [string, "null"]}
        note: {type: [string, "null"]}
    QuarantinedRow:
      type: object
      required: [sourceID, file, recordNumber, line, reason, rawRecord, quarantinedAt]
      properties:
        id: {type: [integer, "null"]}
        sourceID: {type: integer}
        file: {type: string}
        recordNumber: {type: integer}
        line: {type: integer}
        field: {type: [string, "null"]}
        reason: {type: string}
        rawRecord: {type: string}
        quarantinedAt: {type: string, format: date-time}
    AuditEntry:
      type: object
      required: [sequence, at, actor, action, target, detail, previousHash, hash]
      properties:
        sequence: {type: integer}
        at: {type: string, format: date-time}
        actor: {type: string}
        action: {type: string}
        target: {type: string}
        detail: {type: string}
        previousHash: {type: string}
        hash: {type: string}
    Provenance:
      type: object
      description: How far to trust a forecast - its method, period, cells, what it learnt from, its measured accuracy and warnings.
      required: [method, origin, horizonHours, cellSize, studyCells, trainingIncidents, warnings, summary]
      properties:
        method: {type: string}
        origin: {type: string, format: date-time}
        horizonHours: {type: number}
        cellSize: {type: number}
        studyCells: {type: integer}
        trainingIncidents: {type: integer}
        trainingFrom: {type: string, format: date}
        trainingTo: {type: string, format: date}
        accuracy:
          type: object
          required: [days, incidents, hitRate]
          properties:
            days: {type: integer}
            incidents: {type: integer}
            hitRate: {type: object, additionalProperties: {type: number}, description: Share of incidents caught by the riskiest N % of the area, keyed by N.}
        warnings: {type: array, items: {type: string}}
        summary: {type: array, items: {type: string}}
    ForecastLayer:
      allOf:
        - {$ref: "#/components/schemas/FeatureCollection"}
        - type: object
          required: [forecast]
          properties:
            forecast: {$ref: "#/components/schemas/Provenance"}
    PatrolPlan:
      allOf:
        - {$ref: "#/components/schemas/Provenance"}
        - type: object
          required: [radius, spacing, share, expectedIncidents, areas]
          properties:
            radius: {type: number}
            spacing: {type: number}
            share: {type: number}
            expectedIncidents: {type: number}
            areas:
              type: array
              items:
                type: object
                required: [unit, share, expectedIncidents, fixed, cells, district]
                properties:
                  unit: {type: integer}
                  share: {type: number}
                  expectedIncidents: {type: number}
                  fixed: {type: string, enum: ["yes", "no"]}
                  cells: {type: integer}
                  district: {type: string}
                  latitude: {type: number}
                  longitude: {type: number}
    Comparison:
      type: object
      required: [current, reference, change, p, direction]
      properties:
        current: {type: integer}
        reference: {type: integer}
        change: {type: [number, "null"]}
        p: {type: number}
        direction: {type: string, enum: [up, down, stable]}
    CompStat:
      type: object
      required: [asOf, level, lines]
      properties:
        asOf: {type: string, format: date}
        level: {type: number}
        lines:
          type: array
          items:
            type: object
            required: [group, key, last7_vs_previous, last7_vs_year_before, last28_vs_previous, last28_vs_year_before, year_to_date_vs_year_before]
            properties:
              group: {type: string}
              key: {type: string}
              last7_vs_previous: {$ref: "#/components/schemas/Comparison"}
              last7_vs_year_before: {$ref: "#/components/schemas/Comparison"}
              last28_vs_previous: {$ref: "#/components/schemas/Comparison"}
              last28_vs_year_before: {$ref: "#/components/schemas/Comparison"}
              year_to_date_vs_year_before: {$ref: "#/components/schemas/Comparison"}
    Series:
      type: object
      required: [period, seasonalStrength, changePoints, series]
      properties:
        period: {type: integer}
        seasonalStrength: {type: [number, "null"]}
        changePoints:
          type: array
          items:
            type: object
            required: [start, levelBefore, levelAfter]
            properties:
              start: {type: string}
              levelBefore: {type: number}
              levelAfter: {type: number}
        series:
          type: array
          items:
            type: object
            required: [period, count, trend, seasonal, residual]
            properties:
              period: {type: string}
              count: {type: integer}
              trend: {type: [number, "null"]}
              seasonal: {type: [number, "null"]}
              residual: {type: [number, "null"]}
  parameters:
    Sources: {name: source, in: query, schema: {type: array, items: {type: string}}, style: form, explode: true, description: "Names of the register's sources; an unknown one is a 404."}
    ForecastMethod: {name: method, in: query, schema: {type: string, enum: [count, retrospective, prospective, kde-decay, sepp, blend, best], default: best}, description: "best: the method that caught most incidents in the riskiest 5 % of the area over the last 90 days."}
    ForecastCategory: {name: category, in: query, schema: {$ref: "#/components/schemas/Category"}}
    ForecastCell: {name: cell, in: query, schema: {type: number, minimum: 100, maximum: 2000, default: 150}, description: "Side of the cells in metres; finer cells are for `vigie forecast`, not for an interactive request."}
    ForecastHorizon: {name: horizon, in: query, schema: {type: string, pattern: "^[0-9]+[hd]$", default: 8h}, description: Hours (8h) or days (1d, 7d), at most 31 days.}
    ForecastDay: {name: day, in: query, schema: {type: string, format: date}, description: The day forecast; the day after the latest incident by default.}
    ForecastStartHour: {name: startHour, in: query, schema: {type: integer, minimum: 0, maximum: 23, default: 0}}
    ForecastLevel: {name: level, in: query, schema: {type: string}, description: The district level whose outlines draw the study area.}
  responses:
    Unauthenticated:
      description: No valid session.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    Forbidden:
      description: The account's role lacks the permission, or an unsafe request lacks its CSRF token.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    BadParameter:
      description: A parameter cannot be read; the message names it and says why.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    NotFound:
      description: What the parameters name does not exist (a source, a district level, a district, an alert), or the store holds no incident to answer from.
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
paths:
  /health:
    get:
      operationId: health
      security: []
      summary: Whether the server answers.
      responses:
        "200": {description: The server answers.}
  /api/openapi.yaml:
    get:
      operationId: openAPI
      security: []
      summary: This document.
      responses:
        "200":
          description: The OpenAPI document.
          content: {application/yaml: {schema: {type: string}}}
  /api/v1/session:
    post:
      operationId: login
      security: []
      summary: Log in; sets the session cookie and answers the account with its CSRF token.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, password]
              properties:
                name: {type: string}
                password: {type: string}
      responses:
        "200":
          description: Logged in.
          content: {application/json: {schema: {$ref: "#/components/schemas/Me"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "429":
          description: Too many failed logins for this name or from this address.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    delete:
      operationId: logout
      summary: Log out (needs X-CSRF-Token).
      parameters:
        - {name: X-CSRF-Token, in: header, required: true, schema: {type: string}}
      responses:
        "204": {description: Logged out.}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/me:
    get:
      operationId: me
      summary: The logged-in account, its permissions and its CSRF token.
      responses:
        "200":
          description: The account.
          content: {application/json: {schema: {$ref: "#/components/schemas/Me"}}}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/sources:
    get:
      operationId: sources
      summary: The register of sources.
      responses:
        "200":
          description: The register.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Source"}}}}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
    post:
      operationId: addSource
      summary: Adds an entry to the register of sources.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/NewSource"
      responses:
        "201":
          description: The entry.
          content: {application/json: {schema: {$ref: "#/components/schemas/Source"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409":
          description: A source with this name is registered already.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  /api/v1/sources/{name}:
    patch:
      operationId: editSource
      summary: Changes the fields given of an entry of the register; a source keeps its name (another name is a 400).
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/SourceFields"
      responses:
        "200":
          description: The entry as it now is.
          content: {application/json: {schema: {$ref: "#/components/schemas/Source"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/agenda:
    get:
      operationId: agenda
      summary: The agenda of the next days, assessed (risk 1–10 with reasons, clashes, means).
      parameters:
        - {name: from, in: query, schema: {type: string, format: date}, description: First day (default today).}
        - {name: days, in: query, schema: {type: integer, minimum: 1, maximum: 366, default: 30}}
        - {name: level, in: query, schema: {type: string}, description: District level of the day-by-district scores.}
      responses:
        "200":
          description: The assessed agenda.
          content: {application/json: {schema: {$ref: "#/components/schemas/AgendaDocument"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "404": {$ref: "#/components/responses/NotFound"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/stats:
    get:
      operationId: statistics
      summary: Incident counts grouped by one or two dimensions.
      parameters:
        - name: by
          in: query
          schema: {type: array, maxItems: 2, items: {type: string, enum: [district, category, source, hour-of-week, day, week, month]}}
          style: form
          explode: true
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}, description: Exclusive.}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
        - {name: district, in: query, schema: {type: array, items: {type: string}}, style: form, explode: true}
        - {name: level, in: query, schema: {type: string}}
      responses:
        "200":
          description: The counts.
          content: {application/json: {schema: {$ref: "#/components/schemas/Statistics"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "404": {$ref: "#/components/responses/NotFound"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/density:
    get:
      operationId: density
      summary: Kernel density of incidents on square cells (incidents per km²), as GeoJSON cells.
      description: The bandwidth must lie between half a cell and 20 cells, and the grid over the city hold at most 400,000 cells; otherwise the answer is 400.
      parameters:
        - {name: cell, in: query, schema: {type: number, minimum: 25, maximum: 2000, default: 100}}
        - {name: bandwidth, in: query, schema: {type: number, minimum: 50, maximum: 5000, default: 300}}
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
      responses:
        "200":
          description: The cells holding density.
          content: {application/json: {schema: {$ref: "#/components/schemas/FeatureCollection"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/districts:
    get:
      operationId: districts
      summary: District outlines of a level (all levels when none is given), as GeoJSON.
      parameters:
        - {name: level, in: query, schema: {type: string}}
      responses:
        "200":
          description: The outlines with level, code, name and population.
          content: {application/json: {schema: {$ref: "#/components/schemas/FeatureCollection"}}}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/alerts:
    get:
      operationId: alerts
      summary: Open anomaly alerts, or all of them with all=true.
      parameters:
        - {name: all, in: query, schema: {type: boolean, default: false}}
      responses:
        "200":
          description: The alerts.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Alert"}}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/alerts/{id}/acknowledge:
    post:
      operationId: acknowledgeAlert
      summary: Acknowledges an open alert, with an optional note; who and when are recorded with it.
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: string, maxLength: 2000}
      responses:
        "204": {description: Acknowledged.}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409":
          description: The alert was acknowledged already.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  /api/v1/alerts/scan:
    post:
      operationId: scanAlerts
      summary: Scans days for excess days per district and category and lasting changes of level, and records the new alerts (the server also scans the latest two days every quarter of an hour).
      parameters:
        - {name: from, in: query, schema: {type: string, format: date}, description: The first day scanned; the day before the latest incident's by default.}
        - {name: to, in: query, schema: {type: string, format: date}, description: Exclusive; with from only. At most 366 days.}
        - {name: fdr, in: query, schema: {type: number, minimum: 0.001, maximum: 0.5, default: 0.05}}
      responses:
        "200":
          description: The alerts recorded by this scan (none already recorded), and what was scanned, in words.
          content:
            application/json:
              schema:
                type: object
                required: [recorded, notes]
                properties:
                  recorded: {type: array, items: {$ref: "#/components/schemas/Alert"}}
                  notes: {type: array, items: {type: string}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/hotspots:
    get:
      operationId: hotspots
      summary: Getis-Ord Gi* hot and cold spots on square cells, declared at a false-discovery rate, as GeoJSON cells.
      description: The neighbourhood distance must span 1 to 20 cells; otherwise the answer is 400.
      parameters:
        - {name: cell, in: query, schema: {type: number, minimum: 50, maximum: 2000, default: 200}}
        - {name: distance, in: query, schema: {type: number, minimum: 50, maximum: 40000, default: 400}}
        - {name: fdr, in: query, schema: {type: number, minimum: 0.001, maximum: 0.5, default: 0.05}}
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
        - {name: level, in: query, schema: {type: string}, description: The district level whose outlines draw the study area.}
      responses:
        "200":
          description: The significant cells, strongest first, with count, z, p and kind (hot or cold).
          content: {application/json: {schema: {$ref: "#/components/schemas/FeatureCollection"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/trends:
    get:
      operationId: trends
      summary: The CompStat table (last 7 and 28 days and the year to date against the periods before and a year before, with exact Poisson tests), or with series a series of whole periods with its decomposition and changes of level.
      parameters:
        - {name: by, in: query, schema: {type: string, enum: [category, district, source], default: category}}
        - {name: series, in: query, schema: {type: string, enum: [day, week, month]}}
        - {name: asOf, in: query, schema: {type: string, format: date}, description: The last day counted; the latest day holding an incident by default.}
        - {name: significance, in: query, schema: {type: number, minimum: 0.0001, maximum: 0.5, default: 0.05}}
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
        - {name: level, in: query, schema: {type: string}}
      responses:
        "200":
          description: The table, or the series.
          content: {application/json: {schema: {oneOf: [{$ref: "#/components/schemas/CompStat"}, {$ref: "#/components/schemas/Series"}]}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/forecast:
    get:
      operationId: forecast
      summary: Where incidents are expected, as GeoJSON cells of the riskiest share of the study area, with the forecast's method, training, measured accuracy and warnings.
      parameters:
        - {$ref: "#/components/parameters/ForecastMethod"}
        - {$ref: "#/components/parameters/ForecastCategory"}
        - {$ref: "#/components/parameters/ForecastCell"}
        - {$ref: "#/components/parameters/ForecastHorizon"}
        - {$ref: "#/components/parameters/ForecastDay"}
        - {$ref: "#/components/parameters/ForecastStartHour"}
        - {$ref: "#/components/parameters/ForecastLevel"}
        - {name: coverage, in: query, schema: {type: number, minimum: 0.1, maximum: 100, default: 5}, description: Share of the study area drawn, in per cent.}
      responses:
        "200":
          description: The riskiest cells (rank, cell, risk) and the forecast's provenance.
          content: {application/json: {schema: {$ref: "#/components/schemas/ForecastLayer"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/patrol:
    get:
      operationId: patrol
      summary: A patrol plan - K areas that cover as much forecast risk as possible, kept apart - on the forecast the same parameters ask for. Places only.
      description: The radius must be at most 50 cells; otherwise the answer is 400.
      parameters:
        - {name: units, in: query, schema: {type: integer, minimum: 1, maximum: 200, default: 6}}
        - {name: radius, in: query, schema: {type: number, minimum: 50, maximum: 5000, default: 250}}
        - {name: spacing, in: query, schema: {type: number, minimum: 0, maximum: 20000, default: 600}}
        - {name: format, in: query, schema: {type: string, enum: [json, geojson], default: json}}
        - {$ref: "#/components/parameters/ForecastMethod"}
        - {$ref: "#/components/parameters/ForecastCategory"}
        - {$ref: "#/components/parameters/ForecastCell"}
        - {$ref: "#/components/parameters/ForecastHorizon"}
        - {$ref: "#/components/parameters/ForecastDay"}
        - {$ref: "#/components/parameters/ForecastStartHour"}
        - {$ref: "#/components/parameters/ForecastLevel"}
      responses:
        "200":
          description: The plan, or its areas as GeoJSON circles.
          content: {application/json: {schema: {oneOf: [{$ref: "#/components/schemas/PatrolPlan"}, {$ref: "#/components/schemas/FeatureCollection"}]}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/citizen-requests:
    get:
      operationId: citizenRequests
      summary: Citizen requests to handle, the latest first, a page at a time (the reporters' contacts are not in it; the triage page shows them, audited).
      parameters:
        - {name: status, in: query, schema: {type: array, items: {$ref: "#/components/schemas/RequestStatus"}}, style: form, explode: true}
        - {name: body, in: query, schema: {type: array, items: {$ref: "#/components/schemas/ResponsibleBody"}}, style: form, explode: true}
        - {name: service, in: query, schema: {type: array, items: {type: string}}, style: form, explode: true, description: Open311 service codes.}
        - {name: q, in: query, schema: {type: string}, description: Words the description or the address contains.}
        - {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 100000, default: 1}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
      responses:
        "200":
          description: The page, and how many requests the filter keeps in all.
          content:
            application/json:
              schema:
                type: object
                required: [total, page, limit, requests]
                properties:
                  total: {type: integer}
                  page: {type: integer}
                  limit: {type: integer}
                  requests: {type: array, items: {$ref: "#/components/schemas/CitizenRequest"}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/citizen-requests/{id}/updates:
    post:
      operationId: updateCitizenRequest
      summary: Records a step of handling; the note is what the reporter reads on the tracking page and in Open311 servicerequestupdates.
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [status]
              properties:
                status: {$ref: "#/components/schemas/RequestStatus"}
                note: {type: [string, "null"], maxLength: 4000}
                body: {anyOf: [{$ref: "#/components/schemas/ResponsibleBody"}, {type: "null"}]}
                expected: {type: [string, "null"], format: date, description: When the body expects to act.}
      responses:
        "201":
          description: The request as it now stands.
          content: {application/json: {schema: {$ref: "#/components/schemas/CitizenRequest"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/incidents:
    get:
      operationId: incidents
      summary: Incidents one by one, the latest first, a page at a time.
      parameters:
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}, description: Exclusive.}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
        - {name: district, in: query, schema: {type: array, items: {type: string}}, style: form, explode: true}
        - {name: level, in: query, schema: {type: string}}
        - {name: offset, in: query, schema: {type: integer, minimum: 0, maximum: 10000000, default: 0}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 100}}
      responses:
        "200":
          description: The page, and how many incidents the filter keeps in all.
          content:
            application/json:
              schema:
                type: object
                required: [total, offset, limit, incidents]
                properties:
                  total: {type: integer}
                  offset: {type: integer}
                  limit: {type: integer}
                  incidents:
                    type: array
                    items:
                      type: object
                      required: [id, source, reference, category, rawLabel, occurredAt, timePrecision, districts, attributes]
                      properties:
                        id: {type: integer}
                        source: {type: string}
                        reference: {type: string}
                        category: {type: string}
                        rawLabel: {type: string}
                        occurredAt: {type: string, format: date-time}
                        timePrecision: {type: string, enum: [exact, hour, day, month]}
                        latitude: {type: number}
                        longitude: {type: number}
                        locationPrecisionMeters: {type: number}
                        districts: {type: object, additionalProperties: {type: string}}
                        attributes: {type: object, additionalProperties: {type: string}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/live:
    get:
      operationId: live
      summary: New located incidents as Server-Sent Events (event incident; data id, latitude, longitude, category, source, occurredAt in seconds since 1970).
      parameters:
        - {name: seconds, in: query, schema: {type: number, minimum: 0.1, maximum: 86400}, description: Close the stream after this long (300 by default).}
      responses:
        "200":
          description: The event stream.
          content: {text/event-stream: {schema: {type: string}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/points:
    get:
      operationId: points
      summary: Located incidents of a period and categories, the latest first kept, as [latitude, longitude, category].
      parameters:
        - {name: from, in: query, schema: {type: string, format: date}}
        - {name: to, in: query, schema: {type: string, format: date}}
        - {name: category, in: query, schema: {type: array, items: {$ref: "#/components/schemas/Category"}}, style: form, explode: true}
        - {$ref: "#/components/parameters/Sources"}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50000, default: 10000}}
      responses:
        "200":
          description: The points.
          content:
            application/json:
              schema:
                type: object
                required: [total, truncated, points]
                properties:
                  total: {type: integer}
                  truncated: {type: boolean}
                  points: {type: array, items: {type: array, minItems: 3, maxItems: 3}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/quarantine:
    get:
      operationId: quarantine
      summary: Quarantined rows with their file, line, field and reason.
      parameters:
        - {name: source, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 10000, default: 100}}
      responses:
        "200":
          description: The rows.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/QuarantinedRow"}}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "404": {$ref: "#/components/responses/NotFound"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/sources/{name}/records:
    post:
      operationId: ingest
      summary: Send a file of records to a source; it is read with the source's mapping, as `vigie ingest` reads it.
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: file, in: query, schema: {type: string}, description: The file's name, which quarantine entries keep.}
      requestBody:
        required: true
        content:
          text/csv: {schema: {type: string}}
          application/x-ndjson: {schema: {type: string}}
          application/geo+json: {schema: {type: string}}
      responses:
        "200":
          description: The ingest summary.
          content:
            application/json:
              schema:
                type: object
                required: [file, source, read, accepted, updated, duplicates, quarantined]
                properties:
                  file: {type: string}
                  source: {type: string}
                  read: {type: integer}
                  accepted: {type: integer}
                  updated: {type: integer}
                  duplicates: {type: integer}
                  quarantined: {type: integer}
                  rowsPerSecond: {type: integer}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404":
          description: No source has that name.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
        "409":
          description: The source has no mapping kept, or it cannot be read.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
        "413":
          description: The file is larger than one request may carry.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  /api/v1/users:
    get:
      operationId: users
      summary: The accounts (never their password hashes).
      responses:
        "200":
          description: The accounts.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Account"}}}}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
    post:
      operationId: addUser
      summary: Adds an account; the password is kept as a bcrypt hash.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, role, password]
              properties:
                name: {type: string, pattern: "^[a-z0-9._-]{2,64}$"}
                role: {$ref: "#/components/schemas/Role"}
                password: {type: string, minLength: 12, maxLength: 72, description: At most 72 bytes in UTF-8.}
      responses:
        "201":
          description: The account.
          content: {application/json: {schema: {$ref: "#/components/schemas/Account"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409":
          description: There is an account with this name already.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  /api/v1/users/{name}:
    patch:
      operationId: editUser
      summary: Changes an account's role, or disables it; no one changes their own account.
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                role: {$ref: "#/components/schemas/Role"}
                disabled: {type: boolean, enum: [true], description: An account is enabled again by resetting its password with `vigie users`.}
      responses:
        "200":
          description: The account as it now is.
          content: {application/json: {schema: {$ref: "#/components/schemas/Account"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409":
          description: The account is the caller's own.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  /api/v1/audit:
    get:
      operationId: audit
      summary: The latest entries of the audit log, newest first.
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 10000, default: 100}}
      responses:
        "200":
          description: The entries.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/AuditEntry"}}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/audit/verify:
    get:
      operationId: verifyAudit
      summary: Checks every hash and link of the audit log.
      responses:
        "200":
          description: Whether the chain is intact, or where it breaks.
          content:
            application/json:
              schema:
                type: object
                required: [intact]
                properties:
                  intact: {type: boolean}
                  entries: {type: [integer, "null"]}
                  brokenAt: {type: [integer, "null"]}
                  reason: {type: [string, "null"]}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/cameras:
    get:
      operationId: cameras
      summary: The register of cameras, with their zones (drawn on the image, points as shares of its width and height) and their rules.
      responses:
        "200":
          description: Every camera.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [name, title, authorisation, retentionDays, zones, privacyMasks, rules]
                  properties:
                    name: {type: string}
                    title: {type: string}
                    latitude: {type: [number, "null"]}
                    longitude: {type: [number, "null"]}
                    heading: {type: [number, "null"]}
                    authorisation: {type: string}
                    retentionDays: {type: integer, minimum: 1, maximum: 30}
                    zones: {type: array, items: {type: object, required: [name, points], properties: {name: {type: string}, points: {type: array, items: {type: array, items: {type: number}}}}}}
                    privacyMasks: {type: integer}
                    rules:
                      type: array
                      items:
                        type: object
                        required: [id, kind, threshold, legalBasis, enabledBy, enabledAt, expiresAt, running]
                        properties:
                          id: {type: integer}
                          kind: {$ref: "#/components/schemas/VideoRuleKind"}
                          zone: {type: [string, "null"]}
                          direction: {type: [number, "null"]}
                          threshold: {type: number}
                          legalBasis: {type: string}
                          enabledBy: {type: string}
                          enabledAt: {type: string, format: date-time}
                          expiresAt: {type: string, format: date-time}
                          running: {type: boolean}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/video/search:
    get:
      operationId: videoSearch
      summary: >
        Searches the motion index, the latest first. Moments of activity by default; objects' paths with direction
        or dwell; objects left or removed with changes. Days and hours that cannot match are dropped from their
        summaries before any segment is read. refine=1 then decodes only the key frames of the spans found.
      parameters:
        - {name: camera, in: query, schema: {type: array, items: {type: string}}, style: form, explode: true, description: Cameras by name; all when none.}
        - {name: from, in: query, schema: {$ref: "#/components/schemas/Moment"}, description: 24 hours before `to` by default.}
        - {name: to, in: query, schema: {$ref: "#/components/schemas/Moment"}, description: Now by default; a period ending before it starts finds nothing.}
        - {name: zone, in: query, schema: {type: string, pattern: "^(0(\\.[0-9]{1,6})?|1),(0(\\.[0-9]{1,6})?|1)(;(0(\\.[0-9]{1,6})?|1),(0(\\.[0-9]{1,6})?|1)){2,31}$"}, description: "A zone drawn on the image: x,y points (shares 0–1) separated by ';', at least 3."}
        - {name: activity, in: query, schema: {type: number, minimum: 0, maximum: 1, default: 0.05}, description: The least share of a segment's frames some cell of the zone moved in.}
        - {name: direction, in: query, schema: {type: number, minimum: 0, maximum: 359.999}, description: Degrees clockwise from the top of the image.}
        - {name: tolerance, in: query, schema: {type: number, minimum: 0, maximum: 180, default: 45}}
        - {name: dwell, in: query, schema: {type: number, minimum: 0, maximum: 86400}, description: Seconds an object stayed in one place.}
        - {name: changes, in: query, schema: {type: string, pattern: "^(any|left|removed|changed)(,(any|left|removed|changed)){0,3}$"}, description: "any, or left, removed, changed separated by commas."}
        - {name: density, in: query, schema: {type: number, minimum: 0, maximum: 1}, description: The least mean share of the zone moving over a segment.}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 100}, description: With refine, at most 50 are refined (20 by default).}
        - {name: refine, in: query, schema: {type: string, enum: ["0", "1"]}}
        - {name: reason, in: query, schema: {type: string}, description: The case or requisition the search is for; kept in the audit log with the query.}
      responses:
        "200":
          description: The moments found, with links to their thumbnail and playback, and what the index read.
          content:
            application/json:
              schema:
                type: object
                required: [spans, milliseconds, days, hours, segments, tracks, changes]
                properties:
                  spans:
                    type: array
                    items:
                      type: object
                      required: [camera, start, end, reason, detail, activity, thumbnail, play]
                      properties:
                        camera: {type: string}
                        start: {type: string, format: date-time}
                        end: {type: string, format: date-time}
                        reason: {type: string, enum: [activity, track, change]}
                        detail: {type: string}
                        x: {type: [number, "null"]}
                        y: {type: [number, "null"]}
                        activity: {type: number}
                        thumbnail: {type: string}
                        play: {type: string}
                  milliseconds: {type: number}
                  days: {type: integer}
                  hours: {type: integer}
                  segments: {type: integer}
                  tracks: {type: integer}
                  changes: {type: integer}
                  keyframes: {type: [integer, "null"]}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/video/thumbnail:
    get:
      operationId: videoThumbnail
      summary: A JPEG of a camera's image at a moment (its latest footage without `at`), 320 pixels wide, privacy masks painted over.
      parameters:
        - {name: camera, in: query, required: true, schema: {type: string}}
        - {name: at, in: query, schema: {$ref: "#/components/schemas/Moment"}}
      responses:
        "200":
          description: The image.
          content: {image/jpeg: {schema: {type: string, format: binary}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/video/clip:
    get:
      operationId: videoClip
      summary: An MP4 of a camera's footage from `from`, `seconds` long, privacy masks painted over.
      parameters:
        - {name: camera, in: query, required: true, schema: {type: string}}
        - {name: from, in: query, required: true, schema: {$ref: "#/components/schemas/Moment"}}
        - {name: seconds, in: query, required: true, schema: {type: integer, minimum: 1, maximum: 300}}
      responses:
        "200":
          description: The clip.
          content: {video/mp4: {schema: {type: string, format: binary}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/video/attention:
    get:
      operationId: videoAttention
      summary: Cameras ordered by how unusual their last two minutes' activity is against the day before, pending events first.
      responses:
        "200":
          description: The queue.
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [camera, title, score, recent, usual, pendingEvents]
                  properties:
                    camera: {type: string}
                    title: {type: string}
                    score: {type: number}
                    recent: {type: number}
                    usual: {type: number}
                    pendingEvents: {type: integer}
                    lastSeen: {type: [string, "null"], format: date-time}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/video/events:
    get:
      operationId: videoEvents
      summary: Events the cameras' rules raised, the latest first, with the operator's decision on each.
      parameters:
        - {name: status, in: query, schema: {$ref: "#/components/schemas/VideoEventStatus"}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 100}}
      responses:
        "200":
          description: The events.
          content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/VideoEvent"}}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /api/v1/video/events/{id}/review:
    post:
      operationId: reviewVideoEvent
      summary: Confirms or dismisses a pending event; the decision is kept with who made it, and cannot be made twice.
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [confirmed, dismissed]}
                note: {type: [string, "null"], maxLength: 2000}
      responses:
        "200":
          description: The event as decided.
          content: {application/json: {schema: {$ref: "#/components/schemas/VideoEvent"}}}
        "400": {$ref: "#/components/responses/BadParameter"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409":
          description: The event was already decided.
          content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
"""#
}
