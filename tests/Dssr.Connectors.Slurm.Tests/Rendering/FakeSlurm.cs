using Dssr.Testing;

using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Executors;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>
/// A folder with fake <c>srun</c> and <c>scontrol</c> first on PATH, so a rendered batch script runs locally:
/// srun runs its command once with SLURM_* variables set, scontrol prints two host names.
/// </summary>
internal sealed class FakeSlurm : IDisposable
{
    private readonly TempDirectory dir = new();

    public FakeSlurm()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Out);
        Directory.CreateDirectory(Canaries);
        Write("srun", """
            #!/bin/bash
            # Skips srun's options up to the command, then runs it as task 0 of node fake1.
            while [ $# -gt 0 ] && [ "$1" != /bin/bash ]; do shift; done
            export SLURM_PROCID=0 SLURMD_NODENAME=fake1 SLURM_NTASKS=2
            exec "$@"
            """);
        Write("scontrol", """
            #!/bin/bash
            [ "$1 $2" = "show hostname" ] || exit 2
            printf 'fake1\nfake2\n'
            """);
    }

    public string Root => dir.Path;
    public string Bin => Path.Combine(dir.Path, "bin");
    /// <summary>Where the test's upstream scripts write what they saw (DSSR_TEST_OUT).</summary>
    public string Out => Path.Combine(dir.Path, "out");
    /// <summary>Files that only an injected command would create.</summary>
    public string Canaries => Path.Combine(dir.Path, "canaries");

    public Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = Bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
        ["SLURM_NNODES"] = "2",
        ["SLURM_JOBID"] = "77",
        ["SLURMD_NODENAME"] = "fake1",
        ["SLURM_JOB_NODELIST"] = "fake[1-2]",
        ["SLURM_SUBMIT_DIR"] = dir.Path,
        ["DSSR_TEST_OUT"] = Out,
    };

    public ShellRun.Result RunBatch(string script) => ShellRun.Run("bash", ["-s"], script, Environment(), dir.Path);

    public System.Diagnostics.Process StartBatch(string scriptPath) => ShellRun.Start("bash", [scriptPath], Environment(), dir.Path);

    public string Seen(string name) => File.ReadAllText(Path.Combine(Out, name));

    private void Write(string name, string text)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, text + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => dir.Dispose();
}
