using System.Net;
using Jackpot.Reactive.Tests.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Reactive.Testing;
using static Jackpot.Reactive.Tests.Transport.ScriptStep;

namespace Jackpot.Reactive.Tests.Diagnostics;

/// <summary>What the client logs over a whole channel lifetime, and that a player id never reaches a log.</summary>
public sealed class JackpotPushClientLoggingTests : IDisposable
{
    private const string SecretPlayer = "alice.secret@example.com";
    private static readonly WorkspaceId Workspace = new("ws");

    private readonly TestScheduler _scheduler = new();
    private readonly CapturingLoggerProvider _provider = new();
    private readonly ILoggerFactory _loggerFactory;

    public JackpotPushClientLoggingTests() =>
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_provider).SetMinimumLevel(LogLevel.Trace));

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public void Player_WholeLifetime_LogsEachStepThroughItsEventId()
    {
        RunPlayerChannel();

        _provider.Entries.Where(e => e.Level != LogLevel.None).Select(e => (e.EventId.Id, e.Level)).Should().Equal(
            (1, LogLevel.Information), // connecting
            (2, LogLevel.Information), // open
            (20, LogLevel.Warning), // malformed payload (the player id in a rejected value)
            (20, LogLevel.Warning), // malformed payload (too long: truncated)
            (3, LogLevel.Warning), // retry
            (1, LogLevel.Information), // connecting again, resuming
            (4, LogLevel.Error)); // terminal failure (401)
    }

    [Fact]
    public void Player_Retry_LogsAttemptDelayAndCause()
    {
        RunPlayerChannel();

        var retry = _provider.Entries.Single(e => e.EventId.Id == 3);
        retry.Values.Should().Contain(new KeyValuePair<string, object?>("Attempt", 1));
        retry.Values.Should().Contain(new KeyValuePair<string, object?>("Delay", TimeSpan.FromSeconds(2)));
        retry.Exception.Should().BeOfType<IOException>();
        retry.Message.Should().Contain("retry 1 in 00:00:02");
        var failure = _provider.Entries.Single(e => e.EventId.Id == 4);
        failure.Exception.Should().BeOfType<SseHttpException>().Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Player_MalformedPayload_LogsFieldProblemAndTruncatedRedactedPreview()
    {
        RunPlayerChannel();

        var malformed = _provider.Entries.Where(e => e.EventId.Id == 20).ToList();
        malformed[0].Values.Should().Contain(new KeyValuePair<string, object?>("Field", "value"));
        malformed[0].Values.Should().Contain(new KeyValuePair<string, object?>("Channel", "ws_user_al***"));
        malformed[0].Message.Should().Contain("al***");
        string preview = (string)malformed[1].Values.Single(v => v.Key == "Payload").Value!;
        preview.Should().EndWith("…").And.HaveLength(JackpotPushDiagnostic.MaxPreviewLength + 1);
    }

    [Fact]
    public void Player_WholeLifetime_NeverLogsThePlayerId()
    {
        RunPlayerChannel();

        _provider.Entries.Should().NotBeEmpty();
        foreach (var entry in _provider.Entries)
        {
            entry.Texts().Should().OnlyContain(
                text => !text.Contains(SecretPlayer, StringComparison.OrdinalIgnoreCase)
                    && !text.Contains("alice.secret", StringComparison.OrdinalIgnoreCase)
                    && !text.Contains(Uri.EscapeDataString(SecretPlayer), StringComparison.OrdinalIgnoreCase),
                "entry {0} must not reveal the player id",
                entry);
            entry.Values.Select(v => v.Value).Should().NotContain(
                value => value is ChannelName || value is PlayerId || value is Uri,
                "a structured sink could read the raw id from such a value");
        }
    }

    /// <summary>A player channel's life: open, a payload whose rejected value is the player id, an oversized malformed
    /// payload, a dropped connection, a retry that resumes, and a terminal 401.</summary>
    private void RunPlayerChannel()
    {
        var channel = ChannelName.Player(Workspace, new PlayerId(SecretPlayer));
        string idInValue = $$"""id: e-1{{"\n"}}data: {"reason":"jackpot_won","jackpotInstance":"J1_1","jackpot":"J1","channel":"{{channel.RawValue}}","currency":"EUR","value":"{{SecretPlayer}}","jackpotNewInstance":"J1_2"}""" + "\n\n";
        string longJunk = "data: {\"channel\":\"" + channel.RawValue + "\",\"padding\":\"" + new string('x', 600) + "\"\n\n";
        var transport = new ScriptedTransport(
            _scheduler,
            [Open(0), Send(1, idInValue), Send(2, longJunk), Drop(3)],
            [Reject(1, HttpStatusCode.Unauthorized)]);
        var options = new JackpotPushClientOptions
        {
            Workspace = Workspace,
            Endpoint = new Uri("https://push.example/subscribe"),
            Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(2), JitterRatio = 0 },
            Linger = TimeSpan.Zero,
        };
        using var client = new JackpotPushClient(options, transport, _scheduler, _loggerFactory);
        Exception? failure = null;

        using var subscription = client.Player(new PlayerId(SecretPlayer)).Subscribe(_ => { }, error => failure = error);
        _scheduler.AdvanceTo(TimeSpan.FromSeconds(30).Ticks);

        failure.Should().BeOfType<SseHttpException>("the script ends with a terminal 401");
        transport.Requests.Should().HaveCount(2);
        transport.Requests[0].Uri.Query.Should().Contain(Uri.EscapeDataString(SecretPlayer), "the request itself carries the real id");
    }
}
