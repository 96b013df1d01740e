using System.Text.Json;
using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Jobs;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Journal;

/// <summary><c>dssr journal export</c> / <c>import</c>, and <c>dssr diag</c>'s journal checks.</summary>
public sealed class JournalMoveTests
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";

    private static string SubmitArgs(long number) =>
        $$"""{"name":"{{Name}}","number":{{number}},"nodes":1,"hpc_script":{"singularity":"eA=="},"bearer":"kirby"}""";

    private static string JobArgs(long number, string jobId) => $$"""{"name":"{{Name}}","number":{{number}},"jobid":"{{jobId}}"}""";

    private static Task<TestService> Serve(SharedCluster cluster, string state, Dictionary<string, string> env)
    {
        env["JARVICE_BAREMETAL_CONNECTOR"] = "shared";
        return TestService.StartAsync(new ConnectorRegistry().Register(_ => cluster, "shared"), state, env);
    }

    [Fact]
    public async Task A_site_moved_from_sqlite_to_postgresql_keeps_its_finished_jobs_and_its_job_in_flight()
    {
        using var state = new TempDirectory();
        var database = await PostgresBed.CreateDatabaseAsync();
        try
        {
            var cluster = new SharedCluster();
            string inFlight, finished;
            await using (var before = await Serve(cluster, state.Path, new() { ["DSSR_JOURNAL"] = "sqlite" }))
            {
                finished = JsonDocument.Parse((await Answer.Of(before.PostArgs("/submit", SubmitArgs(1)))).Text).RootElement[0].GetString()!;
                await Answer.Of(before.PostArgs("/terminate", JobArgs(1, finished)));
                Assert.Equal(200, (await Answer.Of(before.PostArgs("/exitstatus", JobArgs(1, finished)))).Status);
                inFlight = JsonDocument.Parse((await Answer.Of(before.PostArgs("/submit", SubmitArgs(2)))).Text).RootElement[0].GetString()!;
            }

            var file = Path.Combine(state.Path, "jobs.jsonl");
            var errors = new StringWriter();
            Assert.Equal(0, JournalCommand.Run(new Dictionary<string, string> { ["DSSR_STATE_DIR"] = state.Path }, null, errors,
                j => { using var w = new StreamWriter(file); return $"exported {JournalTransfer.Export(j, w)}"; }));
            Assert.Equal(2, File.ReadAllLines(file).Length);
            var pg = PostgresBed.JournalEnvironment(database);
            Assert.Equal(0, JournalCommand.Run(pg, null, errors, j => { using var r = new StreamReader(file); return $"{JournalTransfer.Import(j, r)}"; }));
            Assert.Equal(0, JournalCommand.Run(pg, null, errors, j => { using var r = new StreamReader(file); return $"again {JournalTransfer.Import(j, r)}"; }));
            Assert.Contains("(2, 0)", errors.ToString());
            Assert.Contains("again (0, 2)", errors.ToString());

            using var state2 = new TempDirectory();
            await using var after = await Serve(cluster, state2.Path, pg);
            Assert.StartsWith("[[\"node1\"]", (await Answer.Of(after.PostArgs("/runstatus", JobArgs(2, inFlight)))).Text);
            Assert.StartsWith($"[\"{inFlight}\",", (await Answer.Of(after.PostArgs("/submit", SubmitArgs(2)))).Text);
            Assert.Equal(2, cluster.Submits);
            await Answer.Of(after.PostArgs("/terminate", JobArgs(2, inFlight)));
            Assert.Equal(200, (await Answer.Of(after.PostArgs("/exitstatus", JobArgs(2, inFlight)))).Status);
            Assert.Equal("owner-of-kirby", cluster.Calls.Last().Job.Owner);
            Assert.Equal("CANCELLED", after.Host.Journal.FindByJobId("default", finished)!.FinalState);
        }
        finally
        {
            await PostgresBed.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void A_bad_line_stops_the_import_naming_the_line()
    {
        using var state = new TempDirectory();
        var errors = new StringWriter();
        var exit = JournalCommand.Run(new Dictionary<string, string> { ["DSSR_STATE_DIR"] = state.Path }, null, errors,
            j => $"{JournalTransfer.Import(j, new StringReader("\n{\"cluster\":\"default\"}\n"))}");
        Assert.Equal(1, exit);
        Assert.StartsWith("dssr journal: line 2: a journal record needs", errors.ToString());
    }

    [Fact]
    public async Task Diag_checks_of_a_postgresql_journal_pass_connect_schema_round_trip_and_clock()
    {
        var database = await PostgresBed.CreateDatabaseAsync();
        try
        {
            using var journal = JournalFactory.Open(JournalSettingsReader.Read(PostgresBed.JournalEnvironment(database)), "/nonexistent");
            var checks = JournalDiagnostics.Run(journal, TimeProvider.System);
            Assert.Equal(["journal connect", "journal schema", "journal round trip", "journal clock"], checks.Select(c => c.Name));
            Assert.All(checks, c => Assert.True(c.Status == CheckStatus.Pass, $"{c.Name}: {c.Detail}"));
            Assert.Contains($"version {JournalSchema.Current}", checks[1].Detail);
        }
        finally
        {
            await PostgresBed.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void Diag_of_an_unreachable_journal_fails_connect_with_its_fix_and_skips_the_rest()
    {
        using var journal = JournalFactory.Open(JournalSettingsReader.Read(new Dictionary<string, string>
        {
            ["DSSR_JOURNAL"] = $"Host=127.0.0.1;Port={ClosedPort.Find()};Database=x;Username=u",
        }), "/nonexistent");
        var checks = JournalDiagnostics.Run(journal, TimeProvider.System);
        Assert.Equal((CheckStatus.Fail, "start the database or correct DSSR_JOURNAL (and its password file)"), (checks[0].Status, checks[0].Fix));
        Assert.All(checks.Skip(1), c => Assert.Equal(CheckStatus.Skipped, c.Status));
    }
}
