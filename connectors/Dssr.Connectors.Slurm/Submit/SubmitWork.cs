using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// One submit in progress: the <see cref="Submission"/> the steps pass along (printable), and beside it what must not
/// be printed (the request, the decoded job with its credentials, the rendered script as sent).
/// </summary>
internal sealed class SubmitWork(SubmitRequest request, Submission submission)
{
    public SubmitRequest Request { get; } = request;
    public Submission Submission { get; set; } = submission;
    public DecodedJob? Decoded { get; set; }
    public IReadOnlyList<string> Notes { get; set; } = [];
    public InteractiveRendering? Interactive { get; set; }
    public RenderedJob? Rendered { get; set; }
    public RemoteCommand? Command { get; set; }
    public string? Fscript { get; set; }

    public DecodedJob DecodedOrThrow => Decoded ?? throw new InvalidOperationException("the decode step has not run");
    public RenderedJob RenderedOrThrow => Rendered ?? throw new InvalidOperationException("the render step has not run");
}
