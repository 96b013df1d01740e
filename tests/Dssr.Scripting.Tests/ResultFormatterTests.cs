using Dssr.Engine.Connectors;
using Dssr.Scripting.Formatting;

namespace Dssr.Scripting.Tests;

/// <summary>How values read in the REPL: scalars plain, records and objects as name/value tables, sequences as tables.</summary>
public class ResultFormatterTests
{
    private static string Format(object? value, FormatLimits? limits = null) => ResultFormatter.Format(value, limits ?? FormatLimits.Default);

    [Fact]
    public void Scalars_are_written_as_themselves_in_the_invariant_culture()
    {
        Assert.Equal("1.5", Format(1.5));
        Assert.Equal("true", Format(true));
        Assert.Equal("Running", Format(JobPhase.Running));
        Assert.Equal("2026-01-02 03:04:05.000 +00:00", Format(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Assert.Equal("null", Format(null));
        Assert.Equal("text\nas is", Format("text\nas is"));
    }

    [Fact]
    public void A_record_is_a_name_value_table_and_its_list_follows_as_a_table()
    {
        var snapshot = new QueueSnapshot(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            [new QueueEntry("job-a", "dummy_1", JobPhase.Running, "RUNNING", TimeSpan.FromSeconds(5), ["n1", "n2"])]);
        Assert.Equal("""
            QueueSnapshot
            property  value
            --------  ------------------------------
            TakenAt   2026-01-01 00:00:00.000 +00:00
            Jobs:
            Name   JobId    Phase    State    Elapsed   Nodes     Owner
            -----  -------  -------  -------  --------  --------  -----
            job-a  dummy_1  Running  RUNNING  00:00:05  [n1, n2]
            (1 item)
            """.ReplaceLineEndings("\n"), Format(snapshot));
    }

    [Fact]
    public void A_dictionary_is_a_key_value_table()
    {
        Assert.Equal("key  value\n---  -----\na    1\nb    2\n(2 items)", Format(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }));
    }

    [Fact]
    public void Long_cells_are_cut_with_an_ellipsis_and_newlines_shown_as_one_line()
    {
        var text = Format(new[] { new { Text = new string('x', 100) + "\nmore" } }, new FormatLimits(MaxCellChars: 10));
        Assert.Contains("xxxxxxxxx…", text);
        Assert.DoesNotContain("more", text);
    }

    [Fact]
    public void An_empty_sequence_says_so()
    {
        Assert.Equal("(no items)", Format(Array.Empty<QueueEntry>()));
    }

    [Fact]
    public void A_property_that_throws_shows_the_exception_type_instead_of_failing()
    {
        Assert.Contains("<InvalidOperationException>", Format(new Throwing()));
    }

    public sealed class Throwing
    {
        public int Fine => 1;
        public int Broken => throw new InvalidOperationException();
    }
}

/// <summary>Secrets reach the screen only when asked for by name, never as part of a bigger value.</summary>
public class ResultFormatterSecretTests
{
    [Fact]
    public void Server_keys_bearer_tokens_and_passwords_are_redacted_in_objects_tables_and_dictionaries()
    {
        var options = new Dssr.Engine.Configuration.ServiceOptions
        {
            ListenUrl = "http://127.0.0.1:5000", StateDirectory = "/tmp/x", ConnectorName = "dummy",
            ServerKey = "admin:hunter2",
            ClusterSettings = new Dictionary<string, string> { ["JARVICE_SCHED_SERVER_KEY"] = "admin:hunter2", ["SSH_PASSWORD"] = "hunter2", ["HOME"] = "/root" },
        };
        var text = ResultFormatter.Format(options, FormatLimits.Default);
        Assert.DoesNotContain("hunter2", text);
        Assert.Matches(@"ServerKey\s+<redacted>", text);
        Assert.Matches(@"SSH_PASSWORD\s+<redacted>", text);
        Assert.Matches(@"HOME\s+/root", text);

        var contexts = new[] { new ConnectorContext("default", options.ClusterSettings, "/tmp/x", TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance) };
        var table = ResultFormatter.Format(contexts, new FormatLimits(MaxCellChars: 500));
        Assert.Contains("JARVICE_SCHED_SERVER_KEY=<redacted>", table);
        Assert.DoesNotContain("hunter2", table);

        var requests = new[] { new SubmitRequest("n", 1, 1, new Dictionary<string, string>(), "bearer-hunter2") };
        Assert.DoesNotContain("hunter2", ResultFormatter.Format(requests, FormatLimits.Default));
    }
}
