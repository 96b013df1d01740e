using Microsoft.Data.Sqlite;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// The dummy cluster's own memory: jobs kept in memory for speed and written through to
/// <c>dummy-cluster.db</c> in the state folder, so a restart finds them where they were.
/// </summary>
internal sealed class DummyJobStore
{
    public const string FileName = "dummy-cluster.db";
    private readonly string _connectionString;
    private readonly object _gate = new();
    private readonly Dictionary<string, DummyJob> _jobs = new(StringComparer.Ordinal);
    private LiveJobs _ordered = LiveJobs.Of([]);

    public DummyJobStore(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(stateDirectory, FileName),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var db = Open();
        using (var create = db.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS jobs (
                  job_id TEXT PRIMARY KEY, name TEXT NOT NULL, number INTEGER NOT NULL,
                  submitted_ms INTEGER NOT NULL, fails INTEGER NOT NULL,
                  ended_ms INTEGER, end_state TEXT, collected INTEGER NOT NULL DEFAULT 0);
                """;
            create.ExecuteNonQuery();
        }
        using var select = db.CreateCommand();
        select.CommandText = "SELECT job_id, name, number, submitted_ms, fails, ended_ms, end_state, collected FROM jobs ORDER BY submitted_ms, rowid";
        using var r = select.ExecuteReader();
        while (r.Read())
        {
            var job = new DummyJob(r.GetString(0), r.GetString(1), r.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt64(4) != 0,
                r.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7) != 0);
            _jobs[job.JobId] = job;
        }
        Reorder();
    }

    public DummyJob? Get(string jobId)
    {
        lock (_gate) return _jobs.GetValueOrDefault(jobId);
    }

    /// <summary>The jobs not yet collected, oldest first; a stable list the caller may keep.</summary>
    public IReadOnlyList<DummyJob> Live() => Volatile.Read(ref _ordered);

    public void Save(DummyJob job)
    {
        lock (_gate)
        {
            using var db = Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO jobs (job_id, name, number, submitted_ms, fails, ended_ms, end_state, collected)
                VALUES ($j, $n, $k, $s, $f, $e, $es, $c)
                ON CONFLICT (job_id) DO UPDATE SET name=excluded.name, number=excluded.number,
                  submitted_ms=excluded.submitted_ms, fails=excluded.fails, ended_ms=excluded.ended_ms,
                  end_state=excluded.end_state, collected=excluded.collected
                """;
            cmd.Parameters.AddWithValue("$j", job.JobId);
            cmd.Parameters.AddWithValue("$n", job.Name);
            cmd.Parameters.AddWithValue("$k", job.Number);
            cmd.Parameters.AddWithValue("$s", job.SubmittedAt.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$f", job.Fails ? 1 : 0);
            cmd.Parameters.AddWithValue("$e", (object?)job.EndedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$es", (object?)job.EndState ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$c", job.Collected ? 1 : 0);
            cmd.ExecuteNonQuery();
            var known = _jobs.Remove(job.JobId); // a resubmitted id moves to the end of the order
            _jobs[job.JobId] = job;
            // A new job is the newest (the common case): append to a copy rather than sort every job again,
            // which made each submit cost O(n log n) under the lock with thousands of jobs live.
            var ordered = Volatile.Read(ref _ordered);
            if (!known && !job.Collected && (ordered.Count == 0 || ordered[^1].SubmittedAt <= job.SubmittedAt))
                Volatile.Write(ref _ordered, ordered.Append(job));
            else
                Reorder();
        }
    }

    public bool IntegrityOk()
    {
        using var db = Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return cmd.ExecuteScalar() as string == "ok";
    }

    private void Reorder() =>
        Volatile.Write(ref _ordered, LiveJobs.Of(_jobs.Values.Where(j => !j.Collected).OrderBy(j => j.SubmittedAt).ToArray()));

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connectionString);
        db.Open();
        // A pretend cluster: with WAL, NORMAL survives a crash of the process and skips an fsync per submit,
        // which otherwise bounded the embedded cluster to a few hundred submits a second.
        // A busy timeout lets SQLite wait for another writer (a second replica on the same folder) in steps of
        // a few ms, where the driver alone would sleep 150 ms a time.
        using var pragma = db.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000";
        pragma.ExecuteNonQuery();
        return db;
    }
}
