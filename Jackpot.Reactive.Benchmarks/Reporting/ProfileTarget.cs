using System.Diagnostics;

namespace Jackpot.Reactive.Benchmarks;

/// <summary>
/// Runs one hot path in a loop for a while, for a profiler to sample:
/// <c>dotnet-trace collect --profile cpu-sampling -- dotnet Jackpot.Reactive.Benchmarks.dll profile pipeline 20</c>.
/// </summary>
internal static class ProfileTarget
{
    public const string Usage = "profile <stages|decode|pipeline|straightforward|loopback|naive> [seconds] | profile reads <seconds> <channel url>";

    public static async Task<int> RunAsync(string[] args)
    {
        string target = args.Length > 1 ? args[1] : "pipeline";
        var duration = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
        var stopwatch = Stopwatch.StartNew();
        long events;
        switch (target)
        {
            case "reads":
                await BlackBox.ReadSizes.RunAsync(new Uri(args[3]), duration).ConfigureAwait(false);
                return 0;
            case "stages":
                BlackBox.PipelineStages.Run(duration);
                return 0;
            case "decode":
                var decode = new DecodeBenchmarks();
                events = 0;
                while (stopwatch.Elapsed < duration)
                {
                    for (int i = 0; i < 10_000; i++)
                    {
                        _ = decode.JackpotEventParse();
                    }

                    events += 10_000;
                }

                break;
            case "pipeline" or "straightforward":
                var benchmarks = new PipelineBenchmarks();
                benchmarks.Setup();
                long invocations = 0;
                while (stopwatch.Elapsed < duration)
                {
                    _ = target == "pipeline" ? benchmarks.JackpotReactive() : benchmarks.Straightforward();
                    invocations++;
                }

                events = invocations * PipelineBenchmarks.Events;
                break;
            case "loopback" or "naive":
                using (var simulator = await SimulatorProcess.StartAsync("--flood", "--heartbeat-ms", "600000").ConfigureAwait(false))
                {
                    IStreamConsumer consumer = target == "loopback"
                        ? new JackpotClientConsumer(simulator.SubscribeUri, SimulatorProcess.Workspace, SimulatorProcess.Group)
                        : new NaiveConsumer(JackpotPushEndpoint.BuildSubscribeUri(
                            ChannelName.Broadcast(SimulatorProcess.Workspace, SimulatorProcess.Group), simulator.SubscribeUri));
                    await using (consumer.ConfigureAwait(false))
                    {
                        await consumer.StartAsync(HarnessSettings.StartTimeout).ConfigureAwait(false);
                        await Task.Delay(duration).ConfigureAwait(false);
                        events = consumer.Received;
                    }
                }

                break;
            default:
                Console.Error.WriteLine(Usage);
                return 1;
        }

        var self = Process.GetCurrentProcess();
        Console.WriteLine(
            $"{target}: {events:N0} events in {stopwatch.Elapsed.TotalSeconds:F1} s; CPU {self.TotalProcessorTime.TotalSeconds:F1} s "
            + $"(user {self.UserProcessorTime.TotalSeconds:F1} s, kernel {self.PrivilegedProcessorTime.TotalSeconds:F1} s)");
        return 0;
    }
}
