using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The embedded journal: one SQLite file in the state folder, for one process.
/// </summary>
internal sealed class SqliteJobJournal : IJobJournal
{
    public const string FileName = "journal.db";
    private readonly string _connectionString;
    private volatile JournalHealth _health = new(false, "not opened yet", 0);

    public SqliteJobJournal(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        Path = System.IO.Path.Combine(stateDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    public string Path { get; }
    public string Kind => "sqlite";
    public string Location => Path;
    public bool IsShared => false;
    public JournalHealth Health => _health;

    public void Migrate() => Guard(() =>
    {
        using var db = Open();
        Execute(db, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var tx = db.BeginTransaction(deferred: false);
        using var read = db.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT MAX(version) FROM schema_version";
        var found = read.ExecuteScalar() is long v ? (int)v : 0;
        if (found > JournalSchema.Current) throw JournalSchema.TooNew(Kind, Location, found);
        for (var version = found + 1; version <= JournalSchema.Current; version++)
        {
            using var step = db.CreateCommand();
            step.Transaction = tx;
            step.CommandText = JournalSchema.Sqlite[version - 1] + "; INSERT INTO schema_version (version) VALUES ($v);";
            step.Parameters.AddWithValue("$v", version);
            step.ExecuteNonQuery();
        }
        tx.Commit();
        _health = JournalHealth.Healthy(JournalSchema.Current);
    });

    public JobRecord? Find(string cluster, string name, long number) => Guard(() =>
    {
        using var db = Open();
        return QueryOne(db, "SELECT * FROM jobs WHERE cluster=$c AND name=$n AND number=$k",
            ("$c", cluster), ("$n", name), ("$k", number));
    });

    public JobRecord? FindByJobId(string cluster, string jobId) => Guard(() =>
    {
        using var db = Open();
        return QueryOne(db, "SELECT * FROM jobs WHERE placed_on=$c AND job_id=$j ORDER BY submitted_at DESC LIMIT 1",
            ("$c", cluster), ("$j", jobId));
    });

    public IReadOnlyList<JobRecord> List(string? cluster = null, int limit = 10_000) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = cluster is null
            ? "SELECT * FROM jobs ORDER BY submitted_at DESC LIMIT $l"
            : "SELECT * FROM jobs WHERE placed_on=$c ORDER BY submitted_at DESC LIMIT $l";
        cmd.Parameters.AddWithValue("$l", limit);
        if (cluster is not null) cmd.Parameters.AddWithValue("$c", cluster);
        using var reader = cmd.ExecuteReader();
        var list = new List<JobRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    });

    public void RecordSubmitted(JobRecord job) => Insert(job, """
        ON CONFLICT (cluster, name, number) DO UPDATE SET
          job_id=excluded.job_id, owner=excluded.owner, submitted_at=excluded.submitted_at,
          updated_at=excluded.updated_at, last_state=excluded.last_state, final_state=NULL,
          exit_code=NULL, fscript=excluded.fscript, placed_on=excluded.placed_on, failover=excluded.failover,
          job_password=excluded.job_password, job_token=excluded.job_token
        """);

    public bool Claim(JobRecord job) => Insert(job, "ON CONFLICT (cluster, name, number) DO NOTHING") == 1;

    private int Insert(JobRecord job, string onConflict) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            INSERT INTO jobs (cluster, name, number, job_id, owner, submitted_at, updated_at, last_state, final_state, exit_code, fscript, placed_on, failover, job_password, job_token)
            VALUES ($c, $n, $k, $j, $o, $s, $u, $ls, $fs, $x, $f, $p, $fo, $pw, $tk)
            """ + "\n" + onConflict;
        Bind(cmd, ("$c", job.Cluster), ("$n", job.Name), ("$k", job.Number), ("$j", job.JobId), ("$o", job.Owner),
            ("$s", Time(job.SubmittedAt)), ("$u", Time(job.UpdatedAt)), ("$ls", job.LastState),
            ("$fs", job.FinalState), ("$x", job.ExitCode), ("$f", job.Fscript), ("$p", job.RunsOn), ("$fo", job.Failover),
            ("$pw", job.Secrets?.Password), ("$tk", job.Secrets?.Token));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<JobRecord> ListAway(string cluster) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT * FROM jobs WHERE placed_on <> cluster AND (cluster=$c OR placed_on=$c)
              AND final_state IS NULL AND job_id <> ''
            """;
        cmd.Parameters.AddWithValue("$c", cluster);
        using var reader = cmd.ExecuteReader();
        var list = new List<JobRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    });

    public void Forget(string cluster, string name, long number) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "DELETE FROM jobs WHERE cluster=$c AND name=$n AND number=$k AND job_id=''";
        Bind(cmd, ("$c", cluster), ("$n", name), ("$k", number));
        cmd.ExecuteNonQuery();
    });

    public int RecordSeenStates(string cluster, IEnumerable<(string JobId, string State)> states, DateTimeOffset at) => Guard(() =>
    {
        using var db = Open();
        using var tx = db.BeginTransaction();
        using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE jobs SET last_state=$s, updated_at=$u
            WHERE placed_on=$c AND job_id=$j AND final_state IS NULL AND (last_state IS NOT $s)
            """;
        var pc = cmd.Parameters.Add("$c", SqliteType.Text);
        var pj = cmd.Parameters.Add("$j", SqliteType.Text);
        var ps = cmd.Parameters.Add("$s", SqliteType.Text);
        cmd.Parameters.AddWithValue("$u", Time(at));
        pc.Value = cluster;
        var changed = 0;
        foreach (var (jobId, state) in states)
        {
            pj.Value = jobId;
            ps.Value = state;
            changed += cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return changed;
    });

    public void RecordFinal(string cluster, string jobId, string finalState, int exitCode, DateTimeOffset at) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            UPDATE jobs SET final_state=$f, last_state=$f, exit_code=$x, updated_at=$u
            WHERE placed_on=$c AND job_id=$j
            """;
        Bind(cmd, ("$c", cluster), ("$j", jobId), ("$f", finalState), ("$x", exitCode), ("$u", Time(at)));
        cmd.ExecuteNonQuery();
    });

    public bool ClaimPostExit(string cluster, string jobId, DateTimeOffset at) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE jobs SET post_exit_at=$a WHERE placed_on=$c AND job_id=$j AND post_exit_at IS NULL";
        Bind(cmd, ("$c", cluster), ("$j", jobId), ("$a", Time(at)));
        return cmd.ExecuteNonQuery() > 0;
    });

    public void Heartbeat(ReplicaInfo replica) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            INSERT INTO replicas (id, address, version, started_at, seen_at) VALUES ($i, $a, $v, $s, $n)
            ON CONFLICT (id) DO UPDATE SET address=excluded.address, version=excluded.version, seen_at=excluded.seen_at
            """;
        Bind(cmd, ("$i", replica.Id), ("$a", replica.Address), ("$v", replica.Version), ("$s", Time(replica.StartedAt)),
            ("$n", Time(DateTimeOffset.UtcNow)));
        cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<ReplicaInfo> Replicas(TimeSpan within) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, address, version, started_at, seen_at FROM replicas WHERE seen_at >= $t ORDER BY started_at";
        cmd.Parameters.AddWithValue("$t", Time(DateTimeOffset.UtcNow - within));
        using var r = cmd.ExecuteReader();
        var list = new List<ReplicaInfo>();
        while (r.Read())
            list.Add(new ReplicaInfo(r.GetString(0), r.GetString(1), r.GetString(2), ParseTime(r.GetString(3)), ParseTime(r.GetString(4))));
        return list;
    });

    public bool TryLease(string name, string holder, TimeSpan ttl) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        var now = DateTimeOffset.UtcNow;
        cmd.CommandText = """
            INSERT INTO leases (name, holder, expires_at) VALUES ($n, $h, $e)
            ON CONFLICT (name) DO UPDATE SET holder=excluded.holder, expires_at=excluded.expires_at
            WHERE leases.holder=excluded.holder OR leases.expires_at < $now
               OR EXISTS (SELECT 1 FROM replicas WHERE replicas.id=leases.holder AND replicas.seen_at < $silent)
            """;
        Bind(cmd, ("$n", name), ("$h", holder), ("$e", Time(now + ttl)), ("$now", Time(now)), ("$silent", Time(now - LeaseHolder.SilentAfter)));
        return cmd.ExecuteNonQuery() == 1;
    });

    public void ReleaseLease(string name, string holder) => Guard(() =>
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "DELETE FROM leases WHERE name=$n AND holder=$h";
        Bind(cmd, ("$n", name), ("$h", holder));
        cmd.ExecuteNonQuery();
    });

    public DateTimeOffset Now() => DateTimeOffset.UtcNow;

    public void Dispose() => SqliteConnection.ClearAllPools();

    // Every failure of the file (disk full, read-only, I/O error, locked too long) is the journal being unavailable:
    // the route answers a 500 naming the journal, and nothing is sent to the cluster on a write that failed.
    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            var reason = Reason(e);
            if (e.SqliteErrorCode is 8 or 10 && ReadOnlyMount.Holds(Path)) reason = "its disk is read-only (mounted read-only, or turned read-only after a disk error)";
            throw new JournalUnavailableException(Kind, Location, reason, e);
        }
    }

    private void Guard(Action work) => Guard(() =>
    {
        work();
        return 0;
    });

    private static string Reason(SqliteException e) => e.SqliteErrorCode switch
    {
        13 => "the disk is full",
        8 => "the file or its folder is read-only",
        10 => "an I/O error on its disk",
        5 or 6 => "it stayed locked too long",
        14 => "it cannot be opened",
        _ => e.Message,
    };

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connectionString);
        db.Open();
        // Two writers at once (submits, the heartbeat, the sweep) meet SQLite's write lock. Without a busy timeout
        // the driver retries every 150 ms, which put a submit's p99 near a second under load; SQLite's own
        // handler waits 1, 2, 5, 10… ms instead.
        using var wait = db.CreateCommand();
        wait.CommandText = "PRAGMA busy_timeout=30000";
        wait.ExecuteNonQuery();
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static JobRecord? QueryOne(SqliteConnection db, string sql, params (string, object?)[] args)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        Bind(cmd, args);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand cmd, params (string Name, object? Value)[] args)
    {
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
    }

    private static JobRecord Read(SqliteDataReader r) => new(
        Cluster: r.GetString(r.GetOrdinal("cluster")),
        Name: r.GetString(r.GetOrdinal("name")),
        Number: r.GetInt64(r.GetOrdinal("number")),
        JobId: r.GetString(r.GetOrdinal("job_id")),
        Owner: Nullable(r, "owner"),
        SubmittedAt: ParseTime(r.GetString(r.GetOrdinal("submitted_at"))),
        UpdatedAt: ParseTime(r.GetString(r.GetOrdinal("updated_at"))),
        LastState: Nullable(r, "last_state"),
        FinalState: Nullable(r, "final_state"),
        ExitCode: r.IsDBNull(r.GetOrdinal("exit_code")) ? null : r.GetInt32(r.GetOrdinal("exit_code")),
        Fscript: r.GetString(r.GetOrdinal("fscript")),
        Secrets: Nullable(r, "job_password") is { } password && Nullable(r, "job_token") is { } token ? new(password, token) : null)
    {
        PlacedOn = PlacedElsewhere(r),
        Failover = Nullable(r, "failover"),
    };

    /// <summary>Null when the job lives on the cluster it was submitted to, so a row reads back as it was written.</summary>
    private static string? PlacedElsewhere(SqliteDataReader r)
    {
        var placed = r.GetString(r.GetOrdinal("placed_on"));
        return placed.Length == 0 || placed == r.GetString(r.GetOrdinal("cluster")) ? null : placed;
    }

    private static string? Nullable(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
