using System.Diagnostics;
using BenchmarkDotNet.Running;
using Jackpot.Reactive.Benchmarks;
using Jackpot.Reactive.Benchmarks.BlackBox;

// recording [--hours N] [--large-mb M] | blackbox [options] | quick | full [--out-of-process] | micro [--full] | loopback [--full] | scale [--full] | BenchmarkDotNet arguments (e.g. --filter '*Parser*')
string command = args.Length > 0 ? args[0] : "help";
return command switch
{
    "quick" => await SuiteRunner.RunAsync(full: false, outOfProcess: false).ConfigureAwait(false),
    "full" => await SuiteRunner.RunAsync(full: true, outOfProcess: args.Contains("--out-of-process")).ConfigureAwait(false),
    "micro" => SuiteRunner.RunMicro(full: args.Contains("--full")),
    "loopback" => await SuiteRunner.RunLoopbackAsync(args.Contains("--full") ? HarnessSettings.Full : HarnessSettings.Quick).ConfigureAwait(false),
    "scale" => await SuiteRunner.RunScaleAsync(args.Contains("--full") ? HarnessSettings.Full : HarnessSettings.Quick).ConfigureAwait(false),
    ManyChannelsBenchmark.Command => await ManyChannelsBenchmark.RunAsync(args).ConfigureAwait(false),
    "recording" => Jackpot.Reactive.Benchmarks.Recording.RecordingReplayBenchmark.Run(args),
    "cluster" => await Jackpot.Reactive.Benchmarks.Cluster.ClusterBenchmark.RunAsync(args).ConfigureAwait(false),
    "profile" => await ProfileTarget.RunAsync(args).ConfigureAwait(false),
    "blackbox" => await BlackBoxRunner.RunAsync(args).ConfigureAwait(false),
    BlackBoxServer.Command => await BlackBoxServer.RunAsync(args).ConfigureAwait(false),
    BlackBoxConsumers.Command => await BlackBoxConsumers.RunAsync(args).ConfigureAwait(false),
    "help" or "--help" or "-h" => Help(),
    _ => RunSwitcher(args),
};

static int Help()
{
    Console.WriteLine(SuiteRunner.Usage);
    return 0;
}

static int RunSwitcher(string[] args)
{
    var stopwatch = Stopwatch.StartNew();
    bool cpuClock = args.Contains(MicroBenchmarks.CpuClockOption);
    BenchmarkSwitcher.FromTypes(MicroBenchmarks.All).Run(
        [.. args.Where(argument => argument != MicroBenchmarks.CpuClockOption)],
        MicroBenchmarks.ForSwitcher(cpuClock));
    Console.WriteLine($"Done in {stopwatch.Elapsed:mm\\:ss}.");
    return 0;
}
