using Dssr.Engine.Configuration;

namespace Dssr.Connectors.Dummy;

/// <summary>Every setting the dummy connector reads: its section of the configuration, and the rows of <c>dssr config</c>.</summary>
internal static class DummySettingsCatalog
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new("JARVICE_DUMMY_JOB_QUEUED_TIME", "5", "seconds a dummy job is queued"),
        new("JARVICE_DUMMY_JOB_RUNNING_TIME", "10", "seconds a dummy job then runs"),
        new("JARVICE_DUMMY_JOB_FAILING_PERCENT", "50", "chance that a dummy job ends with rc 1"),
        new("JARVICE_DUMMY_JOBS_ARE_INTERACTIVE", "False", "exactly True: /request/.../info answers http://localhost:8080"),
        new("JARVICE_DUMMY_SEED", "unset", "makes the dummy's failures reproducible"),
        new("JARVICE_BAREMETAL_EXECUTOR", "singularity", "the key of hpc_script that holds the job script"),
    ];
}
