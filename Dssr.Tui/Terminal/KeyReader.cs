using System.Threading.Channels;

namespace Dssr.Tui.Terminal;

/// <summary>Reads keys on a thread of its own (a blocking read costs no CPU while idle) and hands them to the loop.</summary>
public static class KeyReader
{
    public static void Start(ChannelWriter<ConsoleEvent> events, CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var key = Console.ReadKey(intercept: true);
                    events.TryWrite(new ConsoleEvent.Key(key));
                }
            }
            catch (InvalidOperationException)
            {
                events.TryWrite(new ConsoleEvent.InputClosed());
            }
        })
        { IsBackground = true, Name = "dssr-keys" };
        thread.Start();
    }
}
