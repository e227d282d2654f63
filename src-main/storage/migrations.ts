import type { Database } from './sqlite'

/**
 * Versioned schema migrations. Each entry runs once, in order, inside a transaction; `PRAGMA user_version` records
 * the last applied version. Never edit a released migration: add a new one.
 */
export interface Migration {
  version: number
  description: string
  sql: string
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'sites, wizard progress, certificate metadata, key references',
    sql: `
      CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE wizard_steps (
        site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, step)
      );
      CREATE TABLE certificates (
        site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        report TEXT NOT NULL,
        chain_pem TEXT,
        imported_at INTEGER NOT NULL
      );
      -- The site's private key lives encrypted in the key store; this is only its id (SEC-2).
      CREATE TABLE site_keys (
        site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        key_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('imported', 'generated')),
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'exchange log of SEP2 HTTP exchanges per site (SRV-7); server settings and last discovery per site',
    // No foreign key to sites: the CLI logs exchanges for a server it has no site row for.
    sql: `
      CREATE TABLE exchange_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        method TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        attempt INTEGER NOT NULL,
        request_body TEXT,
        response_body TEXT,
        tls_version TEXT,
        tls_cipher TEXT,
        error_code TEXT
      );
      CREATE INDEX exchange_log_by_site ON exchange_log (site_id, id);
      -- Step "Utility server": the server chosen for the site and the last discovery result (no key material).
      CREATE TABLE server_settings (
        site_id TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        settings TEXT NOT NULL,
        result TEXT,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: 'devices per site with their roles and last discovery; sampled site and DER values',
    sql: `
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        connection TEXT NOT NULL,
        unit_id INTEGER NOT NULL,
        timeout_ms INTEGER NOT NULL,
        meter_profile TEXT,
        role TEXT NOT NULL CHECK (role IN ('site-meter', 'inverter', 'battery', 'ev-charger', 'none')),
        discovery TEXT,
        dump_text TEXT,
        dump_rows TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX devices_by_site ON devices (site_id, position);
      CREATE TABLE device_samples (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        site_w REAL,
        der_w REAL,
        gap INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX device_samples_by_site ON device_samples (site_id, at);
    `,
  },
  {
    version: 4,
    description: 'controls: stored programs and events, randomisation draws, DERControl responses, overlap setting',
    // No foreign key to sites: the CLI keeps a schedule for a server it has no site row for.
    sql: `
      CREATE TABLE controls_programs (
        site_id TEXT NOT NULL,
        href TEXT NOT NULL,
        mrid TEXT NOT NULL,
        primacy INTEGER NOT NULL,
        description TEXT,
        default_json TEXT,
        default_since INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, href)
      );
      CREATE TABLE controls_events (
        site_id TEXT NOT NULL,
        mrid TEXT NOT NULL,
        program_href TEXT NOT NULL,
        event_json TEXT NOT NULL,
        description TEXT,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        missing_since INTEGER,
        cancel_seen_at INTEGER,
        PRIMARY KEY (site_id, mrid)
      );
      CREATE TABLE controls_draws (
        site_id TEXT NOT NULL,
        mrid TEXT NOT NULL,
        start_s REAL NOT NULL,
        duration_s REAL NOT NULL,
        drawn_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, mrid)
      );
      CREATE TABLE controls_responses (
        site_id TEXT NOT NULL,
        mrid TEXT NOT NULL,
        status INTEGER NOT NULL,
        reply_to TEXT NOT NULL,
        state TEXT NOT NULL,
        first_tried_at INTEGER NOT NULL,
        accepted_at INTEGER,
        attempts INTEGER NOT NULL,
        location TEXT,
        last_error TEXT,
        give_up_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, mrid, status)
      );
      CREATE TABLE controls_settings (
        site_id TEXT PRIMARY KEY,
        overlap TEXT NOT NULL CHECK (overlap IN ('resume', 'csip-no-resume')),
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'telemetry buffer: MirrorMeterReading posts waiting to be sent, and the mirror usage point state',
    sql: `
      -- TEL-5 / handbook 13.3: one row per reading of one interval, sent oldest first and deleted once the server took it.
      CREATE TABLE telemetry_buffer (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('site', 'der')),
        interval_end INTEGER NOT NULL,
        reading_key TEXT NOT NULL,
        reading TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (site_id, interval_end, reading_key)
      );
      CREATE INDEX telemetry_buffer_oldest ON telemetry_buffer (site_id, interval_end, id);
      -- Where the mirror usage points live on the server, reading mRIDs, and the last interval queued (never twice).
      CREATE TABLE telemetry_state (
        site_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, key)
      );
    `,
  },
  {
    version: 6,
    description: 'verification test runs and their recorded points',
    sql: `
      CREATE TABLE verification_runs (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        tolerance TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'passed', 'failed', 'aborted')),
        verdict TEXT,
        note TEXT
      );
      CREATE INDEX verification_runs_by_site ON verification_runs (site_id, started_at);
      CREATE TABLE verification_points (
        run_id TEXT NOT NULL REFERENCES verification_runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        t REAL NOT NULL,
        target REAL,
        ramped REAL,
        measured REAL,
        site_w REAL,
        der_w REAL,
        PRIMARY KEY (run_id, seq)
      );
    `,
  },
  {
    version: 7,
    description: 'exported commissioning reports (history)',
    sql: `
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        outcome TEXT NOT NULL,
        report_json TEXT NOT NULL
      );
      CREATE INDEX reports_by_site ON reports (site_id, created_at);
    `,
  },
  {
    version: 8,
    description: 'telemetry buffer rows carry their MirrorMeterReading mRID and are marked in flight before each post',
    // REL-2 / issue 15.8: a reading posted before a crash is sent again after it with the same identity (mRID +
    // interval), which a 2030.5 server takes as an update of the same record, not a new one.
    sql: `
      ALTER TABLE telemetry_buffer ADD COLUMN mrid TEXT;
      ALTER TABLE telemetry_buffer ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE telemetry_buffer ADD COLUMN sent_at INTEGER;
    `,
  },
  {
    version: 9,
    description: 'verification runs keep the commanded setpoint per point, their advisory tracking figures and the limit choice',
    // Issue 11 item 3 / issue 17 item 5: stored facts, not inferred from logs when the report is made.
    sql: `
      ALTER TABLE verification_points ADD COLUMN commanded_w REAL;
      ALTER TABLE verification_runs ADD COLUMN tracking TEXT;
      ALTER TABLE verification_runs ADD COLUMN limit_policy TEXT;
    `,
  },
  {
    version: 10,
    description: 'server checks: the facts of each discovery walk (issue 17 item 1), the report verdict comes from them',
    // One row per walk, kept as history; the report reads the latest. No foreign key: like the exchange log, a check
    // may be made for a server the CLI has no site row for.
    sql: `
      CREATE TABLE server_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        site_id TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX server_checks_by_site ON server_checks (site_id, id);
    `,
  },
  {
    version: 11,
    description: 'the last conclusive CT direction / phase check per site (issue 17 item 6), for the report',
    sql: `
      CREATE TABLE ct_checks (
        site_id TEXT PRIMARY KEY,
        checked_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
    `,
  },
  {
    version: 12,
    description: 'whether live readings were running per site, so the app resumes them after a restart (issue 17 item 6)',
    sql: `
      CREATE TABLE resume_state (
        site_id TEXT PRIMARY KEY,
        sampling INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
]

export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
  return db.pragma('user_version', { simple: true }) as number
}
