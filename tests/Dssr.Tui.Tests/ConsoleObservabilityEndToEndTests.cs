using System.Text.RegularExpressions;
using Dssr.Connectors.Dummy;
using Dssr.Engine.Jobs;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Tui.Tests;

/// <summary>
/// The real console in tmux at 80×24 on the dummy cluster: the load meter (view 4) counts the queue queries behind a
/// sample job, the recorder key writes to the state folder, and the reconciliation (view 5) finds a journal row the
/// cluster forgot and a job no journal row knows, and resolves them after a y/n.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ConsoleObservabilityEndToEndTests
{
    private const string Forgotten = "20261201100000-FORGT-sample-console_s1";
    private const string Orphan = "20261201100000-ORPHN-sample-console_s1";

    private static string Line(string screen, string start) =>
        screen.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? "";

    /// <summary>A journal row for job dummy_777 that the dummy cluster never had (as if it had forgotten it), and a dummy job dummy_900 no row knows.</summary>
    private static void Disagree(string state)
    {
        var row = $$"""{"cluster":"default","name":"{{Forgotten}}","number":777,"job_id":"dummy_777","owner":null,"submitted_at":"2026-12-01T10:00:00+00:00","updated_at":"2026-12-01T10:00:05+00:00","last_state":"R","final_state":null,"exit_code":null,"fscript":"#!/bin/bash\necho hi\n"}""";
        var errors = new StringWriter();
        Assert.Equal(0, JournalCommand.Run(new Dictionary<string, string> { ["DSSR_STATE_DIR"] = state }, null, errors,
            j => JournalTransfer.Import(j, new StringReader(row)).ToString()));
        new DummyJobStore(state).Save(new DummyJob("dummy_900", Orphan, 900, DateTimeOffset.UtcNow, Fails: false));
    }

    [Fact]
    public void Load_meter_recorder_and_reconciliation_with_its_fixes_at_80x24()
    {
        using var state = new TempDirectory();
        Disagree(state.Path);
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        using var tmux = new Tmux($"env -u NO_COLOR DSSR_STATE_DIR={state.Path} WAITRESS_PORT={DssrProcess.FreePort()} JARVICE_DUMMY_JOB_QUEUED_TIME=1 " +
                                  $"JARVICE_DUMMY_JOB_RUNNING_TIME=300 DSSR_QUEUE_MAX_AGE_MS=300 dotnet '{dll}'; echo EXIT=$?; sleep 600");
        tmux.WaitFor(sc => Line(sc, "default ").Contains(" yes "), "the dummy cluster reachable");
        // n submits through the API, as the upstream would: it must be serving (a key is read the moment it arrives).
        tmux.WaitFor(sc => sc.Contains("│ API http://"), "the API serving");

        tmux.Keys("n");
        var screen = tmux.WaitFor(sc => sc.Split('\n').Any(l => l.Contains("-sample-console_s1") && l.Contains("dummy_778") && l.Contains(" R ")), "the sample job running");

        // View 4: the queue queries that showed the job, against the budget, with the minute in progress in the sparkline.
        tmux.Keys("4");
        screen = tmux.WaitFor(sc => Regex.IsMatch(Line(sc, "default "), @"^default\s+[1-9]\d* queue queries/min, budget 30 +│ *[▁▂▃▄▅▆▇█]+│"), "default's load figures");
        Assert.Contains("controller RPC/min │ last minute:", screen);
        Assert.All(screen.TrimEnd('\n').Split('\n'), l => Assert.True(l.Length <= 80, l));

        // R: recording to a file in the state folder, said in the message line and the header.
        tmux.Keys("R");
        screen = tmux.WaitFor("● recording");
        Assert.Contains($"recording the upstream conversation to {state.Path}/recording-", screen.Replace("\n", ""));
        Assert.Single(Directory.GetFiles(state.Path, "recording-*.jsonl"));

        // View 5: the journal row the cluster forgot and the job no row knows come first.
        tmux.Keys("5");
        // The whole view, not a capture taken while the terminal was still receiving it.
        screen = tmux.WaitFor(sc => Line(sc, "FORGOTTEN ").Contains("dummy_777") && Line(sc, "ORPHAN ").Contains("dummy_900")
            && Regex.IsMatch(sc, @"ok +default +dummy_778 "), "the two disagreements and the job both agree on");
        Assert.Contains("2 disagree", screen);
        Assert.True(screen.IndexOf("FORGOTTEN ", StringComparison.Ordinal) < screen.IndexOf("\nok ", StringComparison.Ordinal), screen);

        // f on the forgotten row (selected first): the dialog says what it writes; y records it.
        tmux.Keys("f");
        screen = tmux.WaitFor("Record a final state for job dummy_777");
        Assert.Contains("final state UNKNOWN", screen);
        tmux.Keys("y");
        screen = tmux.WaitFor(sc => Regex.IsMatch(sc, @"\nok +default +dummy_777 +UNKNOWN ") && sc.Contains("1 disagree"), "dummy_777 resolved");

        // The orphan is now first, under the cursor: t cancels it through the cluster's terminate.
        tmux.Keys("t");
        screen = tmux.WaitFor("Cancel orphan job dummy_900");
        Assert.True(screen.Replace("\n", "").Replace("┃", "").Replace(" ", "").Contains("scanceldummy_900"), screen);
        tmux.Keys("y");
        // The view runs again after the fix; a run whose queue snapshot was taken as the cancel landed still shows R,
        // so the operator's r runs it once more.
        for (var again = 0; ; again++)
        {
            try
            {
                tmux.WaitFor(sc => Regex.IsMatch(Line(sc, "ORPHAN "), @"dummy_900 +- +CA "), "the orphan cancelled on the cluster", again < 3 ? 10 : 60);
                break;
            }
            catch (Xunit.Sdk.XunitException) when (again < 3)
            {
                tmux.Keys("r");
            }
        }

        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
        using var journal = JournalFactory.Open(JournalSettingsReader.Read(new Dictionary<string, string>()), state.Path);
        Assert.Equal("UNKNOWN", journal.FindByJobId("default", "dummy_777")!.FinalState);
    }
}
