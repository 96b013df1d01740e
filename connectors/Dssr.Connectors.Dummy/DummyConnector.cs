using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// The embedded default cluster: jobs live a timed life in memory (kept in SQLite across restarts),
/// with the original dummy's ids, answer shapes and knobs, and its defects fixed. A job whose script says
/// <c>JOBOBJ_INTERACTIVE=True</c> serves a page and a WebSocket echo while it runs, published through the job proxy.
/// </summary>
internal sealed class DummyConnector : IConnector, IInteractiveConnector
{
    public const string NodeName = "sqlite3_dummy";
    private readonly DummySettings _settings;
    private readonly DummyLifecycle _life;
    private readonly DummyFailureDice _dice;
    private readonly DummyJobStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly InteractiveSettings _interactive;
    private readonly SemaphoreSlim _serviceGate = new(1, 1);
    private DummyJobService? _service;

    public DummyConnector(ConnectorContext context)
    {
        _settings = DummySettings.From(context);
        _life = new DummyLifecycle(_settings);
        _dice = new DummyFailureDice(_settings.FailingPercent, _settings.Seed);
        _store = new DummyJobStore(context.StateDirectory);
        _clock = context.Clock;
        _log = context.Logs.CreateLogger("connectors.dummy.connector");
        _interactive = InteractiveSettings.Read(context.Settings);
    }

    public InteractiveSettings Interactive => _interactive;

    /// <summary>The local service, started with the first running interactive job that is asked for.</summary>
    public async Task<JobEndpoint?> LocateServiceAsync(JobRef job, CancellationToken ct)
    {
        var known = _store.Get(job.JobId);
        if (known is null || _life.PhaseAt(known, _clock.GetUtcNow()) != JobPhase.Running) return null;
        await _serviceGate.WaitAsync(ct);
        try
        {
            _service ??= await DummyJobService.StartAsync();
        }
        finally
        {
            _serviceGate.Release();
        }
        return new JobEndpoint("127.0.0.1", _service.Port, null, Via: null);
    }

    public Task InitializeAsync(CancellationToken ct)
    {
        _log.LogInformation("Dummy cluster ready: queued {Queued} s, running {Running} s, failing {Percent} %, interactive {Interactive}{Seed}",
            _settings.QueuedTime.TotalSeconds, _settings.RunningTime.TotalSeconds, _settings.FailingPercent,
            _settings.Interactive, _settings.Seed is { } s ? $", seed {s}" : "");
        return Task.CompletedTask;
    }

    public Task<bool> IsReachableAsync(CancellationToken ct) => Task.FromResult(_store.IntegrityOk());

    public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        var script = DecodeScript(request);
        var job = new DummyJob("dummy_" + request.Number, request.Name, request.Number, _clock.GetUtcNow(),
            _dice.Fails(request.Name, request.Number));
        _store.Save(job);
        var interactive = script.Split('\n').Any(l => l.TrimEnd('\r') == "JOBOBJ_INTERACTIVE=True");
        return Task.FromResult(new SubmitResult(job.JobId, script, Secrets: interactive ? JobSecrets.Generate() : null));
    }

    public Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var jobs = _store.Live();
        var entries = new List<QueueEntry>(jobs.Count);
        foreach (var job in jobs)
        {
            var phase = _life.PhaseAt(job, now);
            entries.Add(new QueueEntry(job.Name, job.JobId, phase, _life.StateAt(job, now), _life.ElapsedAt(job, now),
                phase == JobPhase.Queued ? [] : [NodeName]));
        }
        return Task.FromResult(new QueueSnapshot(now, entries));
    }

    /// <summary>The original's shape: the node as one string and elapsed as Python's timedelta text.</summary>
    public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job)
    {
        var entry = snapshot.Find(job.JobId);
        if (entry is null) return null;
        return new RunStatus(RunStatusNodes.OfText(NodeName), PythonTimedelta.Format(entry.Elapsed),
            $"{entry.Name}/{job.Number}/{entry.JobId}");
    }

    public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        var known = _store.Get(job.JobId);
        if (known is null)
            return Task.FromResult(new ExitStatus(-9, "00:00:00", [], "UNKNOWN"));
        var now = _clock.GetUtcNow();
        if (_life.PhaseAt(known, now) != JobPhase.Ended)
            throw new JobStillRunningException(job.JobId);

        var (rc, state) = known.EndState == "CANCELLED" ? (-15, "CANCELLED") : known.Fails ? (1, "ERROR") : (0, "COMPLETED");
        var total = PythonTimedelta.Format(_life.ElapsedAt(known, now));
        if (!known.Collected) _store.Save(known with { Collected = true }); // the GC the route must do
        return Task.FromResult(new ExitStatus(rc, total,
            [$"This is job {known.Name}\nAnd I runned for {total}",
             $"<< termination state: {state} -- see STDOUT for job errors if any >>"], state));
    }

    public Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        var known = _store.Get(job.JobId);
        if (known is null)
        {
            _log.LogWarning("Terminate of unknown job {JobId}: nothing to do", job.JobId);
            return Task.CompletedTask;
        }
        var now = _clock.GetUtcNow();
        if (_life.PhaseAt(known, now) != JobPhase.Ended)
            _store.Save(known with { EndedAt = now, EndState = "CANCELLED" });
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(JobRef job, CancellationToken ct) => Task.CompletedTask;

    public Task<string> EventsAsync(JobRef job, CancellationToken ct) =>
        Task.FromResult($"This is events for job {job.Name} \n Nothing to say, everything is ok.");

    public async Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct)
    {
        if (!path.IsJobPath)
            throw new InvalidInputException("path", $"'{path.Raw}': the dummy cluster answers only <name>/<number>/<jobid>[/<method>]");
        switch (path.Method)
        {
            case "info":
                var url = _settings.Interactive ? "http://localhost:8080" : "";
                return new RequestResult(200, RequestResult.Json, $$"""{"about":"","actions":{},"help":"","url":"{{url}}"}""");
            case "tail":
                return new RequestResult(200, "text/plain", DummyTail.For(path.JobName!));
            case "shutdown" or "abort":
                await TerminateAsync(new JobRef(path.JobName!, 0, path.JobId!), ct);
                return RequestResult.Empty();
            case "screenshot":
                return RequestResult.Empty(404);
            default: // ping, connect, the three-segment call, and anything else
                return RequestResult.Empty();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is { } service) await service.DisposeAsync();
    }

    private string DecodeScript(SubmitRequest request)
    {
        var field = $"hpc_script.{_settings.Executor}";
        if (!request.HpcScript.TryGetValue(_settings.Executor, out var encoded))
            throw new InvalidInputException(field, "missing; expected the job script in base64 under the executor's name");
        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(encoded));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new InvalidInputException(field, "not base64 of UTF-8 text");
        }
    }
}
