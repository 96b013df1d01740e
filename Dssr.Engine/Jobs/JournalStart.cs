using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Jobs;

/// <summary>Opening the journal at start: migrate now when the database answers, else later (the keeper retries).</summary>
internal static class JournalStart
{
    /// <summary>
    /// Opens and migrates the journal. A schema newer than this build stops the start (ConfigurationException);
    /// an unreachable database does not: the service starts, /ready says why it is not ready, and the
    /// keeper migrates once the database answers.
    /// </summary>
    public static IJobJournal Open(JournalSettings settings, string stateDirectory, ILogger log)
    {
        var journal = JournalFactory.Open(settings, stateDirectory);
        if (journal is PostgresJobJournal)
        {
            try
            {
                journal.Migrate();
            }
            catch (JournalUnavailableException e)
            {
                log.LogError("{Error}; serving without it until it answers", e.Message);
            }
        }
        return journal;
    }

    public static ReplicaInfo Self(string address, TimeProvider clock)
    {
        var version = typeof(JournalStart).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0) version = version[..plus];
        var id = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        var now = clock.GetUtcNow();
        return new ReplicaInfo(id, address, version, now, now);
    }
}
