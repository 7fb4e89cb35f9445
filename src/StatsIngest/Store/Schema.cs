using Microsoft.Data.Sqlite;

namespace StatsIngest.Store;

/// <summary>
/// The database schema and its migrations. Each migration runs once, in order, inside a transaction; the version
/// reached is kept in <c>PRAGMA user_version</c>. Documented in docs/data-model.md: users script against it.
/// </summary>
internal static class Schema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE files (
            id              INTEGER PRIMARY KEY,   -- the vintage id
            sha256          TEXT NOT NULL UNIQUE,
            file_name       TEXT NOT NULL,
            size_bytes      INTEGER NOT NULL,
            ingested_at     TEXT NOT NULL,         -- ISO 8601, UTC
            format          TEXT NOT NULL,
            encoding        TEXT,
            layout          TEXT NOT NULL,
            rows_read       INTEGER NOT NULL,
            observations_added     INTEGER NOT NULL,
            observations_unchanged INTEGER NOT NULL,
            warnings        TEXT NOT NULL,          -- one per line
            notes           TEXT NOT NULL,          -- footnotes of the file, one per line
            archive_path    TEXT NOT NULL           -- relative to the data folder
        );
        CREATE TABLE deliveries (
            id              INTEGER PRIMARY KEY,
            file_name       TEXT NOT NULL,
            sha256          TEXT NOT NULL,
            received_at     TEXT NOT NULL,
            outcome         TEXT NOT NULL CHECK (outcome IN ('ingested', 'duplicate', 'quarantined')),
            file_id         INTEGER REFERENCES files(id),
            stored_path     TEXT NOT NULL,
            detail          TEXT NOT NULL
        );
        CREATE TABLE series (
            id              INTEGER PRIMARY KEY,
            indicator       TEXT NOT NULL,
            region          TEXT NOT NULL,
            industry        TEXT NOT NULL,
            basis           TEXT NOT NULL CHECK (basis IN ('M', 'YTD', 'Q', 'A')),
            measure         TEXT NOT NULL CHECK (measure IN ('L', 'YOY', 'MOM')),
            UNIQUE (indicator, region, industry, basis, measure)
        );
        CREATE TABLE observations (
            id              INTEGER PRIMARY KEY,
            series_id       INTEGER NOT NULL REFERENCES series(id),
            period          TEXT NOT NULL,          -- 2022, 2022-Q3, 2023-03
            value           REAL,                   -- NULL when status is M
            unit            TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('A', 'P', 'E', 'M')),
            file_id         INTEGER NOT NULL REFERENCES files(id),
            sheet           TEXT NOT NULL,
            cell            TEXT NOT NULL,
            raw_text        TEXT NOT NULL
        );
        CREATE INDEX ix_observations_series_period ON observations (series_id, period, file_id);
        CREATE INDEX ix_observations_file ON observations (file_id);
        CREATE VIEW observation_history AS
            SELECT o.id, o.series_id, s.indicator, s.region, s.industry, s.basis, s.measure, o.period, o.value, o.unit, o.status,
                   o.file_id AS vintage, f.ingested_at AS vintage_time, f.file_name, f.sha256, o.sheet, o.cell, o.raw_text
            FROM observations o JOIN series s ON s.id = o.series_id JOIN files f ON f.id = o.file_id;
        CREATE VIEW latest_observations AS
            SELECT h.* FROM observation_history h
            WHERE h.id = (SELECT o2.id FROM observations o2
                          WHERE o2.series_id = h.series_id AND o2.period = h.period
                          ORDER BY o2.file_id DESC, o2.id DESC LIMIT 1);
        """,
        """
        ALTER TABLE observations ADD COLUMN label TEXT NOT NULL DEFAULT '';          -- the row label as published
        ALTER TABLE observations ADD COLUMN flags TEXT NOT NULL DEFAULT '';          -- 'subset', 'unmapped', comma separated
        ALTER TABLE observations ADD COLUMN unit_factor REAL NOT NULL DEFAULT 1;     -- published figure × factor = value
        ALTER TABLE files ADD COLUMN unmapped TEXT NOT NULL DEFAULT '';              -- unmapped labels, one per line
        ALTER TABLE files ADD COLUMN layout_detail TEXT NOT NULL DEFAULT '';         -- why the layout was chosen, period/unit/region found
        DROP VIEW latest_observations;
        DROP VIEW observation_history;
        CREATE VIEW observation_history AS
            SELECT o.id, o.series_id, s.indicator, s.region, s.industry, s.basis, s.measure, o.period, o.value, o.unit, o.status,
                   o.file_id AS vintage, f.ingested_at AS vintage_time, f.file_name, f.sha256, o.sheet, o.cell, o.raw_text,
                   o.label, o.flags, o.unit_factor
            FROM observations o JOIN series s ON s.id = o.series_id JOIN files f ON f.id = o.file_id;
        CREATE VIEW latest_observations AS
            SELECT h.* FROM observation_history h
            WHERE h.id = (SELECT o2.id FROM observations o2
                          WHERE o2.series_id = h.series_id AND o2.period = h.period
                          ORDER BY o2.file_id DESC, o2.id DESC LIMIT 1);
        """,
        """
        CREATE TABLE indicator_values (          -- the latest computation of every indicator (docs/indicators.md)
            id              INTEGER PRIMARY KEY,
            block           TEXT NOT NULL,        -- gdp, trend, panel, drivers, tiers, targets, checks
            indicator       TEXT NOT NULL,
            region          TEXT NOT NULL,
            subject         TEXT NOT NULL,        -- the part, industry, tier or target the value is about
            period          TEXT NOT NULL,
            basis           TEXT NOT NULL,
            value           REAL,                 -- NULL when not computable (see note)
            unit            TEXT NOT NULL,
            note            TEXT,
            input_vintages  TEXT NOT NULL,        -- the vintages (files.id) of the inputs, comma separated
            inputs          TEXT NOT NULL,        -- JSON: [{series, period, value, vintage}]
            computed_at     TEXT NOT NULL,
            UNIQUE (block, indicator, region, subject, period, basis)
        );
        CREATE TABLE indicator_revisions (       -- every change of a computed value, with the inputs that were revised
            id              INTEGER PRIMARY KEY,
            computed_at     TEXT NOT NULL,
            latest_vintage  INTEGER,              -- the newest file known when the change was computed
            block           TEXT NOT NULL,
            indicator       TEXT NOT NULL,
            region          TEXT NOT NULL,
            subject         TEXT NOT NULL,
            period          TEXT NOT NULL,
            basis           TEXT NOT NULL,
            previous_value  REAL,
            new_value       REAL,
            previous_vintages TEXT NOT NULL,
            new_vintages    TEXT NOT NULL,
            revised_inputs  TEXT NOT NULL         -- "series period: old (vintage a) → new (vintage b)", one per line
        );
        """,
        """
        CREATE TABLE source_state (               -- what each collection source last fetched, for conditional requests
            source          TEXT NOT NULL,
            item            TEXT NOT NULL,        -- the period (http) or the file's relative path (folder); '*' for the source
            etag            TEXT,
            last_modified   TEXT,
            sha256          TEXT,
            size_bytes      INTEGER,
            fetched_at      TEXT,                 -- when content was last saved to the inbox
            checked_at      TEXT NOT NULL,        -- the last attempt
            outcome         TEXT NOT NULL,        -- saved, unchanged, not-found, failed
            detail          TEXT NOT NULL,
            PRIMARY KEY (source, item)
        );
        """,
        """
        -- Version 5: index measures (IDX_PY 上年=100, IDX_PM 上月=100, IDX_FB a fixed base); a file can be read again
        -- (statsingest reprocess): a vintage is a reading of a file, the first one 'ingested', later ones 'reprocessed'.
        DROP VIEW latest_observations;
        DROP VIEW observation_history;
        CREATE TABLE series_v5 (
            id              INTEGER PRIMARY KEY,
            indicator       TEXT NOT NULL,
            region          TEXT NOT NULL,
            industry        TEXT NOT NULL,
            basis           TEXT NOT NULL CHECK (basis IN ('M', 'YTD', 'Q', 'A')),
            measure         TEXT NOT NULL CHECK (measure IN ('L', 'YOY', 'MOM', 'IDX_PY', 'IDX_PM', 'IDX_FB')),
            UNIQUE (indicator, region, industry, basis, measure)
        );
        INSERT INTO series_v5 (id, indicator, region, industry, basis, measure) SELECT id, indicator, region, industry, basis, measure FROM series;
        DROP TABLE series;
        ALTER TABLE series_v5 RENAME TO series;
        CREATE TABLE files_v5 (
            id              INTEGER PRIMARY KEY,   -- the vintage id
            sha256          TEXT NOT NULL,
            file_name       TEXT NOT NULL,
            size_bytes      INTEGER NOT NULL,
            ingested_at     TEXT NOT NULL,
            format          TEXT NOT NULL,
            encoding        TEXT,
            layout          TEXT NOT NULL,
            rows_read       INTEGER NOT NULL,
            observations_added     INTEGER NOT NULL,
            observations_unchanged INTEGER NOT NULL,
            warnings        TEXT NOT NULL,
            notes           TEXT NOT NULL,
            archive_path    TEXT NOT NULL,
            unmapped        TEXT NOT NULL DEFAULT '',
            layout_detail   TEXT NOT NULL DEFAULT '',
            reason          TEXT NOT NULL DEFAULT 'ingested' CHECK (reason IN ('ingested', 'reprocessed')),
            reprocess_of    INTEGER REFERENCES files_v5(id)   -- for a reprocessed vintage: the vintage of the file's first reading
        );
        INSERT INTO files_v5 (id, sha256, file_name, size_bytes, ingested_at, format, encoding, layout, rows_read, observations_added,
                              observations_unchanged, warnings, notes, archive_path, unmapped, layout_detail)
            SELECT id, sha256, file_name, size_bytes, ingested_at, format, encoding, layout, rows_read, observations_added,
                   observations_unchanged, warnings, notes, archive_path, unmapped, layout_detail FROM files;
        DROP TABLE files;
        ALTER TABLE files_v5 RENAME TO files;
        CREATE UNIQUE INDEX ux_files_sha256_ingested ON files (sha256) WHERE reason = 'ingested';
        CREATE VIEW observation_history AS
            SELECT o.id, o.series_id, s.indicator, s.region, s.industry, s.basis, s.measure, o.period, o.value, o.unit, o.status,
                   o.file_id AS vintage, f.ingested_at AS vintage_time, f.file_name, f.sha256, o.sheet, o.cell, o.raw_text,
                   o.label, o.flags, o.unit_factor, f.reason
            FROM observations o JOIN series s ON s.id = o.series_id JOIN files f ON f.id = o.file_id;
        CREATE VIEW latest_observations AS
            SELECT h.* FROM observation_history h
            WHERE h.id = (SELECT o2.id FROM observations o2 JOIN files f2 ON f2.id = o2.file_id
                          WHERE o2.series_id = h.series_id AND o2.period = h.period
                          ORDER BY COALESCE(f2.reprocess_of, f2.id) DESC, o2.file_id DESC, o2.id DESC LIMIT 1);
        """,
        """
        -- Version 6: the workbooks read the series of the regions they report, by region.
        CREATE INDEX ix_series_region ON series (region);
        """,
        """
        -- Version 7: a hash of each computed value's inputs (series, period, vintage, value), so that a refresh compares
        -- them without reading the inputs back; NULL (an older row) counts as changed once.
        ALTER TABLE indicator_values ADD COLUMN inputs_hash TEXT;
        """,
        """
        -- Version 8: a digest of the computed values of each year, so that a refresh reads back and compares only the
        -- years whose values changed. Derived from indicator_values: an empty table means "compare everything" once.
        CREATE TABLE indicator_partitions (
            part            TEXT PRIMARY KEY,       -- the year of the values' period ('2023'), or a period that names no year
            digest          TEXT NOT NULL);
        """,
        """
        -- Version 9: the drivers of each region, basis and period (a group computed together) with what they were
        -- computed from, so that a refresh recomputes only the groups whose inputs changed. Derived from indicator_values
        -- like indicator_partitions: an empty table means "compute every group" once.
        CREATE TABLE indicator_groups (
            grp             TEXT PRIMARY KEY,       -- region|basis|period
            inputs          TEXT NOT NULL,          -- a hash of the observations and the setup the group was computed from
            digest          TEXT NOT NULL);         -- the order-free digest of its values (a part of its year's digest)
        """,
        """
        -- Version 10: a refresh reads back the computed values of the years that changed by period, not by scanning them all.
        CREATE INDEX ix_indicator_values_period ON indicator_values (period);
        """,
        """
        -- Version 11: a refresh reads a region's latest vintages from the index by series and period, then only the rows it
        -- computes from; the rows with a flag (a 其中 row, checked against its total) are found by their own index.
        CREATE INDEX ix_observations_flagged ON observations (series_id) WHERE flags <> '';
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <param name="connection">An open connection.</param>
    /// <param name="upTo">The version to stop at (tests of an upgrade from an older database); default the latest.</param>
    public static void Migrate(SqliteConnection connection, int? upTo = null)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";
            pragma.ExecuteNonQuery();
        }

        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {version}, newer than this program knows ({Migrations.Length}). Use a newer StatsIngest.");
        }

        for (var v = version; v < (upTo ?? Migrations.Length); v++)
        {
            // SQLite's way of changing a table: foreign keys off (outside the transaction), rebuild, check, on again.
            Execute(connection, null, "PRAGMA foreign_keys = OFF;");
            using (var tx = connection.BeginTransaction())
            {
                Execute(connection, tx, Migrations[v] + $"\nPRAGMA user_version = {v + 1};");
                using var check = connection.CreateCommand();
                check.Transaction = tx;
                check.CommandText = "PRAGMA foreign_key_check";
                using (var broken = check.ExecuteReader())
                {
                    if (broken.Read())
                    {
                        throw new InvalidOperationException($"Migration to schema version {v + 1} would break a reference of table '{broken.GetString(0)}'; nothing was changed.");
                    }
                }

                tx.Commit();
            }

            Execute(connection, null, "PRAGMA foreign_keys = ON;");
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
