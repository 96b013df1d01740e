using System.Diagnostics;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>Runs a system command the disk tests need (mount, losetup, mkfs) and fails the test with its stderr.</summary>
internal static class RootCommand
{
    public static void Run(params string[] argv) => Run([0], argv);

    /// <summary>Runs it; an exit code outside <paramref name="success"/> fails the test.</summary>
    public static void Run(int[] success, params string[] argv)
    {
        using var process = Process.Start(new ProcessStartInfo(argv[0], argv[1..]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(success.Contains(process.ExitCode), $"{string.Join(' ', argv)}: {errors.Result} (this test needs root, as ./test.sh runs it)");
    }
}
