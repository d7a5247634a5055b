using Jackpot.Reactive.Tests.Packaging;
namespace Jackpot.Reactive.Tests.Testing.Recordings;

/// <summary>Recordings written line by line for tests, in a temporary folder deleted with it.</summary>
internal sealed class RecordingFiles : IDisposable
{
    public const string Header =
        """{"format":"jackpot-recording","version":1,"recordedAt":"2026-01-02T03:04:05.000Z","source":"test","channels":["W1_broadcast_G1"],"playerIds":"pseudonymised"}""";

    private readonly TemporaryFolder _folder = new("jackpot-recordings-");
    private int _files;

    /// <summary>Writes a file of the lines, each ended by a line feed (or the last one not, when <paramref name="truncated"/>).</summary>
    public string Write(IEnumerable<string> lines, bool truncated = false)
    {
        string path = _folder.Combine($"recording-{++_files}.jsonl");
        string text = string.Join("\n", lines);
        File.WriteAllText(path, truncated ? text : text + "\n");
        return path;
    }

    /// <summary>An <c>event</c> line of the broadcast channel carrying a value update of J1.</summary>
    public static string ValueEvent(double t, int attempt, string id, string value, string channel = "W1_broadcast_G1") =>
        $$$"""{"t":{{{t.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"kind":"event","channel":"{{{channel}}}","attempt":{{{attempt}}},"id":"{{{id}}}","type":"message","data":"{\"reason\":\"jackpot_value\",\"jackpotInstance\":\"J1_1\",\"jackpot\":\"J1\",\"channel\":\"{{{channel}}}\",\"currency\":\"EUR\",\"value\":\"{{{value}}}\"}"}""";

    public static string Line(double t, string kind, int attempt, string more = "", string channel = "W1_broadcast_G1") =>
        $$"""{"t":{{t.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"kind":"{{kind}}","channel":"{{channel}}","attempt":{{attempt}}{{(more.Length > 0 ? "," + more : "")}}}""";

    public void Dispose() => _folder.Dispose();
}
