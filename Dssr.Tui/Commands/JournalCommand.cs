using System.CommandLine;
using Dssr.Engine.Configuration;
using Dssr.Engine.Jobs;
using Dssr.Tui.Composition;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr journal export|import</c>: the journal DSSR_JOURNAL names (and --state, for SQLite) as JSON
/// lines. Exit 0 when done, 1 when the journal fails or a line is bad, 2 for bad settings.
/// </summary>
internal static class JournalCommand
{
    public static Command Build()
    {
        var state = new Option<string?>("--state") { Description = "Folder of the SQLite journal [default: DSSR_STATE_DIR, else ~/.local/state/dssr]", HelpName = "DIR" };
        var to = new Option<string?>("--to") { Description = "Write to this file instead of stdout.", HelpName = "FILE" };
        var from = new Option<string?>("--from") { Description = "Read this file instead of stdin.", HelpName = "FILE" };
        var export = new Command("export", "Write every job of the journal as JSON lines (oldest first).") { state, to };
        export.SetAction((parse, _) => Task.FromResult(Run(ProcessEnvironment.Read(), parse.GetValue(state), Console.Error, journal =>
        {
            var path = parse.GetValue(to);
            using var output = path is null ? Console.Out : new StreamWriter(path);
            var count = JournalTransfer.Export(journal, output);
            return $"exported {count} job(s) from {journal.Kind} {journal.Location}";
        })));
        var import = new Command("import", "Add the jobs of JSON lines (from export) to the journal; jobs already in it are kept as they are.") { state, from };
        import.SetAction((parse, _) => Task.FromResult(Run(ProcessEnvironment.Read(), parse.GetValue(state), Console.Error, journal =>
        {
            var path = parse.GetValue(from);
            using var input = path is null ? Console.In : new StreamReader(path);
            var (added, there) = JournalTransfer.Import(journal, input);
            return $"imported {added} job(s) into {journal.Kind} {journal.Location}; {there} already there";
        })));
        return new Command("journal", "Move the job journal between kinds (SQLite, PostgreSQL) as JSON lines.") { export, import };
    }

    public static int Run(IReadOnlyDictionary<string, string> env, string? stateOption, TextWriter errors, Func<IJobJournal, string> action)
    {
        try
        {
            var settings = JournalSettingsReader.Read(env);
            var stateDirectory = ServiceOptionsReader.Read(env, new CommandLineOverrides(StateDirectory: stateOption)).StateDirectory;
            using var journal = JournalFactory.Open(settings, stateDirectory);
            journal.Migrate();
            errors.WriteLine($"dssr journal: {action(journal)}");
            return 0;
        }
        catch (ConfigurationException e)
        {
            errors.WriteLine($"dssr journal: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is JournalUnavailableException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"dssr journal: {e.Message}");
            return 1;
        }
    }
}
