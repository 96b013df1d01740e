using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Tui.Tests.Commands;

public sealed class HooksCommandTests
{
    private static (int Code, string Out, string Err) Check(Dictionary<string, string> env)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (HooksCommand.Check(env, o, e), o.ToString(), e.ToString());
    }

    private static Dictionary<string, string> SlurmEnv(string hooks, string state) => new()
    {
        ["JARVICE_BAREMETAL_CONNECTOR"] = "slurm",
        ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example.org",
        ["JARVICE_SLURM_SSH_USER"] = "jarvice",
        ["DSSR_STATE_DIR"] = state,
        ["DSSR_HOOKS_DIR"] = hooks,
    };

    [Fact]
    public void Every_hook_compiles_or_its_errors_are_printed_with_file_and_line()
    {
        using var dir = new TempDirectory();
        var pre = Directory.CreateDirectory(Path.Combine(dir.Path, "hooks", "pre-submit")).FullName;
        File.WriteAllText(Path.Combine(pre, "10-good.csx"), "Job.Account = \"physics\";\n");
        File.WriteAllText(Path.Combine(pre, "20-bad.csx"), "// a typo on line 2\nJob.Acount = \"physics\";\n");

        var (code, stdout, _) = Check(SlurmEnv(Path.Combine(dir.Path, "hooks"), dir.Path));

        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^ok\s+default pre-submit .*10-good\.csx", stdout);
        Assert.Matches(@"(?m)^error\s+default pre-submit .*20-bad\.csx", stdout);
        Assert.Contains("20-bad.csx(2,5): error CS1061", stdout);
        Assert.Contains("1 of 2 hooks compile", stdout);
    }

    [Fact]
    public void The_example_hooks_compile() =>
        Assert.Equal(0, Check(SlurmEnv(Path.Combine(Root(), "scripts", "hooks"), Path.GetTempPath())).Code);

    [Fact]
    public void A_missing_hooks_folder_is_a_configuration_error_naming_the_setting()
    {
        var (code, _, stderr) = Check(SlurmEnv("/nonexistent/hooks", Path.GetTempPath()));
        Assert.Equal(2, code);
        Assert.Contains("DSSR_HOOKS_DIR", stderr);
    }

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Dssr.sln"))) return d.FullName;
        throw new InvalidOperationException("Dssr.sln not found");
    }
}
