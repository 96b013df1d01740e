using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

namespace Dssr.Engine.Clusters;

/// <summary>
/// The kind of a submitted job, matched against a failover target's <c>preferred_jobs</c>: <c>interactive</c>
/// (read as the job rendering reads it: only <c>JOBOBJ_INTERACTIVE=False</c> makes a batch job), else <c>gpu</c>
/// (<c>JOBOBJ_GPUS</c> above 0, or a gpu or gres request in <c>JOBOBJ_DEVICES</c>), else <c>cpu</c>.
/// A script that cannot be read is <c>cpu</c>: the connector refuses it anyway, with the field named.
/// </summary>
internal static class JobKind
{
    public const string Interactive = "interactive";
    public const string Gpu = "gpu";
    public const string Cpu = "cpu";

    public static string Of(SubmitRequest request)
    {
        foreach (var executor in request.HpcScript.Keys.Order(StringComparer.Ordinal))
        {
            UpstreamScript script;
            try
            {
                script = UpstreamScript.Decode(executor, request.HpcScript);
            }
            catch (InvalidInputException)
            {
                continue;
            }
            if (script.Find("JOBOBJ_APPDEFVERSION") is null && script.Find("JARVICE_CPU_CORES") is null) continue;
            if (script.Find("JOBOBJ_INTERACTIVE") != "False") return Interactive;
            var gpus = int.TryParse(script.Find("JOBOBJ_GPUS")?.Trim(), out var n) ? n : 0;
            var devices = script.Find("JOBOBJ_DEVICES") ?? "";
            if (gpus > 0 || devices.Contains("gpu", StringComparison.OrdinalIgnoreCase) || devices.Contains("gres", StringComparison.OrdinalIgnoreCase))
                return Gpu;
            return Cpu;
        }
        return Cpu;
    }
}
