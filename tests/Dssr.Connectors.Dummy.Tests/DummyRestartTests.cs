using Dssr.Testing;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>State survives a restart: the journal and the dummy cluster's own store are files in the state folder.</summary>
public class DummyRestartTests
{
    [Fact]
    public async Task Every_per_job_route_works_after_a_restart_for_jobs_submitted_before_it()
    {
        using var state = new TempDirectory();
        var clock = new ManualClock();
        string submitted;
        await using (var before = await DummyService.StartAsync(state.Path, clock))
        {
            submitted = (await before.Post("/submit", DummyService.SubmitArgs())).Text;
            await before.Post("/submit", DummyService.SubmitArgs(43));
        }

        clock.AdvanceSeconds(6);
        await using var after = await DummyService.StartAsync(state.Path, clock);
        Assert.Equal(submitted, (await after.Post("/submit", DummyService.SubmitArgs())).Text); // same job, not a second one
        Assert.Contains("dummy_42", (await after.Get("/running")).Text);
        Assert.StartsWith("[\"sqlite3_dummy\",\"0:00:06\",", (await after.Post("/runstatus", DummyService.JobArgs())).Text);
        Assert.Equal(200, (await after.Post("/events", DummyService.JobArgs())).Status);
        Assert.Equal(200, (await after.Post("/release", DummyService.JobArgs())).Status);
        Assert.Equal("true\n", (await after.Post("/terminate", DummyService.JobArgs(43))).Text);
        clock.AdvanceSeconds(10);
        Assert.StartsWith("[-15,", (await after.Post("/exitstatus", DummyService.JobArgs(43))).Text);
        Assert.Equal(200, (await after.Post("/exitstatus", DummyService.JobArgs())).Status);

        var journal = after.Service.Host.Journal.Find("default", DummyService.Name, 43)!;
        Assert.Equal("CANCELLED", journal.FinalState);
        Assert.Equal(-15, journal.ExitCode);
    }
}
