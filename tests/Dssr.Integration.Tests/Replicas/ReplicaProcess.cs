using Dssr.Integration.Tests.Journal;
using Dssr.Integration.Tests.Slurm;

namespace Dssr.Integration.Tests.Replicas;

/// <summary>A replica as deployed: <c>dssr --serve</c> on the Slurm test bed with a PostgreSQL journal.</summary>
public static class ReplicaProcess
{
    public static ServeProcess Start(string database, Dictionary<string, string>? extra = null)
    {
        var env = SlurmService.Environment(extra);
        foreach (var (k, v) in PostgresBed.JournalEnvironment(database)) env[k] = v;
        return new ServeProcess(env);
    }
}
