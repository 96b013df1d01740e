using System.Text;
using Dssr.Tui.Commands;

namespace Dssr.Tui.Tests.Commands;

/// <summary>
/// <c>dssr render --plan</c> for three upstream scripts kept for this test, with the example hooks of scripts/hooks, compared
/// with reviewed golden files byte for byte. DSSR_UPDATE_GOLDEN=1 rewrites the goldens instead (review the diff before committing).
/// </summary>
public sealed class RenderPlanGoldenTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dssr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dssr.sln not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Env() => new()
    {
        ["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev",
        ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images",
        ["JARVICE_IMAGES_TAG"] = "jarvice-3.24.5-amd64",
        ["JARVICE_DOCKER_USERNAME"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("_json_key")),
        ["JARVICE_DOCKER_PASSWORD"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("plan-golden-password-31")),
        ["JARVICE_SLURM_SSH_USER"] = "dssrtest",
        ["DSSR_HOOKS_DIR"] = Path.Combine(Root(), "scripts", "hooks"),
    };

    [Theory]
    [InlineData("cpu-walltime", 1, 0)]
    [InlineData("gpu-device", 2, 0)]
    [InlineData("refused-option", 1, 1)]
    public void The_plan_matches_its_golden_file(string sample, int nodes, int exitCode)
    {
        var folder = Path.Combine(Root(), "tests", "Dssr.Tui.Tests", "Commands", "plan");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = RenderCommand.Run(Path.Combine(folder, sample + ".sh"), "20250102030405-PLANS-" + sample + "-alice_s1", 7, nodes,
            json: false, showSecrets: false, new StringReader(""), stdout, stderr, Env(), plan: true);
        var golden = Path.Combine(folder, sample + ".plan.txt");
        if (Environment.GetEnvironmentVariable("DSSR_UPDATE_GOLDEN") == "1") File.WriteAllText(golden, stdout.ToString());

        Assert.Equal(exitCode, code);
        Assert.Equal(File.ReadAllText(golden), stdout.ToString());
        Assert.DoesNotContain("plan-golden-password-31", stdout.ToString());
    }
}
