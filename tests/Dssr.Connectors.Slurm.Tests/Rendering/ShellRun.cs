using System.Diagnostics;

using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Executors;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>Runs a program with argv, stdin and extra environment, and captures what it printed.</summary>
internal static class ShellRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string program, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        using var p = Start(program, args, env, workingDirectory);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 60 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
