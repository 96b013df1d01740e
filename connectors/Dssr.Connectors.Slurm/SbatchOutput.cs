using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm;

/// <summary><c>sbatch --parsable</c> prints <c>id</c> or, on a multi-cluster setup, <c>id;cluster</c>.</summary>
internal static class SbatchOutput
{
    public static string JobId(string stdout)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var id = line.Split(';')[0].Trim();
        if (id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new ConnectorException($"sbatch answered '{line}', not a job id");
        return id;
    }
}
