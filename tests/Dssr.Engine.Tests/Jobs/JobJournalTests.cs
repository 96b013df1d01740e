using Dssr.Engine.Jobs;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Jobs;

public class JobJournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobRecord Job(string name = "n", long number = 1, string jobId = "100", string? owner = "kirby") =>
        new("default", name, number, jobId, owner, T0, T0, "SUBMITTED", null, null, "#!/bin/bash\n");

    [Fact]
    public void A_job_written_is_found_by_name_and_number_and_by_job_id_after_reopening()
    {
        using var dir = new TempDirectory();
        new SqliteJobJournal(dir.Path).RecordSubmitted(Job());
        var reopened = new SqliteJobJournal(dir.Path);
        Assert.Equal(Job(), reopened.Find("default", "n", 1));
        Assert.Equal("kirby", reopened.FindByJobId("default", "100")!.Owner);
        Assert.Null(reopened.Find("other", "n", 1));
    }

    [Fact]
    public void Seen_states_touch_only_changed_live_rows()
    {
        using var dir = new TempDirectory();
        var journal = new SqliteJobJournal(dir.Path);
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
    public void The_journal_is_one_file_in_the_state_folder()
    {
        using var dir = new TempDirectory();
        var journal = new SqliteJobJournal(Path.Combine(dir.Path, "nested"));
        Assert.Equal(Path.Combine(dir.Path, "nested", "journal.db"), journal.Path);
        Assert.True(File.Exists(journal.Path));
    }

    [Fact]
    public void List_returns_newest_first()
    {
        using var dir = new TempDirectory();
        var journal = new SqliteJobJournal(dir.Path);
        journal.RecordSubmitted(Job(name: "old") with { SubmittedAt = T0 });
        journal.RecordSubmitted(Job(name: "new", jobId: "200") with { SubmittedAt = T0.AddMinutes(1) });
        Assert.Equal(["new", "old"], journal.List("default").Select(j => j.Name));
    }
}
