using Dssr.Engine.Configuration;
using Dssr.Engine.Jobs;

namespace Dssr.Integration.Tests.Journal;

/// <summary>
/// What every journal must do, run against each kind (one fixture per kind): the same rows, the same
/// answers, the same refusals.
/// </summary>
public abstract class JournalBehaviour : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A journal on this fixture's store; several calls share the store (as two replicas do).</summary>
    protected abstract IJobJournal Open();

    /// <summary>Makes the store's schema claim a version this build does not know.</summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>Runs SQL on the store directly (to put it back to an older schema).</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Makes <paramref name="replica"/>'s last heartbeat <paramref name="seconds"/> old, as if it had stopped beating then.</summary>
    protected abstract Task AgeHeartbeatAsync(string replica, int seconds);

    public virtual Task InitializeAsync() => Task.CompletedTask;
    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static JobRecord Job(string name = "n", long number = 1, string jobId = "100", string? owner = "kirby") =>
        new("default", name, number, jobId, owner, T0, T0, "SUBMITTED", null, null, "#!/bin/bash\n");

    [Fact]
    public void A_job_written_is_found_by_name_and_number_and_by_job_id_from_another_opening()
    {
        using (var first = Open()) first.RecordSubmitted(Job());
        using var other = Open();
        Assert.Equal(Job(), other.Find("default", "n", 1));
        Assert.Equal("kirby", other.FindByJobId("default", "100")!.Owner);
        Assert.Null(other.Find("other", "n", 1));
        Assert.Null(other.FindByJobId("default", "nope"));
    }

    [Fact]
    public void A_failed_over_job_keeps_its_endpoints_key_and_is_found_listed_and_updated_where_it_lives()
    {
        using var journal = Open();
        var moved = Job() with { PlacedOn = "backup", Failover = "default unreachable (refused); placed on backup (prefers cpu jobs)" };
        journal.RecordSubmitted(moved);
        journal.RecordSubmitted(Job(name: "home", jobId: "101"));
        Assert.Equal(moved, journal.Find("default", "n", 1));
        Assert.Equal("backup", journal.Find("default", "n", 1)!.RunsOn);
        Assert.Equal("n", journal.FindByJobId("backup", "100")!.Name);
        Assert.Null(journal.FindByJobId("default", "100"));
        Assert.Equal(["n"], journal.List("backup").Select(j => j.Name));
        Assert.Equal(["home"], journal.List("default").Select(j => j.Name));
        Assert.Equal(["n"], journal.ListAway("default").Select(j => j.Name));
        Assert.Equal(["n"], journal.ListAway("backup").Select(j => j.Name));
        Assert.Equal(1, journal.RecordSeenStates("backup", [("100", "R")], T0.AddSeconds(1)));
        journal.RecordFinal("backup", "100", "COMPLETED", 0, T0.AddSeconds(2));
        Assert.Equal("COMPLETED", journal.Find("default", "n", 1)!.FinalState);
        Assert.Empty(journal.ListAway("default"));
    }

    [Fact]
    public async Task A_journal_of_schema_2_is_migrated_with_every_job_living_where_it_was_submitted()
    {
        using (var journal = Open()) journal.RecordSubmitted(Job());
        await ExecuteAsync("DROP INDEX jobs_placed; DROP INDEX jobs_away; ALTER TABLE jobs DROP COLUMN placed_on; ALTER TABLE jobs DROP COLUMN failover; " +
            "ALTER TABLE jobs DROP COLUMN job_password; ALTER TABLE jobs DROP COLUMN job_token; ALTER TABLE jobs DROP COLUMN post_exit_at; " +
            "DELETE FROM schema_version WHERE version>=3");
        using var migrated = Open();
        Assert.Equal(Job(), migrated.Find("default", "n", 1));
        Assert.Equal("n", migrated.FindByJobId("default", "100")!.Name);
        Assert.Empty(migrated.ListAway("default"));
    }

    [Fact]
    public void An_interactive_jobs_secrets_are_kept_and_a_batch_job_has_none()
    {
        var secrets = new Dssr.Engine.Interactive.JobSecrets("pw-123", "tok-456");
        using (var first = Open())
        {
            first.RecordSubmitted(Job(name: "i", jobId: "300") with { Secrets = secrets });
            first.RecordSubmitted(Job(name: "b", jobId: "301"));
        }
        using var other = Open();
        Assert.Equal(secrets, other.FindByJobId("default", "300")!.Secrets);
        Assert.Null(other.FindByJobId("default", "301")!.Secrets);
    }

    [Fact]
    public void Seen_states_touch_only_changed_live_rows()
    {
        using var journal = Open();
        journal.RecordSubmitted(Job());
        journal.RecordSubmitted(Job(name: "m", jobId: "101"));
        Assert.Equal(2, journal.RecordSeenStates("default", [("100", "PD"), ("101", "R")], T0.AddSeconds(1)));
        Assert.Equal(1, journal.RecordSeenStates("default", [("100", "R"), ("101", "R")], T0.AddSeconds(2)));
        journal.RecordFinal("default", "100", "COMPLETED", 0, T0.AddSeconds(3));
        Assert.Equal(0, journal.RecordSeenStates("default", [("100", "R")], T0.AddSeconds(4)));
        var done = journal.FindByJobId("default", "100")!;
        Assert.Equal(("COMPLETED", "COMPLETED", 0), (done.FinalState, done.LastState, done.ExitCode));
    }

    [Fact]
    public void List_returns_newest_first_and_by_cluster()
    {
        using var journal = Open();
        journal.RecordSubmitted(Job(name: "old") with { SubmittedAt = T0 });
        journal.RecordSubmitted(Job(name: "new", jobId: "200") with { SubmittedAt = T0.AddMinutes(1) });
        journal.RecordSubmitted(Job(name: "elsewhere") with { Cluster = "other" });
        Assert.Equal(["new", "old"], journal.List("default").Select(j => j.Name));
        Assert.Equal(3, journal.List().Count);
        Assert.Single(journal.List(limit: 1));
    }

    [Fact]
    public void A_resubmitted_row_replaces_the_old_one_and_clears_its_final_state()
    {
        using var journal = Open();
        journal.RecordSubmitted(Job());
        journal.RecordFinal("default", "100", "FAILED", 1, T0.AddSeconds(1));
        journal.RecordSubmitted(Job(jobId: "300"));
        var row = journal.Find("default", "n", 1)!;
        Assert.Equal(("300", null, null), (row.JobId, row.FinalState, row.ExitCode));
    }

    [Fact]
    public void Claim_inserts_only_the_first_row_of_a_name_and_number()
    {
        using var journal = Open();
        Assert.True(journal.Claim(Job(jobId: "")));
        Assert.False(journal.Claim(Job(jobId: "999", owner: "other")));
        Assert.Equal(("", "kirby"), (journal.Find("default", "n", 1)!.JobId, journal.Find("default", "n", 1)!.Owner));
    }

    [Fact]
    public async Task Of_many_claims_of_one_name_and_number_at_once_exactly_one_wins()
    {
        var journals = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        try
        {
            using var start = new Barrier(16);
            var claims = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            {
                start.SignalAndWait();
                return journals[i % journals.Count].Claim(Job(jobId: "", owner: $"o{i}"));
            })).ToList();
            var won = await Task.WhenAll(claims);
            Assert.Equal(1, won.Count(w => w));
        }
        finally
        {
            journals.ForEach(j => j.Dispose());
        }
    }

    [Fact]
    public void Forget_removes_only_a_row_without_a_job_id()
    {
        using var journal = Open();
        journal.RecordSubmitted(Job(name: "pending", jobId: ""));
        journal.RecordSubmitted(Job(name: "made", jobId: "5"));
        journal.Forget("default", "pending", 1);
        journal.Forget("default", "made", 1);
        Assert.Null(journal.Find("default", "pending", 1));
        Assert.NotNull(journal.Find("default", "made", 1));
    }

    [Fact]
    public void An_opened_journal_is_healthy_at_the_current_schema_version_and_reopening_keeps_it()
    {
        using (var first = Open()) first.Migrate();
        using var journal = Open();
        journal.Migrate();
        journal.Find("default", "n", 1);
        Assert.Equal(JournalHealth.Healthy(JournalSchema.Current), journal.Health);
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_is_refused_with_one_line_naming_the_versions()
    {
        using (var first = Open()) first.Migrate();
        await SetSchemaVersionAsync(JournalSchema.Current + 7);
        var e = Assert.Throws<ConfigurationException>(() => { using var j = Open(); j.Migrate(); });
        Assert.Contains($"schema version {JournalSchema.Current + 7} is newer than this build's {JournalSchema.Current}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Heartbeats_show_each_replica_once_with_its_address_version_and_start()
    {
        using var a = Open();
        using var b = Open();
        a.Heartbeat(new ReplicaInfo("a", "http://127.0.0.1:1", "1.0", T0, T0));
        b.Heartbeat(new ReplicaInfo("b", "http://127.0.0.1:2", "1.0", T0.AddSeconds(1), T0));
        a.Heartbeat(new ReplicaInfo("a", "http://127.0.0.1:1", "1.0", T0, T0));
        var seen = a.Replicas(TimeSpan.FromMinutes(1));
        Assert.Equal(["a", "b"], seen.Select(r => r.Id));
        Assert.Equal(("http://127.0.0.1:2", "1.0", T0.AddSeconds(1)), (seen[1].Address, seen[1].Version, seen[1].StartedAt));
        Assert.True(Math.Abs((seen[0].SeenAt - a.Now()).TotalSeconds) < 60);
    }

    [Fact]
    public async Task A_lease_is_held_by_one_holder_until_it_expires_then_another_takes_it()
    {
        using var a = Open();
        using var b = Open();
        Assert.True(a.TryLease("cleanup", "a", TimeSpan.FromSeconds(2)));
        Assert.False(b.TryLease("cleanup", "b", TimeSpan.FromSeconds(2)));
        Assert.True(a.TryLease("cleanup", "a", TimeSpan.FromSeconds(2)));
        Assert.True(b.TryLease("other-work", "b", TimeSpan.FromSeconds(2)));
        // a stops renewing: b gets it once the lease runs out, not before.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!b.TryLease("cleanup", "b", TimeSpan.FromSeconds(2)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the expired lease never moved");
            await Task.Delay(100);
        }
        Assert.False(a.TryLease("cleanup", "a", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_long_lease_moves_once_its_holders_heartbeat_is_silent_and_not_while_it_beats()
    {
        using var a = Open();
        using var b = Open();
        a.Heartbeat(new ReplicaInfo("a", "http://127.0.0.1:1", "1.0", T0, T0));
        b.Heartbeat(new ReplicaInfo("b", "http://127.0.0.1:2", "1.0", T0, T0));
        Assert.True(a.TryLease("submit:x", "a", TimeSpan.FromSeconds(90)));
        await AgeHeartbeatAsync("a", (int)LeaseHolder.SilentAfter.TotalSeconds - 3);
        Assert.False(b.TryLease("submit:x", "b", TimeSpan.FromSeconds(90)));
        await AgeHeartbeatAsync("a", (int)LeaseHolder.SilentAfter.TotalSeconds + 3);
        Assert.True(b.TryLease("submit:x", "b", TimeSpan.FromSeconds(90)));
        Assert.False(a.TryLease("submit:x", "a", TimeSpan.FromSeconds(90)));
        // A holder that was never seen is not taken for a silent one.
        Assert.True(a.TryLease("submit:y", "unknown", TimeSpan.FromSeconds(90)));
        Assert.False(b.TryLease("submit:y", "b", TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public void Post_exit_work_is_claimed_once_for_a_known_job_and_never_for_an_unknown_one()
    {
        using var a = Open();
        using var b = Open();
        a.RecordSubmitted(Job());
        Assert.True(a.ClaimPostExit("default", "100", T0));
        Assert.False(b.ClaimPostExit("default", "100", T0.AddSeconds(1)));
        Assert.False(a.ClaimPostExit("default", "nope", T0));
        Assert.False(a.ClaimPostExit("other", "100", T0));
    }
}
