using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The journal as JSON lines (one job per line), to move a site from one journal to another
/// (SQLite to PostgreSQL) with every job, finished or in flight, its id, owner and states.
/// </summary>
public static class JournalTransfer
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static int Export(IJobJournal journal, TextWriter output)
    {
        var jobs = journal.List(null, int.MaxValue);
        foreach (var job in jobs.Reverse()) output.WriteLine(JsonSerializer.Serialize(job, Json));
        output.Flush();
        return jobs.Count;
    }

    /// <summary>
    /// Adds every job not yet in the journal; a job already there (same cluster, name and number) is
    /// kept as it is, so importing twice changes nothing. A bad line stops the import, naming the line.
    /// </summary>
    public static (int Added, int AlreadyThere) Import(IJobJournal journal, TextReader input)
    {
        var (added, there, lineNumber) = (0, 0, 0);
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            JobRecord? job;
            try
            {
                job = JsonSerializer.Deserialize<JobRecord>(line, Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"line {lineNumber}: not a journal record ({e.Message})");
            }
            if (job is null || string.IsNullOrEmpty(job.Cluster) || string.IsNullOrEmpty(job.Name) || job.JobId is null || job.Fscript is null)
                throw new InvalidDataException($"line {lineNumber}: a journal record needs cluster, name, number, job_id and fscript");
            if (journal.Claim(job)) added++;
            else there++;
        }
        return (added, there);
    }
}
