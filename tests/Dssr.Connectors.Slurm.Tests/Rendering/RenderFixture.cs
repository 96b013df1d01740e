using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>Fixed settings, requests and sample scripts shared by the rendering tests.</summary>
internal static class RenderFixture
{
    public const string Name = "20240101120000-ABCDE-myapp-kirby_s1";
    public const string InitUser = "_json_key";
    public const string InitPassword = "{\"type\":\"service_account\",\"private_key\":\"init-secret-9f8e\"}";

    /// <summary>The environment a configured cluster would have: every variable the renderer reads, set.</summary>
    public static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev",
        ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images",
        ["JARVICE_IMAGES_TAG"] = "jarvice-3.24.5-amd64",
        ["JARVICE_DOCKER_USERNAME"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(InitUser)),
        ["JARVICE_DOCKER_PASSWORD"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(InitPassword)),
        ["JARVICE_BAREMETAL_HTTP_PROXY"] = "http://proxy.example.org:3128",
        ["JARVICE_BAREMETAL_HTTPS_PROXY"] = "http://proxy.example.org:3128",
        ["JARVICE_BAREMETAL_NO_PROXY"] = "localhost,127.0.0.1,.cluster.local",
        ["JARVICE_JOB_SCRATCH_DIR"] = "/scratch",
        ["JARVICE_JOB_GLOBAL_SCRATCH_DIR"] = "/global/scratch/",
        ["JARVICE_JOB_GLOBAL_REGISTRIES"] = "us-docker.pkg.dev/jarvice-apps,ghcr.io/shared",
        ["JARVICE_SINGULARITY_TMPDIR"] = "/var/tmp/singularity",
    };

    public static SingularitySettings Settings(Action<Dictionary<string, string>>? change = null)
    {
        var env = Environment();
        change?.Invoke(env);
        return SingularitySettingsReader.Read(env, hostArch: "x86_64");
    }

    public static SubmitRequest Request(string script, int nodes = 1, string name = Name) =>
        new(name, 42, nodes, new Dictionary<string, string> { ["singularity"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(script)) }, "bearer");

    /// <summary>A minimal valid upstream script; <paramref name="lines"/> replace or add KEY=value lines.</summary>
    public static string Script(params string[] lines)
    {
        var keys = new List<string>
        {
            "JOBOBJ_INTERACTIVE=False", "JOBOBJ_APPDEFVERSION=2", "JOBOBJ_ARCH=amd64",
            "JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/app:latest", "JOBOBJ_DEVICES=[]",
            "JOBOBJ_GPUS=0", "JOBOBJ_RAM=0", "JARVICE_CPU_CORES=4", "JARVICE_CMD=/bin/true",
        };
        foreach (var line in lines)
        {
            var key = line.Split('=')[0];
            keys.RemoveAll(k => k.Split('=')[0] == key);
            if (line != key + "=<drop>") keys.Add(line);
        }
        return "#!/bin/bash\n" + string.Join('\n', keys) + "\n{DOWNSTREAM_PARAMETERS}\necho JARVICE_CMD_SUCCESS\n";
    }

    public static RenderedJob Render(string script, int nodes = 1, SingularitySettings? settings = null) =>
        JobRenderer.Render(Request(script, nodes), settings ?? Settings());

    /// <summary>The repository root, found from the test binaries, for samples and goldens kept in the source tree.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dssr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dssr.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "samples", name));
}
