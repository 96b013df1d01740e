using System.Diagnostics;
using Dssr.Engine.Configuration;
using Dssr.Engine.Diagnostics;

namespace Dssr.Engine.Jobs;

/// <summary>
/// <c>dssr diag</c>'s checks of the journal: it answers, its schema is this build's, a write is read
/// back, and its clock agrees with this machine's (leases and heartbeats use the database's clock; a
/// replica whose own clock is far off shows wrong ages in the console and logs).
/// </summary>
public static class JournalDiagnostics
{
    public static readonly TimeSpan MostSkew = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<DiagnosticCheck> Run(IJobJournal journal, TimeProvider clock)
    {
        var checks = new List<DiagnosticCheck>();
        var connected = Check(checks, "journal connect", () =>
        {
            journal.Now();
            return $"{journal.Kind} {journal.Location} answers";
        },
            $"start the database or correct {JournalSettingsReader.Variable} (and its password file)");
        if (!connected)
        {
            foreach (var name in new[] { "journal schema", "journal round trip", "journal clock" })
                checks.Add(new DiagnosticCheck(name, CheckStatus.Skipped, "not run: the journal does not answer", null, 0));
            return checks;
        }
        Check(checks, "journal schema", () =>
        {
            journal.Migrate();
            return $"version {journal.Health.SchemaVersion} (this build's {JournalSchema.Current})";
        }, "run the dssr build that wrote this schema, or a newer one");
        Check(checks, "journal round trip", () =>
        {
            var probe = "diag-" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                if (!journal.TryLease(probe, "diag", TimeSpan.FromMinutes(1))) throw new InvalidOperationException("a fresh row could not be written");
                if (journal.TryLease(probe, "someone-else", TimeSpan.FromMinutes(1))) throw new InvalidOperationException("the row written was not read back");
                return "a row written was read back";
            }
            finally
            {
                journal.ReleaseLease(probe, "diag");
            }
        }, "give the journal's user INSERT, UPDATE and DELETE on its tables");
        Check(checks, "journal clock", () =>
        {
            var before = clock.GetUtcNow();
            var theirs = journal.Now();
            var after = clock.GetUtcNow();
            var skew = theirs - (before + (after - before) / 2);
            var text = $"{skew.TotalMilliseconds:+0;-0;0} ms from this machine's clock";
            return skew.Duration() <= MostSkew ? text : throw new InvalidOperationException(text + $" (more than {MostSkew.TotalSeconds:0} s)");
        }, "synchronise this machine's and the database's clocks (NTP)");
        return checks;
    }

    private static bool Check(List<DiagnosticCheck> checks, string name, Func<string> run, string fix)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var detail = run();
            checks.Add(new DiagnosticCheck(name, CheckStatus.Pass, detail, null, watch.ElapsedMilliseconds));
            return true;
        }
        catch (Exception e) when (e is JournalUnavailableException or ConfigurationException or InvalidOperationException)
        {
            checks.Add(new DiagnosticCheck(name, CheckStatus.Fail, e.Message, fix, watch.ElapsedMilliseconds));
            return false;
        }
    }
}
