namespace Dssr.Tui.Terminal;

/// <summary>The jobs <c>n</c> and <c>N</c> submit: small upstream-style scripts that a real cluster can run too.</summary>
internal static class SampleJob
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

    /// <summary>
    /// Serves one page on the port the cluster gives the job (the dummy cluster serves its own page and ignores the
    /// body); the job's URL publishes it. It runs until terminated.
    /// </summary>
    public const string InteractiveScript = """
        JOBOBJ_APPDEFVERSION=2
        JOBOBJ_INTERACTIVE=True
        JOBOBJ_REPO=docker.io/library/python:3-slim
        JARVICE_CPU_CORES=1
        JARVICE_CMD=python3 -m http.server
        {DOWNSTREAM_PARAMETERS}
        port="${JARVICE_SERVICE_PORT:-$SINGULARITYENV_JARVICE_SERVICE_PORT}"
        page=$(mktemp -d)
        echo '<!doctype html><title>Dssr sample</title><p>An interactive Dssr sample job</p>' > "$page/index.html"
        echo "serving a sample page on port $port"
        cd "$page" && exec python3 -m http.server --bind 0.0.0.0 "$port"

        """;
}
