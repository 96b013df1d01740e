using System.Text;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// Upstream job scripts for the test bed. No container runtime exists there, so the app step is a plain
/// shell body; the Slurm wrapper and the binding block around it are the real ones. A body that prints
/// JARVICE_CMD_SUCCESS makes the job exit 0, one that does not makes it exit 1, as in production.
/// </summary>
public static class UpstreamScripts
{
    public static string Batch(string marker, bool succeeds = true, int sleepSeconds = 0, JobGate? gate = null, params string[] devices) =>
        Build(marker, succeeds, sleepSeconds, gate, $"[{string.Join(',', new[] { "exclusive=False" }.Concat(devices).Select(d => $"\"{d}\""))}]", "", "");

    /// <summary>
    /// A batch job with the <c>JOBOBJ_DEVICES</c> list written as given (JSON) and more upstream lines
    /// (<paramref name="fields"/>), both inside a quoted here-document that the job's bash reads as nothing: Dssr reads
    /// them as the upstream's fields, but the job never runs what they hold (a real upstream writes its own values
    /// there, which its job then runs). <paramref name="body"/>: shell lines run after the downstream parameters.
    /// </summary>
    public static string Inert(string marker, string devicesJson, string fields, string body, JobGate? gate = null) =>
        Build(marker, true, 0, gate, devicesJson, Lines(fields), Lines(body), inert: true);

    private static string Lines(string text) => text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";

    private static string Build(string marker, bool succeeds, int sleepSeconds, JobGate? gate, string devicesJson, string fields,
        string body, bool inert = false)
    {
        var text = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append("JOBOBJ_INTERACTIVE=False\nJOBOBJ_APPDEFVERSION=2\nJOBOBJ_ARCH=amd64\nJOBOBJ_NAE=app-batch\n")
            .Append("JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/app-batch:latest\n")
            .Append(inert ? ": <<'UPSTREAM_FIELDS'\n" : "")
            .Append($"JOBOBJ_DEVICES={devicesJson}\n")
            .Append(fields)
            .Append(inert ? "UPSTREAM_FIELDS\n" : "")
            .Append("JOBOBJ_GPUS=0\nJOBOBJ_RAM=0\nJARVICE_CPU_CORES=1\n")
            .Append("JARVICE_CMD='true'\n\n{DOWNSTREAM_PARAMETERS}\n\n")
            .Append($"echo 'job {marker} started as '\"$(id -un)\"\n")
            .Append(body);
        if (gate is not null) text.Append(gate.WaitLines);
        if (sleepSeconds > 0) text.Append($"sleep {sleepSeconds}\n");
        text.Append($"echo 'job {marker} done'\n");
        text.Append(succeeds ? "/bin/echo JARVICE_CMD_SUCCESS\n" : "/bin/echo JARVICE_CMD_FAILURE\n");
        return text.ToString();
    }

    /// <summary>A job name in the upstream's format, unique per call.</summary>
    public static string NewName(string app = "slurm-test") =>
        $"20260101120000-{Guid.NewGuid().ToString("N")[..5].ToUpperInvariant()}-{app}-tester_s1";
}
