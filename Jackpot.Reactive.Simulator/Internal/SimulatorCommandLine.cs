using System.Globalization;

namespace Jackpot.Reactive.Simulator;

/// <summary>Parses the standalone simulator's command line into options.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project Jackpot.Reactive.Simulator -- [options]

          --urls <url;url>            listen URLs (default http://127.0.0.1:5080); https:// URLs use a self-signed
                                      certificate made at start (its SHA-256 hash is printed, for clients to pin)
          --protocols <p>             http1, http2 or http1and2 (default): over TLS offered by ALPN; on http://
                                      http2 is h2c with prior knowledge, the others HTTP/1.1
          --max-streams <n>           HTTP/2 streams per connection at once (default 100)
          --workspace <id>            workspace of the example channel (default sim-workspace)
          --group <id>                jackpot group of the example channel (default sim-group)
          --allow-workspace <id>      serve only these workspaces (repeatable; default: any)
          --jackpots <n>              jackpots per group (default 3)
          --currency <code>           currency, repeatable: jackpot i uses the (i mod count)-th (default EUR)
          --interval-ms <ms>          value update interval (default 1000)
          --spins <n>                 average spins per jackpot and interval (default 20)
          --contribution <amount>     contribution per spin of the smallest jackpot (default 0.10)
          --seed-amount <amount>      seed amount of the smallest jackpot (default 100.00)
          --win-probability <p>       win probability per spin (default 0.0005)
          --players <n>               simulated winners sim-player-1..n (default 5)
          --heartbeat-ms <ms>         heartbeat comment interval (default 15000)
          --history <n>               events kept per channel for Last-Event-ID replay (default 1000)
          --random-seed <n>           random seed (default 1)
          --flood                     broadcast streams send events as fast as the connection takes them
          --sequence-amounts          each jackpot_value carries its own event id as its amount
          --stamp-amounts             each jackpot_value carries its publish time (monotonic clock, µs) as its amount
          --drop-every-ms <ms>        drop every open stream periodically
          --drop-every-events <n>     drop each stream after it has carried n events
          --drop-abort                drop by aborting the connection instead of ending the stream
          --unavailable               answer every request with 503
          --unavailable-requests <n>  answer the first n requests with 503
          --retry-after-s <s>         Retry-After of a 503 (default 1)
          --stalled                   start stalled (headers, then no bytes)
          --unauthorized <channel>    answer 401 for a channel (repeatable)
          --cors <origin|*>           serve apps of this origin, or any (repeatable; default: no CORS)
          --cors-preflight <answer|refuse>  answer CORS preflights (OPTIONS) for Last-Event-ID and
                                      Cache-Control, or refuse them as an EventSource-only service (default answer)
          --replay <file>             serve a recording (docs/recording.md) instead of simulated jackpots
          --speed <n>                 replay this many times faster than recorded (default 1)
          --help                      show this help
        """;

    public const string DefaultStandaloneUrl = "http://127.0.0.1:5080";

    /// <summary>Parses the arguments.</summary>
    /// <returns><see langword="null"/> with <paramref name="error"/> set when they are invalid or help was asked for
    /// (<paramref name="error"/> empty).</returns>
    public static PushEventSimulatorOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string[] flagNames = ["--flood", "--sequence-amounts", "--stamp-amounts", "--drop-abort", "--unavailable", "--stalled", "--help"];
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (flagNames.Contains(name))
            {
                flags.Add(name);
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && Usage.Contains("  " + name + " <", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{name} needs a value.";
                    return null;
                }

                (values.TryGetValue(name, out var list) ? list : values[name] = []).Add(args[++i]);
            }
            else
            {
                error = $"Unknown argument '{name}'.";
                return null;
            }
        }

        if (flags.Contains("--help"))
        {
            error = string.Empty;
            return null;
        }

        try
        {
            error = string.Empty;
            return Build(values, flags);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            error = e.Message;
            return null;
        }
    }

    private static SimulatorCorsOptions? Cors(IReadOnlyList<string>? origins, string? preflight)
    {
        bool answer = preflight switch
        {
            null or "answer" => true,
            "refuse" => false,
            _ => throw new ArgumentException($"--cors-preflight must be answer or refuse, not '{preflight}'."),
        };
        return origins is null
            ? preflight is null ? null : throw new ArgumentException("--cors-preflight needs --cors.")
            : new SimulatorCorsOptions { AllowedOrigins = origins, AnswerPreflights = answer };
    }

    private static PushEventSimulatorOptions Build(Dictionary<string, List<string>> values, HashSet<string> flags)
    {
        string? Single(string name) => values.TryGetValue(name, out var list) ? list[^1] : null;
        int Int(string name, int fallback) => Single(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
        decimal Decimal(string name, decimal fallback) => Single(name) is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Millis(string name, TimeSpan fallback) => Single(name) is null ? fallback : TimeSpan.FromMilliseconds(Int(name, 0));
        IReadOnlyList<string>? Many(string name) => values.TryGetValue(name, out var list) ? list : null;

        return new PushEventSimulatorOptions
        {
            Urls = Single("--urls")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [DefaultStandaloneUrl],
            Workspace = new WorkspaceId(Single("--workspace") ?? PushEventSimulatorOptions.DefaultWorkspace),
            Group = new JackpotGroupId(Single("--group") ?? PushEventSimulatorOptions.DefaultGroup),
            AllowedWorkspaces = Many("--allow-workspace")?.Select(w => new WorkspaceId(w)).ToArray(),
            JackpotsPerGroup = Int("--jackpots", PushEventSimulatorOptions.DefaultJackpotsPerGroup),
            Currencies = Many("--currency") ?? [PushEventSimulatorOptions.DefaultCurrency],
            Cors = Cors(Many("--cors"), Single("--cors-preflight")),
            ValueInterval = Millis("--interval-ms", PushEventSimulatorOptions.DefaultValueInterval),
            SpinsPerInterval = Int("--spins", PushEventSimulatorOptions.DefaultSpinsPerInterval),
            ContributionPerSpin = Decimal("--contribution", PushEventSimulatorOptions.DefaultContributionPerSpin),
            SeedAmount = Decimal("--seed-amount", PushEventSimulatorOptions.DefaultSeedAmount),
            WinProbabilityPerSpin = Single("--win-probability") is { } p
                ? double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)
                : PushEventSimulatorOptions.DefaultWinProbabilityPerSpin,
            SimulatedPlayers = Int("--players", PushEventSimulatorOptions.DefaultSimulatedPlayers),
            HeartbeatInterval = Millis("--heartbeat-ms", PushEventSimulatorOptions.DefaultHeartbeatInterval),
            HistorySize = Int("--history", PushEventSimulatorOptions.DefaultHistorySize),
            RandomSeed = Int("--random-seed", PushEventSimulatorOptions.DefaultRandomSeed),
            Protocols = ParseProtocols(Single("--protocols")),
            MaxStreamsPerConnection = Int("--max-streams", PushEventSimulatorOptions.DefaultMaxStreamsPerConnection),
            ReplayFile = Single("--replay"),
            ReplaySpeed = Single("--speed") is { } speed ? double.Parse(speed, NumberStyles.Float, CultureInfo.InvariantCulture) : 1,
            FloodMode = flags.Contains("--flood"),
            SequenceAmounts = flags.Contains("--sequence-amounts"),
            StampAmounts = flags.Contains("--stamp-amounts"),
            Faults = new SimulatorFaultOptions
            {
                DropConnectionsEvery = Single("--drop-every-ms") is null ? null : Millis("--drop-every-ms", TimeSpan.Zero),
                DropConnectionsEveryEvents = Single("--drop-every-events") is null ? null : Int("--drop-every-events", 0),
                DropKind = flags.Contains("--drop-abort") ? ConnectionDropKind.Abort : ConnectionDropKind.EndStream,
                ServiceUnavailable = flags.Contains("--unavailable"),
                ServiceUnavailableRequests = Int("--unavailable-requests", 0),
                RetryAfter = TimeSpan.FromSeconds(Int("--retry-after-s", (int)SimulatorFaultOptions.DefaultRetryAfter.TotalSeconds)),
                Stalled = flags.Contains("--stalled"),
                UnauthorizedChannels = Many("--unauthorized") ?? [],
            },
        };
    }

    private static Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols ParseProtocols(string? text) => text switch
    {
        null or "http1and2" => Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2,
        "http1" => Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1,
        "http2" => Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2,
        _ => throw new ArgumentException($"--protocols must be http1, http2 or http1and2, not '{text}'."),
    };
}
