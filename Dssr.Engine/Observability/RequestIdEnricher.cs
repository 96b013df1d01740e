using Serilog.Core;
using Serilog.Events;

namespace Dssr.Engine.Observability;

/// <summary>Adds the current request's id to every log event written while serving it (property <c>DssrRequestId</c>).</summary>
public sealed class RequestIdEnricher : ILogEventEnricher
{
    public const string Property = "DssrRequestId"; // not ASP.NET's own RequestId (its connection:request counter)

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (RequestContext.Id is { } id) logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(Property, id));
    }
}
