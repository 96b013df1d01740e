namespace Dssr.Tui.Terminal;

/// <summary>The job <c>n</c> submits: a small upstream-style script that a real cluster can run too.</summary>
public static class SampleJob
{
    public const string Script = """
        JOBOBJ_APPDEFVERSION=2
        JOBOBJ_INTERACTIVE=False
        JOBOBJ_REPO=docker.io/library/busybox:latest
        JARVICE_CPU_CORES=1
        JARVICE_CMD=echo hello from a Dssr sample job
        {DOWNSTREAM_PARAMETERS}
        echo "$JARVICE_CMD"
        sleep 5
        echo JARVICE_CMD_SUCCESS

        """;
}
