namespace Dssr.Engine.Configuration;

/// <summary>The settings of the service itself (the original's names where it had one); connectors list their own.</summary>
public static class ServiceSettings
{
    public const string Listen = "DSSR_LISTEN";
    public const string JobsListen = "DSSR_JOBS_LISTEN";
    public const string MetricsListen = "DSSR_METRICS_LISTEN";
    public const string Record = "DSSR_RECORD";
    public const string QueueBudget = "DSSR_QUEUE_BUDGET_PER_MINUTE";

    public static readonly IReadOnlyList<Setting> All =
    [
        new("WAITRESS_BIND_ADDRESS", "127.0.0.1", "address to listen on"),
        new("WAITRESS_PORT", "5000", "port to listen on"),
        new(Listen, "http://WAITRESS_BIND_ADDRESS:WAITRESS_PORT", "listen URL; --listen sets it"),
        new(JobsListen, "unset (the API's listener)", "a listen URL of its own for the interactive job proxy; --jobs-listen sets it"),
        new(MetricsListen, "unset (the API's listener)", "a listen URL of its own for /metrics; --metrics-listen sets it"),
        new(Record, "unset (no recording)", "a file to append the upstream conversation to as JSON lines, secrets masked; --record sets it"),
        new(QueueBudget, "30", "queue queries per minute per cluster the load meter allows before it flags the cluster over budget"),
        new("JARVICE_SCHED_SERVER_KEY", "unset (API open)", "user:password for HTTP Basic on every route but /live and /ready", Secret: true),
        new("JARVICE_SCHED_LOGLEVEL", "20", "Python log level: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL"),
        new("JARVICE_BAREMETAL_CONNECTOR", "dummy", "the cluster's connector: dummy (embedded), or another registered name (the README lists them)"),
        new("DSSR_STATE_DIR", "$XDG_STATE_HOME/dssr, else ~/.local/state/dssr", "state folder: journal.db, dummy-cluster.db"),
        new("DSSR_QUEUE_MAX_AGE_MS", "2000", "how long one queue query serves /running, /queued and /runstatus"),
        new("DSSR_MAX_BODY_BYTES", "1048576", "largest request body"),
        new("DSSR_JOURNAL", "sqlite", "the job journal: sqlite (a file in the state folder), or a PostgreSQL connection string or postgresql:// URL shared by replicas", Secret: true),
        new("DSSR_JOURNAL_PASSWORD_FILE", "unset (PGPASSFILE, else none)", "file holding the PostgreSQL journal's password"),
        new("DSSR_FINISHED_JOB_RETENTION", "3600", "seconds a job may be gone from the queue with no exit status asked before Dssr records its end and removes its files"),
    ];

    /// <summary>The settings of the shared job rendering (the original's singularity executor), for connectors that render jobs.</summary>
    public static readonly IReadOnlyList<Setting> Rendering =
    [
        new("JARVICE_BAREMETAL_EXECUTOR", "singularity", "the key of hpc_script that holds the job script"),
        new("JARVICE_SYSTEM_REGISTRY", "required", "registry of the system images"),
        new("JARVICE_SYSTEM_REPO_BASE", "required", "repository base of the system images"),
        new("JARVICE_IMAGES_TAG", "latest", "tag of the system images"),
        new("JARVICE_LOCAL_REGISTRY", "unset", "a local registry mirror"),
        new("JARVICE_LOCAL_REPO_BASE", "unset", "its repository base (required with JARVICE_LOCAL_REGISTRY)"),
        new("JARVICE_REGISTRY_PROXY_PORT", "unset", "port of a registry proxy"),
        new("JARVICE_REGISTRY_PROXY_REPOS", "unset", "comma list of repositories it serves"),
        new("JARVICE_DOCKER_USERNAME", "unset", "base64 registry user of the init image", Secret: true),
        new("JARVICE_DOCKER_PASSWORD", "unset", "base64 registry password of the init image", Secret: true),
        new("JARVICE_BAREMETAL_HTTP_PROXY", "unset", "http_proxy of jobs", Secret: true),
        new("JARVICE_BAREMETAL_HTTPS_PROXY", "unset", "https_proxy of jobs", Secret: true),
        new("JARVICE_BAREMETAL_NO_PROXY", "unset", "no_proxy of jobs"),
        new("JARVICE_JOB_SCRATCH_DIR", "unset (the user's home)", "prefix of the jobs' .jarvice folder"),
        new("JARVICE_JOB_GLOBAL_SCRATCH_DIR", "unset", "scratch folder shared by jobs"),
        new("JARVICE_JOB_GLOBAL_REGISTRIES", "unset", "comma list of registries every user may pull from"),
        new("JARVICE_SINGULARITY_VERBOSE", "false", "true: verbose singularity and wrapper"),
        new("JARVICE_SINGULARITY_TMPDIR", "/tmp", "singularity's work folder"),
        new("JARVICE_SINGULARITY_OVERLAY_SIZE", "600", "overlay size in MB"),
    ];
}
