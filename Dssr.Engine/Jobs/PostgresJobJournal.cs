using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The journal shared by several replicas: one PostgreSQL database. Opening it does not connect, so a
/// service starts while the database is down (and says so on /ready); every operation opens a pooled
/// connection with a short bounded retry, and a failure is a <see cref="JournalUnavailableException"/>
/// that names the database. Times that decide between replicas (heartbeats, leases) are the database's.
/// </summary>
internal sealed class PostgresJobJournal : IJobJournal
{
    // Serialises migrations of replicas that start together (any constant; this one spells "dssr").
    private const long MigrationLockKey = 0x64737372;
    private readonly NpgsqlDataSource _source;
    private readonly ResiliencePipeline _reconnect;
    private volatile JournalHealth _health = new(false, "not connected yet", 0);
    private volatile bool _migrated;

    public PostgresJobJournal(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
        _reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<SocketException>().Handle<TimeoutException>(),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(150),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // Pooled connections to a restarted server are dead; open fresh ones.
                OnRetry = _ => { _source.Clear(); return default; },
            })
            .Build();
    }

    public string Kind => JournalSettings.PostgresKind;
    public string Location { get; }
    public bool IsShared => true;
    public JournalHealth Health => _health;

    public void Migrate() => Run(db =>
    {
        using var tx = db.BeginTransaction();
        Execute(db, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey}); CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", db, tx);
        var found = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found > JournalSchema.Current)
        {
            _health = new JournalHealth(false, $"schema version {found} is newer than this build's {JournalSchema.Current}", found);
            throw JournalSchema.TooNew(Kind, Location, found);
        }
        for (var version = found + 1; version <= JournalSchema.Current; version++)
        {
            Execute(db, tx, JournalSchema.Postgres[version - 1]);
            using var write = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@v)", db, tx);
            write.Parameters.AddWithValue("v", version);
            write.ExecuteNonQuery();
        }
        tx.Commit();
        _migrated = true;
        return 0;
    }, needsSchema: false);

    public JobRecord? Find(string cluster, string name, long number) => Run(db =>
        QueryOne(db, "SELECT * FROM jobs WHERE cluster=@c AND name=@n AND number=@k", ("c", cluster), ("n", name), ("k", number)));

    public JobRecord? FindByJobId(string cluster, string jobId) => Run(db =>
        QueryOne(db, "SELECT * FROM jobs WHERE placed_on=@c AND job_id=@j ORDER BY submitted_at DESC LIMIT 1", ("c", cluster), ("j", jobId)));

    public IReadOnlyList<JobRecord> List(string? cluster = null, int limit = 10_000) => Run(db =>
    {
        using var cmd = new NpgsqlCommand(cluster is null
            ? "SELECT * FROM jobs ORDER BY submitted_at DESC LIMIT @l"
            : "SELECT * FROM jobs WHERE placed_on=@c ORDER BY submitted_at DESC LIMIT @l", db);
        cmd.Parameters.AddWithValue("l", limit);
        if (cluster is not null) cmd.Parameters.AddWithValue("c", cluster);
        using var reader = cmd.ExecuteReader();
        var list = new List<JobRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return (IReadOnlyList<JobRecord>)list;
    });

    public void RecordSubmitted(JobRecord job) => Insert(job, """
        ON CONFLICT (cluster, name, number) DO UPDATE SET
          job_id=excluded.job_id, owner=excluded.owner, submitted_at=excluded.submitted_at,
          updated_at=excluded.updated_at, last_state=excluded.last_state, final_state=NULL,
          exit_code=NULL, fscript=excluded.fscript, placed_on=excluded.placed_on, failover=excluded.failover,
          job_password=excluded.job_password, job_token=excluded.job_token
        """);

    public bool Claim(JobRecord job) => Insert(job, "ON CONFLICT (cluster, name, number) DO NOTHING") == 1;

    private int Insert(JobRecord job, string onConflict) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO jobs (cluster, name, number, job_id, owner, submitted_at, updated_at, last_state, final_state, exit_code, fscript, placed_on, failover, job_password, job_token)
            VALUES (@c, @n, @k, @j, @o, @s, @u, @ls, @fs, @x, @f, @p, @fo, @pw, @tk)
            """ + "\n" + onConflict, db);
        Bind(cmd, ("c", job.Cluster), ("n", job.Name), ("k", job.Number), ("j", job.JobId), ("o", job.Owner),
            ("s", job.SubmittedAt.UtcDateTime), ("u", job.UpdatedAt.UtcDateTime), ("ls", job.LastState),
            ("fs", job.FinalState), ("x", job.ExitCode), ("f", job.Fscript), ("p", job.RunsOn), ("fo", job.Failover),
            ("pw", job.Secrets?.Password), ("tk", job.Secrets?.Token));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<JobRecord> ListAway(string cluster) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("""
            SELECT * FROM jobs WHERE placed_on <> cluster AND (cluster=@c OR placed_on=@c)
              AND final_state IS NULL AND job_id <> ''
            """, db);
        cmd.Parameters.AddWithValue("c", cluster);
        using var reader = cmd.ExecuteReader();
        var list = new List<JobRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return (IReadOnlyList<JobRecord>)list;
    });

    public void Forget(string cluster, string name, long number) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("DELETE FROM jobs WHERE cluster=@c AND name=@n AND number=@k AND job_id=''", db);
        Bind(cmd, ("c", cluster), ("n", name), ("k", number));
        return cmd.ExecuteNonQuery();
    });

    public int RecordSeenStates(string cluster, IEnumerable<(string JobId, string State)> states, DateTimeOffset at)
    {
        var list = states.ToList();
        if (list.Count == 0) return 0;
        return Run(db =>
        {
            using var cmd = new NpgsqlCommand("""
                UPDATE jobs AS j SET last_state=s.state, updated_at=@u
                FROM unnest(@ids, @states) AS s(job_id, state)
                WHERE j.placed_on=@c AND j.job_id=s.job_id AND j.final_state IS NULL AND j.last_state IS DISTINCT FROM s.state
                """, db);
            cmd.Parameters.AddWithValue("c", cluster);
            cmd.Parameters.AddWithValue("u", at.UtcDateTime);
            cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(s => s.JobId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(s => s.State).ToArray() });
            return cmd.ExecuteNonQuery();
        });
    }

    public void RecordFinal(string cluster, string jobId, string finalState, int exitCode, DateTimeOffset at) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("""
            UPDATE jobs SET final_state=@f, last_state=@f, exit_code=@x, updated_at=@u
            WHERE placed_on=@c AND job_id=@j
            """, db);
        Bind(cmd, ("c", cluster), ("j", jobId), ("f", finalState), ("x", exitCode), ("u", at.UtcDateTime));
        return cmd.ExecuteNonQuery();
    });

    public bool ClaimPostExit(string cluster, string jobId, DateTimeOffset at) => Run(db =>
    {
        // One statement: of two replicas asking at once, one updates the row and the other finds it taken.
        using var cmd = new NpgsqlCommand("UPDATE jobs SET post_exit_at=@a WHERE placed_on=@c AND job_id=@j AND post_exit_at IS NULL", db);
        Bind(cmd, ("c", cluster), ("j", jobId), ("a", at.UtcDateTime));
        return cmd.ExecuteNonQuery() > 0;
    });

    public void Heartbeat(ReplicaInfo replica) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO replicas (id, address, version, started_at, seen_at) VALUES (@i, @a, @v, @s, now())
            ON CONFLICT (id) DO UPDATE SET address=excluded.address, version=excluded.version, seen_at=now()
            """, db);
        Bind(cmd, ("i", replica.Id), ("a", replica.Address), ("v", replica.Version), ("s", replica.StartedAt.UtcDateTime));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<ReplicaInfo> Replicas(TimeSpan within) => Run(db =>
    {
        using var cmd = new NpgsqlCommand(
            "SELECT id, address, version, started_at, seen_at FROM replicas WHERE seen_at >= now() - @w ORDER BY started_at", db);
        cmd.Parameters.AddWithValue("w", within);
        using var r = cmd.ExecuteReader();
        var list = new List<ReplicaInfo>();
        while (r.Read())
            list.Add(new ReplicaInfo(r.GetString(0), r.GetString(1), r.GetString(2),
                r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)));
        return (IReadOnlyList<ReplicaInfo>)list;
    });

    public bool TryLease(string name, string holder, TimeSpan ttl) => Run(db =>
    {
        // One statement, so two replicas asking at once cannot both win; the database's clock decides expiry.
        using var cmd = new NpgsqlCommand("""
            INSERT INTO leases (name, holder, expires_at) VALUES (@n, @h, now() + @t)
            ON CONFLICT (name) DO UPDATE SET holder=excluded.holder, expires_at=excluded.expires_at
            WHERE leases.holder=excluded.holder OR leases.expires_at < now()
               OR EXISTS (SELECT 1 FROM replicas WHERE replicas.id=leases.holder AND replicas.seen_at < now() - @s)
            """, db);
        Bind(cmd, ("n", name), ("h", holder), ("t", ttl), ("s", LeaseHolder.SilentAfter));
        return cmd.ExecuteNonQuery() == 1;
    });

    public void ReleaseLease(string name, string holder) => Run(db =>
    {
        using var cmd = new NpgsqlCommand("DELETE FROM leases WHERE name=@n AND holder=@h", db);
        Bind(cmd, ("n", name), ("h", holder));
        return cmd.ExecuteNonQuery();
    });

    public DateTimeOffset Now() => Run(db =>
    {
        using var cmd = new NpgsqlCommand("SELECT clock_timestamp()", db);
        using var r = cmd.ExecuteReader();
        r.Read();
        return r.GetFieldValue<DateTimeOffset>(0);
    }, needsSchema: false);

    public void Dispose() => _source.Dispose();

    private T Run<T>(Func<NpgsqlConnection, T> operation, bool needsSchema = true)
    {
        try
        {
            if (needsSchema && !_migrated) MigrateForUse();
            using var db = _reconnect.Execute(() => _source.OpenConnection());
            var result = operation(db);
            if (!_health.IsHealthy && _migrated) _health = JournalHealth.Healthy(JournalSchema.Current);
            return result;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or IOException)
        {
            if (e is not PostgresException) _source.Clear();
            var reason = e is PostgresException p ? $"{p.SqlState}: {p.MessageText}" : e.Message;
            _health = new JournalHealth(false, reason, _health.SchemaVersion);
            throw new JournalUnavailableException(Kind, Location, reason, e);
        }
    }

    /// <summary>A schema found newer while serving (replaced under a running replica) fails the request like a lost database.</summary>
    private void MigrateForUse()
    {
        try
        {
            Migrate();
        }
        catch (Dssr.Engine.Configuration.ConfigurationException e)
        {
            throw new JournalUnavailableException(Kind, Location, e.Message);
        }
    }

    private static void Execute(NpgsqlConnection db, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, db, tx);
        cmd.ExecuteNonQuery();
    }

    private static JobRecord? QueryOne(NpgsqlConnection db, string sql, params (string, object?)[] args)
    {
        using var cmd = new NpgsqlCommand(sql, db);
        Bind(cmd, args);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static void Bind(NpgsqlCommand cmd, params (string Name, object? Value)[] args)
    {
        foreach (var (name, value) in args)
        {
            // A null's type cannot be inferred; every nullable column here is text or integer.
            if (value is null)
                cmd.Parameters.Add(new NpgsqlParameter(name, name == "x" ? NpgsqlDbType.Integer : NpgsqlDbType.Text) { Value = DBNull.Value });
            else
                cmd.Parameters.AddWithValue(name, value);
        }
    }

    private static JobRecord Read(NpgsqlDataReader r) => new(
        Cluster: r.GetString(r.GetOrdinal("cluster")),
        Name: r.GetString(r.GetOrdinal("name")),
        Number: r.GetInt64(r.GetOrdinal("number")),
        JobId: r.GetString(r.GetOrdinal("job_id")),
        Owner: Nullable(r, "owner"),
        SubmittedAt: r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("submitted_at")),
        UpdatedAt: r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("updated_at")),
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
    private static string? PlacedElsewhere(NpgsqlDataReader r)
    {
        var placed = r.GetString(r.GetOrdinal("placed_on"));
        return placed.Length == 0 || placed == r.GetString(r.GetOrdinal("cluster")) ? null : placed;
    }

    private static string? Nullable(NpgsqlDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }
}
