using Dssr.Engine.Observability;

namespace Dssr.Tui.ViewModels;

/// <summary>One cluster's line in the load view: its load meter's figures as of the last second.</summary>
internal sealed record LoadRow(string Cluster, LoadFigures Figures);
