using System.Diagnostics;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.TestBedChecks;

/// <summary>
/// The test bed starts from any folder a person clones into: under a 0700 home, in a
/// <c>mktemp -d</c> folder, in a path with a space. Each case copies the bed's scripts into such a
/// folder, starts a second bed from there (its own folder and free ports, beside the bed the suite
/// runs on), logs in over ssh as the test user and asks Slurm, then stops it and checks that what it
/// started is gone.
/// </summary>
public sealed class TestBedLocationTests
{
    public static TheoryData<string> Locations() => new() { "home", "mktemp", "space" };

    [Theory]
    [MemberData(nameof(Locations))]
    public async Task The_bed_starts_and_stops_from_a_checkout_in(string location)
    {
        TestBed.Get("DSSR_TESTBED_DIR"); // the suite's own bed is up: the copy must not disturb it
        var container = location switch
        {
            // A folder in the home directory (0700 on Debian), itself 0700 as mktemp makes it.
            "home" => Directory.CreateDirectory(Path.Combine(HomeDirectory(), "dssr-clone-" + Guid.NewGuid().ToString("N")[..8]),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName,
            "mktemp" => Directory.CreateTempSubdirectory("dssr-clone-").FullName,
            "space" => Path.Combine(Directory.CreateTempSubdirectory("dssr-clone-").FullName, "my checkout"),
            _ => throw new ArgumentOutOfRangeException(nameof(location)),
        };
        var checkout = Path.Combine(container, "dssr");
        try
        {
            CopyBedScripts(checkout);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(location == "space" ? Path.GetDirectoryName(container)! : container));

            var up = await RunAsync(Path.Combine(checkout, "tests", "testbed", "up.sh"));
            Assert.True(up.Code == 0, $"up.sh from {checkout} failed:\n{up.Output}");
            var env = ReadEnv(Path.Combine(checkout, ".testbed", "env"));
            var bed = env["DSSR_TESTBED_DIR"];
            Assert.NotEqual(TestBed.Get("DSSR_TESTBED_DIR"), bed);
            Assert.NotEqual(TestBed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), env["DSSR_TESTBED_SSH_PORT"]);
            var pids = Directory.GetFiles(Path.Combine(bed, "run"), "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(4, pids.Count);

            await using (var ssh = new OpenSshTransport(new SshSettings
            {
                Host = env["DSSR_TESTBED_SSH_HOST"],
                Port = int.Parse(env["DSSR_TESTBED_SSH_PORT"], System.Globalization.CultureInfo.InvariantCulture),
                User = env["DSSR_TESTBED_USER"],
                PrivateKey = PrivateKeyMaterial.Parse(env["DSSR_TESTBED_KEY"]),
                HostKeys = HostKeyPolicy.KnownHosts(env["DSSR_TESTBED_KNOWN_HOSTS"]),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                CommandTimeout = TimeSpan.FromSeconds(30),
            }))
            {
                // sinfo as the plain user proves munge's socket and slurm.conf are reachable through the bed's folder.
                var sinfo = await ssh.RunAsync(RemoteCommand.Of("sinfo", "-h", "-o", "%P %T"));
                Assert.True(sinfo.ExitCode == 0, sinfo.Stderr);
                Assert.Contains("debug", sinfo.Stdout, StringComparison.Ordinal);
            }

            var down = await RunAsync(Path.Combine(checkout, "tests", "testbed", "down.sh"));
            Assert.True(down.Code == 0, down.Output);
            Assert.False(Directory.Exists(bed), $"{bed} is still there after down.sh");
            Assert.False(File.Exists(Path.Combine(checkout, ".testbed", "env")));
            Assert.All(pids, pid => Assert.False(Alive(pid), $"process {pid} outlived down.sh"));
        }
        finally
        {
            if (File.Exists(Path.Combine(checkout, ".testbed", "env")))
                await RunAsync(Path.Combine(checkout, "tests", "testbed", "down.sh"));
            Directory.Delete(location == "space" ? Path.GetDirectoryName(container)! : container, recursive: true);
        }
    }

    private static string HomeDirectory() =>
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : "/root";

    private static void CopyBedScripts(string checkout)
    {
        var source = Path.Combine(Repository.Root, "tests", "testbed");
        var target = Path.Combine(checkout, "tests", "testbed");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*.sh"))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(file));
        }
    }


    private static Dictionary<string, string> ReadEnv(string file) =>
        File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
    }

    /// <summary>Runs a bed script as a person would, without the suite's own bed in its environment.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string script)
    {
        var info = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DSSR_TESTBED", StringComparison.Ordinal) || k == "SLURM_CONF").ToList())
            info.Environment.Remove(key);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
