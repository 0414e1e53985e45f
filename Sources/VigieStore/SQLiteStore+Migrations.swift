import GRDB
import VigieCore

extension SQLiteStore {
    /// The schema, one migration per change; constraints live here rather than in Swift.
    /// Checks on the incident table are written with `=` and `OR`, not `IN (...)`: SQLite builds an
    /// ephemeral table for each `IN` list it evaluates, which made every insert 1.5 times slower.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: register, incidents, districts, quarantine, agenda") { db in
            try db.execute(sql: """
                CREATE TABLE deployment (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    time_zone TEXT NOT NULL,
                    area_min_lon REAL, area_min_lat REAL, area_max_lon REAL, area_max_lat REAL,
                    CHECK ((area_min_lon IS NULL) = (area_min_lat IS NULL) AND (area_min_lat IS NULL) = (area_max_lon IS NULL)
                        AND (area_max_lon IS NULL) = (area_max_lat IS NULL)),
                    CHECK (area_min_lon IS NULL OR (area_min_lon < area_max_lon AND area_min_lat < area_max_lat))
                );
                CREATE TABLE category (
                    code TEXT PRIMARY KEY,
                    label_fr TEXT NOT NULL,
                    label_en TEXT NOT NULL,
                    position INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9-]*'),
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    owner TEXT NOT NULL CHECK (length(owner) > 0),
                    purpose TEXT NOT NULL CHECK (length(purpose) > 0),
                    legal_regime TEXT NOT NULL CHECK (legal_regime IN ('gdpr', 'police-justice')),
                    holds_personal_data INTEGER NOT NULL CHECK (holds_personal_data IN (0, 1)),
                    retention_days INTEGER NOT NULL CHECK (retention_days >= 1),
                    is_public INTEGER NOT NULL CHECK (is_public IN (0, 1))
                );
                CREATE TABLE ingest_run (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    file TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    read INTEGER CHECK (read >= 0),
                    accepted INTEGER CHECK (accepted >= 0),
                    updated INTEGER CHECK (updated >= 0),
                    duplicates INTEGER CHECK (duplicates >= 0),
                    quarantined INTEGER CHECK (quarantined >= 0)
                );
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    source_ref TEXT NOT NULL CHECK (source_ref <> ''),
                    category TEXT NOT NULL REFERENCES category(code),
                    raw_label TEXT NOT NULL,
                    occurred_at REAL NOT NULL,
                    time_precision TEXT NOT NULL CHECK (time_precision = 'exact' OR time_precision = 'hour'
                        OR time_precision = 'day' OR time_precision = 'month'),
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                    location_precision_m REAL CHECK (location_precision_m >= 0),
                    attributes TEXT NOT NULL DEFAULT '{}',
                    content_hash INTEGER NOT NULL,
                    ingest_run INTEGER NOT NULL REFERENCES ingest_run(id),
                    ingested_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    UNIQUE (source_id, source_ref),
                    CHECK ((latitude IS NULL) = (longitude IS NULL))
                );
                CREATE TABLE district (
                    level TEXT NOT NULL CHECK (length(level) > 0),
                    code TEXT NOT NULL CHECK (length(code) > 0),
                    name TEXT NOT NULL,
                    population INTEGER CHECK (population >= 0),
                    outline TEXT NOT NULL,
                    PRIMARY KEY (level, code)
                ) WITHOUT ROWID;
                CREATE TABLE incident_district (
                    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
                    level TEXT NOT NULL,
                    code TEXT NOT NULL,
                    PRIMARY KEY (incident_id, level),
                    FOREIGN KEY (level, code) REFERENCES district(level, code) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX incident_district_by_code ON incident_district(level, code);
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    file TEXT NOT NULL,
                    record_number INTEGER NOT NULL CHECK (record_number >= 1),
                    line INTEGER NOT NULL CHECK (line >= 1),
                    field TEXT,
                    reason TEXT NOT NULL CHECK (length(reason) > 0),
                    raw_record TEXT NOT NULL,
                    quarantined_at REAL NOT NULL,
                    UNIQUE (source_id, file, record_number)
                );
                CREATE TABLE planned_event (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    source_ref TEXT NOT NULL,
                    kind TEXT NOT NULL
                        CHECK (kind IN ('event', 'market', 'roadworks', 'protest', 'official-visit', 'film-shoot')),
                    title TEXT NOT NULL,
                    starts_at REAL NOT NULL,
                    ends_at REAL NOT NULL,
                    all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
                    geometry TEXT NOT NULL,
                    expected_attendance INTEGER CHECK (expected_attendance >= 0),
                    organiser TEXT,
                    UNIQUE (source_id, source_ref),
                    CHECK (ends_at > starts_at)
                );
                CREATE INDEX planned_event_by_time ON planned_event(starts_at, ends_at);
                CREATE TABLE measure (
                    id INTEGER PRIMARY KEY,
                    planned_event_id INTEGER NOT NULL REFERENCES planned_event(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('officers', 'vehicles', 'barriers', 'diversions')),
                    planned INTEGER NOT NULL CHECK (planned >= 0),
                    deployed INTEGER CHECK (deployed >= 0),
                    UNIQUE (planned_event_id, kind)
                );
                """)
            for (position, category) in Taxonomy.standard.categories.enumerated() {
                try db.execute(
                    sql: "INSERT INTO category (code, label_fr, label_en, position) VALUES (?, ?, ?, ?)",
                    arguments: [category.code.rawValue, category.labelFR, category.labelEN, position])
            }
        }
        migrator.registerMigration("v2: incident changes and districts version, for readers that follow") { db in
            // Inserts are found by id; updates and removals are logged by triggers, so that every writer,
            // present or future, is followed. Touching a duplicate's run does not change what analytics reads.
            try db.execute(sql: """
                CREATE TABLE incident_change (
                    sequence INTEGER PRIMARY KEY,
                    incident_id INTEGER NOT NULL
                );
                CREATE TRIGGER incident_updated AFTER UPDATE OF source_id, category, occurred_at, time_precision,
                    latitude, longitude, location_precision_m ON incident
                BEGIN
                    INSERT INTO incident_change (incident_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER incident_removed AFTER DELETE ON incident
                BEGIN
                    INSERT INTO incident_change (incident_id) VALUES (OLD.id);
                END;
                CREATE TABLE districts_version (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version INTEGER NOT NULL
                );
                INSERT INTO districts_version (id, version) VALUES (1, 1);
                CREATE TRIGGER district_added AFTER INSERT ON district
                BEGIN
                    UPDATE districts_version SET version = version + 1;
                END;
                CREATE TRIGGER district_removed AFTER DELETE ON district
                BEGIN
                    UPDATE districts_version SET version = version + 1;
                END;
                CREATE TRIGGER district_changed AFTER UPDATE ON district
                BEGIN
                    UPDATE districts_version SET version = version + 1;
                END;
                """)
        }
        migrator.registerMigration("v3: alerts") { db in
            // The whole city is written '' rather than NULL so that the uniqueness of a finding holds.
            try db.execute(sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('excess', 'level-change')),
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    district_level TEXT NOT NULL DEFAULT '',
                    district_code TEXT NOT NULL DEFAULT '',
                    category TEXT NOT NULL REFERENCES category(code),
                    observed REAL NOT NULL,
                    expected REAL NOT NULL,
                    p REAL CHECK (p BETWEEN 0 AND 1),
                    detected_at REAL NOT NULL,
                    acknowledged_at REAL,
                    acknowledged_by TEXT CHECK (length(acknowledged_by) > 0),
                    note TEXT,
                    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
                    CHECK ((district_level = '') = (district_code = '')),
                    UNIQUE (kind, day, district_level, district_code, category)
                );
                CREATE INDEX alert_by_day ON alert(day);
                """)
        }
        migrator.registerMigration("v4: weather") { db in
            try db.execute(sql: """
                CREATE TABLE weather_day (
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    max_temperature REAL CHECK (max_temperature BETWEEN -60 AND 60),
                    min_temperature REAL CHECK (min_temperature BETWEEN -60 AND 60),
                    precipitation REAL CHECK (precipitation >= 0),
                    max_gust REAL CHECK (max_gust >= 0),
                    forecast INTEGER NOT NULL CHECK (forecast IN (0, 1)),
                    PRIMARY KEY (source_id, day)
                ) WITHOUT ROWID;
                CREATE INDEX weather_day_by_day ON weather_day(day);
                """)
        }
        migrator.registerMigration("v5: retention purges") { db in
            try db.execute(sql: """
                CREATE TABLE retention_purge (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
                    purged_at REAL NOT NULL,
                    retention_days INTEGER NOT NULL,
                    cutoff REAL NOT NULL,
                    incidents INTEGER NOT NULL CHECK (incidents >= 0),
                    quarantined INTEGER NOT NULL CHECK (quarantined >= 0),
                    planned_events INTEGER NOT NULL CHECK (planned_events >= 0),
                    weather_days INTEGER NOT NULL CHECK (weather_days >= 0)
                );
                """)
        }
        migrator.registerMigration("v6: accounts and the audit log") { db in
            // The log is append-only in the schema itself; its chain of hashes and the head kept beside it
            // reveal any change made by going around the triggers.
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 64),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'commander', 'operator', 'video-operator',
                        'auditor')),
                    password_hash TEXT NOT NULL CHECK (password_hash GLOB '$2*'),
                    created_at REAL NOT NULL,
                    disabled_at REAL
                );
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    sequence INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v7: API tokens and source mappings") { db in
            try db.execute(sql: """
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    label TEXT NOT NULL CHECK (length(label) > 0),
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE RESTRICT,
                    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE source_mapping (
                    source_id INTEGER PRIMARY KEY REFERENCES source(id) ON DELETE CASCADE,
                    file_name TEXT NOT NULL,
                    text TEXT NOT NULL,
                    saved_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v8: citizen requests, their handling, reporters' contacts and photos, Open311 keys") { db in
            // A request is an incident of the citizen reports source and goes with it (retention included);
            // the contact and the photo are kept apart, each with the date it must be gone by.
            try db.execute(sql: """
                CREATE TABLE citizen_request (
                    id INTEGER PRIMARY KEY,
                    incident_id INTEGER NOT NULL UNIQUE REFERENCES incident(id) ON DELETE CASCADE,
                    token TEXT NOT NULL UNIQUE CHECK (length(token) >= 16),
                    service_code TEXT NOT NULL CHECK (length(service_code) > 0),
                    status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'action-scheduled', 'fixed', 'duplicate',
                        'not-responsible', 'closed')),
                    body TEXT NOT NULL CHECK (body IN ('city', 'metropolis', 'police')),
                    description TEXT NOT NULL CHECK (length(description) <= 4000),
                    address TEXT,
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                    attributes TEXT NOT NULL DEFAULT '{}',
                    media_url TEXT,
                    channel TEXT NOT NULL CHECK (length(channel) > 0),
                    requested_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    expected_at REAL,
                    status_note TEXT,
                    CHECK ((latitude IS NULL) = (longitude IS NULL)),
                    CHECK (latitude IS NOT NULL OR address IS NOT NULL)
                );
                CREATE INDEX citizen_request_by_time ON citizen_request(requested_at);
                CREATE INDEX citizen_request_by_place ON citizen_request(latitude, longitude);
                CREATE TABLE citizen_request_update (
                    id INTEGER PRIMARY KEY,
                    request_id INTEGER NOT NULL REFERENCES citizen_request(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'action-scheduled', 'fixed', 'duplicate',
                        'not-responsible', 'closed')),
                    body TEXT NOT NULL CHECK (body IN ('city', 'metropolis', 'police')),
                    note TEXT CHECK (length(note) <= 4000),
                    actor TEXT NOT NULL CHECK (length(actor) > 0),
                    at REAL NOT NULL,
                    expected_at REAL
                );
                CREATE INDEX citizen_request_update_by_request ON citizen_request_update(request_id);
                CREATE INDEX citizen_request_update_by_time ON citizen_request_update(at);
                CREATE TABLE reporter_contact (
                    request_id INTEGER PRIMARY KEY REFERENCES citizen_request(id) ON DELETE CASCADE,
                    email TEXT,
                    phone TEXT,
                    name TEXT,
                    device_pseudonym TEXT,
                    account_pseudonym TEXT,
                    delete_after REAL NOT NULL
                );
                CREATE INDEX reporter_contact_by_deadline ON reporter_contact(delete_after);
                CREATE TABLE request_photo (
                    request_id INTEGER PRIMARY KEY REFERENCES citizen_request(id) ON DELETE CASCADE,
                    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
                    bytes BLOB NOT NULL,
                    delete_after REAL NOT NULL
                );
                CREATE INDEX request_photo_by_deadline ON request_photo(delete_after);
                CREATE TABLE open311_key (
                    id INTEGER PRIMARY KEY,
                    label TEXT NOT NULL CHECK (length(label) > 0),
                    key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                """)
        }
        migrator.registerMigration("v9: citizen requests counted by period from an index alone") { db in
            try db.execute(sql: """
                DROP INDEX citizen_request_by_time;
                CREATE INDEX citizen_request_by_time ON citizen_request(requested_at, status);
                """)
        }
        migrator.registerMigration("v10: the camera register") { db in
            try db.execute(sql: """
                CREATE TABLE camera (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9-]*'),
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    latitude REAL CHECK (latitude BETWEEN -90 AND 90),
                    longitude REAL CHECK (longitude BETWEEN -180 AND 180),
                    heading REAL CHECK (heading >= 0 AND heading < 360),
                    authorisation TEXT NOT NULL CHECK (length(authorisation) > 0),
                    retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 1 AND 30),
                    zones TEXT NOT NULL DEFAULT '[]',
                    privacy_masks TEXT NOT NULL DEFAULT '[]',
                    CHECK ((latitude IS NULL) = (longitude IS NULL))
                );
                """)
        }
        migrator.registerMigration("v11: the video index, its day and hour summaries, rules and events") { db in
            try db.execute(sql: """
                CREATE TABLE video_recording (
                    id INTEGER PRIMARY KEY,
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    path TEXT NOT NULL CHECK (length(path) > 0),
                    started_at REAL NOT NULL,
                    ended_at REAL NOT NULL CHECK (ended_at >= started_at),
                    width INTEGER NOT NULL CHECK (width > 0),
                    height INTEGER NOT NULL CHECK (height > 0),
                    owned INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX video_recording_by_camera ON video_recording(camera_id, started_at);
                CREATE TABLE video_segment (
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    start REAL NOT NULL,
                    end REAL NOT NULL,
                    recording_id INTEGER NOT NULL REFERENCES video_recording(id) ON DELETE CASCADE,
                    frames INTEGER NOT NULL,
                    moving_frames INTEGER NOT NULL,
                    largest_share REAL NOT NULL,
                    grid BLOB NOT NULL,
                    PRIMARY KEY (camera_id, start, recording_id)
                ) WITHOUT ROWID;
                CREATE INDEX video_segment_by_recording ON video_segment(recording_id);
                CREATE TABLE video_summary (
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    level INTEGER NOT NULL CHECK (level IN (3600, 86400)),
                    start INTEGER NOT NULL,
                    grid BLOB NOT NULL,
                    moving_frames INTEGER NOT NULL,
                    largest_share REAL NOT NULL,
                    directions INTEGER NOT NULL,
                    longest_dwell REAL NOT NULL,
                    changes INTEGER NOT NULL,
                    PRIMARY KEY (level, start, camera_id)
                ) WITHOUT ROWID;
                CREATE TABLE video_track (
                    id INTEGER PRIMARY KEY,
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    recording_id INTEGER NOT NULL REFERENCES video_recording(id) ON DELETE CASCADE,
                    start REAL NOT NULL,
                    end REAL NOT NULL,
                    direction REAL,
                    speed REAL NOT NULL,
                    dwell REAL NOT NULL,
                    largest_share REAL NOT NULL,
                    points BLOB NOT NULL
                );
                CREATE INDEX video_track_by_camera ON video_track(camera_id, start);
                CREATE INDEX video_track_by_recording ON video_track(recording_id);
                CREATE TABLE video_change (
                    id INTEGER PRIMARY KEY,
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    recording_id INTEGER NOT NULL REFERENCES video_recording(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('left', 'removed', 'changed')),
                    start REAL NOT NULL,
                    end REAL NOT NULL,
                    min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL
                );
                CREATE INDEX video_change_by_camera ON video_change(camera_id, start);
                CREATE INDEX video_change_by_recording ON video_change(recording_id);
                CREATE TABLE video_rule (
                    id INTEGER PRIMARY KEY,
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('intrusion', 'wrong-direction', 'density', 'object-left', 'crowd-movement')),
                    zone TEXT,
                    direction REAL,
                    threshold REAL,
                    legal_basis TEXT NOT NULL CHECK (length(trim(legal_basis)) > 0),
                    enabled_by TEXT NOT NULL,
                    enabled_at REAL NOT NULL,
                    expires_at REAL NOT NULL CHECK (expires_at > enabled_at),
                    disabled_at REAL
                );
                CREATE TABLE video_event (
                    id INTEGER PRIMARY KEY,
                    camera_id INTEGER NOT NULL REFERENCES camera(id) ON DELETE CASCADE,
                    rule_id INTEGER REFERENCES video_rule(id) ON DELETE SET NULL,
                    recording_id INTEGER REFERENCES video_recording(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    zone TEXT,
                    time REAL NOT NULL,
                    end REAL NOT NULL,
                    x REAL, y REAL,
                    detail TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
                    reviewed_by TEXT,
                    reviewed_at REAL,
                    note TEXT,
                    CHECK ((status = 'pending') = (reviewed_by IS NULL))
                );
                CREATE INDEX video_event_by_time ON video_event(time);
                CREATE INDEX video_event_by_recording ON video_event(recording_id);
                """)
        }
        migrator.registerMigration("v12: whether tracks start in a video summary's period") { db in
            try db.execute(sql: """
                ALTER TABLE video_summary ADD COLUMN has_tracks INTEGER NOT NULL DEFAULT 0;
                UPDATE video_summary SET has_tracks = 1 WHERE directions != 0 OR longest_dwell > 0;
                """)
        }
        return migrator
    }
}
