// A Native AOT console over every way into the library: the client bound from configuration
// (AddJackpotPushClient(IConfiguration)), the other registrations, the client made by hand, a raw connection, the
// operators and the async stream. It prints what it receives and exits; see docs/aot.md.
//
//   dotnet run --project Jackpot.Reactive.Samples.Aot -- --JackpotPush:Endpoint=http://127.0.0.1:5000/subscribe \
//       --JackpotPush:Workspace=demo --Sample:Group=main --Sample:Count=3
using System.Diagnostics;
using System.Globalization;
using System.Reactive.Linq;
using Jackpot.Reactive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var started = Stopwatch.GetTimestamp();
var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var group = new JackpotGroupId(configuration["Sample:Group"] ?? "main");
int count = int.Parse(configuration["Sample:Count"] ?? "3", CultureInfo.InvariantCulture);
var patience = TimeSpan.FromSeconds(double.Parse(configuration["Sample:TimeoutSeconds"] ?? "30", CultureInfo.InvariantCulture));

// 1. The registration from configuration: under Native AOT this binds through generated code.
var services = new ServiceCollection();
services.AddJackpotPushClient(configuration);
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<JackpotPushClient>();
Console.WriteLine($"bound workspace={client.Workspace}");

// 2. The other registrations resolve too (settings in code; configuration adjusted in code).
var inCode = new ServiceCollection();
inCode.AddJackpotPushClient(settings => settings.Workspace = client.Workspace.Value);
var adjusted = new ServiceCollection();
adjusted.AddJackpotPushClient(configuration, settings => settings.Linger = TimeSpan.Zero);
await using (var inCodeProvider = inCode.BuildServiceProvider())
await using (var adjustedProvider = adjusted.BuildServiceProvider())
{
    _ = inCodeProvider.GetRequiredService<JackpotPushClient>();
    _ = adjustedProvider.GetRequiredService<JackpotPushClient>();
}

// 3. The events, through the operators and the async stream.
using var board = client.Broadcast(group).ToBoard().Subscribe(_ => { });
using var changes = client.Broadcast(group).DetectInstanceChanges().Subscribe(_ => { });
using var status = client.Status(group).Subscribe(s => Console.WriteLine($"status {s.State} {s.Continuity}"));
int received = 0;
using var timeout = new CancellationTokenSource(patience);
await foreach (var jackpotEvent in client.Broadcast(group).ThrottleValues(TimeSpan.FromMilliseconds(1)).ValueUpdates()
                   .Take(count).ToAsyncEnumerable(capacity: 64, AsyncBufferOverflow.DropOldest).WithCancellation(timeout.Token))
{
    if (received++ == 0)
    {
        Console.WriteLine($"first-event-ms {Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)}");
    }

    Console.WriteLine($"event {jackpotEvent.Reason} {jackpotEvent.Jackpot} {jackpotEvent.RawValue} {jackpotEvent.Currency}");
}

// 4. A raw connection on the library's own transport and handler, decoded by hand; and a client made by hand.
using var transport = new HttpSseTransport(new HttpClient(HttpSseTransport.CreateDefaultHandler()));
await using var byHand = new JackpotPushClient(
    new JackpotPushClientOptions { Endpoint = new Uri(configuration["JackpotPush:Endpoint"]!), Workspace = client.Workspace, Linger = TimeSpan.Zero },
    transport,
    scheduler: null,
    loggerFactory: null);
var raw = await byHand.CreateConnection(ChannelName.Broadcast(client.Workspace, group), lastEventId: null)
    .Select(sseEvent => JackpotEvent.TryParse(sseEvent.Data.Span, out var parsed) ? parsed : null)
    .FirstAsync(parsed => parsed is not null)
    .Timeout(patience);
Console.WriteLine($"raw {raw!.Reason} {raw.Jackpot}");
Console.WriteLine($"done {received}");
return received == count ? 0 : 1;
